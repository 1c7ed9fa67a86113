"""Where a theme's words mean the theme: its domain, and names that only name.

Two rules the tagger's sense filter applies, both written as data in the taxonomy:

- **Domain.** A theme belongs to a field of work (the children's services themes to children's
  services). Its words count only where the finding or its context is in that field: the
  paper's title, committee or subject, or the finding's section headings (a minute's subject, an
  agenda item's title) name the domain's `context` words, or the finding's own words name its
  `words` in the match's own sentence or in the paragraph's opening sentence (a theme may give
  its own words: the workforce is children's services *staff*). "Recruitment" of waste-collection
  drivers and the "adoption" of a local plan are other fields' words. In a finding longer than
  `LONG_FINDING_CHARS` (a whole minute, several items in one) only the sentence of the match
  speaks for it: one sentence about children must not carry a theatre's staffing into the
  workforce.
- **Names.** A job title ("Head of Service for Education and Workforce Development", "Leader of the
  Council") or a body's name ("Corporate Parenting Panel") names a person or a meeting. Its
  theme words count as one supporting word, so the theme stands only where the sentence says
  more about the matter ("the Lead Member is a strong champion for children in care").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

# Findings longer than this are the exception (a whole minute, or items run together): there
# the own-words test of the domain reads only the sentence of each match.
LONG_FINDING_CHARS = 1500

_FOLD = str.maketrans({"’": "", "'": "", "‘": "", "-": " ", "–": " ", "—": " ", "/": " "})


def fold(text: str) -> str:
    """Lower case, without apostrophes, dashes as spaces: "Children’s" and "childrens'" are one
    spelling, "looked-after" is "looked after"."""
    return " ".join(text.lower().translate(_FOLD).split())


def phrase_test(phrases: Iterable[str]) -> Callable[[str], bool]:
    """Whether a text names any of the phrases, as whole words, singular or plural. Phrases in
    capitals (acronyms: "IRO", "SEND") are matched as written, so the verb "send" is not SEND."""
    phrases = list(phrases)
    exact = sorted({p for p in phrases if p.isupper()}, key=len, reverse=True)
    folded = sorted({fold(p) for p in phrases if not p.isupper()}, key=len, reverse=True)
    low = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, folded))})(?:s|es)?(?!\w)") if folded else None
    caps = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, exact))})s?(?!\w)") if exact else None

    def test(text: str) -> bool:
        return bool((caps and caps.search(text)) or (low and low.search(fold(text))))

    return test


class DomainRules:
    """The domain test of each theme that has a domain. `rules` maps a theme id to its domain's
    `context` words and its own-words test (`words`), as the taxonomy gives them."""

    def __init__(self, rules: dict[str, dict[str, list[str]]]) -> None:
        tests: dict[tuple[str, ...], Callable[[str], bool]] = {}

        def test_for(words: list[str]) -> Callable[[str], bool]:
            key = tuple(sorted(words))
            if key not in tests:
                tests[key] = phrase_test(words)
            return tests[key]

        self.context = {t: test_for(r["context"]) for t, r in rules.items()}
        self.words = {t: test_for(r["words"]) for t, r in rules.items()}
        self._seen: dict[tuple[int, str], bool] = {}  # (context test, context text) -> answer

    def _context_says(self, theme: str, context: str) -> bool:
        test = self.context[theme]
        key = (id(test), context)
        if key not in self._seen:
            if len(self._seen) > 20_000:  # contexts repeat within a paper; keep the memo small
                self._seen.clear()
            self._seen[key] = test(context)
        return self._seen[key]

    def keep(self, spans: list[Any], context: str | None, long: bool, sentence: Callable[[Any], Any]) -> tuple[list[Any], list[Any]]:
        """(kept, outside): the spans whose theme is in its domain here, and those that are not.
        With no context given (None) nothing is judged: the caller did not say where the text is.
        Outside a context of the domain, a span's own sentence must name it, or the paragraph's
        opening (topic) sentence: a paragraph that opens on children's social care is about it,
        one on the council's budget that names children's services in passing is not."""
        if context is None or not self.context:
            return spans, []
        kept: list[Any] = []
        outside: list[Any] = []
        said: dict[tuple[int, int], bool] = {}  # (words test, sentence start) -> answer
        for span in spans:
            theme = span.label_
            if theme not in self.context or self._context_says(theme, context):
                kept.append(span)
                continue
            test = self.words[theme]  # most themes share their domain's test: ask it once a sentence
            where = [sentence(span)] if long else [sentence(span), sentence(span.doc[0:1])]
            for sent in where:
                if (id(test), sent.start) not in said:
                    said[(id(test), sent.start)] = test(sent.text)
            (kept if any(said[(id(test), s.start)] for s in where) else outside).append(span)
        return kept, outside


class NameRules:
    """Job titles and bodies' names in a sentence: runs of capitalised words (joined by `joining`
    words such as "of" and "and") that end in a `bodies` word or hold a `roles` word."""

    def __init__(self, roles: list[str], bodies: list[str], joining: list[str]) -> None:
        self.roles = {w.lower() for w in roles}
        self.bodies = {w.lower() for w in bodies}
        self.joining = {w.lower() for w in joining}

    def __bool__(self) -> bool:
        return bool(self.roles or self.bodies)

    def as_support(self, spans: list[Any], sentence: Callable[[Any], Any]) -> list[Any]:
        """The spans with a theme's words inside a job title or a body's name made one supporting
        word for each theme, however many the name holds: "Head of Service for Education and
        Workforce Development" alone is not the workforce, nor the "Leader of the Council"
        leadership; with a second word ("champion") the theme stands. A body whose whole name is
        one of the theme's own phrases is the theme's own body, not a name that borrows its words:
        the corporate parenting panel is corporate parenting, the Children in Care Council the
        children's voice, and the span keeps its strength."""
        from spacy.tokens import Span

        names: dict[int, list[tuple[int, int, bool]]] = {}
        out: list[Any] = []
        inside: dict[tuple[str, int], Any] = {}
        ends: dict[tuple[str, int], tuple[int, bool]] = {}
        for span in spans:
            first = span[0]
            if not _capitalised(first) and first.lower_ not in self.joining:
                out.append(span)  # a name's words are capitalised: this span starts outside any
                continue
            sent = sentence(span)
            if sent.start not in names:  # a name has two capitalised words: one after the first
                names[sent.start] = self.names(sent) if any(t.text[:1].isupper() for t in sent[1:]) else []
            name = next(((a, b, body) for a, b, body in names[sent.start] if a <= span.start and span.end <= b), None)
            if name is None:
                out.append(span)
                continue
            key = (span.label_, name[0])
            ends[key] = (name[1], name[2])
            if key not in inside or len(span) > len(inside[key]):
                inside[key] = span
        for key, s in inside.items():
            end, body = ends[key]
            own_body = body and s.end == end and s.id_ == "strong"
            out.append(s if own_body or s.id_ != "strong" else Span(s.doc, s.start, s.end, label=s.label_, span_id="support"))
        return sorted(out)

    def names(self, sent: Any) -> list[tuple[int, int, bool]]:
        """(start, end, is a body's name) of the names in one sentence, in token offsets."""
        out: list[tuple[int, int, bool]] = []
        run: list[Any] = []  # capitalised tokens and the joining words between them
        for token in [*sent, None]:
            if token is not None and _capitalised(token):
                run.append(token)
                continue
            if token is not None and run and token.lower_ in self.joining:
                run.append(token)
                continue
            while run and not _capitalised(run[-1]):  # a run ends on a capitalised word
                run.pop()
            kind = self._kind(run, run[0].i > sent.start and run[0].nbor(-1).lower_ in _DETERMINERS) if run else None
            if kind:
                out.append((run[0].i, run[-1].i + 1, kind == "body"))
            run = []
        return out

    def _kind(self, run: list[Any], after_determiner: bool) -> str | None:
        """"body", "role" or None. One capitalised word is a name only as a capitalised role
        after "the" ("the Leader emphasised", "the Chair"); otherwise it is a sentence's first
        word or a proper noun, not a title."""
        caps = [t for t in run if _capitalised(t)]
        if len(caps) == 1:
            return "role" if after_determiner and _stem(caps[0]) in self.roles else None
        if _stem(caps[-1]) in self.bodies:
            return "body"  # "Corporate Parenting Panel", "Health and Wellbeing Board"
        if any(_stem(t) in self.roles for t in caps):
            return "role"  # "Participation and Engagement Manager", "Leader of the Council"
        return None


_DETERMINERS = {"the", "a", "an", "our", "its", "their", "his", "her"}


def _capitalised(token: Any) -> bool:
    text = token.text
    return text[:1].isupper() and any(c.isalpha() for c in text)


def _stem(token: Any) -> str:
    low = str(token.lower_)
    return low[:-1] if low.endswith("s") and len(low) > 3 else low
