"""A numbered paragraph set with a hanging indent (its label out at the margin, its lines set in
under its text) is one block, whatever the document's usual line pitch (paragraphs.group_free)."""

from __future__ import annotations

from ingest.document.extract.pdf_layout import Line, PageLayout, layout_to_blocks


def _line(x0: float, top: float, text: str) -> Line:
    return Line(x0=x0, top=top, bottom=top + 12, text=text, bold=False, size=12.0)


def _texts(lines: list[Line]) -> list[str]:
    return [b.text for b in layout_to_blocks([PageLayout(number=1, width=595.0, height=842.0, lines=lines)])]


# Body text at a 12-point pitch (the document's usual one), a list of recommendations at 16.
BODY = [_line(72, 100 + 12 * i, f"The committee is asked to note line {i} of the summary of this report in full.") for i in range(8)]


def test_a_hanging_indent_at_a_wider_pitch_stays_in_its_numbered_paragraph() -> None:
    rec = [_line(95.7, 300, "1) Approves the change requests for schemes within the current Investment"),
           _line(113.7, 316, "Fund programme as set out in Appendix 1."),
           _line(95.7, 348, "2) Agrees the flexibility to allow the authority and the three councils"),
           _line(113.7, 364, "to move risk budgets between schemes in the programme.")]
    texts = _texts(BODY + rec)
    assert "1) Approves the change requests for schemes within the current Investment Fund programme as set out in Appendix 1." in texts
    assert "2) Agrees the flexibility to allow the authority and the three councils to move risk budgets between schemes in the programme." in texts


def test_the_next_item_after_a_clause_ending_in_a_semicolon_is_not_the_indent() -> None:
    rec = [_line(95.7, 300, "h) Specific mitigation measures will be identified for the site before any application;"),
           _line(113.7, 316, "Avoid significant harm to the conservation area to the west of the site;")]
    texts = _texts(BODY + rec)
    assert "h) Specific mitigation measures will be identified for the site before any application;" in texts


def _types(lines: list[Line]) -> list[tuple[str, str]]:
    return [(b.type, b.text) for b in layout_to_blocks([PageLayout(number=1, width=595.0, height=842.0, lines=lines)])]


def test_text_set_in_under_a_numbered_heading_is_its_paragraph_not_a_bullet() -> None:
    """Regression (issue 14, batch 4's Brighton & Hove admissions scheme, tuning): a timetable's
    numbered headings ("9. 16 April 2026") with their text set in under the heading's words, a
    pitch and a half below, were read as bullets whose glyph the PDF left out ("bullet 1")."""
    item = [Line(x0=72, top=300, bottom=312, text="9. 16 April 2026", bold=True, size=12.0),
            _line(108, 318, "Online applicants will receive their decisions by e-mail. Letters will be"),
            _line(108, 330, "sent only to parents and carers who do not have an email address.")]
    got = _types(BODY + item)
    assert ("paragraph", "Online applicants will receive their decisions by e-mail. Letters will be sent only to parents "
            "and carers who do not have an email address.") in got, got


def test_indented_lines_under_unnumbered_text_are_still_a_list() -> None:
    items = [_line(108, 300, "the budget for the coming year"), _line(108, 324, "the plan for the service")]
    got = _types(BODY + items)
    assert [t for t, _ in got[-2:]] == ["bullet", "bullet"], got
