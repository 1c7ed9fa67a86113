"""Normalise blocks from any extractor into clean paragraphs, bullets, headings and tables.

The same rules run on PDF and text inputs, so a PDF and its text twin end up alike:
- text that a page break cut in two is joined back (a block starting in lower case, or one
  following a paragraph that stopped mid-sentence);
- in hard-wrapped text, short unpunctuated lines standing alone are headings;
- a "bullet" that carries a printed number ("- 6.13 ...", converter noise) is a numbered paragraph.
"""

from __future__ import annotations

import re

from ingest.document.numbering import follows, has_paragraph_label, parse_label
from ingest.document.page_settling import joined_page_starts
from ingest.model import Block, CellPart
from ingest.textutil import (
    BULLET_MARK,
    KEEP_HYPHEN_PREFIXES,
    clean_glyphs,
    ends_sentence,
    join_lines,
    mark_bullet,
    split_bullets,
)

# "non- negotiables": a line-end hyphen that a PDF writer joined with a space.
# Any word before "- " is matched, and kept joined only if it is one of the prefixes: one
# alternation of sixty prefixes tried at every word was slower than the set look-up.
_SPACED_HYPHEN = re.compile(r"\b([^\W\d_]+)- (?!and\b|or\b)(?=[a-z])", re.I)


def _join_spaced_hyphen(m: re.Match[str]) -> str:
    word = m.group(1)
    # "İN".lower() is "i̇n" (a dot above kept), where the prefixes' regex matched "in": drop the dot.
    return word + "-" if word.lower().replace("\u0307", "") in KEEP_HYPHEN_PREFIXES else m.group(0)


def heading_like(text: str) -> bool:
    """A stand-alone line in hard-wrapped text that reads as a heading."""
    if has_paragraph_label(text) or not text[:1].isupper():
        return False
    words = text.split()
    if text.endswith("?"):
        return len(words) <= 20
    if text[-1] in ".,;:!" or text.startswith(("Reason", "Dear ")):
        return False
    return len(words) <= 12


def _starts_lower(text: str) -> bool:
    first = text.lstrip("'\"‘“(")[:1]
    return first.islower() and not has_paragraph_label(text)


def _merge(a: Block, b: Block) -> None:
    joined = join_lines([a.text, b.text])
    a.page_starts = joined_page_starts(a, b, joined)  # the page `b` starts on, inside `a` now
    if a.size != b.size and len(b.text) > len(a.text):
        a.size = b.size  # the size most of the joined text is printed in (a cover's subtitle run into its first paragraph)
    a.text = joined
    if b.ocr:  # a paragraph running onto a scanned page is partly read by OCR: it says so
        a.ocr = True
        a.ocr_confidence = min(c for c in (a.ocr_confidence, b.ocr_confidence) if c is not None)


def normalise_blocks(blocks: list[Block], plain: bool = False) -> list[Block]:
    """The blocks normalised. The input is never changed: a block is copied only when it is about
    to change, and unchanged blocks (most of them) are passed on as they are, so the result
    shares them with the input. (Copying every block, deep for tables, was a tenth of reading a
    PDF.)"""
    out: list[Block] = []
    own: set[int] = set()  # ids of the copies made here, which may be changed in place

    def mine(b: Block) -> Block:
        if id(b) in own:
            return b
        copy = b.model_copy()
        own.add(id(copy))
        return copy

    for b in _glyphs_out(blocks):
        if "- " in b.text:
            text = _SPACED_HYPHEN.sub(_join_spaced_hyphen, b.text)
            if text != b.text:
                b = mine(b)
                b.text = text
        if b.type == "table":
            out.append(b)  # cells are normalised as they are read; nothing else here changes a table
            continue
        if plain and b.type == "paragraph" and heading_like(b.text):
            b = mine(b)
            b.type = "heading"
            b.level = 3
        if b.type == "bullet" and has_paragraph_label(b.text):
            b = mine(b)
            b.type = "paragraph"
        prev = out[-1] if out else None
        if prev is not None and prev.type in ("paragraph", "bullet") and _continues(prev, b):
            out[-1] = prev = mine(prev)
            _merge(prev, b)
            continue
        out.append(b)
    return out


def _glyphs_out(blocks: list[Block]) -> list[Block]:
    """Blocks with no glyph that is not text (any extractor: see textutil.clean_glyphs), and a
    block that holds bullet glyphs cut into its bullets, each marked with one "•" whatever glyph
    the PDF drew (textutil.BULLET_MARK; findings do not keep it). Blocks without such characters
    are passed on as they are."""
    out: list[Block] = []
    for b in blocks:
        if b.type == "table":
            out.append(_clean_table(b))
            continue
        if b.text.isascii():
            out.append(b)
            continue
        pieces = split_bullets(b.text)
        for n, (bullet, text) in enumerate(pieces):
            text = clean_glyphs(text)
            bullet = bullet and b.type != "heading"
            if bullet:
                text = mark_bullet(text)  # one "•" for any glyph: the segmenter reads it
            if n == 0 and text == b.text and (b.type == "bullet" or not bullet):
                out.append(b)
                continue
            piece = b.model_copy()
            piece.text = text
            if bullet:
                piece.type = "bullet"
            if n:
                piece.finding_id = piece.page_marker = piece.agenda_item = None
            if text:
                out.append(piece)
    return out


def _clean_table(b: Block) -> Block:
    """A table with its cells' glyphs cleaned, and a cell paragraph holding bullet glyphs cut
    into its bullets; the same block where nothing needs it. Only the rows and cells that change
    are copied, the others shared with the input like every unchanged block (a deep copy of the
    whole table was 4.5% of reading real papers, whose tables are large and mostly ASCII)."""
    if all(p.text.isascii() for r in b.rows for c in r.cells for p in c.parts):
        return b
    rows = []
    for r in b.rows:
        if all(_as_is(p) for c in r.cells for p in c.parts):
            rows.append(r)
            continue
        cells = [c if all(_as_is(p) for p in c.parts) else c.model_copy(update={"parts": _clean_parts(c.parts)})
                 for c in r.cells]
        rows.append(r.model_copy(update={"cells": cells}))
    return b.model_copy(update={"rows": rows})


def _as_is(part: CellPart) -> bool:
    """A part that cleaning keeps as it is: ASCII, and not empty (an empty part is dropped)."""
    return part.text.isascii() and part.text != ""


def _clean_parts(parts: list[CellPart]) -> list[CellPart]:
    """A cell's paragraphs with glyphs cleaned and bullet glyphs cut into bullets (new parts)."""
    out = []
    for p in parts:
        for n, (bullet, text) in enumerate(split_bullets(p.text) if not p.text.isascii() else [(False, p.text)]):
            text = clean_glyphs(text)
            if text:
                out.append(p.model_copy(update={"text": text, "bullet": p.bullet or bullet,
                                                "finding_id": p.finding_id if n == 0 else None}))
    return out


def _continues(prev: Block, b: Block) -> bool:
    if b.type == "bullet" and b.text.startswith(BULLET_MARK):
        return False  # a printed bullet starts a list item: it continues nothing
    if prev.text.rstrip().endswith(":") or prev.text.startswith("Dear ") or b.text.startswith("Dear "):
        return False
    if b.type == "heading":
        # A converter that styled a stray line as a heading: "2019-2023 priorities:" after a
        # sentence cut short by the page break.
        return not ends_sentence(prev.text) and (b.text.endswith(":") or _starts_lower(b.text))
    if _next_item(prev, b):
        return False
    if _starts_lower(b.text):
        # After a finished sentence, a line set smaller is another element, whatever its case:
        # a note under the paragraph ("for further information, contact ...:" over a contact
        # block), not the paragraph's next line.
        if prev.size and b.size and b.size <= prev.size - 1.5 and ends_sentence(prev.text):
            return False
        return not (prev.type == "bullet" and b.type == "bullet")
    if b.type in ("paragraph", "bullet") and prev.type == "paragraph" and not has_paragraph_label(b.text):
        # An indented "bullet" in a PDF can be the hanging indent of a paragraph that a page
        # break cut: "...information brought previously to" / "Scrutiny has highlighted...".
        return not ends_sentence(prev.text) and not heading_like(b.text)
    return False


def _next_item(prev: Block, b: Block) -> bool:
    """`b` opens the item after `prev`'s in one list ("i) Lloyds Bank Statement ... Noted" then
    "ii) HSBC ..."): the layout set them apart, and an action column's word ("Noted", "Clerk")
    ending `prev` is no sentence cut short."""
    first = parse_label(prev.text)
    if first is None:
        return False
    nxt = parse_label(b.text, first.text if "alpha" in first.style else None)
    return nxt is not None and follows(first, nxt)
