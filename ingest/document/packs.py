"""Split an agenda pack into its items, keeping the pack's own page numbers for each.

The front of a pack lists the agenda ("4. Overview of Children's Services (Pages 9 - 18)").
Each item with pages is found again in the body, by its "Agenda Item N" stamp or by its title
as a heading, and becomes a document of its own; the pack keeps the agenda itself. A paper
read as a pack that has no agenda (`has_agenda`), or whose items are not bound in (a front
sheet), is segmented as a paper in its own right instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ingest.document.infer import parse_date
from ingest.model import AgendaItem, Block
from ingest.textutil import match_text

_ITEM_PAGED = re.compile(r"^(\d{1,2})\.\s+(.+?)\s*\(Pages?\s*(\d+)\s*(?:(?:-|–|to)\s*(\d+))?\)")
_ITEM = re.compile(r"^(\d{1,2})\.\s+(.+)$")
_PAGES = re.compile(r"^\(Pages?\s*(\d+)\s*(?:(?:-|–|to)\s*(\d+))?\)$")
_HEADER = re.compile(r"(Committee|Board)\s*$|^\*?\*?\d{1,2}\s+\w+\s+\d{4}\*?\*?$|^Report of\b", re.I)


@dataclass
class PackItem:
    item: AgendaItem
    blocks: list[Block]
    first_page: int | None
    last_page: int | None


def parse_agenda(blocks: list[Block]) -> tuple[list[AgendaItem], int]:
    """Agenda items and the index of the first block after the agenda listing."""
    items: list[AgendaItem] = []
    end = 0
    for i, b in enumerate(blocks[:120]):
        if b.page_marker is not None or b.agenda_item is not None:
            break  # the first "Page N" stamp: the agenda is over, the papers have begun
        if b.type == "table":
            continue
        m = _ITEM_PAGED.match(b.text) or _ITEM.match(b.text)
        if not m:
            pm = _PAGES.match(b.text.strip())
            if pm and items and items[-1].pages is None:
                items[-1].pages = f"{pm.group(1)}-{pm.group(2) or pm.group(1)}"
                end = i + 1
            continue
        number, title = m.group(1), m.group(2)
        if items and int(number) != int(items[-1].number) + 1:
            continue
        if not items and number != "1":
            continue
        pages = None
        if m.re is _ITEM_PAGED:
            pages = f"{m.group(3)}-{m.group(4) or m.group(3)}"
        items.append(AgendaItem(number=number, title=title.strip().rstrip("."), pages=pages))
        end = i + 1
    return items, end


def has_agenda(blocks: list[Block]) -> bool:
    """The paper opens with an agenda: numbered items with titles, at least two of them with the
    pages they take in the pack. A supplement pack or a front sheet without one is a paper in its
    own right."""
    items, _ = parse_agenda(blocks)
    return sum(1 for i in items if i.pages) >= 2


def _find_start(blocks: list[Block], item: AgendaItem, after: int) -> int | None:
    for i in range(after, len(blocks)):
        if blocks[i].agenda_item == item.number:
            return i
    want = match_text(item.title)
    best, best_i = 0.0, None
    for i in range(after, len(blocks)):
        b = blocks[i]
        if b.type not in ("heading", "paragraph") or len(b.text) > 3 * len(item.title) + 80:
            continue
        got = match_text(b.text)
        score = fuzz.partial_ratio(want, got) if len(got) >= len(want) * 0.6 else 0
        if score >= 90 and score > best:
            best, best_i = score, i
            if score == 100:
                break
    if best_i is None:
        return None
    # Take in the report's cover lines: committee, meeting date, "Report of ...".
    i = best_i
    while i - 1 > after and blocks[i - 1].type != "table" and _HEADER.search(blocks[i - 1].text.strip()):
        i -= 1
    return i


def split_pack(blocks: list[Block]) -> tuple[list[AgendaItem], list[Block], list[PackItem]]:
    """(agenda items, the pack's own blocks, the items split out with their blocks)."""
    items, agenda_end = parse_agenda(blocks)
    starts: list[tuple[int, AgendaItem]] = []
    cursor = agenda_end
    for item in items:
        if not item.pages:
            continue
        start = _find_start(blocks, item, cursor)
        if start is not None:
            starts.append((start, item))
            cursor = start + 1
    starts.sort(key=lambda s: s[0])
    own = blocks[: starts[0][0]] if starts else list(blocks)
    out: list[PackItem] = []
    for n, (start, item) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(blocks)
        first, last = (int(p) for p in (item.pages or "0-0").split("-"))
        part = [b.model_copy(deep=True) for b in blocks[start:end]]
        _settle_pages(part, last)
        out.append(PackItem(item=item, blocks=part, first_page=first, last_page=last))
    return items, own, out


def _settle_pages(part: list[Block], last_page: int) -> None:
    """A "Page N" marker dates only the block after it, unless N is the item's last page.
    A PDF pack has no markers: each of its blocks knows its page, and keeps it. The marker is
    the number the pack printed on the page, so a block it dates has it as its printed page."""
    if not any(b.page_marker is not None for b in part):
        if any(b.pdf_page is not None for b in part):
            return
    current: int | None = None
    for b in part:
        if b.page_marker is not None:
            current = b.page_marker
            b.page = current
        elif current is not None and current == last_page:
            b.page = current
        else:
            b.page = None
        b.printed_page = str(b.page) if b.page is not None else None


def minutes_date(blocks: list[Block]) -> str | None:
    for b in blocks[:12]:
        if b.type == "table":
            for row in b.rows:
                if row.cells and row.cells[0].text.lower() == "date" and len(row.cells) > 1:
                    return parse_date(row.cells[1].text)
        elif "held on" in b.text:
            return parse_date(b.text)
    return None
