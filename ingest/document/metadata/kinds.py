"""The kinds of paper, one vocabulary for every module, and how a paper's kind is read from it.

`DocumentKind` is the only list of document kinds: the manifest validates against it, convert and
infer produce it, pages print its label. Its members compare, hash and format as their English
label, so code and caches written when kinds were plain strings keep working.
How a paper's kind is read from its text is in `ingest.document.metadata.classify`.
"""

from __future__ import annotations

from enum import Enum


class DocumentKind(str, Enum):
    MINUTES = "minutes"
    AGENDA = "agenda"
    AGENDA_PACK = "agenda pack"
    COMMITTEE_REPORT = "committee report"
    DECISION_RECORD = "decision record"
    INSPECTION_REPORT = "inspection report"
    PEER_REVIEW_LETTER = "peer-review letter"
    PEER_REVIEW_REPORT = "peer-review report"
    ANNUAL_REPORT = "annual report"
    CONSULTATION_REPORT = "consultation report"
    STRATEGY_OR_PLAN = "strategy or plan"
    # A paper that gathers evidence or assesses something: a needs or impact assessment, an audit, an
    # evidence study or review, a statistical bulletin or briefing (LABELLING.md's kinds).
    EVIDENCE_OR_ASSESSMENT = "evidence or assessment"
    LETTER = "letter"
    # Kinds of the first manifests: still accepted so that they load. "work plan" is never inferred
    # (an agenda item titled "Work Plan" keeps the kind it always had); "report" is the honest
    # fallback for a paper whose structure and wording say nothing of a meeting or of any other kind.
    WORK_PLAN = "work plan"
    REPORT = "report"

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    __hash__ = str.__hash__

    @property
    def label(self) -> str:
        """How pages and citations name the kind ("peer-review letter" is cited as a letter)."""
        return CITED_AS.get(self, self.value)


# The one table of English labels where a citation names the kind differently from the vocabulary.
# An assessment, an audit or a statistical bulletin is cited as the report it is ("(report, October
# 2023)"), not by the vocabulary's either-or name; its title says which.
CITED_AS = {DocumentKind.PEER_REVIEW_LETTER: "letter", DocumentKind.PEER_REVIEW_REPORT: "report",
            DocumentKind.EVIDENCE_OR_ASSESSMENT: "report"}


def parse_kind(text: str) -> DocumentKind | None:
    """The kind a manifest names, case and spacing forgiven ("Agenda Pack" is an agenda pack)."""
    want = " ".join(text.lower().replace("_", " ").split())
    for kind in DocumentKind:
        if kind.value == want:
            return kind
    return None


AGENDA_KINDS = (DocumentKind.AGENDA, DocumentKind.AGENDA_PACK)
MEETING_KINDS = (DocumentKind.MINUTES, DocumentKind.AGENDA, DocumentKind.AGENDA_PACK, DocumentKind.COMMITTEE_REPORT,
                 DocumentKind.DECISION_RECORD)
LETTER_KINDS = (DocumentKind.LETTER, DocumentKind.PEER_REVIEW_LETTER)
