"""Linking across reviews: concept groups count where the finding is about their theme; the
cut-offs keep a short, precise list."""

from __future__ import annotations

import pytest

from ingest.corpus.link import DEFAULT_PARAMS, candidates
from ingest.corpus.tagger import load_taxonomy, tag_documents
from ingest.model import Document, Finding


def _doc(doc_id: str, date: str, texts: list[str]) -> Document:
    findings = [Finding(id=f"{doc_id}/f{i}", key=f"f{i}", document_id=doc_id, kind="finding", label=str(i), text=t)
                for i, t in enumerate(texts, 1)]
    # Reviews of children's services (the body says so): the themes' domain rules read it.
    return Document(id=doc_id, title=doc_id, kind="report", date=date, series="reviews", findings=findings,
                    body="Children's services peer review team")


def test_a_concept_counts_only_where_its_theme_is_tagged() -> None:
    taxonomy = load_taxonomy(None)
    earlier = _doc("early", "2011-04-11", ["Some staff confirmed it was difficult to access training due to workload pressures."])
    later = _doc("late", "2019-11-30", [
        # "training" here is about the permanence strategy's roll-out, not staff development.
        "A Task and Finish group is in place to finalise a Permanence Strategy for children in care, "
        "with court work and special guardianship. This will be followed by training.",
        "New processes to identify staff development needs by team enable more targeted workforce development.",
    ])
    tag_documents([earlier, later], taxonomy)
    assert "workforce" not in later.findings[0].themes
    cands = candidates(earlier, later, taxonomy)
    assert cands is not None
    assert "staff-development" not in cands.t_concepts[0] and "staff-development" in cands.t_concepts[1]
    ranked = [cands.targets[j].id for _, j in cands.scored[0]]
    assert ranked[0] == "late/f2" and "late/f1" not in ranked  # f1 shares neither theme nor concept


def test_threshold_is_on_the_published_scale() -> None:
    assert 0.0 < DEFAULT_PARAMS.threshold < 1.0 and DEFAULT_PARAMS.max_targets >= 1


def test_cached_links_are_the_same_and_a_change_scores_again(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import ingest.corpus.link as link_module
    from ingest.cache import Cache
    from ingest.corpus.link import link_corpus

    taxonomy = load_taxonomy(None)
    earlier = _doc("early", "2011-04-11", ["Variable caseloads were evidenced across the teams.", "Missing children is an area of risk."])
    later = _doc("late", "2019-11-30", ["Issues of stability and capacity in the workforce remain.", "Return interviews for missing children are timely."])
    tag_documents([earlier, later], taxonomy)
    cache = Cache(tmp_path)
    fresh = link_corpus([earlier, later], taxonomy)
    assert link_corpus([earlier, later], taxonomy, cache=cache) == fresh

    def not_again(*args: object, **kwargs: object) -> list:
        raise AssertionError("an unchanged pair was scored again")

    monkeypatch.setattr(link_module, "link_pair", not_again)
    assert link_corpus([earlier, later], taxonomy, cache=cache) == fresh
    later.findings[0].text = "Caseloads are now manageable in every team."
    with pytest.raises(AssertionError, match="scored again"):  # changed: not served from the cache
        link_corpus([earlier, later], taxonomy, cache=cache)


def test_possible_matches_are_the_next_best_below_the_cut_offs() -> None:
    from dataclasses import replace

    from ingest.corpus.link import link_pair
    from ingest.corpus.relations import POSSIBLE

    taxonomy = load_taxonomy(None)
    earlier = _doc("early", "2011-04-11", ["Variable caseloads were evidenced across the teams and staff turnover is high."])
    later = _doc("late", "2019-11-30", [
        "Issues of stability and capacity in the workforce remain; caseloads are high and turnover continues.",
        "Staff turnover has fallen since the caseload weighting system was extended.",
        "Social workers value their supervision and training.",
        "The corporate parenting board meets every quarter.",
    ])
    tag_documents([earlier, later], taxonomy)
    params = replace(DEFAULT_PARAMS, max_targets=1, possible_threshold=0.0, max_possible=2)
    got = link_pair(earlier, later, taxonomy, params)
    [link] = [lk for lk in got.links if lk.source and lk.target]
    assert link.target in ("late/f1", "late/f2")
    assert [p.relation for p in got.possible] == [POSSIBLE] * len(got.possible)
    offered = [p.target for p in got.possible]
    assert len(offered) == 2 and link.target not in offered and "late/f4" not in offered  # f4 shares nothing
    assert [p.score for p in got.possible] == sorted((p.score for p in got.possible), reverse=True)
    assert got.possible[0].score <= link.score
    assert not link_pair(earlier, later, taxonomy, replace(params, possible_threshold=0.99)).possible


def _finding(kind: str, text: str) -> Finding:
    return Finding(id=f"d/{kind}", key="k", document_id="d", kind=kind, label="1", text=text)


def test_the_relation_reads_the_later_verdict_against_the_earlier_one() -> None:
    from ingest.corpus.relations import relation

    strength = _finding("strength", "Committed and outstanding strategic leadership.")
    concern = _finding("area for consideration", "Some staff confirmed it was difficult to access training.")
    praise = _finding("finding", "There is a competent and determined senior leadership team with a clear understanding "
                                 "of the strengths and challenges in the system.")
    worry = _finding("finding", "The lack of a robust infrastructure was seen as posing a significant risk.")
    assert relation(praise, strength) == "still a strength"  # the opening sentence's verdict, not "challenges"
    assert relation(worry, strength) == "now raised as a concern"
    assert relation(worry, concern) == "the concern recurs"
    assert relation(praise, concern) == "progress is reported"
    assert relation(_finding("action", "A Practice Model has now been agreed."), concern) == "the later review notes it as done"
    # An action still under way is progress, not done; against a strength it says the matter needs work again.
    under_way = _finding("action", "A Task and Finish group has been set up to write an Adolescent Strategy. "
                                   "This will be finalised by April 2020.")
    assert relation(under_way, concern) == "progress is reported"
    assert relation(_finding("action", "A Childrens Vision is being developed."), strength) == "now raised as a concern"
    assert relation(_finding("top tip", "Focus on case supervision."), concern) == "the later review advises on it"
    assert relation(_finding("key line of enquiry", "Is the LA sufficiently ambitious?"), concern) == "the later review asks about it"


def test_rescoring_from_the_features_is_scoring_again() -> None:
    """scripts/tune_links.py searches the weights by `rescore`: it must give what `candidates`
    gives when run with those weights."""
    from dataclasses import replace

    from ingest.corpus.link import rescore

    taxonomy = load_taxonomy(None)
    earlier = _doc("early", "2011-04-11", ["Variable caseloads were evidenced across the teams.",
                                           "Missing children is an area of risk.", "Some staff found it difficult to access training."])
    later = _doc("late", "2019-11-30", ["Issues of stability and capacity in the workforce remain; caseloads are high.",
                                        "Return interviews for missing children are timely.",
                                        "Staff development needs are identified by team, with targeted training."])
    tag_documents([earlier, later], taxonomy)
    cands = candidates(earlier, later, taxonomy)
    assert cands is not None
    assert rescore(cands, DEFAULT_PARAMS).scored == cands.scored
    other = replace(DEFAULT_PARAMS, concept_cover=0.0, words=0.3, fuzz=0.4)
    again = candidates(earlier, later, taxonomy, other)
    assert again is not None and rescore(cands, other).scored == again.scored


def test_linking_reads_the_terms_the_tagger_kept_and_runs_no_spacy_on_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    """spaCy ran twice over every finding in a series, once to tag and once to link: the tagger now
    keeps each finding's lemmas and concepts, and they are the ones linking would read afresh."""
    from ingest.corpus import link, tagger

    taxonomy = load_taxonomy(None)
    texts = ["Some staff confirmed it was difficult to access training due to workload pressures.",
             "Caseloads of social workers were high; the IRO service was stretched."]
    earlier, later = _doc("early", "2011-04-11", texts), _doc("late", "2019-11-30", list(reversed(texts)))
    fresh = tagger.finding_terms(earlier.findings, taxonomy)  # read afresh: not tagged yet
    tag_documents([earlier, later], taxonomy)
    assert [f.terms for f in earlier.findings] == fresh
    assert fresh[0].lemmas[:3] == ["staff", "confirm", "difficult"] and "staff-development" in fresh[0].concepts

    def no_spacy(*args: object, **kwargs: object) -> None:
        raise AssertionError("linking ran the tagger's pipeline over findings")

    monkeypatch.setattr(tagger, "tag_texts", no_spacy)
    assert link.link_pair(earlier, later, taxonomy).links
    assert all(f.terms is not None and "terms" not in f.model_dump() for f in earlier.findings)  # never published
