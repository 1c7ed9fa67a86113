"""How a later finding bears on an earlier one, and the words for it.

`Relation` names every relation a follow-through line can have; `WORDING` is the one table from
a relation to the English the open data (`links.jsonl`, `relation`) and the site print. The
linker reads a relation from the two findings' kinds and words (`relation_between`); officers'
decisions and the evaluation read the same function.
"""

from __future__ import annotations

import re
from enum import Enum

from ingest.model import Finding, Link


class Relation(str, Enum):
    """A follow-through line's relation. The values are the codes the labelled relations use
    (tests/labelled/relations/relations.yaml)."""

    RECURS = "recurs"
    PROGRESS = "progress"
    DONE = "done"
    STILL = "still"
    NOW_CONCERN = "now_concern"
    ADVICE = "advice"
    QUESTION = "question"
    NOT_TAKEN_UP = "not_taken_up"  # an earlier finding the later review said nothing on
    NEW = "new"  # a later finding that answers no earlier one
    POSSIBLE = "possible"  # a possible match below the cut-offs: not a link, so it says nothing of the matter


# The English of each relation, as published; {year} is the later review's reporting year.
WORDING: dict[Relation, str] = {
    Relation.RECURS: "the concern recurs",
    Relation.PROGRESS: "progress is reported",
    Relation.DONE: "the later review notes it as done",
    Relation.STILL: "still a strength",
    Relation.NOW_CONCERN: "now raised as a concern",
    Relation.ADVICE: "the later review advises on it",
    Relation.QUESTION: "the later review asks about it",
    Relation.NOT_TAKEN_UP: "not taken up in {year}",
    Relation.NEW: "new in {year}",
    Relation.POSSIBLE: "a possible match, below the cut-off",
}


def wording(relation: Relation, year: str = "") -> str:
    """The published words for a relation ("the concern recurs", "not taken up in 2019")."""
    return WORDING[relation].format(year=year)


def no_match(year: str) -> str:
    """How a reader is told what "not taken up" in the open data means: the rules found no passage
    on the matter, which is not the same as the council doing nothing."""
    return f"No matching passage found in the {year} review" if year else "No matching passage found in the later review"


POSSIBLE = wording(Relation.POSSIBLE)

# Words of a settled matter: what the council set up is in place.
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

# Later findings that give advice or ask a question pass no verdict on the matter.
_ADVICE_KINDS = {"top tip", "recommendation"}
_QUESTION_KINDS = {"key line of enquiry"}


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


def relation_between(target: Finding, source: Finding | None = None) -> Relation:
    """What the later finding says of the earlier one's matter.
    The council's action after the later review is "done" once in place, "progress" while under
    way, and against an earlier strength "now raised as a concern"; otherwise the later verdict
    read against the earlier one: a concern again ("the concern recurs") or answered ("progress is reported"); a strength
    again ("still a strength") or turned ("now raised as a concern"). Advice (a top tip) and a
    question (a line of enquiry) pass no verdict, and say so."""
    if target.kind in _ADVICE_KINDS:
        return Relation.ADVICE
    if target.kind in _QUESTION_KINDS:
        return Relation.QUESTION
    after_strength = source is not None and source.kind in _STRENGTH_KINDS
    if target.kind == "action":
        # The council's own action after the later review. Against a strength it is work on
        # something the later paper no longer takes as sound ("a Children's Vision is being
        # developed" against 2011's clear plan); against a concern it is done only when it is
        # in place, not while it is being set up or continues ("will be finalised by April").
        if after_strength:
            return Relation.NOW_CONCERN
        return Relation.PROGRESS if _UNDER_WAY.search(target.text) else Relation.DONE
    later = _verdict(target.text)
    if _DONE.search(target.text) and later == "positive":
        return Relation.DONE
    if after_strength:
        return Relation.STILL if later == "positive" else Relation.NOW_CONCERN
    return Relation.RECURS if later == "concern" else Relation.PROGRESS


def relation(target: Finding, source: Finding | None = None) -> str:
    """`relation_between` in the published words."""
    return wording(relation_between(target, source))


def not_taken_up(source: str, year: str, score: float = 0.0, evidence: list[str] | None = None) -> Link:
    """The line for an earlier finding the later review said nothing on ("not taken up in 2019")."""
    return Link(source=source, target=None, score=score, relation=wording(Relation.NOT_TAKEN_UP, year), evidence=evidence or [])


def new_in(target: Finding, year: str) -> Link:
    """The line for a later finding that answers no earlier one ("new in 2019")."""
    return Link(source=None, target=target.id, score=0.0, relation=wording(Relation.NEW, year), themes=list(target.themes))
