"""Officers' link decisions (corpus/link-decisions.yaml) hold over the rules, and tell what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import ConfigError
from ingest.model import Link
from ingest.officer.decisions import DECISIONS_FILE, load_decisions
from ingest.pipeline import BuildOptions, build
from ingest.site.follow import _link_standing

EARLY, LATE = "2011-04-11-safeguarding-peer-review/", "2020-02-26-cypic-regional-peer-review/"


def _links(corpus: Path, tmp_path: Path, body: str, strict: bool = False):  # type: ignore[no-untyped-def]
    (corpus / DECISIONS_FILE).write_text(body, encoding="utf-8")
    result = build(BuildOptions(corpus=corpus, site=tmp_path / "site", executor="serial", render=False, strict=strict))
    return result, {(lk.source, lk.target): lk for lk in result.corpus.links}


def test_confirm_add_and_reject(tmp_corpus: Path, tmp_path: Path) -> None:
    rules = build(BuildOptions(corpus=tmp_corpus, site=tmp_path / "site0", executor="serial", render=False)).corpus
    before = {(lk.source, lk.target): lk for lk in rules.links}
    offered = {(p.source, p.target): p for p in rules.possible_links}
    made = (EARLY + "consider-looked-after-children-1", LATE + "p29")  # a link the rules make
    assert made in before and not before[made].confirmed
    lone = next(s for (s, t) in before if s and t and sum(1 for (s2, t2) in before if s2 == s and t2) == 1 and (s, t) != made)
    lone_target = next(t for (s, t) in before if s == lone and t)
    taken_up = next(pair for pair in offered if pair[0] != lone)  # a possible match the officer confirms
    dismissed = next(pair for pair in offered if pair[0] not in (lone, taken_up[0]))  # and one they reject
    # A pair the rules neither link nor offer as a possible match: "not taken up" and "new in 2019".
    missed_source, missed_target = next((s, t) for (s, _) in before if s and (s, None) in before
                                        for (_, t) in before if t and (None, t) in before and (s, t) not in offered)

    result, got = _links(tmp_corpus, tmp_path, f"""decisions:
  - source: {made[0]}
    target: {made[1]}
    decision: confirm
    by: A. Officer
    note: checked against both reports
  - source: {missed_source}
    target: {missed_target}
    decision: confirm
  - source: {lone}
    target: {lone_target}
    decision: reject
  - source: {taken_up[0]}
    target: {taken_up[1]}
    decision: confirm
    by: B. Officer
  - source: {dismissed[0]}
    target: {dismissed[1]}
    decision: reject
""")
    assert not result.skipped
    confirmed = got[made]
    assert confirmed.confirmed and confirmed.score == before[made].score
    assert confirmed.evidence[0] == "confirmed by an officer (A. Officer): checked against both reports"
    added = got[(missed_source, missed_target)]
    assert added.confirmed and added.score == 0.0 and added.relation and added.evidence == ["added by an officer"]
    assert (missed_source, None) not in got and (None, missed_target) not in got  # no longer unanswered
    assert (lone, lone_target) not in got
    assert got[(lone, None)].relation == "not taken up in 2019"  # its only link was rejected
    taken = got[taken_up]  # a possible match confirmed: a link, with the rules' score and evidence
    assert taken.confirmed and taken.score == offered[taken_up].score > 0
    assert taken.evidence == ["confirmed by an officer (B. Officer)", *offered[taken_up].evidence]
    assert taken.relation != offered[taken_up].relation and not taken.relation.startswith("a possible")
    still_offered = {(p.source, p.target) for p in result.corpus.possible_links}
    assert taken_up not in still_offered and dismissed not in still_offered and dismissed not in got
    assert len(still_offered) == len(offered) - 2


def test_a_decision_that_no_longer_fits_is_reported_and_the_build_goes_on(tmp_corpus: Path, tmp_path: Path) -> None:
    result, got = _links(tmp_corpus, tmp_path, f"""decisions:
  - source: {EARLY}no-such-finding
    target: {LATE}p29
    decision: confirm
  - source: {LATE}p29
    target: {EARLY}consider-looked-after-children-1
    decision: confirm
""")
    assert got  # the rules' links are all there
    reasons = {r.file: r.reason or "" for r in result.skipped}
    first = reasons[f"{DECISIONS_FILE} (decision 1)"]
    assert "[E042]" in first and "no-such-finding" in first and "permalink" in first
    second = reasons[f"{DECISIONS_FILE} (decision 2)"]
    assert "[E043]" in second and "series" in second


@pytest.mark.parametrize(("body", "words"), [
    ("decisions:\n  - source: a\n    target: b\n    decision: maybe\n", ["decision 1", "'decision'", "confirm or reject"]),
    ("decisions:\n  - source: a\n    decision: confirm\n", ["decision 1", "'target'", "missing"]),
    ("decisions:\n  - source: a\n    target: b\n    decision: confirm\n    who: me\n", ["decision 1", "'who'", "not a known key"]),
    ("decisions:\n  - {source: a, target: b, decision: confirm}\n  - {source: a, target: b, decision: reject}\n",
     ["decision 2", "contradicts decision 1"]),
    ("links: []\n", ["(top level)", "'decisions'"]),
    ("decisions: [\n", [DECISIONS_FILE, "not valid YAML"]),
])
def test_decision_file_errors_name_the_decision_and_key(tmp_path: Path, body: str, words: list[str]) -> None:
    (tmp_path / DECISIONS_FILE).write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_decisions(tmp_path)
    assert DECISIONS_FILE in str(err.value)
    for w in words:
        assert w in str(err.value), (w, str(err.value))


def test_the_register_says_who_made_a_link_and_how_sure_it_is_in_words() -> None:
    """The register shows no bare score: the rules' links say "strong" or "possible match"
    (the score stays in links.jsonl), an officer's confirmed or added link says so."""
    rules = Link(source="a", target="b", score=0.42, relation="progress is reported")
    assert _link_standing(rules) == '<span class="standing">suggested by the rules: possible match</span>'
    strong = rules.model_copy(update={"score": 0.64})
    assert _link_standing(strong) == '<span class="standing">suggested by the rules: strong match</span>'
    confirmed = rules.model_copy(update={"confirmed": True})
    assert _link_standing(confirmed) == '<span class="confirmed">confirmed by an officer</span>'
    added = Link(source="a", target="b", score=0.0, relation="progress is reported", confirmed=True)
    assert "confirmed by an officer" in _link_standing(added) and "0.0" not in _link_standing(added)


def _built_site(tmp_path: Path) -> Path:
    """The open data `decide` checks against: two reviews of one series and a paper outside it."""
    import json

    data = tmp_path / "site" / "data"
    data.mkdir(parents=True)
    docs = [{"id": "r2011", "series": "reviews", "period": "2011-02", "date": "2011-04-11", "findings": 2},
            {"id": "r2019", "series": "reviews", "period": None, "date": "2020-02-26", "findings": 2},
            {"id": "minutes", "series": None, "period": None, "date": "2020-01-28", "findings": 1}]
    (data / "documents.json").write_text(json.dumps(docs), encoding="utf-8")
    ids = ["r2011/a", "r2011/b", "r2019/p1", "r2019/p2", "minutes/m1"]
    (data / "findings.jsonl").write_text("".join(json.dumps({"id": i, "document_id": i.split("/")[0]}) + "\n" for i in ids),
                                         encoding="utf-8")
    (data / "links.jsonl").write_text(json.dumps({"source": "r2011/a", "target": "r2019/p1", "score": 0.44,
                                                  "relation": "the concern recurs"}) + "\n", encoding="utf-8")
    (data / "possible-links.jsonl").write_text(json.dumps({"source": "r2011/b", "target": "r2019/p1", "score": 0.27,
                                                           "relation": "a possible match, below the cut-off"}) + "\n", encoding="utf-8")
    return tmp_path / "site"


def test_decide_writes_a_decision_the_build_reads(tmp_path: Path) -> None:
    from ingest.cli import main
    from ingest.officer.decisions import DecisionRefused, record_decision

    site, corpus = _built_site(tmp_path), tmp_path / "corpus"
    corpus.mkdir()
    said = record_decision(corpus, site, "confirm", "r2011/a", "https://council.example/papers/documents/r2019/#p1",
                           by="J. Smith", note="Checked: it answers the 2011 point.")
    assert "decision 1" in said and "confirms the rules' link (the concern recurs, score 0.44)" in said
    assert "adds a link" in record_decision(corpus, site, "confirm", "r2011/#b", "r2019#p2")
    assert "makes the possible match (score 0.27) a link" in record_decision(corpus, site, "confirm", "r2011/b", "r2019/p1")
    got = load_decisions(corpus)
    assert [(d.source, d.target, d.decision, d.by, d.note) for d in got] == [
        ("r2011/a", "r2019/p1", "confirm", "J. Smith", "Checked: it answers the 2011 point."),
        ("r2011/b", "r2019/p2", "confirm", None, None), ("r2011/b", "r2019/p1", "confirm", None, None)]
    refused = [("reject", "r2011/b", "r2019/p2", "neither link .* nor offer it"),  # not a link nor a possible match
               ("confirm", "r2011/a", "r2019/p1", "already has decision 1"),
               ("confirm", "r2011/a", "minutes/m1", "not in consecutive reviews"),
               ("confirm", "r2011/zz", "r2019/p1", "No finding 'r2011/zz'")]
    for decision, source, target, words in refused:
        with pytest.raises(DecisionRefused, match=words):
            record_decision(corpus, site, decision, source, target)
    assert len(load_decisions(corpus)) == 3  # nothing written by a refused decision
    assert main(["decide", "reject", "r2011/a", "r2019/p2", "--corpus", str(corpus), "--site", str(site)]) == 1
    other = tmp_path / "other"
    other.mkdir()
    assert "dismisses the possible match (score 0.27)" in record_decision(other, site, "reject", "r2011/b", "r2019/p1")
    assert main(["decide", "confirm", "r2011/a", "r2019/p2", "--corpus", str(corpus), "--site", str(site)]) == 0
    assert main(["decide", "confirm", "r2011/a", "r2019/p1", "--corpus", str(tmp_path / "none"), "--site", str(tmp_path)]) == 1


def test_decide_starts_an_empty_decisions_file(tmp_path: Path) -> None:
    from ingest.officer.decisions import record_decision

    site, corpus = _built_site(tmp_path), tmp_path / "corpus"
    corpus.mkdir()
    (corpus / DECISIONS_FILE).write_text("# our decisions\ndecisions: []\n", encoding="utf-8")
    record_decision(corpus, site, "reject", "r2011/a", "r2019/p1", by="J. Smith")
    assert [(d.source, d.decision) for d in load_decisions(corpus)] == [("r2011/a", "reject")]
    assert (corpus / DECISIONS_FILE).read_text(encoding="utf-8").startswith("# our decisions\ndecisions:\n")


def test_review_lists_links_and_possible_matches_with_the_command_for_each(tmp_path: Path) -> None:
    import json

    from ingest.cli import main
    from ingest.errors import NoBuiltSite
    from ingest.officer.review import NothingToReview, review_queue

    site = _built_site(tmp_path)
    data = site / "data"
    texts = {"r2011/a": "Caseloads vary.", "r2011/b": "Scrutiny is under-developed.", "r2019/p1": "Workforce capacity remains an issue.",
             "r2019/p2": "Scrutiny has improved.", "minutes/m1": "Noted."}
    (data / "findings.jsonl").write_text("".join(json.dumps({"id": i, "document_id": i.split("/")[0], "kind": "finding", "label": i[-2:],
                                                             "page": 3, "text": t}) + "\n" for i, t in texts.items()), encoding="utf-8")
    queue = review_queue(site, by="J. Smith")
    text = "\n".join(queue)
    assert text.index("r2011/a  (finding, /a, p. 3)") < text.index("r2011/b  (finding, /b, p. 3)")
    assert "LINK p1: the concern recurs, score 0.44\n    Workforce capacity remains an issue." in text
    assert "python -m ingest decide reject r2011/a r2019/p1 --by 'J. Smith'" in text
    assert "POSSIBLE p1: score 0.27" in text and "python -m ingest decide confirm r2011/b r2019/p1 --by 'J. Smith'" in text
    assert queue[-1].startswith("2 earlier findings: 1 links (0 confirmed by an officer), 1 possible matches")
    only = review_queue(site, only="r2011/#b")
    assert only[0].startswith("r2011/b ") and "r2011/a" not in "\n".join(only)
    with pytest.raises(NothingToReview, match="No earlier finding"):
        review_queue(site, only="r2019")
    with pytest.raises(NoBuiltSite, match="no built site there"):
        review_queue(tmp_path / "nowhere")
    (data / "possible-links.jsonl").unlink()
    with pytest.raises(NothingToReview, match="Rebuild"):
        review_queue(site)
    (data / "possible-links.jsonl").write_text("", encoding="utf-8")
    (data / "links.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(NothingToReview, match="same `series` in the manifest"):
        review_queue(site)
    assert main(["review", "--site", str(tmp_path / "nowhere")]) == 1
