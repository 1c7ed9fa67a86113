"""Keep one canonical document for a report published more than once.

The same report turns up on its own, inside an agenda pack, and as a PDF beside its text. The
copies differ in extraction noise (a lost paragraph number, a hyphen, a dash), so matching uses
rapidfuzz on normalised text, compared only within a block of candidates (same date, or the
same declared id) so the work grows with the corpus, not with its square.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from ingest.errors import Errors, IngestError
from ingest.model import Document, Finding
from ingest.textutil import match_text, slugify

SAME_DOCUMENT = 90.0  # token_sort_ratio on the first SIGNATURE_CHARS of normalised text
# Two files the manifest gives one id: the officer says they are one paper, so a lower bar than
# for papers that merely share a date. On the seed corpus a PDF and its text score 100 and two
# different papers of the same service at most 67.
SAME_DECLARED = 80.0


@dataclass
class Merge:
    canonical: str
    merged: Document
    refused: str | None = None  # why `merged` was left out rather than merged (E153), if it was


SIGNATURE_CHARS = 6000


def _signature(doc: Document) -> str:
    """The first 6,000 characters of the document's normalised text. Normalising is local (each
    character, or run of separators, maps in place), so a prefix of the raw text normalises to a
    prefix of the whole: the whole text is only normalised when its first 12,000 characters do
    not give enough (normalising every paper in full was half of dedupe at 5,000 papers)."""
    raw = " ".join(f.text for f in doc.findings)
    if len(raw) > 2 * SIGNATURE_CHARS:
        head = match_text(raw[: 2 * SIGNATURE_CHARS])
        if len(head) > SIGNATURE_CHARS:
            return head[:SIGNATURE_CHARS]
    return match_text(raw)[:SIGNATURE_CHARS]


def _rank(doc: Document) -> tuple[int, int, int]:
    """Prefer a document published on its own, then more findings, then one with page numbers."""
    standalone = 0 if any(s.pack for s in doc.sources) else 1
    paged = sum(1 for f in doc.findings if f.page is not None)
    return (standalone, len(doc.findings), paged)


def dedupe(docs: list[Document]) -> tuple[list[Document], list[Merge]]:
    docs, refused = _refuse_id_conflicts(docs)
    groups: dict[str, list[Document]] = defaultdict(list)
    for d in docs:
        groups[d.date or "undated"].append(d)
    # Only papers that share their date with another are compared: a paper alone on its date
    # needs no signature (about a quarter of them; making signatures was a third of dedupe).
    sigs = {id(d): _signature(d) for group in groups.values() if len(group) > 1 for d in group if d.findings}
    parent: dict[int, int] = {id(d): id(d) for d in docs}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_id: dict[str, list[Document]] = defaultdict(list)
    for d in docs:
        if _declared(d):
            by_id[d.id].append(d)
    for declared in by_id.values():
        # An id declared in the manifest for two files (a PDF and its text) makes them one
        # document; _refuse_id_conflicts has already taken out any that are a different paper.
        # An inferred id can collide for different papers: those are compared below.
        for other in declared[1:]:
            parent[find(id(other))] = find(id(declared[0]))
    # token_sort_ratio is ratio() of the texts with their words sorted: sorted once per paper here
    # rather than twice per pair, and compared with a cut-off so rapidfuzz can stop early.
    sorted_words = {key: " ".join(sorted(sig.split())) for key, sig in sigs.items()}
    for group in groups.values():
        for i, a in enumerate(group):
            if not a.findings:
                continue
            for b in group[i + 1:]:
                if not b.findings or find(id(a)) == find(id(b)):
                    continue
                sa, sb = sigs[id(a)], sigs[id(b)]
                if min(len(sa), len(sb)) < 0.6 * max(len(sa), len(sb)):
                    continue
                if fuzz.ratio(sorted_words[id(a)], sorted_words[id(b)], score_cutoff=SAME_DOCUMENT):
                    parent[find(id(b))] = find(id(a))
    clusters: dict[int, list[Document]] = defaultdict(list)
    for d in docs:
        clusters[find(id(d))].append(d)
    out: list[Document] = []
    merges: list[Merge] = []
    for members in clusters.values():
        members.sort(key=_rank, reverse=True)
        canonical = members[0]
        declared = [m for m in members if "title" not in m.inferred]
        if declared and declared[0] is not canonical:
            _adopt_metadata(canonical, declared[0])
        for other in members[1:]:
            for src in other.sources:
                if src not in canonical.sources:
                    canonical.sources.append(src)
            if not any(src.pack for src in other.sources):
                # Page numbers only from a standalone copy: a pack numbers its pages its own way.
                _fill_pages(canonical.findings, other.findings)
            merges.append(Merge(canonical=canonical.id, merged=other))
        out.append(canonical)
    _unique_ids(out)
    return out, refused + merges


def _declared(doc: Document) -> bool:
    """Whether the document's id came from the manifest: a declared title, or an id other than
    the one `convert` infers from the date and title."""
    return "title" not in doc.inferred or doc.id != f"{doc.date or 'undated'}-{slugify(doc.title)}"


def _refuse_id_conflicts(docs: list[Document]) -> tuple[list[Document], list[Merge]]:
    """Take out each file whose declared id is already another, different paper's: merging them
    would lose its findings without a word. The first file (in path order) keeps the id; a later
    one is kept with it if it is a copy of any file kept so far, else left out and reported
    (E153), so `--strict` fails. Not renamed: its entry was most likely copied from the other's,
    so its title and date are probably wrong too, and an id made up now would change once the
    officer fixes the entry; the report says what to do."""
    by_id: dict[str, list[Document]] = defaultdict(list)
    for d in docs:
        if _declared(d) and d.sources:
            by_id[d.id].append(d)
    out_files: set[str] = set()
    refused: list[Merge] = []
    for same in by_id.values():
        kept = same[:1]
        for other in same[1:]:
            score = max(_likeness(k, other) for k in kept)
            if score >= SAME_DECLARED:
                kept.append(other)
                continue
            name, first = other.sources[0].file, kept[0].sources[0].file
            reason = str(IngestError(Errors.E153, file=name, id=other.id, other=first, score=round(score),
                                     threshold=round(SAME_DECLARED)))
            out_files.add(name)
            refused.append(Merge(canonical=kept[0].id, merged=other, refused=reason))
    if not refused:
        return docs, []
    # An agenda pack's items come from its file too: they go with it.
    return [d for d in docs if not d.sources or d.sources[0].file not in out_files], refused


def _likeness(a: Document, b: Document) -> float:
    """How alike two documents' texts are (0-100), as the merge below compares them; a pack,
    which keeps no findings of its own, by its text."""
    if a.sources[0].sha256 == b.sources[0].sha256:
        return 100.0

    def words(d: Document) -> str:
        sig = _signature(d) if d.findings else match_text(" ".join(bl.text for bl in d.blocks))[:SIGNATURE_CHARS]
        return " ".join(sorted(sig.split()))

    return float(fuzz.ratio(words(a), words(b)))


def _unique_ids(docs: list[Document]) -> None:
    """Two different papers whose inferred ids collide (same date, same inferred title) get
    "-2", "-3"... in the order of their source files, so the result does not depend on timing."""
    seen: dict[str, int] = {}
    for d in sorted(docs, key=lambda d: (d.id, d.sources[0].file if d.sources else "", d.sources[0].item or "" if d.sources else "")):
        n = seen.get(d.id, 0) + 1
        seen[d.id] = n
        if n > 1:
            _rename(d, f"{d.id}-{n}")


def _rename(doc: Document, new: str) -> None:
    old = doc.id
    doc.id = new
    for f in doc.findings:
        f.document_id = new
        f.id = f"{new}/{f.key}"
    for b in doc.blocks:
        _rename_block(b, old, new)


def _adopt_metadata(canonical: Document, declared: Document) -> None:
    """A manifest entry on any copy names the document: its id, title and kind win."""
    old = canonical.id
    for key in ("id", "title", "short_title", "date", "kind", "body", "series", "period", "publisher", "subject"):
        value = getattr(declared, key)
        if value:
            setattr(canonical, key, value)
            # Where the value was read now is where the declared copy read it (or its manifest entry).
            if key in declared.provenance:
                canonical.provenance[key] = declared.provenance[key]
            else:
                canonical.provenance.pop(key, None)
    canonical.inferred = [k for k in canonical.inferred if k not in ("title", "date", "kind")]
    for f in canonical.findings:
        f.date = canonical.date
    if old != canonical.id:
        new, canonical.id = canonical.id, old
        _rename(canonical, new)


def _rename_block(block, old: str, new: str) -> None:  # type: ignore[no-untyped-def]
    def swap(fid: str | None) -> str | None:
        return f"{new}/{fid.split('/', 1)[1]}" if fid and fid.startswith(old + "/") else fid

    block.finding_id = swap(block.finding_id)
    for row in block.rows:
        row.finding_id = swap(row.finding_id)
        for cell in row.cells:
            for part in cell.parts:
                part.finding_id = swap(part.finding_id)


def _fill_pages(target: list[Finding], other: list[Finding]) -> None:
    """Take page numbers from a copy that has them (a PDF twin) for findings that lack one: the
    page a reader cites and, with it, the PDF's own page and the number printed on it, so that a
    finding filled from its twin opens at the right page (`#page=N`) and cites the printed one."""
    if not any(f.page is None for f in target):
        return
    pages = {(f.label, match_text(f.text)[:80]): f for f in other if f.page is not None}
    for f in target:
        if f.page is None and (twin := pages.get((f.label, match_text(f.text)[:80]))) is not None:
            f.page, f.pdf_page, f.printed_page = twin.page, twin.pdf_page, twin.printed_page
