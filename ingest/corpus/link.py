"""Follow findings across reviews years apart: for each earlier finding, what the later said.

Candidates are blocked by shared theme or concept group (an inverted index), so linking grows
with the corpus rather than with its square; each candidate pair is scored by rapidfuzz on
lemmatised content words (vectorised `cdist`) together with the themes and concept groups the
two share, since some links share no words at all ("evidence outcomes" in 2011, "tell your story
using evidence of distance travelled" in 2019).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

import numpy as np
from pydantic import BaseModel
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from ingest.cache import Cache, code_digest
from ingest.config.taxonomy import Taxonomy
from ingest.corpus.tagger import pipeline_for, tag_doc
from ingest.model import Document, Finding, Link, series_order

SOURCE_KINDS = {"strength", "good practice", "area for consideration", "priority", "recommendation", "action",
                "finding", "key line of enquiry", "top tip", "risk"}
# Sections that only cross-refer to other plans, or describe how the review was done.
_NOT_TARGETS = re.compile(r"^(council plan|methodology|contact details|summary)\b", re.I)
# A paragraph about how the review was done (its lines of enquiry, method or sample), wherever it
# sits: it says nothing on a matter itself ("the key lines of enquiry were sufficiently robust and
# would test threshold..." drew five earlier findings on thresholds and aspirations to it).
_ABOUT_THE_REVIEW = re.compile(r"\b(lines? of enquiry|methodology|sampled cohort|sample of cases)\b", re.I)
# The features of a candidate pair, in the order of `Candidates.features` and of `LinkParams`' weights.
FEATURES = ("concept_cover", "concept_sum", "themes", "words", "fuzz")


@dataclass(frozen=True)
class LinkParams:
    """Weights and cut-offs, set by measuring against tests/labelled/links.yaml
    (`python scripts/tune_links.py` chooses the cut-offs; with --weights it measures whether choosing
    the weights too would help: it did not, so they are set by hand; `scripts/evaluate.py` reports the result)."""

    concept_cover: float = 0.2  # share of the earlier finding's concept groups (idf-weighted) the later has
    concept_sum: float = 0.1  # per unit of idf of shared concept groups, capped at 6
    themes: float = 0.2  # share of the earlier finding's themes (idf-weighted) the later one has
    words: float = 0.6  # idf-weighted cosine of shared content lemmas
    fuzz: float = 0.1  # rapidfuzz token_set_ratio of the lemmatised texts
    threshold: float = 0.33  # on the published 0-1 scale (score / max_score)
    relative: float = 0.1  # keep targets within this of the best one
    max_targets: int = 2
    # Possible matches: the next-best later findings, below the cut-offs, shown apart for an
    # officer to confirm or ignore. Many of the links the rules miss rank just below (2nd-4th).
    possible_threshold: float = 0.2  # on the published 0-1 scale
    max_possible: int = 3  # per earlier finding
    concepts_need_theme: bool = True  # a concept group counts only where its theme is tagged


    @property
    def max_score(self) -> float:
        return self.concept_cover + 6.0 * self.concept_sum + self.themes + self.words + self.fuzz


DEFAULT_PARAMS = LinkParams()

# Function words: not compared between findings, nor shown as evidence of a link.
_STOPWORDS = frozenset({
    "a", "an", "the", "and", "or", "of", "to", "in", "for", "on", "with", "by", "at", "from", "as",
    "is", "are", "was", "were", "be", "been", "being", "this", "that", "these", "those", "it",
    "its", "their", "there", "they", "we", "you", "your", "our", "has", "have", "had", "not", "no",
    "but", "also", "which", "who", "whom", "will", "would", "could", "should", "may", "might",
    "can", "must", "more", "most", "some", "such", "than", "then", "so", "very", "all", "any",
    "each", "other", "into", "about", "over", "within", "across", "between", "through", "during",
    "per", "i", "e", "g", "eg", "ie", "etc"
})

_DONE = re.compile(r"\b(has been (?:set up|agreed|established|introduced|appointed|developed|implemented|put in place)|"
                   r"is now in place|now in place|have introduced|has now been|is in place)\b", re.I)
# An action still under way: being written, continuing, planned, to be finished by a date.
_UNDER_WAY = re.compile(r"\b(will be|will run|is being|are being|being developed|continues|continue to|planned|"
                        r"to (?:finalise|write|develop)|by (?:january|february|march|april|may|june|july|august|"
                        r"september|october|november|december|\d{4}))\b", re.I)
_POSITIVE = re.compile(r"\b(strengths?|strong|good|well|robust|improv\w*|welcom\w*|excellent|positive\w*|confident|"
                       r"innovative|high ambitions|strengthened|secure|better|valued|engaged|clarity|reassuring\w*|"
                       r"competent|determined|committed|encouraging|effective|impressed|commended|outstanding)\b", re.I)
_CONCERN = re.compile(r"\b(lack|not well established|more work|risks?|drift|delay|issues?|gaps?|challeng\w*|variable|"
                      r"inconsistent|poor|not yet|yet to|little understanding|adversely|concerns?|weak|need to|must|"
                      r"vacanc\w*|turnover|neglect|unclear|not clear|difficult|shortage|low)\b", re.I)
# Kinds of earlier finding that record a strength; the rest (areas for consideration, priorities,
# recommendations, risks) record something to do or to worry about.
_STRENGTH_KINDS = {"strength", "good practice"}

RELATIONS = {
    "recurs": "the concern recurs",
    "progress": "progress is reported",
    "done": "the later review notes it as done",
    "still": "still a strength",
    "now_concern": "now raised as a concern",
    "advice": "the later review advises on it",
    "question": "the later review asks about it",
}
# Later findings that give advice or ask a question pass no verdict on the matter.
_ADVICE_KINDS = {"top tip", "recommendation"}
_QUESTION_KINDS = {"key line of enquiry"}
# The relation of a possible match (possible-links.jsonl): not a link, so it says nothing of the matter.
POSSIBLE = "a possible match, below the cut-off"


def series_pairs(docs: list[Document]) -> list[tuple[Document, Document]]:
    by_series: dict[str, list[Document]] = defaultdict(list)
    for d in docs:
        if d.series and d.findings:
            by_series[d.series].append(d)
    pairs = []
    for members in by_series.values():
        members.sort(key=lambda d: series_order(d.period, d.date, d.id))
        pairs += list(zip(members, members[1:]))
    return pairs


def _verdict(text: str) -> str:
    """"concern" or "positive": what the words of judgement say, read from the opening sentence
    when it has any (a review's verdict comes first: "There is a competent and determined senior
    leadership team ... strengths and challenges" is praise), else from the whole text."""
    first = re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0]
    for part in (first, text):
        pos, neg = len(_POSITIVE.findall(part)), len(_CONCERN.findall(part))
        if pos or neg:
            return "concern" if neg >= pos else "positive"
    return "positive"


def relation(target: Finding, source: Finding | None = None) -> str:
    """What the later finding says of the earlier one's matter, in words a reader understands.
    The council's action after the later review is "done" once in place, "progress" while under
    way, and against an earlier strength "now raised as a concern"; otherwise the later verdict
    read against the earlier one: a concern again ("the concern recurs") or answered ("progress is reported"); a strength
    again ("still a strength") or turned ("now raised as a concern"). Advice (a top tip) and a
    question (a line of enquiry) pass no verdict, and say so."""
    if target.kind in _ADVICE_KINDS:
        return RELATIONS["advice"]
    if target.kind in _QUESTION_KINDS:
        return RELATIONS["question"]
    after_strength = source is not None and source.kind in _STRENGTH_KINDS
    if target.kind == "action":
        # The council's own action after the later review. Against a strength it is work on
        # something the later paper no longer takes as sound ("a Children's Vision is being
        # developed" against 2011's clear plan); against a concern it is done only when it is
        # in place, not while it is being set up or continues ("will be finalised by April").
        if after_strength:
            return RELATIONS["now_concern"]
        return RELATIONS["progress"] if _UNDER_WAY.search(target.text) else RELATIONS["done"]
    later = _verdict(target.text)
    if _DONE.search(target.text) and later == "positive":
        return RELATIONS["done"]
    if after_strength:
        return RELATIONS["still"] if later == "positive" else RELATIONS["now_concern"]
    return RELATIONS["recurs"] if later == "concern" else RELATIONS["progress"]


def _analyse(findings: list[Finding], taxonomy: Taxonomy) -> tuple[list[str], list[set[str]], list[set[str]]]:
    nlp = pipeline_for(taxonomy)
    texts, lemma_sets, concepts = [], [], []
    for doc in nlp.pipe([f.text for f in findings], batch_size=256):
        lemmas = [t.lemma_ for t in doc if t.is_alpha and t.lower_ not in _STOPWORDS and len(t) > 2]
        texts.append(" ".join(lemmas))
        lemma_sets.append(set(lemmas))
        concepts.append(set(tag_doc(doc)[2]))
    return texts, lemma_sets, concepts


def _title_lemmas(earlier: Document, later: Document, taxonomy: Taxonomy) -> set[str]:
    """The content lemmas of the two papers' titles (and short titles), as `_analyse` makes them."""
    titles = [t for d in (earlier, later) for t in (d.title, d.short_title) if t]
    return {t.lemma_ for doc in pipeline_for(taxonomy).pipe(titles) for t in doc if t.is_alpha} - _STOPWORDS


def _on_theme(concepts: set[str], themes: list[str], owners: dict[str, set[str]]) -> set[str]:
    """The concept groups a finding is about: those of a theme it carries. "Training" in a
    finding about the permanence strategy is not a finding about staff development.
    `owners` is `_concept_owners(taxonomy)`, made once per pair of documents."""
    return {c for c in concepts if not owners.get(c) or owners[c] & set(themes)}


def _concept_owners(taxonomy: Taxonomy) -> dict[str, set[str]]:
    owners: dict[str, set[str]] = defaultdict(set)
    for t in taxonomy.themes.values():
        for c in t.concepts:
            owners[c].add(t.id)
    return owners


def _idf(sets: list[set[str]]) -> dict[str, float]:
    n = len(sets)
    df: dict[str, int] = defaultdict(int)
    for s in sets:
        for x in s:
            df[x] += 1
    return {x: math.log((n + 1) / (c + 0.5)) for x, c in df.items()}


@dataclass
class Candidates:
    """Every blocked (earlier, later) pair of one series step with its score, best first per source."""

    sources: list[Finding]
    targets: list[Finding]
    s_lemmas: list[set[str]]
    t_lemmas: list[set[str]]
    s_concepts: list[set[str]]
    t_concepts: list[set[str]]
    scored: list[list[tuple[float, int]]]  # per source: (score, target index), best first
    features: dict[tuple[int, int], tuple[float, ...]]  # (concept cover, concept sum, themes, words, fuzz)


@dataclass
class Linked:
    """What linking says: the links (with "not taken up" and "new in" lines), and apart from them
    the possible matches below the cut-offs, which are suggestions only and never counted as links."""

    links: list[Link] = field(default_factory=list)
    possible: list[Link] = field(default_factory=list)

    def __iadd__(self, other: Linked) -> Linked:
        self.links += other.links
        self.possible += other.possible
        return self


def link_pair(earlier: Document, later: Document, taxonomy: Taxonomy, params: LinkParams = DEFAULT_PARAMS) -> Linked:
    cands = candidates(earlier, later, taxonomy, params)
    if not cands:
        return Linked()
    return Linked(select(cands, later.reporting_year, taxonomy, params), possible_matches(cands, taxonomy, params))


def candidates(earlier: Document, later: Document, taxonomy: Taxonomy, params: LinkParams = DEFAULT_PARAMS) -> Candidates | None:
    sources = [f for f in earlier.findings if f.kind in SOURCE_KINDS]
    targets = [f for f in later.findings if f.themes and not (f.section and _NOT_TARGETS.match(f.section[-1]))
               and not (f.kind == "paragraph" and _ABOUT_THE_REVIEW.search(f.text))]
    if not sources or not targets:
        return None
    s_text, s_lemmas, s_concepts = _analyse(sources, taxonomy)
    t_text, t_lemmas, t_concepts = _analyse(targets, taxonomy)
    # The papers' own titles name what every finding is part of ("the peer review team found..."):
    # sharing "peer" or "review" says nothing about the matter, so those words are neither scored
    # nor shown as evidence (on the labelled links this also lifts F1 a little).
    own = _title_lemmas(earlier, later, taxonomy)
    s_lemmas = [ws - own for ws in s_lemmas]
    t_lemmas = [ws - own for ws in t_lemmas]
    if params.concepts_need_theme:
        owners = _concept_owners(taxonomy)
        s_concepts = [_on_theme(c, f.themes, owners) for c, f in zip(s_concepts, sources)]
        t_concepts = [_on_theme(c, f.themes, owners) for c, f in zip(t_concepts, targets)]
    # Blocking: a target is a candidate for a source only if they share a theme or concept.
    index: dict[str, set[int]] = defaultdict(set)
    for j, t in enumerate(targets):
        for key in [*t.themes, *(f"c:{c}" for c in t_concepts[j])]:
            index[key].add(j)
    lexical = cdist(s_text, t_text, scorer=fuzz.token_set_ratio, workers=1, dtype=np.uint8)
    c_idf, w_idf, th_idf = _idf(t_concepts), _idf(t_lemmas), _idf([set(t.themes) for t in targets])
    default_idf = math.log(len(targets) + 1)
    all_scored: list[list[tuple[float, int]]] = []
    features: dict[tuple[int, int], tuple[float, ...]] = {}
    for i, s in enumerate(sources):
        cands: set[int] = set()
        for key in [*s.themes, *(f"c:{c}" for c in s_concepts[i])]:
            cands |= index.get(key, set())
        s_concept_mass = sum(c_idf.get(c, default_idf) for c in s_concepts[i])
        s_word_mass = sum(w_idf.get(w, default_idf) for w in s_lemmas[i])
        scored = []
        for j in cands:
            t = targets[j]
            shared_c = s_concepts[i] & t_concepts[j]
            c_sum = sum(c_idf[c] for c in shared_c)
            c_cover = c_sum / s_concept_mass if s_concept_mass else 0.0
            # How much of what the earlier finding was about the later one speaks to.
            # idf-weighted, so a rare shared theme (missing children) counts for more than a common one.
            s_theme_mass = sum(th_idf.get(x, default_idf) for x in s.themes)
            t_theme_mass = sum(th_idf[x] for x in t.themes)
            shared_th = sum(th_idf[x] for x in set(s.themes) & set(t.themes))
            themes = shared_th / math.sqrt(s_theme_mass * t_theme_mass) if s_theme_mass and t_theme_mass else 0.0
            t_word_mass = sum(w_idf[w] for w in t_lemmas[j])
            shared_w = sum(w_idf[w] for w in s_lemmas[i] & t_lemmas[j])
            words = shared_w / math.sqrt(s_word_mass * t_word_mass) if s_word_mass and t_word_mass else 0.0
            feats = (c_cover, min(c_sum, 6.0), themes, words, float(lexical[i, j]) / 100.0)
            scored.append((weighted(feats, params), j))
            features[(i, j)] = feats
        scored.sort(reverse=True)
        all_scored.append(scored)
    return Candidates(sources, targets, s_lemmas, t_lemmas, s_concepts, t_concepts, all_scored, features)


def weighted(features: tuple[float, ...], params: LinkParams) -> float:
    """A pair's score: its features (in the order of `FEATURES`) weighted by `params`."""
    c_cover, c_sum, themes, words, lexical = features
    return (params.concept_cover * c_cover + params.concept_sum * c_sum + params.themes * themes
            + params.words * words + params.fuzz * lexical)


def rescore(c: Candidates, params: LinkParams) -> Candidates:
    """The same candidates scored with other weights, from the features already computed
    (scripts/tune_links.py searches the weights this way without analysing the texts again)."""
    scored = [sorted(((weighted(c.features[(i, j)], params), j) for _, j in row), reverse=True)
              for i, row in enumerate(c.scored)]
    return replace(c, scored=scored)


def _kept(scored: list[tuple[float, int]], params: LinkParams) -> list[tuple[float, int]]:
    """The (score, target) pairs that become links: above the threshold, near the best, the first few."""
    best = scored[0][0] if scored else 0.0
    return [(sc, j) for sc, j in scored
            if sc / params.max_score >= params.threshold and sc >= best - params.relative][:params.max_targets]


def _link(c: Candidates, i: int, j: int, sc: float, taxonomy: Taxonomy, params: LinkParams, relation_text: str) -> Link:
    """Source i -> target j, with its published score and its evidence: shared themes, concepts, words."""
    s, t = c.sources[i], c.targets[j]
    shared_themes = sorted(set(s.themes) & set(t.themes))
    evidence = [f"theme: {taxonomy.label(th)}" for th in shared_themes]
    evidence += [f"concept: {x}" for x in sorted(c.s_concepts[i] & c.t_concepts[j])]
    evidence += [f"word: {w}" for w in sorted(c.s_lemmas[i] & c.t_lemmas[j])[:10]]
    # Published on a 0-1 scale: the share of the best possible match.
    return Link(source=s.id, target=t.id, score=round(sc / params.max_score, 3), relation=relation_text,
                themes=shared_themes, evidence=evidence)


def select(c: Candidates, year: str, taxonomy: Taxonomy, params: LinkParams = DEFAULT_PARAMS) -> list[Link]:
    """Links above the threshold (and near the best for their source); the rest listed as unlinked."""
    links: list[Link] = []
    linked_targets: set[str] = set()
    for i, s in enumerate(c.sources):
        kept = _kept(c.scored[i], params)
        if not kept:
            best = c.scored[i][0][0] if c.scored[i] else 0.0
            links.append(not_taken_up(s.id, year, round(best / params.max_score, 3)))
            continue
        for sc, j in kept:
            t = c.targets[j]
            links.append(_link(c, i, j, sc, taxonomy, params, relation(t, s)))
            linked_targets.add(t.id)
    for t in c.targets:
        if t.id not in linked_targets and t.kind != "paragraph":
            links.append(new_in(t, year))
    return links


def possible_matches(c: Candidates, taxonomy: Taxonomy, params: LinkParams = DEFAULT_PARAMS) -> list[Link]:
    """For each earlier finding, the next-best later findings that did not become links but score
    at least `possible_threshold`, at most `max_possible` of them: suggestions for an officer to
    confirm (`python -m ingest decide confirm`), shown apart from the links and never counted as one.
    They hold many of the links the rules miss (`python scripts/evaluate.py` scores the two
    together; the README's table, the review queue)."""
    out: list[Link] = []
    for i in range(len(c.sources)):
        kept = set(_kept(c.scored[i], params))
        rest = [(sc, j) for sc, j in c.scored[i]
                if (sc, j) not in kept and sc / params.max_score >= params.possible_threshold][:params.max_possible]
        out += [_link(c, i, j, sc, taxonomy, params, POSSIBLE) for sc, j in rest]
    return out


def not_taken_up(source: str, year: str, score: float = 0.0, evidence: list[str] | None = None) -> Link:
    """The line for an earlier finding the later review said nothing on ("not taken up in 2019")."""
    return Link(source=source, target=None, score=score, relation=f"not taken up in {year}", evidence=evidence or [])


def new_in(target: Finding, year: str) -> Link:
    """The line for a later finding that answers no earlier one ("new in 2019")."""
    return Link(source=None, target=target.id, score=0.0, relation=f"new in {year}", themes=list(target.themes))


def link_corpus(docs: list[Document], taxonomy: Taxonomy, params: LinkParams = DEFAULT_PARAMS,
                cache: Cache | None = None) -> Linked:
    """Links (and possible matches) for every pair of consecutive reviews in a series. With a cache,
    a pair whose two documents (as linking sees them), taxonomy, parameters and code are unchanged
    is not scored again."""
    out = Linked()
    for earlier, later in series_pairs(docs):
        key = Cache.key("links", taxonomy.digest, repr(params), _CODE, _link_view(earlier), _link_view(later))
        cached = cache.get("links", key, _PairLinks) if cache else None
        if cached is not None:
            if cached.joins(earlier, later):
                out += Linked(cached.links, cached.possible)
                continue
            assert cache is not None
            cache.discard("links", key, "its links name findings of other documents")  # the key covers them
        pair = link_pair(earlier, later, taxonomy, params)
        if cache:
            cache.put("links", key, _PairLinks(links=pair.links, possible=pair.possible))
        out += pair
    return out


class _PairLinks(BaseModel):
    """A review pair's links and possible matches, as cached."""

    links: list[Link]
    possible: list[Link]

    def joins(self, earlier: Document, later: Document) -> bool:
        sources, targets = {f.id for f in earlier.findings}, {f.id for f in later.findings}
        return all((lk.source is None or lk.source in sources) and (lk.target is None or lk.target in targets)
                   for lk in (*self.links, *self.possible))


def _link_view(doc: Document) -> str:
    """A digest of everything of a document that linking reads."""
    h = hashlib.sha256(f"{doc.id}\0{doc.date}\0{doc.period}\0{doc.title}".encode())
    for f in doc.findings:
        h.update("\0".join([f.id, f.kind, f.text, f.label, f.side or "", "|".join(f.section), "|".join(f.themes)]).encode())
    return h.hexdigest()


# The scoring code itself is part of the key: a change to it must not serve links scored the old way.
_CODE = code_digest("corpus/link.py", "corpus/tagger.py")
