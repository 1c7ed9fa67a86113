"""Floors on the named themes measured on real papers the rules were not written from
(scripts/evaluate_themes_real.py: blind labels of 287 passages of 20 papers, a third of them from
services other than children's). The floors sit just under today's figures, so a change that
makes the themes worse on other councils' papers fails here; the README gives the figures."""

from __future__ import annotations

import evaluate_themes_real as real
import pytest


@pytest.fixture(scope="module")
def halves(tmp_path_factory):  # type: ignore[no-untyped-def]
    passages, papers = real.load_passages()
    missing = [p.name for p in papers if p.path is None]
    if missing:
        pytest.skip(f"real papers not on this machine (see tests/realpapers/SOURCES.tsv): {missing[:3]}")
    corpus = real.build_papers(papers, tmp_path_factory.mktemp("realthemes"))
    return real.score(passages, corpus)


def test_named_themes_on_the_tuning_half(halves) -> None:  # type: ignore[no-untyped-def]
    tune = halves["tune"]
    assert tune.passages == 140 and tune.unmatched <= 22, (tune.passages, tune.unmatched)
    assert tune.prf()[2] >= 0.6, tune.prf()  # 0.383 before issue 16


def test_named_themes_on_the_held_out_half(halves) -> None:  # type: ignore[no-untyped-def]
    held = halves["heldout"]
    assert held.passages == 147 and held.unmatched <= 5, (held.passages, held.unmatched)
    assert held.prf()[2] >= 0.83, held.prf()  # 0.754 before issue 16
    for theme in real.NAMED:
        assert held.prf(theme)[2] >= 0.78, (theme, held.prf(theme))


def test_other_services_papers_carry_no_named_theme(halves) -> None:  # type: ignore[no-untyped-def]
    """The aim: at most one finding in fifty of papers from other services tagged with a named
    theme (18 of 101 passages before issue 16)."""
    every = halves["all"]
    assert every.other_passages >= 101  # passages found in a finding: more as extraction improves
    assert every.other_tagged * 50 <= every.other_passages, every.other_tagged
