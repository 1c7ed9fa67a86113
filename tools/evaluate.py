"""Measure theme tagging and cross-review linking against the labelled set in tests/labelled/.

Used by `scripts/evaluate.py` (prints the figures), `scripts/tune_links.py`,
`scripts/readme_figures.py` (the README's table) and the quality tests (hold floors). The ids
below are the bundled corpus's: this module is lab code, outside the package.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ingest.config.taxonomy import Taxonomy
from ingest.model import Corpus

# The documents whose errors were read while writing the taxonomy's rules ("tuning"); the rest
# are held out: their figures say how the rules do on papers they were not written from.
# The 2011 letter and the 2019 review stay in the tuning half because they are the linked pair.
TUNING_DOCUMENTS = (
    "2011-04-11-safeguarding-peer-review",
    "2017-iro-annual-report-2016-17",
    "2020-02-26-cypic-regional-peer-review",
)


def document_of(finding_id: str) -> str:
    return finding_id.split("/", 1)[0]


def split_of(finding_id: str) -> str:
    return "tuning" if document_of(finding_id) in TUNING_DOCUMENTS else "held-out"


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    themes: dict[str, PRF] = field(default_factory=dict)
    micro: PRF = field(default_factory=PRF)
    links: PRF = field(default_factory=PRF)
    review: PRF = field(default_factory=PRF)  # the links and the possible matches together
    labelled_findings: int = 0
    missing_ids: list[str] = field(default_factory=list)
    theme_errors: list[tuple[str, str, str]] = field(default_factory=list)  # (id, theme, "fp"/"fn")
    by_document: dict[str, PRF] = field(default_factory=dict)  # micro figures per document
    by_split: dict[str, PRF] = field(default_factory=dict)  # micro figures, "tuning" / "held-out"
    themes_by_split: dict[str, dict[str, PRF]] = field(default_factory=dict)
    link_errors: list[tuple[str, str, str]] = field(default_factory=list)


def evaluate(corpus: Corpus, labelled_dir: Path) -> Evaluation:
    ev = Evaluation()
    findings = {f.id: f for f in corpus.findings()}
    for fid, gold in _theme_labels(labelled_dir).items():
        f = findings.get(fid)
        if f is None:
            ev.missing_ids.append(fid)
            continue
        ev.labelled_findings += 1
        got = set(f.themes)
        doc = ev.by_document.setdefault(document_of(fid), PRF())
        split = ev.by_split.setdefault(split_of(fid), PRF())
        split_themes = ev.themes_by_split.setdefault(split_of(fid), {})
        for t in gold | got:
            counters = [ev.themes.setdefault(t, PRF()), ev.micro, doc, split, split_themes.setdefault(t, PRF())]
            if t in gold and t in got:
                for c in counters:
                    c.tp += 1
            elif t in got:
                for c in counters:
                    c.fp += 1
                ev.theme_errors.append((fid, t, "fp"))
            else:
                for c in counters:
                    c.fn += 1
                ev.theme_errors.append((fid, t, "fn"))
    expected = gold_links(labelled_dir)
    ev.links, ev.link_errors = score_links(corpus, expected)
    ev.review, _ = score_links(corpus, expected, with_possible=True)
    return ev


def score_links(corpus: Corpus, expected: dict[str, set[str]],
                with_possible: bool = False) -> tuple[PRF, list[tuple[str, str, str]]]:
    """The linker's links against a reader's (source -> targets), on the sources they labelled:
    the figures and each error as (source, target, "fp"/"fn"). With `with_possible`, the links and
    the possible matches together: what an officer's review queue puts before them."""
    offered = [*corpus.links, *corpus.possible_links] if with_possible else corpus.links
    return score_pairs({(lk.source, lk.target) for lk in offered if lk.source and lk.target}, expected)


def score_pairs(got: set[tuple[str, str]], expected: dict[str, set[str]],
                sources: set[str] | None = None) -> tuple[PRF, list[tuple[str, str, str]]]:
    """(source, target) pairs against a reader's links, on the sources they labelled (or on
    `sources`, a part of them): the figures and each error as (source, target, "fp"/"fn")."""
    sources = set(expected) if sources is None else sources
    want = _pairs(expected, sources)
    got_links = {(s, t) for s, t in got if s in sources}
    prf, errors = PRF(), []
    for pair in sorted(want | got_links):
        if pair in want and pair in got_links:
            prf.tp += 1
        elif pair in got_links:
            prf.fp += 1
            errors.append((pair[0], pair[1], "fp"))
        else:
            prf.fn += 1
            errors.append((pair[0], pair[1], "fn"))
    return prf, errors


def gold_links(labelled_dir: Path) -> dict[str, set[str]]:
    """A reader's links (links.yaml): each source they labelled -> the targets they expect
    (none: the later review said nothing on it)."""
    items = yaml.safe_load((labelled_dir / "links.yaml").read_text(encoding="utf-8"))["links"]
    return {item["source"]: set(item.get("targets") or []) for item in items}


def adjudicated_links(first_dir: Path, second_dir: Path, adjudication_dir: Path) -> tuple[dict[str, set[str]], list[tuple[str, str]]]:
    """The links two readers agree on, plus those of their disputed pairs an adjudicator decided
    are links (adjudication.yaml), on the sources both labelled; and the disputed pairs the
    adjudication does not decide (it must be redone if either reader's labels change)."""
    a, b, both = _both_readers(first_dir, second_dir)
    items = yaml.safe_load((adjudication_dir / "adjudication.yaml").read_text(encoding="utf-8"))["pairs"]
    decided = {(item["source"], item["target"]): item["decision"] == "link" for item in items}
    gold: dict[str, set[str]] = {s: set() for s in both}
    for s, t in (a & b) | {pair for pair in a ^ b if decided.get(pair)}:
        gold[s].add(t)
    return gold, sorted((a ^ b) - decided.keys())


def _pairs(gold: dict[str, set[str]], sources: set[str] | None = None) -> set[tuple[str, str]]:
    return {(s, t) for s, targets in gold.items() if sources is None or s in sources for t in targets}


def _both_readers(first_dir: Path, second_dir: Path) -> tuple[set[tuple[str, str]], set[tuple[str, str]], set[str]]:
    """Each reader's links on the sources both labelled, and those sources."""
    first, second = gold_links(first_dir), gold_links(second_dir)
    both = set(first) & set(second)
    return _pairs(first, both), _pairs(second, both), both


def reader_agreement(first_dir: Path, second_dir: Path) -> PRF:
    """How far a second reader's links agree with the first's, scored as if the second reader
    were the linker (on the sources both labelled): the ceiling a linker can hope to reach."""
    first, second, _ = _both_readers(first_dir, second_dir)
    return PRF(tp=len(first & second), fp=len(second - first), fn=len(first - second))


def _theme_labels(labelled_dir: Path) -> dict[str, set[str]]:
    items = yaml.safe_load((labelled_dir / "themes.yaml").read_text(encoding="utf-8"))["findings"]
    return {item["id"]: set(item.get("themes") or []) for item in items}


def theme_agreement(first_dir: Path, other: Path | dict[str, set[str]]) -> PRF:
    """Micro figures of `other`'s theme labels (another reader's folder, or the tagger's themes
    by finding id) against the first reader's, on the findings both labelled."""
    first = _theme_labels(first_dir)
    second = _theme_labels(other) if isinstance(other, Path) else other
    prf = PRF()
    for fid in first.keys() & second.keys():
        prf.tp += len(first[fid] & second[fid])
        prf.fp += len(second[fid] - first[fid])
        prf.fn += len(first[fid] - second[fid])
    return prf


@dataclass
class RelationAgreement:
    """How often the linker's relation for a labelled pair (`link.relation`) is the one a reader
    chose, over every pair the reader labelled, whether or not the linker links it: this measures
    the wording of a link, not whether it is found."""

    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (reader's, linker's) -> pairs
    missing: list[tuple[str, str]] = field(default_factory=list)  # labelled pairs whose findings are gone
    disagreements: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # pair -> (reader's, linker's)

    @property
    def pairs(self) -> int:
        return sum(self.confusion.values())

    @property
    def agree(self) -> int:
        return sum(n for (gold, got), n in self.confusion.items() if gold == got)

    @property
    def accuracy(self) -> float:
        return self.agree / self.pairs if self.pairs else 1.0


def relation_labels(labelled_dir: Path) -> dict[tuple[str, str], str]:
    """A reader's relations (relations.yaml): (source, target) -> relation code (a key of `link.RELATIONS`)."""
    items = yaml.safe_load((labelled_dir / "relations.yaml").read_text(encoding="utf-8"))["relations"]
    return {(item["source"], item["target"]): item["relation"] for item in items}


def relation_agreement(corpus: Corpus, labelled_dir: Path) -> RelationAgreement:
    from ingest.corpus.link import RELATIONS, relation

    findings = {f.id: f for f in corpus.findings()}
    code_of = {words: code for code, words in RELATIONS.items()}
    ra = RelationAgreement()
    for (source, target), gold in relation_labels(labelled_dir).items():
        if source not in findings or target not in findings:
            ra.missing.append((source, target))
            continue
        got = code_of[relation(findings[target], findings[source])]
        ra.confusion[(gold, got)] += 1
        if got != gold:
            ra.disagreements[(source, target)] = (gold, got)
    return ra


def table_row_conventions(corpus: Corpus, taxonomy: Taxonomy, readers: dict[str, Path]) -> dict[str, dict[str, PRF]]:
    """Micro figures of the tagger against each reader's theme labels (name -> folder) with table
    rows tagged each way the taxonomy's `table_rows` allows (the corpus as tagged for its own
    setting, a re-tagged copy for the other): which convention each reader follows.
    convention -> reader -> figures."""
    from dataclasses import replace

    from ingest.config.taxonomy import TABLE_ROWS
    from ingest.corpus.tagger import tag_documents

    out: dict[str, dict[str, PRF]] = {}
    for convention in TABLE_ROWS:
        docs = corpus.documents
        if convention != taxonomy.table_rows:
            docs = [d.model_copy(deep=True) for d in docs]
            tag_documents(docs, replace(taxonomy, table_rows=convention))
        tagged = {f.id: set(f.themes) for d in docs for f in d.findings}
        out[convention] = {name: theme_agreement(folder, tagged) for name, folder in readers.items()}
    return out


def built_corpus(corpus_dir: Path) -> Corpus:
    """The corpus the product builds from `corpus_dir`: `ingest.pipeline.build` with rendering
    off and no cache (what the evaluation measures, and what the quality tests hold floors on)."""
    from ingest.pipeline import BuildOptions, build

    # With rendering off the build never touches the site folder: it is named, not written.
    opts = BuildOptions(corpus=corpus_dir, site=corpus_dir.parent / "site-not-rendered", executor="serial",
                        cache_dir=None, render=False)
    return build(opts).corpus
