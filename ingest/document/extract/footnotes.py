"""Footnotes at the foot of a page, and the paragraph a page break cuts above them.

A footnote is set at the foot of the page in type smaller than the page's body text, and starts
with its number ("1 The areas for improvement have been ...", "4 Modelled from ..."). Read in
page order it stands between the two halves of a paragraph that runs on to the next page, so the
paragraph's second half was joined to the footnote, not to its first half (an Ofsted report's
"... clear safeguarding" / footnote / "decisions and actions ..."; a public-health audit's "4.44%
of" / footnote / "the smoking population ..."). Here such footnotes are moved to after the
paragraph's second half, where normalise can join the two halves; a footnote keeps its own page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ingest.textutil import ends_sentence

if TYPE_CHECKING:
    from ingest.document.extract.layout_records import Line
    from ingest.model import Block

_NUMBERED = re.compile(r"^\d{1,3}\s+\S")
_SMALLER = 0.9  # a footnote's type against the page's body text (8 or 10 pt under 11 or 12 pt)


def is_footnote(group: list[Line], page_lines: list[Line], body_size: Callable[[], float | None]) -> bool:
    """Whether a group of a page's lines is a footnote: numbered, every line set smaller than
    the body text (`body_size`, read only for a numbered group), and no line of body-size type
    below it on the page."""
    if not _NUMBERED.match(group[0].text):
        return False
    size = body_size()
    if size is None:
        return False
    limit = _SMALLER * size
    if any(ln.size >= limit or ln.conf is not None for ln in group):
        return False
    top = group[0].top
    return not any(ln.top > top and ln.size >= limit for ln in page_lines)


def after_continuation(blocks: list[Block], footnotes: set[int]) -> list[Block]:
    """The blocks, with each page's run of footnotes (`footnotes`: their ids) moved to after the
    next page's first block where the text above the footnotes stopped mid-sentence and that
    block can go on with it (a paragraph or bullet, not a heading or a table)."""
    if not footnotes:
        return blocks
    out = list(blocks)
    i = 0
    while i < len(out):
        if id(out[i]) not in footnotes:
            i += 1
            continue
        j = i
        while j < len(out) and id(out[j]) in footnotes and out[j].pdf_page == out[i].pdf_page:
            j += 1
        page = out[i].pdf_page
        before = out[i - 1] if i else None
        nxt = out[j] if j < len(out) else None
        if (page is not None and before is not None and nxt is not None and before.pdf_page == page
                and nxt.pdf_page == page + 1 and before.type in ("paragraph", "bullet")
                and nxt.type in ("paragraph", "bullet") and id(nxt) not in footnotes
                and not ends_sentence(before.text) and not before.text.rstrip().endswith(":")):
            out[i:j + 1] = [nxt, *out[i:j]]
            i = j + 1
        else:
            i = j
    return out
