"""normalise._clean_table: glyphs cleaned in a table's cells, only the rows and cells that need it
copied (a deep copy of every table was 4.5% of reading real papers), the input never changed."""

from __future__ import annotations

from ingest.document.normalise import normalise_blocks
from ingest.model import Block, Cell, CellPart, Row


def _table(*rows: list[list[str]]) -> Block:
    return Block(type="table", rows=[Row(cells=[Cell(parts=[CellPart(text=t, page=3) for t in cell]) for cell in row])
                                     for row in rows])


def _texts(b: Block) -> list[list[list[tuple[str, bool]]]]:
    return [[[(p.text, p.bullet) for p in c.parts] for c in r.cells] for r in b.rows]


def test_an_ascii_table_is_passed_on_as_it_is() -> None:
    table = _table([["Area"], ["Finding"]], [["Health"], ["Good"]])
    assert normalise_blocks([table])[0] is table


def test_glyphs_are_cleaned_and_bullets_cut_in_the_cells_that_hold_them() -> None:
    table = _table([["Area"], ["Finding"]], [["Health"], ["multi\ufffeagency work", "\uf0b7 first \uf0b7 second"]])
    before = table.model_dump()
    out = normalise_blocks([table])[0]
    assert _texts(out) == [[[("Area", False)], [("Finding", False)]],
                           [[("Health", False)], [("multi-agency work", False), ("first", True), ("second", True)]]]
    assert table.model_dump() == before  # the input is never changed
    assert out.rows[0] is table.rows[0]  # a row with nothing to clean is shared, not copied
    assert out.rows[1].cells[0] is table.rows[1].cells[0]  # and so is a cell
    assert out.rows[1] is not table.rows[1] and out.rows[1].cells[1] is not table.rows[1].cells[1]
    assert all(p.page == 3 for p in out.rows[1].cells[1].parts)


def test_an_empty_part_of_a_table_that_is_cleaned_is_dropped_as_before() -> None:
    table = _table([["Area"], ["", "Good"]], [["Health \ufffd"], ["Fine"]])
    out = normalise_blocks([table])[0]
    assert _texts(out) == [[[("Area", False)], [("Good", False)]], [[("Health", False)], [("Fine", False)]]]
