"""The built site's open data read back: what `explain`, `review` and `decide` look things up in.

They work on the site as published, not on the corpus, so that what an officer checks or decides
is what readers see. The files and their fields are those `ingest/site/export.py` writes (and the
README documents); the records here are typed to them. Each file is read once, when first asked
for, so `explain DOCUMENT` reads no findings.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypedDict

from ingest.corpus.series import later_in_series
from ingest.errors import Errors, NoBuiltSite


class _FindingFields(TypedDict):
    id: str
    document_id: str
    date: str | None
    kind: str
    section: str  # the headings it sits under, joined with " > "
    label: str
    text: str
    page: int | None
    themes: list[str]
    url: str
    side: str | None
    document_title: str
    citation: str
    evidence: dict[str, list[str]]
    pdf_page: int | None
    printed_page: str | None


class FindingRecord(_FindingFields, total=False):
    """One line of findings.jsonl."""

    ocr: bool  # only on findings read by OCR
    ocr_confidence: float | None


class LinkRecord(TypedDict):
    """One line of links.jsonl or possible-links.jsonl."""

    source: str | None
    target: str | None
    score: float
    relation: str
    themes: list[str]
    evidence: list[str]
    confirmed: bool


# A document record (documents.json) has many fields, read by name where they are shown.
DocumentRecord = dict[str, Any]


@dataclass(frozen=True)
class SeriesEntry:
    """A published document as series pairing reads it (`ingest.corpus.series.InSeries`)."""

    id: str
    series: str | None
    period: str | None
    date: str | None
    findings: int

    @classmethod
    def of(cls, rec: DocumentRecord) -> SeriesEntry:
        return cls(rec["id"], rec.get("series"), rec.get("period"), rec.get("date"), rec.get("findings") or 0)


class PublishedSite:
    """The open data of the site built at `site` (its data/ folder)."""

    def __init__(self, site: Path, needs: tuple[str, ...] = ("findings.jsonl",)) -> None:
        self.site = site
        self.data = site / "data"
        for name in needs:
            if not (self.data / name).is_file():
                raise NoBuiltSite(Errors.E300, site=site, missing=f"data/{name}")

    def has(self, name: str) -> bool:
        return (self.data / name).is_file()

    def _lines(self, name: str) -> Iterator[Any]:
        with (self.data / name).open(encoding="utf-8") as fh:
            yield from (json.loads(line) for line in fh if line.strip())

    @cached_property
    def documents(self) -> dict[str, DocumentRecord]:
        """Document id -> its record, in the site's order."""
        return {d["id"]: d for d in json.loads((self.data / "documents.json").read_text(encoding="utf-8"))}

    @cached_property
    def findings(self) -> dict[str, FindingRecord]:
        """Finding id -> its record, in the papers' order."""
        return {rec["id"]: rec for rec in self._lines("findings.jsonl")}

    @cached_property
    def links(self) -> list[LinkRecord]:
        """The follow-through links (none where the file is missing: a site of one paper a series)."""
        return list(self._lines("links.jsonl")) if self.has("links.jsonl") else []

    @cached_property
    def possible_links(self) -> list[LinkRecord]:
        """The possible matches; none for a site built before they were published (schema 1.0)."""
        return list(self._lines("possible-links.jsonl")) if self.has("possible-links.jsonl") else []

    @cached_property
    def _later(self) -> dict[str, SeriesEntry]:
        return later_in_series(SeriesEntry.of(d) for d in self.documents.values())

    def later_in_series(self, doc_id: str) -> str | None:
        """The id of the document after this one in its series, as the build paired them."""
        later = self._later.get(doc_id)
        return later.id if later else None
