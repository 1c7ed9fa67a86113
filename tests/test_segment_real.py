"""Segmentation of papers nobody here wrote: printed numbering in every common form, nothing lost.

- `tests/labelled/numbering_cases.yaml`: one short paper per numbering form and the (label,
  text) findings it must give, all built in one corpus by the real orchestrator;
- hypothesis: every body paragraph of a generated numbered paper lands in exactly one finding,
  and printed labels stay unique when the printed numbering is;
- regressions for issue 14, each built here and run through `ingest.pipeline.build` or the CLI;
- floors on the labelled real papers' tuning half (skipped where the papers are not on this
  machine), measured by `scripts/evaluate_real.py`'s own functions.
"""

from __future__ import annotations

import re
from pathlib import Path

import evaluate_real
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.cli import main as cli_main
from ingest.document.convert import convert_file
from ingest.model import Corpus, Document
from ingest.pipeline import BuildOptions, build

from .conftest import ROOT

CASES = yaml.safe_load((ROOT / "tests" / "labelled" / "numbering_cases.yaml").read_text(encoding="utf-8"))


def _build(corpus: Path, tmp: Path, strict: bool = False) -> Corpus:
    return build(BuildOptions(corpus=corpus, site=tmp / "site", executor="serial", render=False, strict=strict)).corpus


def _docs_of(corpus: Corpus, file: str) -> list[Document]:
    return [d for d in corpus.documents if any(s.file == file for s in d.sources)]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@pytest.fixture(scope="module")
def cases_built(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    tmp = tmp_path_factory.mktemp("numbering")
    corpus = tmp / "corpus"
    corpus.mkdir()
    for case in CASES:
        (corpus / f"{_slug(case['name'])}.md").write_text(case["text"], encoding="utf-8")
    return _build(corpus, tmp)


@pytest.mark.parametrize("case", CASES, ids=[c["form"] for c in CASES])
def test_numbering_form(case: dict, cases_built: Corpus) -> None:
    docs = _docs_of(cases_built, f"{_slug(case['name'])}.md")
    assert len(docs) == 1, [r.reason for r in cases_built.report if r.file.startswith(_slug(case["name"]))]
    got = [[f.label, f.text] for f in docs[0].findings]
    assert got == case["findings"]


def test_numbering_cases_lose_nothing(cases_built: Corpus) -> None:
    """Every case's body text is in its findings: coverage 1.0 in the build report."""
    for r in cases_built.report:
        assert r.status == "built" and r.coverage == 1.0, (r.file, r.coverage, r.reason)


# ------------------------------------------------------------------ generated numbered papers

_WORDS = st.sampled_from(["council", "review", "children", "placement", "service", "officers", "report", "budget", "plan", "members", "housing"])
_SENTENCE = st.lists(_WORDS, min_size=4, max_size=12).map(lambda ws: " ".join(ws).capitalize() + ".")


@st.composite
def _paper(draw: st.DrawFn) -> tuple[str, list[str], bool]:
    """(Markdown, the body paragraphs as printed, every paragraph numbered). Minutes numbered
    from a random start; each with numbered points, lettered sub-points, bullets after a colon
    and unnumbered paragraphs. Each paragraph ends with a word of its own, so that where its
    text went can be told."""
    seen = iter(range(10_000))

    def sentence(end: str = ".") -> str:
        tag = "".join(chr(ord("k") + int(d)) for d in str(next(seen)))  # 12 -> "lm": no digits
        return f"{draw(_SENTENCE)[:-1]} {tag}{end}"

    first = draw(st.integers(min_value=1, max_value=400))
    lines = ["# Committee minutes", ""]
    body: list[str] = []
    all_numbered = True
    openers = ["Apologies for Absence", "Declarations of Interest", "Minutes of the Previous Meeting"]
    for m in range(draw(st.integers(min_value=3, max_value=5))):
        number = first + m
        title = openers[m] if m < len(openers) else f"Report on the {draw(_WORDS)}"
        lines += [f"# {number}. {title}", ""]
        for p in range(1, draw(st.integers(min_value=0, max_value=4)) + 1):
            style = draw(st.sampled_from(["{}.", "{})"]))
            subs = draw(st.integers(min_value=0, max_value=3))
            text = sentence(":" if subs else ".")
            lines += [f"{style.format(p)} {text}", ""]
            body.append(text)
            for s in range(subs):
                sub = sentence()
                lines += [f"{'abcdefgh'[s]}) {sub}", ""]
                body.append(sub)
        if draw(st.booleans()):
            intro = sentence(":")
            lines += [intro, ""]
            body.append(intro)
            all_numbered = False
            for _ in range(draw(st.integers(min_value=1, max_value=3))):
                bullet = sentence()
                lines.append(f"- {bullet}")
                body.append(bullet)
            lines.append("")
        for _ in range(draw(st.integers(min_value=0, max_value=2))):
            para = sentence()
            lines += [para, ""]
            body.append(para)
            all_numbered = False
    return "\n".join(lines), body, all_numbered


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_paper())
def test_generated_numbered_text_lands_in_exactly_one_finding(tmp_path: Path, paper: tuple[str, list[str], bool]) -> None:
    text, body, all_numbered = paper
    path = tmp_path / "minutes.md"
    path.write_text(text, encoding="utf-8")
    doc = convert_file(path, None).documents[0]
    for para in body:
        holders = [f for f in doc.findings if para in f.text]
        assert len(holders) == 1, (para, [f.label for f in holders])
    labels = [f.label for f in doc.findings]
    if all_numbered:
        assert len(labels) == len(set(labels)), labels
    assert all(re.fullmatch(r"\d{1,3}( (\d{1,2}|[a-h]|bullet \d+))*", lab) for lab in labels), labels


# ------------------------------------------------------------------ regressions, end to end


def _write(corpus: Path, name: str, text: str) -> None:
    corpus.mkdir(exist_ok=True)
    (corpus / name).write_text(text, encoding="utf-8")


def test_front_sheet_without_its_items_is_read_as_a_paper(tmp_path: Path) -> None:
    """An agenda front sheet lists items with pages but binds none in: it used to give no
    findings and be reported as built; now it is read as a paper in its own right."""
    corpus = tmp_path / "corpus"
    _write(corpus, "manifest.yaml", "documents:\n  - file: frontsheet.md\n    kind: agenda pack\n")
    _write(corpus, "frontsheet.md", (
        "# AGENDA\n\n# CABINET\n\n# UNRESTRICTED ITEMS\n\n"
        "- (During these items the meeting is likely to be open to the public)\n\n"
        "1. Apologies\n\n2. Declarations of Interest\n\n"
        "3. Minutes of the Meeting held on 9th January 2025 (Pages 1 - 10)\n\n"
        "4. Revenue and Capital Budget Monitoring Report (Pages 11 - 84)\n\n"
        "# EXEMPT ITEMS\n\n- (At the time of preparing the agenda there were no exempt items.)\n"))
    result = _build(corpus, tmp_path)
    docs = _docs_of(result, "frontsheet.md")
    assert len(docs) == 1 and docs[0].findings
    assert any("there were no exempt items" in f.text for f in docs[0].findings)
    report = next(r for r in result.report if r.file == "frontsheet.md")
    assert report.status == "built" and report.coverage is not None and report.coverage > 0.9


def test_paper_with_no_findings_is_skipped_with_its_reason_and_fails_strict(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write(corpus, "cover.txt", "CABINET\n\n12 March 2026\n\nCouncil Offices\n")
    _write(corpus, "report.txt", "1. The committee is asked to note the annual review of the service.\n")
    result = _build(corpus, tmp_path)
    report = next(r for r in result.report if r.file == "cover.txt")
    assert report.status == "skipped" and report.code == "E007"
    assert "short lines" in (report.reason or "") and "cover sheet" in (report.reason or "")
    code = cli_main(["build", "--corpus", str(corpus), "--site", str(tmp_path / "site2"), "--strict", "--quiet",
                     "--executor", "serial", "--no-cache"])
    assert code == 1


def test_pack_item_with_no_findings_is_skipped_not_built(tmp_path: Path) -> None:
    """An agenda item split out of a pack that gives no findings (a cover sheet) used to be a
    document with nothing in it, reported as built; now it is skipped with its reason."""
    corpus = tmp_path / "corpus"
    _write(corpus, "manifest.yaml", "documents:\n  - file: pack.md\n    kind: agenda pack\n")
    _write(corpus, "pack.md", (
        "# AGENDA\n\n# Children's Committee\n\n"
        "1. Overview of Children's Services (Pages 3 - 4)\n\n"
        "2. Work Programme (Pages 5 - 5)\n\n"
        "# Page 2\n\n# Overview of Children's Services\n\n"
        "1. This report provides an overview of children's services in the city.\n\n"
        "2. Inspectors found that practice had improved since the last visit.\n\n"
        "# Page 4\n\n# Work Programme\n\n# To follow\n"))
    result = _build(corpus, tmp_path)
    skipped = [r for r in result.report if r.status == "skipped"]
    assert [(r.file, r.code) for r in skipped] == [("pack.md (item 2)", "E281")]
    assert "Work Programme" in (skipped[0].reason or "")
    assert not any(d.title == "Work Programme" for d in result.documents)
    assert any(d.title == "Overview of Children's Services" and len(d.findings) == 2 for d in result.documents)
    pack = next(d for d in result.documents if d.kind == "agenda pack")
    assert {i.number: i.document_id for i in pack.items}["2"] is None


def test_low_coverage_is_reported_with_what_was_left_out(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    # Short lines (a name, a date) are not findings; here they are most of the paper.
    names = "\n\n".join(f"Councillor Name{i}." for i in range(40))
    _write(corpus, "attendance.txt", f"{names}\n\n1. The meeting was attended by the members named above.\n")
    result = _build(corpus, tmp_path)
    report = next(r for r in result.report if r.file == "attendance.txt")
    assert report.status == "built" and report.code == "E280"
    assert report.coverage is not None and report.coverage < 0.5
    assert "short lines" in (report.reason or "")
    # A warning, not a skip: --strict still publishes.
    assert not [r for r in result.report if r.status == "skipped"]


def test_paragraph_cut_by_a_page_break_and_a_running_header_stays_one_finding(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write(corpus, "report.md", (
        "# Page 1\n\n# Report of the Director\n\n# 3. Findings\n\n"
        "3.1 The review found that the\n\n"
        "# Page 2\n\n# Children's Services Committee - 12 March 2025\n\n"
        "service had improved since the last inspection.\n\n"
        "3.2 Caseloads were manageable.\n"))
    result = _build(corpus, tmp_path)
    findings = {f.label: f for f in _docs_of(result, "report.md")[0].findings}
    assert findings["3.1"].text == "The review found that the service had improved since the last inspection."
    assert findings["3.2"].text == "Caseloads were manageable."


def test_wrapped_lines_of_a_glyph_bullet_are_one_bullet(tmp_path: Path) -> None:
    """A PDF's bullet whose glyph survives ("» Scenario B ...") wraps onto lines without it:
    they used to be bullets of their own, cutting the sentence in three."""
    corpus = tmp_path / "corpus"
    _write(corpus, "summary.md", (
        "# Summary\n\n# Scenarios\n\n8. The assessment considered two scenarios:\n\n"
        "- » Scenario A is based on past trends and assumes that the increase to\n"
        "- housing supply will enable additional growth.\n"
        "- » Scenario B is based on increased household formation and assumes that the increase to\n"
        "- housing supply will enable the 17,200 potential households identified who want to live\n"
        "- independently to form separate households.\n"))
    result = _build(corpus, tmp_path)
    texts = [f.text for f in _docs_of(result, "summary.md")[0].findings]
    assert ("» Scenario B is based on increased household formation and assumes that the increase to housing "
            "supply will enable the 17,200 potential households identified who want to live independently to "
            "form separate households.") in texts
    assert len(texts) == 3


# ------------------------------------------------------------------ floors on the real papers

@pytest.fixture(scope="module")
def tuning_counts(tuning_half) -> dict:  # type: ignore[no-untyped-def]
    papers, present, corpus = tuning_half
    if len(present) < len(papers) // 2:
        pytest.skip("the labelled real papers are not on this machine")
    return evaluate_real.evaluate(present, corpus)["halves"]["tune"].counts


# Floors a little under this round's figures (issue 14, 69 tuning papers, second round of 2
# December 2026: sentences 0.981, labels 0.944, no paper without findings), so that a change which
# loses sentences or labels on real papers fails here; the aims are reported by
# scripts/evaluate_real.py, for the held-out half too. 3 December 2026, 85 tuning papers (16 of a
# new blind-labelled batch) and the day's reading-order and table rules: 0.988, 0.940. 4 December
# 2026, 97 tuning papers with sentences (12 of blind-labelled batch 4) and the day's run-in lead,
# footnote-reference, page-cut row, capital-numeral and hanging-indent rules: 0.996, 0.943.
# 4 December 2026, 109 tuning papers with sentences (batch 5's committee-cycle and other bodies'
# papers added before any rule was written from them): 0.999, 0.917 with every paper; labels 0.919
# with only the papers the repository carries (CI). The label floor moves under both.
FLOORS = {"sentences whole": 0.99, "label right": 0.91}


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_real_papers_tuning_half_floor(figure: str, tuning_counts: dict) -> None:
    right, of = tuning_counts[figure]
    assert of and right / of >= FLOORS[figure], f"{figure}: {right}/{of}"


def test_real_papers_every_paper_has_findings(tuning_counts: dict) -> None:
    bad, of = tuning_counts["no findings"]
    assert of and bad == 0
