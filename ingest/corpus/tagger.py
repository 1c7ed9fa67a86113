"""Tag findings with themes using a spaCy rule pipeline built from the taxonomy (`ingest/corpus/nlp.py`,
its sense filter in `ingest/corpus/themefilter.py`).

Every tag keeps the words that matched, so each one can be explained. Each finding also keeps
what linking compares (`Finding.terms`: its content lemmas and concept groups), read in the same
pass, so linking does not run spaCy over the findings again.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, RootModel
from spacy.tokens import Doc

from ingest import bounds
from ingest.bounds import pieces
from ingest.cache import Cache, code_digest
from ingest.config.taxonomy import Taxonomy, load_taxonomy_file, taxonomy_path
from ingest.corpus.nlp import CONCEPTS_KEY, CONTEXT_KEY, LONG_KEY, THEMES_KEY, pipeline_for
from ingest.corpus.themedomain import LONG_FINDING_CHARS
from ingest.model import Document, Finding, Terms

# Function words: not compared between findings, nor shown as evidence of a link.
FUNCTION_WORDS = frozenset({
    "a", "an", "the", "and", "or", "of", "to", "in", "for", "on", "with", "by", "at", "from", "as",
    "is", "are", "was", "were", "be", "been", "being", "this", "that", "these", "those", "it",
    "its", "their", "there", "they", "we", "you", "your", "our", "has", "have", "had", "not", "no",
    "but", "also", "which", "who", "whom", "will", "would", "could", "should", "may", "might",
    "can", "must", "more", "most", "some", "such", "than", "then", "so", "very", "all", "any",
    "each", "other", "into", "about", "over", "within", "across", "between", "through", "during",
    "per", "i", "e", "g", "eg", "ie", "etc"
})


class TextTags(NamedTuple):
    """What tagging read of one text."""

    themes: list[str]
    evidence: dict[str, list[str]]  # theme -> the words that matched, as written
    concepts: list[str]  # concept group ids (empty unless asked for)
    lemmas: list[str]  # content lemmas, in the text's order: what linking compares


def load_taxonomy(corpus: Path | None) -> Taxonomy:
    return load_taxonomy_file(taxonomy_path(corpus))


def content_lemmas(doc: Doc) -> list[str]:
    """The lemmas of a processed text's words of three letters or more that are not function words."""
    return [t.lemma_ for t in doc if t.is_alpha and t.lower_ not in FUNCTION_WORDS and len(t) > 2]


def tag_doc(doc: Doc) -> TextTags:
    """Themes, evidence words per theme, concept ids and content lemmas of one processed text."""
    evidence: dict[str, list[str]] = {}
    for span in doc.spans.get(THEMES_KEY, []):
        words = evidence.setdefault(span.label_, [])
        if span.text not in words:
            words.append(span.text)
    concepts = sorted({s.label_ for s in doc.spans.get(CONCEPTS_KEY, [])})
    return TextTags(sorted(evidence), evidence, concepts, content_lemmas(doc))


# The longest text spaCy is given in one piece. spaCy refuses texts over its max_length (a
# million characters: error E088), and the sense filter's cost grows with the square of a
# sentence's length (80,000 characters without a full stop took 2 s, 871 KB 7.5 minutes), so a
# longer text is tagged in pieces cut at paragraph, line or sentence boundaries, and its tags are
# the union of theirs. Findings are split at twice this (Bounds.max_finding_chars); no seed
# finding comes near either.
TAG_PIECE_CHARS = 10_000


def tag_texts(texts: list[str], taxonomy: Taxonomy, batch_size: int = 256, concepts: bool = False,
              contexts: list[str] | None = None) -> list[TextTags]:
    """Themes, content lemmas and (when asked for, as for findings, which linking compares by
    them) concept groups for each text. A text tagged in pieces has the union of their tags and
    their lemmas one after another.
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
    out: list[TextTags] = []
    at = 0
    for ps in split:
        parts, at = tagged[at:at + len(ps)], at + len(ps)
        evidence: dict[str, list[str]] = {}
        for part in parts:
            for theme, words in part.evidence.items():
                have = evidence.setdefault(theme, [])
                have += [w for w in words if w not in have]
        out.append(TextTags(sorted(evidence), evidence, sorted({c for part in parts for c in part.concepts}),
                            [w for part in parts for w in part.lemmas]))
    return out


class _Tags(BaseModel):
    """One finding's tags in the cache (strict: a damaged entry is made again, not coerced)."""

    model_config = ConfigDict(strict=True, extra="forbid")
    themes: list[str]
    evidence: dict[str, list[str]]
    lemmas: list[str]
    concepts: list[str]


class _DocTags(RootModel[dict[str, _Tags]]):
    """A document's cached tags, by finding key."""


def tag_documents(docs: list[Document], taxonomy: Taxonomy, cache: Cache | None = None,
                  progress: Callable[[str], None] | None = None, time_limit: float | None = None,
                  timed_out: Callable[[Document], None] | None = None) -> int:
    """Fill `themes`, `evidence` and `terms` on every finding; cached per document and taxonomy.

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
                    got = tags[f.key]
                    f.themes, f.evidence, f.terms = got.themes, got.evidence, Terms(lemmas=got.lemmas, concepts=got.concepts)
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
                cache.put("tags", _doc_key(d, taxonomy), _DocTags({f.key: _cached_tags(f) for f in d.findings}))
            if progress:
                progress(d.id)
    return n


def _cached_tags(f: Finding) -> _Tags:
    terms = f.terms or Terms()
    return _Tags(themes=f.themes, evidence=f.evidence, lemmas=terms.lemmas, concepts=terms.concepts)


def finding_terms(findings: list[Finding], taxonomy: Taxonomy) -> list[Terms]:
    """Each finding's terms: those the tagger kept, read afresh for a finding not tagged (one made
    outside a build, as tests and tools make them) the way the tagger reads them."""
    todo = [f for f in findings if f.terms is None]
    read = iter(tag_texts([f.text for f in todo], taxonomy, concepts=True) if todo else [])
    out: list[Terms] = []
    for f in findings:
        if f.terms is None:
            tags = next(read)
            out.append(Terms(lemmas=tags.lemmas, concepts=tags.concepts))
        else:
            out.append(f.terms)
    return out


def finding_context(d: Document, f: Finding) -> str:
    """What the domain rules read around a finding: its paper's title, committee and subject,
    and its section headings (a minute's subject, an agenda item's title), one a line."""
    return "\n".join(x for x in (d.title, d.body, d.subject, *f.section) if x)


def _tag_chunk(chunk: list[Document], taxonomy: Taxonomy) -> None:
    pairs = [(d, f) for d in chunk for f in d.findings]
    findings = [f for _, f in pairs]
    contexts = [finding_context(d, f) for d, f in pairs]
    results = tag_texts([f.text for f in findings], taxonomy, concepts=True, contexts=contexts)
    for f, tags in zip(findings, results):
        f.themes, f.evidence, f.terms = tags.themes, tags.evidence, Terms(lemmas=tags.lemmas, concepts=tags.concepts)
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
        themes, evidence, _, _ = tagged[(f.section[-1], where.get(id(f)))]
        for theme in themes:
            words = f.evidence.setdefault(theme, [])
            words += [f"{w} (table heading)" for w in evidence[theme] if f"{w} (table heading)" not in words]
        f.themes = sorted(set(f.themes) | set(themes))


# Tags are made by this module's rules as well as the taxonomy's: tags cached by older code are
# not served after an upgrade.
_CODE = code_digest("corpus/tagger.py", "corpus/nlp.py", "corpus/themefilter.py", "corpus/themedomain.py")


def _doc_key(d: Document, taxonomy: Taxonomy) -> str:
    h = hashlib.sha256(f"{taxonomy.table_rows}|{TAG_PIECE_CHARS}".encode())
    for f in d.findings:
        h.update(f.key.encode())
        h.update(f.text.encode())
        h.update(finding_context(d, f).encode())  # the domain rules read it
        h.update(b"\0")
    return Cache.key("tags", taxonomy.digest, _CODE, h.hexdigest())
