"""Officers' link decisions (corpus/link-decisions.yaml) hold over the rules, and tell what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.decisions import DECISIONS_FILE, load_decisions
from ingest.errors import ConfigError
from ingest.model import Link
from ingest.pipeline import BuildOptions, build
from ingest.render.pages import _link_standing

EARLY, LATE = "2011-04-11-safeguarding-peer-review/", "2020-02-26-cypic-regional-peer-review/"


def _links(corpus: Path, tmp_path: Path, body: str, strict: bool = False):  # type: ignore[no-untyped-def]
    (corpus / DECISIONS_FILE).write_text(body, encoding="utf-8")
    result = build(BuildOptions(corpus=corpus, site=tmp_path / "site", executor="serial", render=False, strict=strict))
    return result, {(lk.source, lk.target): lk for lk in result.corpus.links}


def test_confirm_add_and_reject(tmp_corpus: Path, tmp_path: Path) -> None:
    before = {(lk.source, lk.target): lk for lk in build(BuildOptions(
        corpus=tmp_corpus, site=tmp_path / "site0", executor="serial", render=False)).corpus.links}
    made = (EARLY + "consider-looked-after-children-1", LATE + "p29")  # a link the rules make
    assert made in before and not before[made].confirmed
    lone = next(s for (s, t) in before if s and t and sum(1 for (s2, t2) in before if s2 == s and t2) == 1 and (s, t) != made)
    lone_target = next(t for (s, t) in before if s == lone and t)
    missed_source = next(s for (s, t) in before if s and t is None)  # "not taken up"
    missed_target = next(t for (s, t) in before if s is None and t)  # "new in 2019"

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


def test_the_register_marks_confirmed_links_and_shows_no_score_for_added_ones() -> None:
    rules = Link(source="a", target="b", score=0.42, relation="progress is reported")
    assert _link_standing(rules) == '<span class="score">score 0.42</span>'
    confirmed = rules.model_copy(update={"confirmed": True})
    assert "confirmed by an officer" in _link_standing(confirmed) and "score 0.42" in _link_standing(confirmed)
    added = Link(source="a", target="b", score=0.0, relation="progress is reported", confirmed=True)
    assert "confirmed by an officer" in _link_standing(added) and 'class="score"' not in _link_standing(added)


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
    return tmp_path / "site"


def test_decide_writes_a_decision_the_build_reads(tmp_path: Path) -> None:
    from ingest.cli import main
    from ingest.decisions import DecisionRefused, record_decision

    site, corpus = _built_site(tmp_path), tmp_path / "corpus"
    corpus.mkdir()
    said = record_decision(corpus, site, "confirm", "r2011/a", "https://council.example/papers/documents/r2019/#p1",
                           by="J. Smith", note="Checked: it answers the 2011 point.")
    assert "decision 1" in said and "confirms the rules' link (the concern recurs, score 0.44)" in said
    assert "adds a link" in record_decision(corpus, site, "confirm", "r2011/#b", "r2019#p2")
    got = load_decisions(corpus)
    assert [(d.source, d.target, d.decision, d.by, d.note) for d in got] == [
        ("r2011/a", "r2019/p1", "confirm", "J. Smith", "Checked: it answers the 2011 point."),
        ("r2011/b", "r2019/p2", "confirm", None, None)]
    refused = [("reject", "r2011/b", "r2019/p1", "nothing to reject"),  # the rules do not make it
               ("confirm", "r2011/a", "r2019/p1", "already has decision 1"),
               ("confirm", "r2011/a", "minutes/m1", "not in consecutive reviews"),
               ("confirm", "r2011/zz", "r2019/p1", "No finding 'r2011/zz'")]
    for decision, source, target, words in refused:
        with pytest.raises(DecisionRefused, match=words):
            record_decision(corpus, site, decision, source, target)
    assert len(load_decisions(corpus)) == 2  # nothing written by a refused decision
    assert main(["decide", "reject", "r2011/a", "r2019/p2", "--corpus", str(corpus), "--site", str(site)]) == 1
    assert main(["decide", "confirm", "r2011/a", "r2019/p2", "--corpus", str(corpus), "--site", str(site)]) == 0
    assert main(["decide", "confirm", "r2011/a", "r2019/p1", "--corpus", str(tmp_path / "none"), "--site", str(tmp_path)]) == 1


def test_decide_starts_an_empty_decisions_file(tmp_path: Path) -> None:
    from ingest.decisions import record_decision

    site, corpus = _built_site(tmp_path), tmp_path / "corpus"
    corpus.mkdir()
    (corpus / DECISIONS_FILE).write_text("# our decisions\ndecisions: []\n", encoding="utf-8")
    record_decision(corpus, site, "reject", "r2011/a", "r2019/p1", by="J. Smith")
    assert [(d.source, d.decision) for d in load_decisions(corpus)] == [("r2011/a", "reject")]
    assert (corpus / DECISIONS_FILE).read_text(encoding="utf-8").startswith("# our decisions\ndecisions:\n")
