"""Floors on measured quality (labelled set in tests/labelled/; figures: scripts/evaluate.py).

The floors sit just under what the rules reach today, so a change that makes tagging or linking
worse fails here. They are not the targets: the README's "Quality" gives the figures (checked by
tests/test_readme_figures.py) and the aims; dev-docs/research-log.md how they were reached.
"""

from __future__ import annotations

from ingest.corpus.tagger import load_taxonomy
from tools.evaluate import (
    adjudicated_links,
    evaluate,
    reader_agreement,
    relation_agreement,
    score_links,
    table_row_conventions,
    theme_agreement,
)

from .conftest import LABELLED

EARLY, LATE = "2011-04-11-safeguarding-peer-review/", "2020-02-26-cypic-regional-peer-review/"


def test_theme_tagging_floors(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    ev = evaluate(seed_corpus, LABELLED)
    assert ev.labelled_findings >= 150 and not ev.missing_ids
    assert ev.micro.f1 >= 0.915
    for theme, floor in {"missing-children": 0.95, "corporate-parenting": 0.96, "permanence": 0.93, "workforce": 0.91}.items():
        assert ev.themes[theme].f1 >= floor, (theme, ev.themes[theme].f1)
    # The rules were written from the errors on the tuning half; the held-out half shows how they
    # carry to papers they were not written from (tools/evaluate.py TUNING_DOCUMENTS).
    assert ev.by_split["tuning"].f1 >= 0.94 and ev.by_split["held-out"].f1 >= 0.855, ev.by_split


def test_link_floors(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    ev = evaluate(seed_corpus, LABELLED)
    # Precision first (a wrong link in the follow-through register misleads): the cut-offs were
    # chosen by scripts/tune_links.py, which also prints a cross-validated figure.
    assert ev.links.precision >= 0.61 and ev.links.recall >= 0.63 and ev.links.f1 >= 0.62
    # The possible matches hold most of the links the rules miss: with them an officer's review
    # queue (`python -m ingest review`) holds about four in five of the expected links.
    assert ev.review.recall >= 0.77 and ev.review.tp > ev.links.tp, ev.review
    assert ev.review.tp + ev.review.fp <= 2 * (ev.links.tp + ev.links.fp), "the queue stays short enough to read"


def test_links_an_officer_would_expect(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    got = {(lk.source, lk.target): lk for lk in seed_corpus.links}
    corporate = got[(EARLY + "consider-looked-after-children-1", LATE + "p29")]
    assert "theme: Corporate parenting" in corporate.evidence and corporate.relation == "the concern recurs"
    missing = got[(EARLY + "consider-effective-practice-1", LATE + "p3-c")]
    assert "missing-children" in missing.themes
    caseloads = got[(EARLY + "consider-capacity-and-capability-4", LATE + "p19")]
    assert "workforce" in caseloads.themes and "concept: workforce-capacity" in caseloads.evidence


def test_unlinked_findings_listed_both_ways(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    not_taken = [lk for lk in seed_corpus.links if lk.target is None]
    new = [lk for lk in seed_corpus.links if lk.source is None]
    assert not_taken and new
    assert all(lk.relation == "not taken up in 2019" for lk in not_taken)
    assert all(lk.relation == "new in 2019" for lk in new)


def test_floors_on_the_second_readers_blind_labels(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    """A second reader labelled, blind, the findings the first set leaves out and read the links
    again (tests/labelled/second-reader). No rule is written from these (a rule that lowers their
    figure is dropped): the floors catch a change that makes the rules worse on findings they
    were not written from."""
    second = LABELLED / "second-reader"
    ev = evaluate(seed_corpus, second)
    assert ev.labelled_findings == 279 and not ev.missing_ids
    assert ev.micro.f1 >= 0.47, ev.micro
    assert ev.links.precision >= 0.6 and ev.links.recall >= 0.52, ev.links
    assert ev.review.recall >= 0.72, ev.review  # the possible matches were chosen on the first reader's links
    # Two readers agree on most links, not all: the ceiling for the linker.
    agree = reader_agreement(LABELLED, second)
    assert 0.7 <= agree.precision < 1 and 0.8 <= agree.recall < 1, agree


def test_floors_against_a_third_readers_blind_themes(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    """A third reader labelled the first set's findings blind (tests/labelled/third-reader): the
    tagger against a reader no rule was written from, and how far two readers agree."""
    third = LABELLED / "third-reader"
    tagged = {f.id: set(f.themes) for f in seed_corpus.findings()}
    assert theme_agreement(third, tagged).f1 >= 0.86
    readers = theme_agreement(third, LABELLED)
    assert readers.tp + readers.fn >= 400 and 0.85 <= readers.f1 < 1, readers


def test_relations_agree_with_a_blind_reader(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    """A reader chose, from the two findings' texts alone, the relation of every labelled link
    (tests/labelled/relations): the linker's wording must agree on most of them."""
    ra = relation_agreement(seed_corpus, LABELLED / "relations")
    assert not ra.missing and ra.pairs >= 118, ra.missing
    assert ra.accuracy >= 0.9, (ra.accuracy, ra.disagreements)


def test_each_table_row_convention_against_each_reader(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    """The taxonomy's `table_rows` is the officers' choice between two readings of a table row;
    the blind readers tag rows by their table's heading (inherit), the first reader by the row's
    own words (the default). Floors on both, so neither reading decays unseen."""
    readers = {"first": LABELLED, "second": LABELLED / "second-reader", "third": LABELLED / "third-reader"}
    figures = table_row_conventions(seed_corpus, load_taxonomy(None), readers)
    assert figures["own-words"]["first"].f1 >= 0.915
    assert figures["inherit"]["first"].f1 >= 0.9
    assert figures["inherit"]["second"].f1 >= 0.6 > figures["own-words"]["second"].f1
    assert figures["inherit"]["third"].f1 >= 0.875


def test_links_against_the_adjudicated_set(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    """An adjudicator decided, blind, each link the first two readers disputed
    (tests/labelled/adjudicated): every disputed pair is decided, and the linker holds a floor
    against the agreed-and-adjudicated links."""
    gold, undecided = adjudicated_links(LABELLED, LABELLED / "second-reader", LABELLED / "adjudicated")
    assert not undecided, "a reader's links changed: adjudicate the new disputed pairs"
    assert sum(map(len, gold.values())) >= 100
    links, _ = score_links(seed_corpus, gold)
    assert links.precision >= 0.6 and links.recall >= 0.53, links
