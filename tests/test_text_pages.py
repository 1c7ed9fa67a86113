"""Text inputs that state their pages: a converter's "# Page N" marker is the page's number as the
paper printed it, so what it dates has that `printed_page` as well as `page` (issue 14: they
had `page` only, and open data said no number was printed)."""

from __future__ import annotations

from ingest.document.extract.text import parse_markdown
from ingest.document.packs import split_pack

PACK = """# AGENDA

1. Minutes of the last meeting (Pages 1 - 2)

2. Work Plan (Pages 3 - 4)

# Page 1 Agenda Item 1

# Minutes

- 12. The Committee considered the minutes of its meeting held in January and agreed them.

The Chair thanked the officers for the report and asked for an update at the next meeting.

# Page 2

- 13. The Committee noted the update on the work plan and asked officers to circulate it.

The meeting closed at 7.25 pm after the Chair had thanked everyone for attending.

# Page 3 Agenda Item 2

# Work Plan

- 1. The work plan for the year is set out below for the Committee to consider and agree.

A further item on school transport was added at the request of the Committee members.
"""


def test_marker_gives_the_printed_page_of_the_block_it_dates() -> None:
    blocks = parse_markdown(PACK)
    dated = [(b.text[:14], b.page, b.printed_page) for b in blocks if b.page is not None]
    assert dated == [("Minutes", 1, "1"), ("13. The Commit", 2, "2"), ("Work Plan", 3, "3")]
    # Blocks the marker does not date (they may be on the next page) have neither.
    assert all(b.printed_page is None for b in blocks if b.page is None)


def test_pack_item_last_page_is_printed_too() -> None:
    _, _, parts = split_pack(parse_markdown(PACK))
    minutes = next(p for p in parts if p.item.number == "1")
    # Page 2 is the item's last page: every block after its marker is on it, as printed.
    after = minutes.blocks[[b.page_marker for b in minutes.blocks].index(2):]
    assert [(b.page, b.printed_page) for b in after] == [(2, "2"), (2, "2")]
    assert all(b.printed_page == (str(b.page) if b.page is not None else None) for p in parts for b in p.blocks)
