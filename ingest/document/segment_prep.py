"""Before segmenting: read the blocks as a person reads the printed page.

Three things a PDF's layout gets wrong for segmentation, put right here on copies of the blocks
(the extractor's own blocks are never changed):
- a bold sentence set as a "heading" ("The Committee noted the report.", a Mayor's bold
  response) is body text, and a heading that starts in lower case is the rest of a sentence a
  page break cut;
- list items printed on one line ("a) ...; b) ...; c) ...", "1. ... 2. ... 3.") are separate
  items, and an "(Item 4)" line under a minute's title belongs to the title;
- the lines of a bullet that wrapped without its glyph ("» Scenario B is based on ... the
  increase to" / "housing supply will ...") are one bullet;
- a numbered title set in body type ("3. Methodology" over "3.1 A HIA assesses ...") is a
  heading, not a paragraph.
"""

from __future__ import annotations

import re

from ingest.document.numbering import ITEM_LINE, parse_label, split_inline
from ingest.model import Block
from ingest.textutil import ends_sentence, join_lines

# A bullet's glyph as a PDF leaves it in the text: symbol-font private-use glyphs, and the
# common printed ones.
_GLYPH = re.compile("^[\ue000-\uf8ff\u2022\u25aa\u25a0\u25fc\u25cf\u25e6\u2023\u2043\u00bb\u2219\u27a2\u2713\u2714\u25ba-]")
_SENTENCE_END = re.compile(r"[.!][\"”’)]*$")
_SENTENCE_INSIDE = re.compile(r"[a-z)][.!]\s+[A-Z][a-z]")


def body_heading(text: str) -> bool:
    """A "heading" that is body text: a sentence of six words or more, a line of eight words or
    more with a sentence ending inside it, a run of over 25 words, or a line starting in lower
    case. A question stays a heading ("What do we know ...?")."""
    t = text.strip()
    words = len(t.split())
    if t[:1].islower() and parse_label(t) is None:
        return True
    if words >= 8 and _SENTENCE_INSIDE.search(t):
        return True
    return (words >= 6 and bool(_SENTENCE_END.search(t))) or words > 25


def prepare(blocks: list[Block]) -> list[Block]:
    """The blocks as read (see the module's notes); blocks that change are copies."""
    out: list[Block] = []
    for i, b in enumerate(blocks):
        if b.type == "paragraph" and numbered_title(b.text, blocks[i + 1].text if i + 1 < len(blocks) else ""):
            b = b.model_copy()
            b.type = "heading"
        if b.type == "paragraph" and out and out[-1].type == "heading" and ITEM_LINE.match(b.text.strip()):
            head = out[-1] = out[-1].model_copy()
            head.text = f"{head.text.rstrip()} {b.text.strip()}"
            continue
        if b.type == "heading":
            prev = out[-1] if out and out[-1].type in ("paragraph", "bullet") else None
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            unfinished = prev is not None and not ends_sentence(prev.text) and parse_label(b.text) is None
            # A bold line in the middle of a sentence: the text before it stopped short and the
            # text after it goes on in lower case ("...Minerals and" / "Waste Plan, was adopted
            # ... specific" / "proposals for all ...").
            inside = (unfinished and nxt is not None and nxt.type != "heading" and nxt.text[:1].islower()
                      and _reads_as_prose(b.text))
            if body_heading(b.text) or inside:
                if unfinished and prev is not None:
                    prev = out[-1] = prev.model_copy()
                    prev.text = join_lines([prev.text, b.text])
                    continue
                b = b.model_copy()
                b.type = "paragraph"
        if b.type == "bullet" and out and out[-1].type == "bullet" and _glyphless_line(out[-1], b, out):
            prev = out[-1] = out[-1].model_copy()
            prev.text = join_lines([prev.text, b.text])
            continue
        if b.type in ("paragraph", "bullet"):
            pieces = split_inline(b.text)
            if len(pieces) > 1:
                for i, piece in enumerate(pieces):
                    part = b.model_copy()
                    part.text = piece
                    if i:
                        part.type = "paragraph"
                        part.page_marker = None
                        part.agenda_item = None
                    out.append(part)
                continue
        out.append(b)
    return out


_TITLE_WORDS = 8


def numbered_title(text: str, after: str) -> bool:
    """A numbered section title set in body type: a paragraph number ("3.", "2.1") and a few words
    that end in no stop ("3. Methodology", "1.1 Background"), over the first paragraph numbered
    under it ("3.1 A HIA assesses ..."). A list of short numbered points ("1. Motorcycles" then
    "2. Fleet vehicles") numbers no paragraph under its items, so it stays a list."""
    lab = parse_label(text.strip())
    if lab is None or lab.style not in ("dotted", "dec.") or "\n" in lab.rest:
        return False
    title = lab.rest
    if not title[:1].isupper() or len(title.split()) > _TITLE_WORDS or title.rstrip()[-1:] in ".:;,!?":
        return False
    child = parse_label(after.strip())
    return child is not None and child.style == "dotted" and child.text.startswith(lab.text + ".")


def _reads_as_prose(text: str) -> bool:
    """Most of its words in lower case: a piece of a sentence, not a title or a running header
    ("Children's Services Committee - 12 March 2025")."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’]*", text) if len(w) > 2]
    return bool(words) and sum(w[0].islower() for w in words) * 2 >= len(words)


def glyph(text: str) -> bool:
    """The text starts with a bullet's glyph."""
    return bool(_GLYPH.match(text))


def _glyphless_line(prev: Block, b: Block, out: list[Block]) -> bool:
    """A bullet without a glyph, in a run of bullets that have one, is the line before it
    wrapped: when that line stopped mid-sentence or this one starts in lower case."""
    if _GLYPH.match(b.text) or parse_label(b.text) is not None:
        return False
    if ends_sentence(prev.text) and not b.text[:1].islower():
        return False
    # The run of bullets this one ends: its first must carry a glyph.
    i = len(out) - 1
    while i > 0 and out[i - 1].type == "bullet" and not _GLYPH.match(out[i].text):
        i -= 1
    return bool(_GLYPH.match(out[i].text)) and out[i].type == "bullet" and prev.type == "bullet"
