"""Resource bounds on the work one input file may cause, and the tools that hold them.

A hostile or broken paper (a 200 MB text file, a PDF whose streams inflate to gigabytes, a
paragraph of a million characters) must cost only itself: each bound, when crossed, is one line
in the build report naming the file and what to do, and the rest of the corpus builds. The defaults sit far above any real council paper (the seed
papers' longest finding is under 4,000 characters) and are listed in the README.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MB = 1 << 20


@dataclass(frozen=True)
class Bounds:
    """Per-file limits (BuildOptions.bounds). Frozen and picklable: sent to worker processes."""

    max_text_bytes: int = 20 * MB  # a .txt/.md file larger than this is not read
    max_pdf_pages: int = 2000
    # What a PDF's streams (other than images, which text extraction never decodes) inflate to,
    # in all: checked before pdfium parses them, because pdfium needs about twice that in memory.
    max_inflated_bytes: int = 512 * MB
    max_finding_chars: int = 20_000  # a longer finding is split at sentence or line boundaries


def format_mb(n: int) -> str:
    return f"{n / MB:,.1f} MB" if n < 10 * MB else f"{n / MB:,.0f} MB"


# Where a long text may be cut, best first: a paragraph break, a line break, the end of a
# sentence (a full stop, question or exclamation mark, or semicolon, and any closing quote or
# bracket, before a space), then any space.
_SENTENCE_END = re.compile(r"""[.!?;]["'’”)\]]*\s+""")


def _cut(text: str, lo: int, hi: int) -> int:
    """The best place to end a piece that starts before `lo` and may not pass `hi`."""
    for sep in ("\n\n", "\n"):
        at = text.rfind(sep, lo, hi)
        if at >= 0:
            return at + len(sep)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, hi)]
    if ends:
        return ends[-1]
    at = text.rfind(" ", lo, hi)
    return at + 1 if at >= 0 else hi


def pieces(text: str, limit: int) -> list[str]:
    """`text` cut into pieces of at most `limit` characters, each ending at the best boundary in
    the second half of its room (so no piece is tiny), stripped of the spaces at the cut. A text
    within the limit is returned as it is."""
    if len(text) <= limit:
        return [text]
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start + limit // 2, start + limit)
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = end
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out
