"""Sections the segmenter skips (abbreviations, contact details, background papers) end at the
next heading, or, where the reader found none, at prose on a later page (segment._skip_ends)."""

from __future__ import annotations

from ingest.document.segment import segment
from ingest.model import Block, Document


def _b(kind: str, text: str, pdf: int) -> Block:
    return Block(type=kind, text=text, page=pdf, pdf_page=pdf)  # type: ignore[arg-type]


PROSE = ("The Indices of Deprivation 2010 have been released by the department. They measure relative deprivation, "
         "how deprived one area is compared with another, not absolute deprivation.")


def _texts(blocks: list[Block]) -> list[str]:
    doc = Document(id="d", title="T", kind="evidence or assessment")
    findings, _ = segment(doc, blocks)
    return [f.text for f in findings]


def test_prose_on_a_later_page_ends_a_glossary_no_heading_closed() -> None:
    texts = _texts([_b("heading", "Abbreviations and Glossary of Terms", 2),
                    _b("paragraph", "DCLG - Department for Communities and Local Government, the department that publishes the indices.", 2),
                    _b("paragraph", "Indices of Deprivation 2010 BACKGROUND", 4),
                    _b("paragraph", PROSE, 4),
                    _b("paragraph", "Most of the data used to calculate the 2010 index relate to 2008.", 4)])
    assert PROSE in texts
    assert "Most of the data used to calculate the 2010 index relate to 2008." in texts
    assert not any(t.startswith("DCLG") for t in texts)


def test_a_skipped_sections_own_page_and_short_lines_stay_skipped() -> None:
    texts = _texts([_b("heading", "Contact details", 5),
                    _b("paragraph", PROSE, 5),
                    _b("paragraph", "Jane Smith, Senior Officer, Research Unit, County Hall.", 6)])
    assert texts == []


def test_an_authors_section_is_skipped_as_an_author_section_is() -> None:
    # West Sussex indices of deprivation p1: "Authors" over the authors' names and their unit.
    # furniture_blocks leaves the lines of a section it names so for the segmenter to skip.
    texts = _texts([_b("heading", "Authors", 1),
                    _b("paragraph", "Jacqueline Clay jacqueline.clay@westsussex.gov.uk Ross Maconachie", 1),
                    _b("paragraph", "West Sussex Research Unit Public Health", 1),
                    _b("heading", "Background", 2),
                    _b("paragraph", "The indices were released in March 2011 by the department.", 2)])
    assert texts == ["The indices were released in March 2011 by the department."]
