"""Headings set in larger type rather than bold: a short line, no sentence, over the body text of
its page, at least `_HEADING_SCALE` times the page's body size (`PageLayout.body_size`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ingest.document.extract.paragraphs import LABEL_START
from ingest.textutil import ends_sentence

if TYPE_CHECKING:
    from ingest.document.extract.grids import Grid
    from ingest.document.extract.layout_records import Line, PageLayout

# A heading set in larger type, not bold: this much larger than the page's body text (14 pt
# over 12 pt is 1.17).
_HEADING_SCALE = 1.15


class BodySize:
    """The page's body type size, read the first time a line needs it (most pages never do)."""

    def __init__(self, page: PageLayout) -> None:
        self._page = page
        self._read = False
        self._size: float | None = None

    def __call__(self) -> float | None:
        if not self._read:
            self._size, self._read = self._page.body_size(), True
        return self._size


def set_large(group: list[Line], body_size: BodySize) -> bool:
    """A heading set in larger type rather than bold ("Appendix 3: Adoption Statement" at 14 pt
    over 11 pt text): one typed line, short, not a sentence, nor a numbered paragraph. Without
    this, the paragraph under it, which no sentence's end separates it from, took it in."""
    return len(group) == 1 and _heading_words(group[0].text.strip()) and _large(group, body_size())


def heads_text(n: int, groups: list[tuple[int, float, tuple[list[Line], bool]]], tables: list[Grid], body_size: BodySize) -> bool:
    """Whether the large line of group `n` heads the body text under it: text follows it in its
    run, with no table between, and the lines either side are not large too (large lines one
    under another are a cover's title, and stay as they were read: metadata reads the title
    from them)."""
    if n + 1 >= len(groups) or groups[n + 1][0] != groups[n][0]:
        return False
    top, below = groups[n][2][0][0].top, groups[n + 1][2][0][0].top
    if any(top < t.top < below for t in tables):
        return False
    return not any(_large(groups[m][2][0], body_size()) for m in (n - 1, n + 1) if m >= 0)


def _large(group: list[Line], body_size: float | None) -> bool:
    """Whether a typed line of the group is set in larger type than the page's body text."""
    return body_size is not None and any(ln.conf is None and ln.size >= _HEADING_SCALE * body_size for ln in group)


def _heading_words(text: str) -> bool:
    return (0 < len(text.split()) <= 12 and text[:1].isupper() and not ends_sentence(text)
            and not text.endswith((",", ";")) and not LABEL_START.match(text))
