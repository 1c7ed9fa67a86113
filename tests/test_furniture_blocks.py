"""Furniture told by what it is, not where it sits (ingest/document/furniture_blocks.py): labelled
cases, the real papers' forms, and the invariant that a sentence is never set apart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ingest.document.furniture_blocks import contact_block, merged, set_apart
from ingest.model import Block, Cell, CellPart, Provenance, Row

CASES = yaml.safe_load((Path(__file__).parent / "labelled" / "furniture_block_cases.yaml").read_text(encoding="utf-8"))["cases"]


def _blocks(case: dict[str, Any]) -> list[Block]:
    blocks = [Block(type=t, text=text, pdf_page=page, page=page) for t, text, page in case.get("blocks") or []]
    for table in case.get("tables") or []:
        rows = [Row(cells=[Cell(parts=[CellPart(text=c)]) for c in cells]) for cells in table["rows"]]
        blocks.append(Block(type="table", rows=rows, pdf_page=table["page"], page=table["page"]))
    return blocks


def _provenance(case: dict[str, Any]) -> dict[str, Provenance]:
    return {k: Provenance(line=line, page=page, value=value) for k, (line, page, value) in (case.get("provenance") or {}).items()}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_labelled_case(case: dict[str, Any]) -> None:
    kept, found = set_apart(_blocks(case), _provenance(case))
    assert [[f.role, f.text] for f in found] == (case.get("furniture") or [])
    assert [b.text for b in kept] == case["kept"]
    assert all(f.type == "furniture" and f.pdf_page is not None for f in found)


def test_headings_and_tables_are_never_set_apart() -> None:
    blocks = [Block(type="heading", text="Contact Details: a.officer@example.gov.uk", pdf_page=1),
              Block(type="table", pdf_page=1), Block(type="heading", text="Appendix 1 Risk Register", pdf_page=2)]
    kept, found = set_apart(blocks, {})
    assert kept == blocks and found == []


def test_furniture_found_is_merged_in_page_order() -> None:
    layer = [Block(type="furniture", role="page number", text="1", pdf_page=1),
             Block(type="furniture", role="page number", text="3", pdf_page=3)]
    found = [Block(type="furniture", role="sign-off", text="01234 567890", pdf_page=2)]
    assert [f.text for f in merged(layer, found)] == ["1", "01234 567890", "3"]
    assert merged(layer, []) is layer


_LOWER = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9)


@given(st.lists(_LOWER, min_size=4, max_size=14), st.sampled_from(["0300 123 4567", "01904 551031", "help@example.gov.uk"]))
def test_a_sentence_that_gives_a_number_or_address_is_not_a_contact_block(words: list[str], contact: str) -> None:
    # A sentence has words in lower case; a contact block only names (a person, a post, a place).
    sentence = f"{words[0].capitalize()} {' '.join(words[1:])} {contact}."
    assert not contact_block(sentence)
    kept, found = set_apart([Block(type="paragraph", text=sentence, pdf_page=3)], {})
    assert found == [] and [b.text for b in kept] == [sentence]


def test_a_cover_table_keeps_its_rows_of_choices_as_a_table() -> None:
    """The cover's field rows are set apart row by row; the rows left are the same table's."""
    rows = [Row(cells=[Cell(parts=[CellPart(text=t)]) for t in cells]) for cells in
            (["Directorate: Growth and Regeneration", "Lead Officer name: A. Person"], ["☒ Policy ☐ Strategy", "☒ New"])]
    kept, found = set_apart([Block(type="heading", text="Equality Impact Assessment", pdf_page=1, page=1),
                             Block(type="table", rows=rows, pdf_page=1, page=1)], {})
    assert [f.text for f in found] == ["Directorate: Growth and Regeneration | Lead Officer name: A. Person"]
    assert [[c.text for c in r.cells] for r in kept[1].rows] == [["☒ Policy ☐ Strategy", "☒ New"]]
