"""Theme tagging: meaning, not words; evidence kept; glossary; the pipeline serialises."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
import yaml

from ingest.corpus.glossary import find_definitions
from ingest.corpus.nlp import build_nlp
from ingest.corpus.tagger import load_taxonomy, tag_texts

from .conftest import LABELLED

CASES = yaml.safe_load((LABELLED / "senses.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def taxonomy():  # type: ignore[no-untyped-def]
    return load_taxonomy(None)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["text"][:40])
def test_theme_is_about_meaning(case: dict, taxonomy) -> None:  # type: ignore[no-untyped-def]
    themes, evidence, *_ = tag_texts([case["text"]], taxonomy)[0]
    for t in case.get("has", []):
        assert t in themes, (t, themes)
        assert evidence[t], "every tag records the words that made it"
    for t in case.get("not", []):
        assert t not in themes, (t, evidence.get(t))


def test_lemmas_are_case_insensitive(taxonomy) -> None:  # type: ignore[no-untyped-def]
    themes, evidence, *_ = tag_texts(["Caseloads were high."], taxonomy)[0]
    assert "workforce" in themes and evidence["workforce"] == ["Caseloads"]


def test_pipeline_serialises_with_to_disk(taxonomy, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    nlp = build_nlp(taxonomy)
    nlp.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    text = "Some children go missing and caseloads are variable."
    a, b = nlp(text), again(text)
    assert [(s.text, s.label_) for s in a.spans["themes"]] == [(s.text, s.label_) for s in b.spans["themes"]]
    assert [p for p in again.pipe_names] == ["sentencizer", "council_lemmatizer", "theme_ruler", "theme_token_patterns",
                                             "theme_exact_ruler", "concept_ruler", "theme_filter"]


def test_acronyms_defined_in_the_papers(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    glossary = {g.acronym: g for g in seed_corpus.glossary}
    assert glossary["IRO"].expansion == "Independent Reviewing Officer" and glossary["IRO"].defined_in
    assert glossary["CYPIC"].expansion.lower() == "children and young people in care"
    for curated in ("LAC", "CSE", "MASH", "LSCB", "PLO", "SGO"):
        assert curated in glossary, curated
    assert find_definitions("Key Lines of Enquiry (KLOEs) were set") == [("KLOE", "Key Lines of Enquiry")]
    assert find_definitions("the thing (NOT) here") == []


def test_overlapping_supporting_words_are_one_word(taxonomy) -> None:  # type: ignore[no-untyped-def]
    # "foster carers" matched both "foster" and "foster carer": one mention, not the two
    # different supporting words a theme needs when it has no strong phrase.
    themes, *_ = tag_texts(["Foster carers told us they would welcome more events."], taxonomy)[0]
    assert "placements-and-sufficiency" not in themes
    themes, *_ = tag_texts(["More fostering provision is needed for residential placements."], taxonomy)[0]
    assert "placements-and-sufficiency" in themes


def test_passing_mention_in_a_long_paragraph(taxonomy) -> None:  # type: ignore[no-untyped-def]
    text = ("Some frontline staff told us that they do not feel engaged in the work of the board. "
            "Task and finish groups would be one approach to resolving this. "
            "Such groups could progress key priorities such as missing children or the Think Family concept.")
    themes, *_ = tag_texts([text], taxonomy)[0]
    assert "missing-children" not in themes and "workforce" in themes
    # The same words as the opening (topic) sentence do make the theme.
    themes, *_ = tag_texts(["Missing children is an area of potential risk. The protocol is new. It is not yet embedded."], taxonomy)[0]
    assert "missing-children" in themes
    # One general word, once, late in a long paragraph, is in passing; a specific phrase is not.
    late = "The unit grew this year. Two posts were filled. This was reflected in a drop in performance."
    assert "quality-assurance-and-performance" not in tag_texts([late], taxonomy)[0][0]
    late = "The unit grew this year. Two posts were filled. This was reflected in more care proceedings."
    assert "permanence" in tag_texts([late], taxonomy)[0][0]
    # ...but once, in the closing sentence of a paragraph about something else, it is an aside.
    aside = ("Some staff could not describe the difference their work made for children. A method with benchmarks "
             "and evidence of outcomes would help. The new front door is at a good stage to trial it.")
    themes = tag_texts([aside], taxonomy)[0][0]
    assert "quality-assurance-and-performance" in themes and "front-door-early-help" not in themes


def test_a_list_of_case_records_is_not_each_records_theme(taxonomy) -> None:  # type: ignore[no-untyped-def]
    text = "IROs raised poor quality or out of date education plans, care plans, health assessments and placement plans."
    themes, *_ = tag_texts([text], taxonomy)[0]
    assert not {"health", "education"} & set(themes)
    themes, *_ = tag_texts(["The timeliness of health assessments for children in care has fallen."], taxonomy)[0]
    assert "health" in themes


def test_vetoes_are_whole_words(taxonomy) -> None:  # type: ignore[no-untyped-def]
    # Regression: vetoes were substrings of the sentence and its lemmas, so "placement plan"
    # (the IRO's record) also vetoed "placement planning", and "actor" vetoed "factor".
    themes, *_ = tag_texts(["Out of date placement plans were raised by IROs with the fostering team."], taxonomy)[0]
    assert "placements-and-sufficiency" not in themes
    themes, *_ = tag_texts(["Recruitment of foster carers is a factor in placement choice."], taxonomy)[0]
    assert "placements-and-sufficiency" in themes
    themes, *_ = tag_texts(["Staff turnover is a factor in the delays."], taxonomy)[0]
    assert "workforce" in themes


def test_finding_foster_carers_is_sufficiency_not_the_workforce(taxonomy) -> None:  # type: ignore[no-untyped-def]
    # Recruiting and keeping foster carers is about placements, however it is worded.
    for text in ["We continue to recruit and retain foster carers.",
                 "Recruitment and retention practice in the fostering service has improved.",
                 "Foster carer recruitment remains a priority for the year."]:
        themes, *_ = tag_texts([text], taxonomy)[0]
        assert "placements-and-sufficiency" in themes and "workforce" not in themes, text


def test_token_patterns_are_gated_by_their_first_words() -> None:
    from ingest.corpus.nlp import _first_words

    assert _first_words([{"LOWER": "scrutiny"}, {"LEMMA": "be"}]) == {"scrutiny"}
    assert _first_words([{"LEMMA": {"IN": ["Recruit", "retain"]}}, {"LOWER": "foster"}]) == {"recruit", "retain"}
    # A pattern that may start with any word is never gated.
    assert _first_words([{"IS_ALPHA": True}, {"LOWER": "missing"}]) is None
    assert _first_words([{"LOWER": "the", "OP": "?"}, {"LOWER": "missing"}]) is None


def test_a_token_pattern_still_tags_through_the_gate(taxonomy) -> None:  # type: ignore[no-untyped-def]
    themes, evidence, *_ = tag_texts(["Scrutiny is an under-developed area."], taxonomy)[0]
    assert "scrutiny-and-governance" in themes
    themes, *_ = tag_texts(["The council has high aspirations for children and young people in its care."], taxonomy)[0]
    assert "corporate-parenting" in themes


def test_table_rows_take_their_headings_themes_only_when_asked(taxonomy) -> None:  # type: ignore[no-untyped-def]
    """`table_rows: inherit` (an officer's choice in the taxonomy): a row that names something
    also takes the themes of the heading its table sits under, and says so in its evidence;
    totals and number-only rows take nothing; the default tags a row by its own words."""
    from dataclasses import replace

    from ingest.corpus.tagger import tag_documents
    from ingest.model import Document, Finding

    section = ["Outcomes for children and young people", "Dispute Resolution and Escalation"]
    texts = {"pep": "No / poor quality PEP | 4 | 11 | 11 | 4 | 30", "total": "Total | 20 | 41 | 33 | 30 | 124",
             "numbers": "2016-17 | 4 | 11", "para": "The IRO raised 124 issues this year."}

    def tagged(convention: str) -> dict[str, Finding]:
        findings = [Finding(id=f"d/{k}", key=k, document_id="d", kind="paragraph" if k == "para" else "table row",
                            label=k, text=t, section=section) for k, t in texts.items()]
        tag_documents([Document(id="d", title="IRO report", kind="annual report", findings=findings)], replace(taxonomy, table_rows=convention))
        return {f.key: f for f in findings}

    own = tagged("own-words")
    assert "quality-assurance-and-performance" not in own["pep"].themes
    rows = tagged("inherit")
    assert "quality-assurance-and-performance" in rows["pep"].themes
    assert "education" in rows["pep"].themes  # its own words still count
    assert any(w.endswith("(table heading)") for w in rows["pep"].evidence["quality-assurance-and-performance"])
    for key in ("total", "numbers", "para"):
        assert "quality-assurance-and-performance" not in rows[key].themes, key
