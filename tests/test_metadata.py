"""Metadata read from any council's paper, end to end through the build: publisher, title, date,
kind and committee; where each was read (`explain DOCUMENT`); the papers to check; the ids the
build report gives. Every paper is written here, in the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.cli import main
from ingest.config.manifest import load_manifest
from ingest.errors import ConfigError
from ingest.pipeline import BuildOptions, build

from .conftest import build_with_cli, write_corpus

KENT = """# KENT COUNTY COUNCIL

# Report to Cabinet

Subject: Fostering recruitment for older children

Date of meeting: 30 January 2025

## 1. Summary

1.1 The council needs more foster carers for older children in care, and will recruit them locally.
"""

TOWN = """# Amenities Committee Tuesday 13th March 2018 Example Town Hall

# Present:

Cllrs A (Chairman), B and C.

# 52 Apologies for Absence

Committee resolved to note the apologies for absence from Cllr D and Cllr E.

# 53 Grass cutting

A resident raised concerns about grass cutting. The Chairman advised that Birmingham City Council is responsible for this service.
"""

OFSTED = """# Inspection of Essex local authority children's services

Inspection dates: 9 January to 20 January 2017

Lead inspector: Rachel Fairhurst, Her Majesty's Inspector

Report published: 7 February 2017

## Judgement

1. Ofsted inspected the help and protection the local authority gives to children in need of it.
"""


def test_publisher_is_read_from_each_paper_never_assumed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Bug: every citation said "City of York Council" (a default in the code), even Kent's, a
    town council's and Ofsted's."""
    corpus = write_corpus(tmp_path, {"kent.md": KENT, "town.md": TOWN, "ofsted.md": OFSTED})
    data = build_with_cli(tmp_path, corpus)
    docs = {d["sources"][0]["file"]: d for d in json.loads((data / "documents.json").read_text(encoding="utf-8"))}
    assert docs["kent.md"]["publisher"] == "Kent County Council"
    assert docs["ofsted.md"]["publisher"] == "Ofsted" and docs["ofsted.md"]["subject"] == "Essex"
    assert docs["town.md"]["publisher"] is None  # Birmingham is only named in passing: left out, not guessed
    cites = {json.loads(line)["document_id"]: json.loads(line)["citation"] for line in (data / "findings.jsonl").open(encoding="utf-8")}
    assert cites[docs["kent.md"]["id"]].startswith("Kent County Council, Fostering recruitment for older children (committee report, 30 January 2025)")
    assert cites[docs["ofsted.md"]["id"]].startswith("Ofsted, Inspection of Essex local authority children's services (inspection report, 7 February 2017)")
    assert cites[docs["town.md"]["id"]].startswith("Amenities Committee minutes, 13 March 2018 (minutes, 13 March 2018)")
    assert "City of York" not in "".join(p.read_text(encoding="utf-8") for p in data.iterdir())

    # A council sets its name once, for the papers that do not print it; a paper's own name wins.
    (corpus / "manifest.yaml").write_text("publisher: Example Town Council\n", encoding="utf-8")
    data = build_with_cli(tmp_path, corpus)
    cites = {json.loads(line)["document_id"]: json.loads(line)["citation"] for line in (data / "findings.jsonl").open(encoding="utf-8")}
    assert cites[docs["town.md"]["id"]].startswith("Example Town Council, Amenities Committee minutes, 13 March 2018")
    assert cites[docs["kent.md"]["id"]].startswith("Kent County Council, ")

    # Where each field came from: the line, its page, the rule and how sure it is.
    capsys.readouterr()
    assert main(["explain", docs["ofsted.md"]["id"], "--site", str(data.parent)]) == 0
    out = capsys.readouterr().out
    assert "date: '2017-02-07'" in out and "published date" in out and "'Report published: 7 February 2017'" in out
    assert "period: '2017-01-09/2017-01-20'" in out and "confidence 0." in out
    assert main(["explain", f"https://example.gov.uk/papers/documents/{docs['kent.md']['id']}/", "--site", str(data.parent)]) == 0
    assert "publisher: 'Kent County Council'" in capsys.readouterr().out


def test_build_report_gives_the_ids_documents_really_got(tmp_path: Path) -> None:
    """Bug: two papers whose inferred ids collide were both reported with the first one's id,
    though documents.json gave the second "-2"; a copy merged into the second named the first."""
    other = KENT.replace("older children in care, and will recruit them locally", "teenagers, and will pay them more")
    corpus = write_corpus(tmp_path, {"a.md": KENT, "b.md": other, "c.md": other})
    result = build(BuildOptions(corpus=corpus, site=tmp_path / "site", render=False, executor="serial"))
    holder = {s.file: d.id for d in result.corpus.documents for s in d.sources if not s.pack}
    reported = {r.file: r.document_id for r in result.corpus.report}
    assert reported == holder
    assert len(set(holder.values())) == 2 and reported["b.md"].endswith("-2")
    merged = next(r for r in result.corpus.report if r.file == "c.md")
    assert merged.status == "merged" and merged.reason == f"duplicate of {reported['b.md']}"


def test_papers_read_with_low_confidence_are_listed_for_the_manifest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    vague = "Some notes on placements.\n\n1. The service will review the placements of every child in care this year.\n"
    corpus = write_corpus(tmp_path, {"vague.txt": vague, "kent.md": KENT})
    data = build_with_cli(tmp_path, corpus)
    report = {r["file"]: r for r in json.loads((data / "build-report.json").read_text(encoding="utf-8"))}
    assert set(report["vague.txt"]["low_confidence"]) >= {"title", "date"}
    assert report["kent.md"]["low_confidence"] == []
    err = capsys.readouterr().err
    assert "low confidence in 1 paper" in err and "vague.txt" in err and "kent.md (" not in err


def test_minutes_agendas_and_reports_from_other_councils(tmp_path: Path) -> None:
    minutes = ("# KENT COUNTY COUNCIL\n\n# CABINET\n\nMINUTES of a meeting of the Cabinet held in the Council Chamber on "
               "Thursday, 30th January, 2025.\n\nPRESENT: Mr A (Chairman), Mrs B\n\n## 1. Minutes of the meeting held on 9 January 2025\n\n"
               "RESOLVED that the minutes of the meeting held on 9 January 2025 are a correct record.\n\n"
               "## 2. Report by Leader of the Council\n\n1) The Leader reported on the budget for children's services this year.\n\n"
               "2) He said the council would recruit more foster carers for teenagers.\n")
    agenda = ("# AGENDA\n\n# CABINET\n\nThursday, 30th January, 2025, at 10.00 am\n\n## 1. Apologies\n\n"
              "## 2. Minutes of the Meeting held on 9th January 2025 (Pages 1 - 10)\n\n"
              "(During these items the meeting is likely to be open to the public and the press.)\n")
    report = ("Report to: Children and Young People Scrutiny Committee\n\nMeeting: 28/05/2024\n\nSubject: Placement sufficiency\n\n"
              "1. Purpose of the report\n\n1.1 This report tells members how many placements the council has for children in care.\n")
    corpus = write_corpus(tmp_path, {"minutes.md": minutes, "agenda.md": agenda, "report.txt": report})
    result = build(BuildOptions(corpus=corpus, site=tmp_path / "site", render=False, executor="serial"))
    docs = {d.sources[0].file: d for d in result.corpus.documents}
    m = docs["minutes.md"]
    assert (m.kind, m.title, m.date, m.body, m.publisher) == ("minutes", "Cabinet minutes, 30 January 2025", "2025-01-30", "Cabinet",
                                                              "Kent County Council")
    assert [f.label for f in m.findings if f.label.startswith("2 ")] == ["2 1", "2 2"]  # cited by paragraph, "2 1"
    a = docs["agenda.md"]  # a front sheet: an agenda (not a pack whose items are missing) and its text is kept
    assert (a.kind, a.title, a.date) == ("agenda", "Cabinet agenda, 30 January 2025", "2025-01-30") and a.findings
    r = docs["report.txt"]
    assert (r.kind, r.title, r.date, r.body) == ("committee report", "Placement sufficiency", "2024-05-28",
                                                 "Children and Young People Scrutiny Committee")
    assert r.provenance["date"].line == "Meeting: 28/05/2024" and r.provenance["date"].confidence >= 0.9


def test_manifest_overrides_and_old_kinds_still_load(tmp_path: Path) -> None:
    plan = "# Work plan\n\n## Items for 2025\n\n## March\n\n1. The committee will hear the annual report on fostering and adoption.\n"
    corpus = write_corpus(tmp_path, {"kent.md": KENT, "plan.md": plan, "old.md": OFSTED})
    (corpus / "manifest.yaml").write_text(
        "documents:\n"
        "  - file: kent.md\n    kind: Report\n    title: Foster carers\n    publisher: Kent County Council (Children's Services)\n"
        "  - file: plan.md\n    kind: work plan\n"
        "  - file: old.md\n    kind: inspection report\n    publisher: Ofsted\n    subject: Essex County Council\n", encoding="utf-8")
    result = build(BuildOptions(corpus=corpus, site=tmp_path / "site", render=False, executor="serial"))
    docs = {d.sources[0].file: d for d in result.corpus.documents}
    assert (docs["kent.md"].kind, docs["kent.md"].title, docs["kent.md"].publisher) == ("report", "Foster carers",
                                                                                        "Kent County Council (Children's Services)")
    assert "title" not in docs["kent.md"].provenance and "kind" not in docs["kent.md"].provenance
    assert docs["plan.md"].kind == "work plan"
    assert docs["old.md"].subject == "Essex County Council"
    (corpus / "manifest.yaml").write_text("documents:\n  - file: kent.md\n    kind: memo\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_manifest(corpus)
    assert "'memo' is not one of" in str(err.value) and "inspection report" in str(err.value) and "work plan" in str(err.value)


def test_seed_manifest_fields_are_not_inferred(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    """The bundled corpus's manifest gives its papers' metadata: nothing it gives is read again."""
    for d in seed_corpus.documents:
        if not any(s.pack for s in d.sources):
            assert set(d.provenance) <= {"publisher", "subject"}, d.id
            assert d.inferred == []


def test_a_twin_named_in_the_manifest_names_the_document_and_its_provenance(tmp_path: Path) -> None:
    """A PDF and its text, only the text in the manifest: the document takes the entry's title,
    and `explain` must not say the title was read from the PDF's first lines."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    lines = ["Report to Cabinet", "Date of meeting: 30 January 2025", "Subject: Foster carers",
             "1. The council needs more foster carers for older children in care this year.",
             "2. The council will recruit them locally and pay them on the same scale as others."]
    corpus = write_corpus(tmp_path, {"report.txt": "\n\n".join(lines) + "\n"})
    c = canvas.Canvas(str(corpus / "report.pdf"), pagesize=A4)
    for n, line in enumerate(lines):
        c.drawString(72, 780 - 40 * n, line)
    c.showPage()
    c.save()
    (corpus / "manifest.yaml").write_text("documents:\n  - file: report.txt\n    title: Recruiting foster carers for older children\n"
                                          "    date: 2025-01-30\n    kind: committee report\n", encoding="utf-8")
    result = build(BuildOptions(corpus=corpus, site=tmp_path / "site", render=False, executor="serial"))
    (doc,) = result.corpus.documents
    assert {s.file for s in doc.sources} == {"report.txt", "report.pdf"}
    assert doc.title == "Recruiting foster carers for older children"
    assert not {"title", "date", "kind"} & set(doc.provenance)


def test_salutation_has_one_owner() -> None:
    """A salutation opening its line, or ending the address block it was run into; never a sentence."""
    from ingest.document.metadata.classify import is_salutation, salutation_run_in

    assert is_salutation("Dear Ms Smith") and not salutation_run_in("Dear Ms Smith")
    assert is_salutation("Cheshire Dear Ms McLoughlin") and salutation_run_in("Cheshire Dear Ms McLoughlin")
    assert not is_salutation("Dearne Valley Area Committee")
    assert not is_salutation("The council held dear the principle of openness in all its meetings and papers.")
