"""Agenda packs split into items with the pack's page numbers; one canonical copy per report."""

from __future__ import annotations

from collections import Counter

from ingest.config.manifest import load_manifest
from ingest.document.convert import convert_file
from ingest.textutil import match_text

from .conftest import CORPUS

PACK = "2020-02-26-cecc-scrutiny-agenda-pack.md"


def test_pack_splits_into_items_with_pages() -> None:
    docs = convert_file(CORPUS / PACK, load_manifest(CORPUS).entry(PACK)).documents
    pack = docs[0]
    assert pack.kind == "agenda pack" and not pack.findings
    items = {i.number: (i.title, i.pages) for i in pack.items}
    assert items["2"] == ("Minutes", "1-8")
    assert items["4"] == ("Overview of Children's Services", "9-18")
    assert items["5"] == ("Regional Peer Review of our Children and Young People in Care (CYPIC)", "19-26")
    assert items["6"][1] == "27-30" and items["7"][1] == "31-34"
    parts = {d.sources[0].item: d for d in docs[1:]}
    assert set(parts) == {"2", "4", "5", "6", "7"}
    minutes = parts["2"]
    assert minutes.kind == "minutes" and minutes.date == "2020-01-28"
    assert [f.label for f in minutes.findings if f.kind == "minute"] == [str(n) for n in range(43, 51)]
    # A resolution is labelled with its minute's number, as printed; its kind says what it is.
    resolved = {f.label: f.text for f in minutes.findings if f.kind == "resolution"}
    assert resolved["50"].startswith("That the work plan be approved")
    assert "Reason: To keep the Committee's work plan updated." in resolved["50"]
    assert parts["4"].findings[0].label == "1" and parts["5"].sources[0].pages == "19-26"
    # The pack's own page marker dates the end of the last page of an item.
    assert any(f.page == 18 for f in parts["4"].findings)


def test_duplicates_merged_with_every_publication(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    docs = {d.id: d for d in seed_corpus.documents}
    cypic = docs["2020-02-26-cypic-regional-peer-review"]
    places = {(s.file, s.item, s.pages) for s in cypic.sources}
    assert ("2020-02-26-cypic-peer-review-report.pdf", None, None) in places
    assert ("2020-02-26-cypic-peer-review-report.txt", None, None) in places
    assert (PACK, "5", "19-26") in places
    overview = docs["2020-02-26-overview-of-childrens-services"]
    assert (PACK, "4", "9-18") in {(s.file, s.item, s.pages) for s in overview.sources}
    assert len(seed_corpus.documents) == 8


def test_no_finding_appears_twice(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    counts = Counter((f.document_id[:10], match_text(f.text)) for f in seed_corpus.findings() if len(f.text) > 60 and f.kind != "table row")
    repeated = [k for k, n in counts.items() if n > 1]
    assert not repeated
    hits = [f for f in seed_corpus.findings() if "Issues of stability and capacity in the workforce" in f.text]
    assert len(hits) == 1 and hits[0].page == 3  # the canonical copy carries the PDF's page


def test_every_input_reported(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    status = Counter(r.status for r in seed_corpus.report)
    files = {r.file for r in seed_corpus.report}
    assert {p.name for p in CORPUS.iterdir() if p.suffix in (".pdf", ".txt", ".md")} <= files
    assert status["merged"] == 4 and status["skipped"] == 0
