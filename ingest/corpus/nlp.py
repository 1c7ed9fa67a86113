"""The spaCy pipeline the tagger runs, built from the taxonomy: its components and the keys
they leave their results under.

No pretrained model: `spacy.blank("en")` with the sentencizer, a lower-casing lookup lemmatizer
(spacy-lookups-data's table is case-sensitive, so "Caseloads" would not find "caseload"), a
SpanRuler whose spans may overlap (one phrase can show two themes) and the taxonomy's token
patterns, run only on texts that have a word one of them starts with; then the concept groups'
ruler and the sense filter (`ingest/corpus/themefilter.py`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ingest.config.taxonomy import Taxonomy

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
    from ingest.corpus.themefilter import ThemeFilter

    return ThemeFilter(not_with, keep_with, passing_sentences, domains, names)



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


