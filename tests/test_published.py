"""The one reader of the built site's open data (ingest/officer/published.py), used by `explain`,
`review` and `decide`: its records are the fields the export writes, and it pairs published papers
as the build paired the papers themselves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.corpus.series import series_pairs
from ingest.model import Document, DocumentKind, Finding, Link
from ingest.officer.published import FindingRecord, LinkRecord, NoBuiltSite, PublishedSite
from ingest.site.export import FINDING_FIELDS, document_record


def test_records_are_typed_to_the_fields_the_export_writes() -> None:
    assert set(FindingRecord.__annotations__) == set(FINDING_FIELDS)
    assert set(LinkRecord.__annotations__) == set(Link.model_fields)


def test_a_folder_without_open_data_is_no_built_site(tmp_path: Path) -> None:
    with pytest.raises(NoBuiltSite, match="Run `python -m ingest build` first"):
        PublishedSite(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "findings.jsonl").write_text("", encoding="utf-8")
    PublishedSite(tmp_path)
    with pytest.raises(NoBuiltSite):
        PublishedSite(tmp_path, needs=("findings.jsonl", "links.jsonl"))


def _doc(doc_id: str, series: str | None, period: str | None, date: str, findings: int) -> Document:
    return Document(id=doc_id, title=doc_id, date=date, kind=DocumentKind("peer-review letter"), series=series, period=period,
                    findings=[Finding(id=f"{doc_id}/p{i}", key=f"p{i}", document_id=doc_id, kind="paragraph", label=str(i), text="x")
                              for i in range(findings)])


def test_published_papers_pair_as_the_build_paired_them(tmp_path: Path) -> None:
    # Out of order in the file; one paper of the series has no findings (skipped), one is in another series,
    # and the period orders before the date does.
    docs = [_doc("c", "s", None, "2020-01-01", 2), _doc("a", "s", "2011-02", "2019-01-01", 1),
            _doc("empty", "s", None, "2015-01-01", 0), _doc("b", "s", "2014", "2014-06-01", 3),
            _doc("other", "t", None, "2012-01-01", 1), _doc("alone", None, None, "2013-01-01", 1)]
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "findings.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "data" / "documents.json").write_text(json.dumps([document_record(d) for d in docs]), encoding="utf-8")
    published = PublishedSite(tmp_path)
    built = {earlier.id: later.id for earlier, later in series_pairs(docs)}
    assert built == {"a": "b", "b": "c"}
    assert {d: published.later_in_series(d) for d in built} == built
    assert [published.later_in_series(d) for d in ("c", "empty", "other", "alone", "missing")] == [None] * 5
