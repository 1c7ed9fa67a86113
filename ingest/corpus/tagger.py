"""Tag findings with themes using a spaCy rule pipeline built from the taxonomy.

No pretrained model: `spacy.blank("en")` with the sentencizer, a lower-casing lookup lemmatizer
(spacy-lookups-data's table is case-sensitive, so "Caseloads" would not find "caseload"), a
SpanRuler whose spans may overlap (one phrase can show two themes) and the taxonomy's token
patterns, run only on texts that have a word one of them starts with. A filter then drops matches
whose sentence shows another sense ("recruitment" of foster carers is not the workforce), matches
outside their theme's domain (read from the finding's context: its paper, its section headings),
and counts a job title or a body's name as one supporting word (`ingest/corpus/themedomain.py`). Every
tag keeps the words that matched, so each one can be explained.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from pydantic import BaseModel, ConfigDict, RootModel
from spacy.language import Language
from spacy.tokens import Doc, Span

from ingest import bounds
from ingest.bounds import pieces
from ingest.cache import Cache, code_digest
from ingest.config.taxonomy import Taxonomy, load_taxonomy_file, taxonomy_path
from ingest.corpus.themedomain import LONG_FINDING_CHARS, DomainRules, NameRules
from ingest.model import Document, Finding

THEMES_KEY = "themes"
CONCEPTS_KEY = "concepts"
PASSING_KEY = "passing"  # themes mentioned only in passing: kept for explanation, not tagged
WORDS_KEY = "council_words"  # doc.user_data: the text's lower-cased words and their lemmas
OUTSIDE_KEY = "outside_domain"  # matches outside their theme's domain: kept for explanation, not tagged
CONTEXT_KEY = "council_context"  # doc.user_data: the finding's paper and section headings (None: not given)
LONG_KEY = "council_long"  # doc.user_data: the finding is over LONG_FINDING_CHARS


@lru_cache(maxsize=1)
def _lemma_table() -> Any:
    from spacy.lookups import load_lookups

    # A spaCy `Table`: keys are string hashes, so look words up with .get(word), not as a dict.
    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


@Language.factory("council_lemmatizer")
def make_council_lemmatizer(nlp: Language, name: str) -> Any:
    return CouncilLemmatizer()


class CouncilLemmatizer:
    """Lookup lemmas on the lower-cased word: rule-based, explainable, case-insensitive."""

    def __init__(self) -> None:
        self.table = _lemma_table()

    def __call__(self, doc: Doc) -> Doc:
        table = self.table
        words = set()
        for token in doc:
            low = token.lower_
            lemma = table.get(low, low)
            token.lemma_ = lemma
            words.add(low)
            words.add(lemma)
        doc.user_data[WORDS_KEY] = words  # for the token-pattern gate below
        return doc


# Keys of a token pattern's first token that the gate can read: a pattern can only match where
# the text has one of these values (in lower case, or as a lemma).
_GATE_KEYS = ("LOWER", "LEMMA", "ORTH", "TEXT")


def _first_words(pattern: list[dict[str, Any]]) -> set[str] | None:
    """The words a token pattern must start with, lower-cased; None if it can start anywhere (an
    optional first token, or one described by something else, such as IS_PUNCT)."""
    first = pattern[0]
    if str(first.get("OP", "")) in {"?", "*"} or str(first.get("OP", "")).startswith("{0"):
        return None
    keys = [k for k in first if k != "OP"]
    if len(keys) != 1 or keys[0] not in _GATE_KEYS:
        return None
    value = first[keys[0]]
    if isinstance(value, str):
        return {value.lower()}
    if isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
        return {v.lower() for v in value["IN"]}
    return None


@Language.factory("theme_token_patterns", default_config={"patterns": []})
def make_theme_token_patterns(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> Any:
    return ThemeTokenPatterns(nlp, patterns)


class ThemeTokenPatterns:
    """The taxonomy's token patterns ("ambition for ... in their care"), each run only on texts
    that have a word it starts with. spaCy's Matcher costs time on every token of every text for
    every pattern it holds (six patterns cost a quarter of the tagging time); most findings have
    none of the starting words, and a text with "staff" need not try the patterns that start with
    "monitor". So the patterns are grouped by their starting words, one Matcher per group, and a
    text runs only the groups whose words it has. The spans join the phrase ruler's as if one
    ruler had found both (sorted, duplicates dropped), so tags and evidence are as without the gate."""

    def __init__(self, nlp: Language, patterns: list[dict[str, Any]]) -> None:
        from spacy.matcher import Matcher

        self.labels: dict[int, tuple[str, str]] = {}
        # starting words (None: a pattern that can start anywhere) -> the Matcher of those patterns
        groups: dict[frozenset[str] | None, Any] = {}
        for i, p in enumerate(patterns):
            key = f"{p['label']}|{p['id']}|{i}"  # one matcher key per pattern
            words = _first_words(p["pattern"])
            group = None if words is None else frozenset(words)
            if group not in groups:
                groups[group] = Matcher(nlp.vocab)
            groups[group].add(key, [p["pattern"]])
            self.labels[nlp.vocab.strings[key]] = (p["label"], p["id"])
        self.groups = list(groups.items())

    def __call__(self, doc: Doc) -> Doc:
        if not self.labels:
            return doc
        words = doc.user_data.get(WORDS_KEY)
        found = []
        for group, matcher in self.groups:
            if group is not None and words is not None and group.isdisjoint(words):
                continue
            found += [Span(doc, start, end, label=self.labels[m][0], span_id=self.labels[m][1])
                      for m, start, end in matcher(doc) if start != end]
        if found:
            doc.spans[THEMES_KEY] = sorted(set(doc.spans.get(THEMES_KEY, [])) | set(found))
        return doc


@Language.factory("theme_filter", default_config={"not_with": {}, "keep_with": {}, "passing_sentences": 3, "domains": {}, "names": {}})
def make_theme_filter(nlp: Language, name: str, not_with: dict[str, list[str]], keep_with: dict[str, list[str]],
                      passing_sentences: int, domains: dict[str, dict[str, list[str]]], names: dict[str, list[str]]) -> Any:
    return ThemeFilter(not_with, keep_with, passing_sentences, domains, names)


def _overlap_groups(spans: list[Any]) -> list[list[Any]]:
    """Spans grouped where they overlap ("drift and delay" and "delay"; "foster carers" as both
    "foster" and "foster carer"): each group is one place in the text."""
    groups: list[list[Any]] = []
    end = -1
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if groups and s.start < end:
            groups[-1].append(s)
            end = max(end, s.end)
        else:
            groups.append([s])
            end = s.end
    return groups


def _mentions(spans: list[Any]) -> int:
    """Separate places a theme is mentioned: overlapping matches are one mention."""
    return len(_overlap_groups(spans))


def _phrases_regex(phrases: list[str]) -> re.Pattern[str]:
    """Any of the phrases as whole words, singular or plural, on the lower-cased text. Not on
    lemmas: the lookup table makes "planning" "plan", so the veto "placement plan" (the IRO's
    record) would fire on "placement planning" (finding placements)."""
    alternatives = "|".join(re.escape(p.lower()) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?:s|es)?(?!\w)")


def _distinct_words(spans: list[Any]) -> int:
    """Different supporting words, where overlapping matches are one word (the longest): "foster
    carers" matches both "foster" and "foster carer", which is one mention, not two."""
    return len({max(group, key=len).lemma_.lower() for group in _overlap_groups(spans)})


# Case records an IRO or auditor checks. A list of them ("care plans, placement plans, pathway
# plans, health assessments and PEPs") is about recording and compliance, not about each item's
# theme: "health assessments" in such a list does not make the finding about children's health.
_RECORDS = {"plan", "assessment", "pep", "visit", "record"}


def _record_list_items(doc: Doc, sents: list[Any]) -> list[tuple[int, int]]:
    """(start, end) of noun phrases that are items of a list of at least three case records."""
    items: list[tuple[int, int]] = []
    low = doc.text.lower()
    if sum(low.count(w) for w in _RECORDS) < 3:  # cheap test first: most texts list no records
        return items
    for sent in sents:
        heads = [t.i for t in sent if t.lemma_ in _RECORDS or t.lower_.rstrip("s") in _RECORDS]
        if len(heads) < 3:
            continue
        # Items of one list: record words no more than 6 tokens apart, joined by commas or "and".
        run = [heads[0]]
        for i in heads[1:]:
            between = doc[run[-1] + 1:i]
            if i - run[-1] <= 6 and any(t.text in {",", "and", "or", "/"} for t in between):
                run.append(i)
                continue
            if len(run) >= 3:
                items += _item_spans(doc, run)
            run = [i]
        if len(run) >= 3:
            items += _item_spans(doc, run)
    return items


def _item_spans(doc: Doc, heads: list[int]) -> list[tuple[int, int]]:
    """Each record word with the words before it back to the previous comma or "and"."""
    out = []
    for h in heads:
        start = h
        while start > 0 and doc[start - 1].text not in {",", "and", "or", "/", "("} and h - start < 3:
            start -= 1
        out.append((start, h + 1))
    return out


_EXAMPLE_CUES = ("such as", "for example", "for instance", "e.g.", "eg", "including")


def _as_example(span: Any, sent_start: int) -> bool:
    """The words are given as an example ("key priorities such as missing children")."""
    before = span.doc[max(sent_start, span.start - 4):span.start].text.lower()
    return any(before.endswith(c) or f"{c} " in before for c in _EXAMPLE_CUES)


def _keeps(keep: re.Pattern[str], vetoes: re.Pattern[str], text: str) -> bool:
    """The sentence has a keep phrase outside every veto phrase: "their social worker" (the
    child's, a veto) does not keep the workforce by its own "social worker"."""
    vetoed = [m.span() for m in vetoes.finditer(text)]
    return any(not any(a <= m.start() and m.end() <= b for a, b in vetoed) for m in keep.finditer(text))


class ThemeFilter:
    """Drop a theme's spans in sentences that show another sense of its words, and themes a
    long paragraph mentions only in passing."""

    def __init__(self, not_with: dict[str, list[str]], keep_with: dict[str, list[str]], passing_sentences: int = 3,
                 domains: dict[str, dict[str, list[str]]] | None = None, names: dict[str, list[str]] | None = None) -> None:
        self.not_with = {k: _phrases_regex(v) for k, v in not_with.items() if v}
        self.keep_with = {k: _phrases_regex(v) for k, v in keep_with.items() if v}
        self.passing_sentences = passing_sentences
        self.domains = DomainRules(domains or {})
        names = names or {}
        self.names = NameRules(names.get("roles", []), names.get("bodies", []), names.get("joining", []))

    def __call__(self, doc: Doc) -> Doc:
        spans = doc.spans.get(THEMES_KEY, [])
        if not spans:
            doc.spans[PASSING_KEY] = []
            doc.spans[OUTSIDE_KEY] = []
            return doc
        # Sentences once per text (span.sent walks the tokens again for every span).
        sents = list(doc.sents)
        starts = [x.start for x in sents]

        def sentence(span: Any) -> Any:
            return sents[bisect.bisect_right(starts, span.start) - 1]

        records = _record_list_items(doc, sents)
        in_list = [any(s.start < b and a < s.end for a, b in records) for s in spans] if records else [False] * len(spans)
        set_aside = [s for s, listed in zip(spans, in_list) if listed]
        spans = [s for s, listed in zip(spans, in_list) if not listed]
        kept = []
        sentences: dict[int, str] = {}
        for span in spans:
            vetoes = self.not_with.get(span.label_)
            if vetoes:
                sent = sentence(span)
                if sent.start not in sentences:
                    sentences[sent.start] = sent.text.lower()
                text = sentences[sent.start]
                keep = self.keep_with.get(span.label_)
                if vetoes.search(text) and not (keep and _keeps(keep, vetoes, text)):
                    continue
            kept.append(span)
        if self.names:
            kept = self.names.as_support(kept, sentence)
        kept, outside = self.domains.keep(kept, doc.user_data.get(CONTEXT_KEY), bool(doc.user_data.get(LONG_KEY)), sentence)
        doc.spans[OUTSIDE_KEY] = outside
        # A theme needs one strong phrase, or two different supporting words ("staff" and
        # "training" together say workforce; either alone does not), one of which is not only a
        # word for the people it concerns ("social workers" and "staff" name staff, and say
        # nothing about them as a workforce).
        strong = {s.label_ for s in kept if s.id_ == "strong"}
        support: dict[str, list[Any]] = {}
        for s in kept:
            if s.id_ != "strong":
                support.setdefault(s.label_, []).append(s)
        themes = strong | {t for t, spans in support.items()
                           if _distinct_words(spans) >= 2 and any(s.id_ == "support" for s in spans)}
        kept = [s for s in kept if s.label_ in themes]
        # A paragraph of several sentences is about what its opening (topic) sentence says and
        # what it comes back to. A theme shown by one general word, once, later on, is a passing
        # mention ("...a drop in performance", "...as part of their induction"): kept aside, not
        # tagged. A specific phrase ("placement stability", "care proceedings") still counts,
        # unless it comes once, only in the closing sentence, after the paragraph has shown another
        # theme: then it is an aside. A paragraph on evidencing impact that closes "the New Front
        # Door is at an ideal stage to trial this" is not about the front door; one on wellbeing
        # scores that closes "IROs can use the resolution process" is not about quality assurance.
        passing: set[str] = set()
        if self.passing_sentences and kept:
            if len(sents) >= self.passing_sentences:
                first_end = sents[0].end
                by_theme: dict[str, list[Any]] = {}
                for s in kept:
                    by_theme.setdefault(s.label_, []).append(s)
                last_start = sents[-1].start
                # themes the paragraph has shown before its closing sentence
                earlier = {s.label_ for s in kept if s.start < last_start}
                passing = {t for t, spans in by_theme.items()
                           if _mentions(spans) == 1 and all(s.start >= first_end for s in spans)
                           and (all(len(s) == 1 for s in spans) or any(_as_example(s, sentence(s).start) for s in spans)
                                or (spans[0].start >= last_start and bool(earlier - {t})))}
        doc.spans[THEMES_KEY] = [s for s in kept if s.label_ not in passing]
        doc.spans[PASSING_KEY] = [s for s in kept if s.label_ in passing] + set_aside
        return doc


def _exact_pattern(term: str) -> list[dict[str, str]]:
    return [{"ORTH": w} for w in term.split()]


def build_nlp(taxonomy: Taxonomy) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("council_lemmatizer")
    themes = nlp.add_pipe("span_ruler", name="theme_ruler", config={"spans_key": THEMES_KEY, "phrase_matcher_attr": "LEMMA", "overwrite": True})
    patterns: list[dict[str, Any]] = []
    for theme in taxonomy.themes.values():
        patterns += [{"label": theme.id, "pattern": p, "id": "strong"} for p in theme.phrases]
        patterns += [{"label": theme.id, "pattern": p, "id": "support"} for p in theme.supporting]
        patterns += [{"label": theme.id, "pattern": p, "id": "people"} for p in theme.people]
    themes.add_patterns(patterns)  # type: ignore[attr-defined]
    nlp.add_pipe("theme_token_patterns", config={
        "patterns": [{"label": t.id, "pattern": p, "id": "strong"} for t in taxonomy.themes.values() for p in t.patterns]})
    # Exact terms (acronyms, "Pledge") through a phrase matcher on the spelling, which is far
    # faster than token patterns; it adds to the spans the lemma ruler found.
    exact = nlp.add_pipe("span_ruler", name="theme_exact_ruler", config={"spans_key": THEMES_KEY, "phrase_matcher_attr": "ORTH", "overwrite": False})
    exact.add_patterns([{"label": t.id, "pattern": p, "id": "strong"} for t in taxonomy.themes.values() for p in t.exact])  # type: ignore[attr-defined]
    concepts = nlp.add_pipe("span_ruler", name="concept_ruler", config={"spans_key": CONCEPTS_KEY, "phrase_matcher_attr": "LEMMA", "overwrite": True})
    cpatterns: list[dict[str, Any]] = []
    for cid, words in taxonomy.concepts.items():
        for w in words:
            cpatterns.append({"label": cid, "pattern": _exact_pattern(w) if w.isupper() else w})
    concepts.add_patterns(cpatterns)  # type: ignore[attr-defined]
    nlp.add_pipe("theme_filter", config={
        "not_with": {t.id: t.not_with for t in taxonomy.themes.values() if t.not_with},
        "keep_with": {t.id: t.keep_with for t in taxonomy.themes.values() if t.keep_with},
        "domains": {t.id: {"context": taxonomy.domains[t.domain].context,
                           "words": t.domain_words or taxonomy.domains[t.domain].words}
                    for t in taxonomy.themes.values() if t.domain},
        "names": {"roles": taxonomy.names.roles, "bodies": taxonomy.names.bodies, "joining": taxonomy.names.joining},
    })
    return nlp


_PIPELINES: dict[str, Language] = {}


def pipeline_for(taxonomy: Taxonomy) -> Language:
    if taxonomy.digest not in _PIPELINES:
        _PIPELINES[taxonomy.digest] = build_nlp(taxonomy)
    return _PIPELINES[taxonomy.digest]


def load_taxonomy(corpus: Path | None) -> Taxonomy:
    return load_taxonomy_file(taxonomy_path(corpus))


def tag_doc(doc: Doc) -> tuple[list[str], dict[str, list[str]], list[str]]:
    """(themes, evidence words per theme, concept ids) for one processed text."""
    evidence: dict[str, list[str]] = {}
    for span in doc.spans.get(THEMES_KEY, []):
        words = evidence.setdefault(span.label_, [])
        if span.text not in words:
            words.append(span.text)
    concepts = sorted({s.label_ for s in doc.spans.get(CONCEPTS_KEY, [])})
    return sorted(evidence), evidence, concepts


# The longest text spaCy is given in one piece. spaCy refuses texts over its max_length (a
# million characters: error E088), and the sense filter's cost grows with the square of a
# sentence's length (80,000 characters without a full stop took 2 s, 871 KB 7.5 minutes), so a
# longer text is tagged in pieces cut at paragraph, line or sentence boundaries, and its tags are
# the union of theirs. Findings are split at twice this (Bounds.max_finding_chars); no seed
# finding comes near either.
TAG_PIECE_CHARS = 10_000


def tag_texts(texts: list[str], taxonomy: Taxonomy, batch_size: int = 256, concepts: bool = False,
              contexts: list[str] | None = None) -> list[tuple[list[str], dict[str, list[str]], list[str]]]:
    """Themes (and, for linking, concept groups) for each text. Concept matching is skipped
    unless asked for: tagging runs on every finding, linking only on findings in a series.
    `contexts`, one per text, is where each text stands (`finding_context`: its paper's title,
    committee and subject, its section headings), which the taxonomy's domain rules read; without
    it the texts are tagged as if each were in every theme's domain."""
    nlp = pipeline_for(taxonomy)
    disable = [] if concepts else ["concept_ruler"]
    split = [pieces(t, TAG_PIECE_CHARS) for t in texts]
    flat: list[str | Doc] = [p for ps in split for p in ps]
    if contexts is not None:
        flat = []
        for text, ps, context in zip(texts, split, contexts, strict=True):
            for p in ps:
                doc = nlp.make_doc(p)
                doc.user_data[CONTEXT_KEY] = context
                doc.user_data[LONG_KEY] = len(text) > LONG_FINDING_CHARS
                flat.append(doc)
    tagged = [tag_doc(d) for d in nlp.pipe(flat, batch_size=batch_size, disable=disable)]
    if len(flat) == len(texts):
        return tagged
    out: list[tuple[list[str], dict[str, list[str]], list[str]]] = []
    at = 0
    for ps in split:
        parts, at = tagged[at:at + len(ps)], at + len(ps)
        evidence: dict[str, list[str]] = {}
        for _, ev, _ in parts:
            for theme, words in ev.items():
                have = evidence.setdefault(theme, [])
                have += [w for w in words if w not in have]
        out.append((sorted(evidence), evidence, sorted({c for _, _, cs in parts for c in cs})))
    return out


class _Tags(BaseModel):
    """One finding's tags in the cache (strict: a damaged entry is made again, not coerced)."""

    model_config = ConfigDict(strict=True, extra="forbid")
    themes: list[str]
    evidence: dict[str, list[str]]


class _DocTags(RootModel[dict[str, _Tags]]):
    """A document's cached tags, by finding key."""


def tag_documents(docs: list[Document], taxonomy: Taxonomy, cache: Cache | None = None,
                  progress: Callable[[str], None] | None = None, time_limit: float | None = None,
                  timed_out: Callable[[Document], None] | None = None) -> int:
    """Fill `themes` and `evidence` on every finding; cached per document and taxonomy.

    With `time_limit`, tagging a document may take at most that many seconds (a taxonomy regex
    that backtracks can take minutes on one word): documents are tagged a hundred at a time
    under the limit, and when a hundred run past it, one by one, each under the limit. A
    document that still runs past it is left untagged and handed to `timed_out`."""
    todo: list[Document] = []
    n = 0
    for d in docs:
        n += len(d.findings)
        key = _doc_key(d, taxonomy)
        cached = cache.get("tags", key, _DocTags) if cache else None
        if cached is not None:
            tags = cached.root
            if len(tags) == len(d.findings) and all(f.key in tags for f in d.findings):
                for f in d.findings:
                    f.themes, f.evidence = tags[f.key].themes, tags[f.key].evidence
                continue
            assert cache is not None
            cache.discard("tags", key, "its findings are not the document's")  # the key covers them
        todo.append(d)
    # In chunks of documents, so a long run can report progress; nlp.pipe batches within each.
    for start in range(0, len(todo), 100):
        chunk = todo[start:start + 100]
        late: set[int] = set()
        try:
            with bounds.time_limit(time_limit):
                _tag_chunk(chunk, taxonomy)
        except bounds.TimeLimitExceeded:
            for d in chunk:
                try:
                    with bounds.time_limit(time_limit):
                        _tag_chunk([d], taxonomy)
                except bounds.TimeLimitExceeded:
                    if timed_out is None:
                        raise
                    late.add(id(d))
                    timed_out(d)
        for d in chunk:
            if cache and id(d) not in late:
                cache.put("tags", _doc_key(d, taxonomy), _DocTags({f.key: _Tags(themes=f.themes, evidence=f.evidence) for f in d.findings}))
            if progress:
                progress(d.id)
    return n


def finding_context(d: Document, f: Finding) -> str:
    """What the domain rules read around a finding: its paper's title, committee and subject,
    and its section headings (a minute's subject, an agenda item's title), one a line."""
    return "\n".join(x for x in (d.title, d.body, d.subject, *f.section) if x)


def _tag_chunk(chunk: list[Document], taxonomy: Taxonomy) -> None:
    pairs = [(d, f) for d in chunk for f in d.findings]
    findings = [f for _, f in pairs]
    contexts = [finding_context(d, f) for d, f in pairs]
    results = tag_texts([f.text for f in findings], taxonomy, contexts=contexts)
    for f, (themes, evidence, _concepts) in zip(findings, results):
        f.themes, f.evidence = themes, evidence
    if taxonomy.table_rows == "inherit":
        inherit_table_headings(findings, taxonomy, contexts)


# Row labels (a row's first cell) that name no matter; a label without a word names none either.
_UNNAMED_ROWS = {"total", "totals", "other", "all"}


def _names_something(row: str) -> bool:
    label = row.split("|", 1)[0].strip().lower()
    return label not in _UNNAMED_ROWS and re.search(r"[a-z]{3,}", label) is not None


def inherit_table_headings(findings: list[Finding], taxonomy: Taxonomy, contexts: list[str] | None = None) -> None:
    """The taxonomy's `table_rows: inherit`: a table row that names something ("No / poor
    quality PEP | 4 | 11") also takes the themes of the heading its table sits under ("Dispute
    Resolution and Escalation": quality assurance), as a reader who takes a table as one matter
    does; its evidence says so ("dispute (table heading)"). Totals, "other" and number-only rows
    take nothing. `contexts` (one per finding) is each row's, for the domain rules."""
    where = dict(zip((id(f) for f in findings), contexts)) if contexts is not None else {}
    rows = [f for f in findings if f.kind == "table row" and f.section and _names_something(f.text)]
    headings = sorted({(f.section[-1], where.get(id(f))) for f in rows}, key=lambda h: (h[0], h[1] or ""))
    given = [c for _, c in headings] if contexts is not None else None
    tagged = dict(zip(headings, tag_texts([h for h, _ in headings], taxonomy, contexts=given)))  # type: ignore[arg-type]
    for f in rows:
        themes, evidence, _ = tagged[(f.section[-1], where.get(id(f)))]
        for theme in themes:
            words = f.evidence.setdefault(theme, [])
            words += [f"{w} (table heading)" for w in evidence[theme] if f"{w} (table heading)" not in words]
        f.themes = sorted(set(f.themes) | set(themes))


# Tags are made by this module's rules as well as the taxonomy's: tags cached by older code are
# not served after an upgrade.
_CODE = code_digest("corpus/tagger.py", "corpus/themedomain.py")


def _doc_key(d: Document, taxonomy: Taxonomy) -> str:
    h = hashlib.sha256(f"{taxonomy.table_rows}|{TAG_PIECE_CHARS}".encode())
    for f in d.findings:
        h.update(f.key.encode())
        h.update(f.text.encode())
        h.update(finding_context(d, f).encode())  # the domain rules read it
        h.update(b"\0")
    return Cache.key("tags", taxonomy.digest, _CODE, h.hexdigest())
