"""Findings that would grow past a bound are cut into parts as they grow.

A 2,000-page PDF of numbered lines, or a paper whose paragraphs lost their breaks, made one
finding of twenty million characters: too long for spaCy (E088 over a million), minutes to tag,
no use to an officer, and built by copying the growing text again for each line it took on
(12 MB of text took 32 s to segment). So a finding never grows past `Bounds.max_finding_chars`:
what would take it past starts its next part, and a block longer than that is cut at paragraph,
line or sentence boundaries first. The first part keeps the finding's id, key and label; the
others are "7.14 (part 2)", "7.14 (part 3)" with keys "p7-14-part-2", each on the page its words
start on and each with its own block, so the document page shows it in place. Real findings
are far shorter (the seed papers' longest has 3,742 characters): this never changes them.
"""

from __future__ import annotations

from collections.abc import Callable

from ingest.bounds import pieces
from ingest.model import CellPart, Finding
from ingest.textutil import join_lines


class Parts:
    def __init__(self, limit: int, findings: list[Finding], keys: set[str]) -> None:
        self.limit = limit
        self.findings = findings  # the document's findings, in reading order (shared)
        self.keys = keys  # keys taken in the document (shared)
        self.root: dict[str, Finding] = {}  # a part's id -> the finding it is a part of
        self.latest: dict[str, Finding] = {}  # a finding's id -> its last part
        self.count: dict[str, int] = {}

    def grow(self, f: Finding, text: str, page: int | None, join: Callable[[str, str], str]) -> Finding:
        """Join `text` onto the last part of `f` with `join`, or start a new part with it when
        that would pass the limit. Returns the finding that took the text."""
        root = self.root.get(f.id, f)
        last = self.latest.get(root.id, root)
        if len(last.text) + len(text) + 2 <= self.limit:
            last.text = join(last.text, text)
            return last
        return self.part(f, text, page)

    def part(self, f: Finding, text: str, page: int | None) -> Finding:
        """A new part of `f` (or of the finding `f` is a part of) holding `text`."""
        root = self.root.get(f.id, f)
        n = self.count[root.id] = self.count.get(root.id, 1) + 1
        key = base = f"{root.key}-part-{n}"
        k = 1
        while key in self.keys:
            k += 1
            key = f"{base}-{k}"
        self.keys.add(key)
        last = self.latest.get(root.id, root)
        part = root.model_copy(update={"id": f"{root.document_id}/{key}", "key": key, "label": f"{root.label} (part {n})",
                                       "text": text, "page": page if page is not None else last.page}, deep=True)
        self.root[part.id] = root
        self.latest[root.id] = part
        self.findings.append(part)
        return part

    def last_of(self, f: Finding) -> Finding:
        return self.latest.get(self.root.get(f.id, f).id, f)

    def same_kind(self) -> None:
        """Parts take their finding's kind, which segmenting may settle after they were made."""
        for f in self.findings:
            if f.id in self.root:
                f.kind = self.root[f.id].kind


# How segmenting joins text onto a finding (as `Parts.grow` takes it).
def then(sep: str) -> Callable[[str, str], str]:
    return lambda old, new: old + sep + new


def continued(old: str, new: str) -> str:
    """A continuation paragraph (a page break, a "Reason:" line) onto a numbered paragraph."""
    return (old.rstrip() + "\n\n" + new).strip()


def rejoined(old: str, new: str) -> str:
    """A table cell's paragraph onto the bullet it continues, words split at line ends rejoined."""
    return join_lines([old, new])


def cut_part(p: CellPart, limit: int) -> list[CellPart]:
    """A table cell's paragraph in pieces of at most `limit`: the rest continue the first."""
    if len(p.text) <= limit:
        return [p]
    first, *rest = pieces(p.text, limit)
    return [p.model_copy(update={"text": first}), *(CellPart(text=piece, page=p.page) for piece in rest)]
