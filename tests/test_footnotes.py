"""Footnotes at the foot of a page that a paragraph runs past (ingest/document/extract/footnotes.py):
the paragraph's two halves are joined, and the footnote stays on its own page, after them."""

from __future__ import annotations

from ingest.document.extract.pdf_layout import Line, PageLayout, layout_to_blocks
from ingest.document.normalise import normalise_blocks

BODY = 12.0


def _line(top: float, text: str, size: float = BODY, x0: float = 72.0) -> Line:
    return Line(x0=x0, top=top, bottom=top + size, text=text, bold=False, size=size)


def _page(number: int, lines: list[Line]) -> PageLayout:
    return PageLayout(number=number, width=595.0, height=842.0, lines=lines)


FIRST = [
    "3. Leaders have a clear understanding of the quality of practice across the service and",
    "they have acted on what audits told them about the work of the front door teams in the",
    "year since the last inspection, with a plan that managers and staff understand well.",
]
CUT = [
    "4. When children are harmed, or are at risk of harm, strategy meetings are prompt,",
    "well attended by professionals from every agency and result in clear safeguarding",
]
GOES_ON = [
    "decisions and actions being taken that help to protect children. Investigations are",
    "mostly effective, with the voices of children routinely informing the social workers.",
]
NOTE = [
    ("1 The areas for improvement have been cross-referenced with the outcomes of the national", 6.5),
    ("framework, which sets out the purpose, principles and expected outcomes of the work.", 10.0),
]


def _blocks(note_size: float | None = None) -> list[str]:
    top = 100.0
    lines: list[Line] = []
    for text in FIRST:
        lines.append(_line(top, text))
        top += 14.5
    top += 14.5
    for text in CUT:
        lines.append(_line(top, text))
        top += 14.5
    top = 750.0
    for text, size in NOTE:
        lines.append(_line(top, text, note_size or size))
        top += 12.8
    second = [_line(100.0 + 14.5 * i, text) for i, text in enumerate(GOES_ON)]
    second += [_line(160.0, "5. Children in care live in homes that meet their needs and they are helped to stay"),
               _line(174.5, "in touch with the people who matter to them, as their plans say they should be.")]
    return [b.text for b in normalise_blocks(layout_to_blocks([_page(1, lines), _page(2, second)]))]


def test_a_paragraph_cut_by_a_page_break_above_a_footnote_is_joined_past_it() -> None:
    texts = _blocks()
    whole = " ".join(CUT + GOES_ON)
    assert whole in texts, texts
    note = " ".join(t for t, _ in NOTE)
    assert note in texts, texts
    assert texts.index(note) == texts.index(whole) + 1  # after the paragraph, before the next page's text


def test_a_numbered_paragraph_in_body_type_at_the_foot_is_no_footnote() -> None:
    # Set in the body's type, "1 The areas ..." is text of the page: nothing moves past it.
    texts = _blocks(note_size=BODY)
    assert " ".join(CUT + GOES_ON) not in texts, texts
