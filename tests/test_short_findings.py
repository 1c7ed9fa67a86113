"""Findings too short to cite (fewer than three words, issue 14): a bullet of a word or two goes
on the list item before it, a first list item still too short takes the bullets after it
(segment._list_goes_on), and a numbered title set in body type is a heading
(segment_prep.numbered_title)."""

from __future__ import annotations

from ingest.document.segment import segment
from ingest.document.segment_prep import numbered_title
from ingest.model import Block, Document, Finding


def _b(kind: str, text: str, pdf: int = 1) -> Block:
    return Block(type=kind, text=text, page=pdf, pdf_page=pdf)  # type: ignore[arg-type]


def _findings(blocks: list[Block]) -> list[Finding]:
    doc = Document(id="d", title="T", kind="evidence or assessment")
    findings, _ = segment(doc, blocks)
    return findings


def test_a_one_word_bullet_goes_on_the_list_item_before_it() -> None:
    found = _findings([_b("heading", "Funding the programme"),
                       _b("paragraph", "The capital programme is funded from several sources, as follows:"),
                       _b("bullet", "• Other grants and contributions such as planning gain receipts"),
                       _b("bullet", "• Loans."),
                       _b("bullet", "• Contributions from revenue or reserves.")])
    bullets = [f for f in found if f.label.startswith("bullet")]
    assert [f.label for f in bullets] == ["bullet 1", "bullet 2"]
    assert bullets[0].text.endswith("• Loans.")
    assert bullets[1].text == "• Contributions from revenue or reserves."


def test_a_list_of_short_items_is_one_finding_under_its_heading() -> None:
    found = _findings([_b("heading", "Health themes"),
                       _b("bullet", "• Neighbourhood design"),
                       _b("bullet", "• Healthy homes"),
                       _b("bullet", "• Transport and movement"),
                       _b("heading", "Neighbourhood design"),
                       _b("bullet", "• Access to open space is good across most of the county.")])
    assert [f.text for f in found] == ["• Neighbourhood design\n\n• Healthy homes",
                                       "• Transport and movement",
                                       "• Access to open space is good across most of the county."]
    assert found[0].section == ["Health themes"] and found[2].section == ["Neighbourhood design"]


def test_a_short_bullet_after_a_heading_opens_a_finding_of_its_own() -> None:
    # The heading ends the list before it: the short bullet does not join the last section's text.
    found = _findings([_b("bullet", "• Monitoring is carried out each quarter by the team."),
                       _b("heading", "Outcomes"),
                       _b("bullet", "• Fewer smokers"),
                       _b("bullet", "• Local access rates are down compared to last year.")])
    assert found[0].text == "• Monitoring is carried out each quarter by the team."
    assert found[1].text == "• Fewer smokers\n\n• Local access rates are down compared to last year."
    assert found[1].section == ["Outcomes"]


def test_a_numbered_title_in_body_type_is_a_heading() -> None:
    found = _findings([_b("paragraph", "3. Methodology"),
                       _b("paragraph", "3.1 A health impact assessment weighs the likely effects of the plan."),
                       _b("paragraph", "3.2 The assessment followed the national guidance.")])
    assert [f.label for f in found] == ["3.1", "3.2"]
    assert all(f.section == ["3. Methodology"] for f in found)


def test_numbered_title_wants_a_paragraph_numbered_under_it() -> None:
    assert numbered_title("1.1 Background", "1.1.1 The council has engaged consultants.")
    assert numbered_title("4.1. Overview", "4.1.1. The approach is underpinned by the framework.")
    # A list of short numbered points, a sentence with its stop, a contents line: not titles.
    assert not numbered_title("1. Motorcycles", "2. Fleet vehicles")
    assert not numbered_title("4.1 Not applicable.", "4.1.1 x")
    assert not numbered_title("2.1.3. Rail services", "2.1.4. Bus and coach services")
    assert not numbered_title("3. the rest of a sentence", "3.1 The next paragraph.")


def test_a_minutes_short_bullets_go_on_together() -> None:
    doc = Document(id="m", title="Minutes", kind="minutes")
    found, _ = segment(doc, [_b("heading", "12. Correspondence"),
                             _b("paragraph", "The following letters had been received:"),
                             _b("bullet", "• Highways"),
                             _b("bullet", "• Police"),
                             _b("bullet", "• The county council's letter on the budget was noted."),
                             _b("bullet", "• Lighting")])
    assert [(f.label, f.text) for f in found] == [
        ("12", "Correspondence\n\nThe following letters had been received:"),
        ("12 bullet 1", "• Highways\n\n• Police\n\n• The county council's letter on the budget was noted.\n\n• Lighting")]
