"""normalise_blocks: which blocks a line that starts in lower case joins (ingest/document/normalise.py)."""

from __future__ import annotations

from ingest.document.normalise import normalise_blocks
from ingest.model import Block


def _para(text: str, size: float, page: int = 1) -> Block:
    return Block(type="paragraph", text=text, size=size, pdf_page=page, page=page)


def test_a_line_in_lower_case_set_smaller_after_a_finished_sentence_is_another_element() -> None:
    out = normalise_blocks([_para("The scheme is in accordance with the London Plan.", 12),
                            _para("for further information, contact the Planning Unit:", 9)])
    assert [b.text for b in out] == ["The scheme is in accordance with the London Plan.",
                                     "for further information, contact the Planning Unit:"]


def test_a_line_in_lower_case_at_the_text_size_still_goes_on_the_paragraph() -> None:
    out = normalise_blocks([_para("The panel met on 3 May, i.e.", 12), _para("before the deadline set by the board.", 12, page=2)])
    assert [b.text for b in out] == ["The panel met on 3 May, i.e. before the deadline set by the board."]


def test_a_line_in_lower_case_set_smaller_after_text_cut_mid_sentence_goes_on_it() -> None:
    out = normalise_blocks([_para("The panel agreed to review the", 12), _para("policy in the spring.", 10.5)])
    assert [b.text for b in out] == ["The panel agreed to review the policy in the spring."]
