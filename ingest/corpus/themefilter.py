"""The tagger's sense filter: which of the phrase rulers' matches make a theme.

It drops matches whose sentence shows another sense ("recruitment" of foster carers is not the
workforce), matches outside their theme's domain (read from the finding's context: its paper,
its section headings), items of a list of case records, and themes a long paragraph mentions only
in passing; it counts a job title or a body's name as one supporting word
(`ingest/corpus/themedomain.py`). What it sets aside is kept for explanation.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from spacy.tokens import Doc

from ingest.corpus.nlp import CONTEXT_KEY, LONG_KEY, OUTSIDE_KEY, PASSING_KEY, THEMES_KEY
from ingest.corpus.themedomain import DomainRules, NameRules


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
