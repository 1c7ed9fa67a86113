"""Carried-forward references in minutes' "Matters arising", numbered items run together by an
action column, and Welsh minutes' standard items (issue #14, numbering)."""

from __future__ import annotations

from ingest.document.items import reads_as_items
from ingest.document.normalise import normalise_blocks
from ingest.document.numbering import item_number, parse_label, split_inline
from ingest.model import Block


def test_carried_reference_is_one_label() -> None:
    lab = parse_label("4.4.11i) The Echo Park Bench had been delivered.")
    assert lab is not None and (lab.text, lab.style, lab.rest[:3]) == ("4.4.11i", "carried", "The")
    # a space after a stop where the chain was retyped; a stop before the numeral
    lab = parse_label("4.4.4.4.4. 4.4.11iii) Mewn perthynas")
    assert lab is not None and lab.text == "4.4.4.4.4.4.4.11iii"
    assert parse_label("5.iv) Cynllun Datblygu") is not None
    assert parse_label("7iii) The damaged box").text == "7iii"  # type: ignore[union-attr]
    # a plain lettered point and a dotted paragraph number stay what they were
    assert parse_label("2a) Agrees the budget").style == "dec)"  # type: ignore[union-attr]
    assert parse_label("4.1 The Council noted").style == "dotted"  # type: ignore[union-attr]


def test_run_of_carried_references_cut_inside_a_line() -> None:
    text = ("4.4.11i) The bench was delivered. Cllrs. D. Jenkins and A. Davies 4.4.11iii) Clerk to arrange "
            "a meeting. Clerk 4. 4.14iii) PCSO Anthony would look into it.")
    assert split_inline(text) == [
        "4.4.11i) The bench was delivered. Cllrs. D. Jenkins and A. Davies",
        "4.4.11iii) Clerk to arrange a meeting. Clerk",
        "4. 4.14iii) PCSO Anthony would look into it.",
    ]
    # one such number inside ordinary prose is no run
    assert split_inline("The Council noted minute 4.13i) last month and agreed.") == [
        "The Council noted minute 4.13i) last month and agreed."]


def test_next_item_after_an_action_word_is_not_joined() -> None:
    blocks = [Block(type="paragraph", text="i) Lloyds Bank Statement, Credit Balance of £8,073.97 Noted", page=1),
              Block(type="paragraph", text="ii) HSBC Bank Statement, Credit Balance of £121.49. Noted", page=1),
              Block(type="paragraph", text="iii) C.C.C. Seasonal Decorations. Noted", page=1)]
    assert [b.text[:3] for b in normalise_blocks(blocks)] == ["i) ", "ii)", "iii"]
    # a sentence cut by a page break still joins
    cut = [Block(type="paragraph", text="i) The Clerk had written to the", page=1),
           Block(type="paragraph", text="landowner about the hedge.", page=2)]
    assert len(normalise_blocks(cut)) == 1


def test_welsh_minutes_read_as_items() -> None:
    heads = ["1. CROESO AC YMDDIHEURIADAU", "2. CADARNHAU COFNODION Y CYFARFOD BLAENOROL",
             "3. DATGANIADAU O DDIDDORDEB", "4. MATERION YN CODI"]
    assert reads_as_items([Block(type="heading", text=h, page=1) for h in heads]) == (True, True)
    assert item_number("5A. PENODI ARCHWILIWR MEWNOL") == ("5A", "PENODI ARCHWILIWR MEWNOL")
    assert item_number("5A. 2024") is None
