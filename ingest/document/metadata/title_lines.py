"""How a title runs over its printed lines: on to the next line while it stops mid-phrase, while
its type size holds, or while it is set large a few words a line; and which lines are only a date.
Shared by the readers of a paper's labelled title and of its cover (titles, cover_titles)."""

from __future__ import annotations

from collections import Counter

from ingest.document.metadata.dates import MONTH_YEAR, find_dates
from ingest.document.metadata.headings import (
    CONTINUES,
    LABEL,
    NOT_TITLE,
    dateless,
    open_bracket,
    tidy_title,
)
from ingest.document.metadata.lines import Line

# How much larger than the cover's body text its title is set, at the least: a heading one size up
# (12 pt over 11 pt) is a section's, a title is set well above it.
TITLE_SCALE = 1.3


def joined(lines: list[Line], start: int, keep: set[str], first: str | None = None, limit: int = 3) -> tuple[str, int]:
    """A title printed over several lines: the next lines are taken while the text so far stops
    mid-phrase ("Becoming a" / "Corporate Parent") or the next line carries on in lower case."""
    text = first if first is not None else lines[start].text
    end = start
    while end + 1 < len(lines) and end - start < limit:
        nxt = lines[end + 1]
        if nxt.sheet != lines[start].sheet or LABEL.match(nxt.text) or NOT_TITLE.search(nxt.text):
            break
        if not (CONTINUES.search(text) or open_bracket(text) or nxt.text[:1].islower()):
            break
        text = f"{text} {nxt.text}"
        end += 1
    return tidy_title(text, keep), end


def same_size_run(lines: list[Line], start: int, limit: int = 3) -> tuple[str, int]:
    """A title line with the lines under it set in its own type size, on its page: a printed title broken
    where the line was full, not mid-phrase ("Inspection of Wokingham Borough" / "Council local authority
    children's services" at 26 pt), runs on while the size holds. Only a title set well above the body
text, where the PDF gives sizes: a line of the body's own size under it is its text."""
    first, body = lines[start], body_size(lines)
    parts = [first.text]
    large = first.size is not None and body is not None and first.size >= TITLE_SCALE * body
    for nxt in lines[start + 1:start + 1 + limit]:
        if not large or nxt.size != first.size or nxt.sheet != first.sheet or len(nxt.text.split()) > 12 or LABEL.match(nxt.text) \
                or NOT_TITLE.search(nxt.text) or is_date_line(nxt.text) or nxt.text.rstrip().endswith((".", ";", ":")):
            break
        parts.append(nxt.text)
    return " ".join(parts), start + len(parts) - 1


def body_size(lines: list[Line]) -> float | None:
    """The body text's type size: the commonest in the paper's opening pages (a cover may hold little but its title)."""
    chars: Counter[float] = Counter()
    for ln in lines:
        if ln.size:
            chars[ln.size] += len(ln.text)
    return chars.most_common(1)[0][0] if chars else None


def is_date_line(text: str) -> bool:
    text = text.strip()
    return bool(MONTH_YEAR.fullmatch(text) or find_dates(text) and len(dateless(text).split()) < 2)


def short_lines(parts: list[Line], nxt: Line) -> bool:
    """A title set large, a few words a line ("Buckinghamshire" / "Local Housing Need" / "Assessment")."""
    run = [*parts, nxt]
    return all(len(p.text.split()) <= 4 and not p.text.rstrip().endswith((".", ":", ";", "?")) for p in run) and \
        sum(len(p.text.split()) for p in run) <= 12
