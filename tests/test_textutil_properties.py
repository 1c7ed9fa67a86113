"""Normaliser invariants, checked with hypothesis."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from ingest.document.extract.htmlcells import parse_cell
from ingest.document.normalise import normalise_blocks
from ingest.model import Block
from ingest.textutil import (
    KEEP_HYPHEN_HEADS,
    clean_glyphs,
    clean_spaces,
    join_lines,
    match_text,
    slugify,
)

words = st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Nd"), max_codepoint=0x2FF), min_size=1, max_size=12)
lines = st.lists(st.lists(words, min_size=1, max_size=8).map(" ".join), min_size=1, max_size=6)


@given(lines)
def test_join_lines_keeps_every_word_in_order(ls: list[str]) -> None:
    # Without line-end hyphens, joining is exactly "the words, one space apart".
    assert join_lines(ls) == " ".join(" ".join(ls).split())


@given(lines)
def test_join_lines_only_removes_line_end_hyphens(ls: list[str]) -> None:
    hyphenated = [ln + "-" for ln in ls[:-1]] + ls[-1:]
    out = join_lines(hyphenated)
    assert out.replace("-", "").replace(" ", "") == "".join(ls).replace(" ", "")


@given(st.text(max_size=200))
def test_clean_spaces_is_idempotent(text: str) -> None:
    once = clean_spaces(text)
    assert clean_spaces(once) == once and "  " not in once


@given(st.text(max_size=200))
def test_slugify_is_url_safe_and_idempotent(text: str) -> None:
    s = slugify(text)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*|x", s)
    assert slugify(s) == s


@given(st.text(max_size=200))
def test_match_text_is_idempotent(text: str) -> None:
    assert match_text(match_text(text)) == match_text(text)


@given(st.lists(st.sampled_from(["7. The team noted drift", "a. staff", "Key findings", "continued here.", "- bullet", "Summary"]), max_size=12))
def test_normalise_is_idempotent_and_loses_no_words(texts: list[str]) -> None:
    blocks = [Block(type="paragraph", text=t) for t in texts]
    once = normalise_blocks(blocks, plain=True)
    twice = normalise_blocks(once, plain=True)
    assert [(b.type, b.text) for b in once] == [(b.type, b.text) for b in twice]
    assert " ".join(b.text for b in once).split() == " ".join(texts).split()


@given(st.text(max_size=300))
def test_cell_html_is_rebuilt_from_text_and_escaped(text: str) -> None:
    fragment = f"<ul><li>{text}</li></ul><p onerror=alert(1)>x</p><script>alert(1)</script>"
    from ingest.site.html import text as render_text

    for part in parse_cell(fragment):
        assert "<li" not in part.text or "<li" in text  # layout markup is consumed, never passed on
        html = render_text(part.text)
        assert "<script" not in html and "<p onerror" not in html  # the paper's own markup shows as text


_PAPER_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789      -'’‘“”.,;:()%&\n\tİßÆé–—"


# Long papers from short pieces, so hypothesis can shrink a failure: a piece repeated up to 150 times.
_long_texts = st.lists(st.builds(lambda piece, n: piece * n, st.text(alphabet=_PAPER_CHARS, min_size=40, max_size=120),
                                 st.integers(100, 150)), min_size=3, max_size=6)


@given(_long_texts | st.lists(st.text(max_size=400), min_size=1, max_size=20))
def test_dedupe_signature_from_a_prefix_equals_the_full_one(texts: list[str]) -> None:
    """dedupe._signature normalises only the head of a long paper; it must equal the first
    characters of the whole paper normalised."""
    from ingest.corpus.dedupe import SIGNATURE_CHARS, _signature
    from ingest.model import Document, Finding

    doc = Document(id="d", title="d", kind="report", findings=[
        Finding(id=f"d/{i}", key=str(i), document_id="d", kind="paragraph", label=str(i), text=t) for i, t in enumerate(texts)])
    assert _signature(doc) == match_text(" ".join(texts))[:SIGNATURE_CHARS]


def _match_text_reference(text: str) -> str:
    """match_text as first written, with regular expressions only."""
    from ingest.textutil import _MATCH_TRANS, _WS

    text = text.translate(_MATCH_TRANS).lower()
    text = re.sub(r"[^a-z0-9%' ]+", " ", text)
    return _WS.sub(" ", text).strip()


@given(st.text(alphabet=_PAPER_CHARS + "\x00\x0b\x0c\r\x1f\x7f!\"#$*+/<=>?@[]^_`{|}~") | st.text())
def test_match_text_fast_path_equals_the_regular_expressions(text: str) -> None:
    assert match_text(text) == _match_text_reference(text)


_PREFIX_WORDS = ["non", "Co", "SELF", "well", "re", "xre", "fo", "über", "co2", "a_b", "and", "Or", "x"]


@given(st.lists(st.sampled_from(_PREFIX_WORDS) | st.sampled_from([" ", "- ", "-", "  ", "and ", "or "]) | st.text(_PAPER_CHARS, max_size=5), max_size=14))
@example(["İN", "- ", "non"])  # found by hypothesis: a capital dotted I lower-cases to two characters
def test_spaced_hyphen_join_equals_one_alternation_of_the_prefixes(parts: list[str]) -> None:
    """normalise matches any word before "- " and checks it against the prefix set; it must join
    exactly what an alternation of all the prefixes (as first written) joins."""
    from ingest.document.normalise import _SPACED_HYPHEN, _join_spaced_hyphen
    from ingest.textutil import KEEP_HYPHEN_PREFIXES

    text = "".join(parts)
    alternation = re.compile(r"\b(" + "|".join(sorted(KEEP_HYPHEN_PREFIXES)) + r")- (?!and\b|or\b)(?=[a-z])", re.I)
    assert _SPACED_HYPHEN.sub(_join_spaced_hyphen, text) == alternation.sub(r"\1-", text)


# Regression (issue 14, a tuning paper: Broomhill Community Council's papers printed through
# Microsoft Print to PDF read "MeeƟng", "maƩers" and "oﬃce", which no search for the word finds).
@given(st.text(max_size=200))
def test_clean_glyphs_leaves_no_unicode_ligature(text: str) -> None:
    assert not re.search("[\ufb00-\ufb06]", clean_glyphs(text))


def test_print_to_pdf_ligatures_are_read_inside_words_only() -> None:
    assert clean_glyphs("MeeƟng of the Community Council") == "Meeting of the Community Council"
    assert clean_glyphs("maƩers arising; IntroducƟons") == "matters arising; Introductions"
    assert clean_glyphs("the oﬃce of the ﬁnance team") == "the office of the finance team"
    assert clean_glyphs("Ɵ and Ʃ alone") == "Ɵ and Ʃ alone"  # not inside a word: kept as printed


# Regression (issue 14, a tuning paper of batch 4: Broomhill's chair's annual report, through Word,
# read "geƫng" for "getting"; other Word papers read "draŌ" and "Harƞord").
def test_calibri_tti_ft_tf_ligatures_are_read_after_a_letter_only() -> None:
    assert clean_glyphs("helpful in geƫng areas of concern dealt with") == "helpful in getting areas of concern dealt with"
    assert clean_glyphs("the draŌ plan, aŌer consultation in Harƞord") == "the draft plan, after consultation in Hartford"
    assert clean_glyphs("Ōtautahi and ƞ alone") == "Ōtautahi and ƞ alone"  # a name's macron O, and a glyph alone: as printed


@given(st.integers(0, 99_999), st.integers(0, 99_999))
def test_a_range_of_numbers_broken_at_its_hyphen_is_whole(a: int, b: int) -> None:
    # Issue 14 (Medway report p1: "Cycling Action Plan 2014-" / "2017, which ..." read "2014- 2017").
    assert join_lines([f"the plan for {a}-", f"{b}, which is out"]) == f"the plan for {a}-{b}, which is out"
    assert join_lines([f"the plan for {a} -", f"{b} on"]) == f"the plan for {a} - {b} on"  # a dash set apart stays


@given(st.from_regex(r"[a-z]{4,10}", fullmatch=True), st.sampled_from(sorted(KEEP_HYPHEN_HEADS)),
       st.sampled_from(["-", "\ufffe"]), st.sampled_from(["", ".", ",", " approach"]))
@example("system", "wide", "\ufffe", " approach")  # an Ofsted-style JSNA review: "a system\ufffewide approach"
@example("awareness", "raising", "\ufffe", " to help")  # batch 4's Isles of Scilly ILACS report: "awareness\ufffe" / "raising"
def test_a_compounds_second_word_after_a_line_break_keeps_the_hyphen(word: str, head: str, mark: str, after: str) -> None:
    # A line-end hyphen before "wide", "based", "centred" ... is the compound's own: "system-wide"
    # is searched for and cited so, not "systemwide". Both readers of a break agree: lines joined
    # and a break hyphen left inside a line (a cell's lines pdfium joined).
    assert join_lines([f"a {word}{mark}", f"{head}{after}"]) == f"a {word}-{head}{after}"
    assert clean_glyphs(f"a {word}\ufffe{head}{after}") == f"a {word}-{head}{after}"


def test_a_word_split_before_a_longer_tail_or_after_a_bound_prefix_is_rejoined() -> None:
    assert join_lines(["the service was", "wide-", "spread"]) == "the service was widespread"
    assert join_lines(["an un-", "related matter"]) == "an unrelated matter"  # "un" is no word of its own
    assert join_lines(["a control-", "led process"]) == "a controlled process"  # "led" is no head
    assert join_lines(["the improve-", "ment plan"]) == "the improvement plan"


@given(st.sampled_from(["zig zag", "criss cross", "tick tock", "ping pong", "flip flop"]), st.sampled_from(["-", "\ufffe"]))
def test_a_word_said_twice_with_its_vowel_turned_keeps_its_hyphen(pair: str, mark: str) -> None:
    # Monmouthshire's parking letter: "zig-" / "zag markings" was read "zigzag markings".
    first, second = pair.split()
    assert join_lines([f"lines or {first}{mark}", f"{second} markings"]) == f"lines or {first}-{second} markings"
    assert clean_glyphs(f"lines or {first}\ufffe{second} markings") == f"lines or {first}-{second} markings"


def test_a_deprivation_compound_keeps_its_hyphen_and_a_word_twice_alike_is_joined() -> None:
    # West Sussex's indices of deprivation: "income-" / "deprived" was read "incomedeprived".
    assert join_lines(["people are income-", "deprived; this is"]) == "people are income-deprived; this is"
    assert join_lines(["the tin-", "tin"]) == "the tintin"  # the same syllable twice, no vowel turned


def test_join_lines_rejoins_a_web_address_a_cells_width_cut() -> None:
    # A link in a narrow table cell, wrapped over four lines; prose after an address stays apart.
    assert join_lines(["http://www.example.gov.uk/i", "nfo/200211/area_action_plans", "/1327/area_action_", "plan"]) \
        == "http://www.example.gov.uk/info/200211/area_action_plans/1327/area_action_plan"
    assert join_lines(["http://moderngov.example.g", "ov.uk/ieDecisionDetails.aspx?", "ID=4326"]) \
        == "http://moderngov.example.gov.uk/ieDecisionDetails.aspx?ID=4326"
    assert join_lines(["See www.example.gov.uk/plans", "for details."]) == "See www.example.gov.uk/plans for details."
    assert join_lines(["at www.example.gov.uk/", "and by post."]) == "at www.example.gov.uk/ and by post."
    assert join_lines(["See www.example.gov.uk", "Tel. 0123 456789"]) == "See www.example.gov.uk Tel. 0123 456789"


def test_join_lines_keeps_the_hyphen_of_a_chain_of_hyphenated_words() -> None:
    assert join_lines(["Data Standard: submit-plan-for-", "examination"]) == "Data Standard: submit-plan-for-examination"
    assert join_lines(["a state-of-the-", "art design"]) == "a state-of-the-art design"
    assert join_lines(["the self-assess-", "ment"]) == "the self-assessment"
    # pdfium's break hyphen inside a line it joined: the same rule.
    assert clean_glyphs("submit-plan-for\ufffeexamination") == "submit-plan-for-examination"
    assert clean_glyphs("improve\ufffement") == "improvement"
