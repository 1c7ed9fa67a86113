"""Which kind of finding a heading or an introducing paragraph announces.

Kinds are what an officer looks for: strengths, areas for consideration, recommendations,
actions, priorities, key lines of enquiry, top tips, findings, risks. The words come from the
papers themselves; order matters (the first match wins).
"""

from __future__ import annotations

import re

_KIND_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("top tip", re.compile(r"\btop tips?\b", re.I)),
    ("key line of enquiry", re.compile(r"\bkey lines? of enquiry\b|\bKLOEs?\b", re.I)),
    ("area for consideration", re.compile(r"\bareas? (?:for|which|the)\b.*\bconsideration\b|\bfurther consideration\b", re.I)),
    ("good practice", re.compile(r"\bgood practice noted\b|\bhighlights the good practice\b", re.I)),
    ("strength", re.compile(r"^\s*(?:overall |key |headline )?strengths\b", re.I)),
    ("recommendation", re.compile(r"\brecommendations?\b|\bit is recommended\b", re.I)),
    ("action", re.compile(r"\bactions?\b(?! plan)|\bwork plan\b", re.I)),
    ("priority", re.compile(r"\bpriorit(?:y|ies)\b", re.I)),
    ("finding", re.compile(r"\bkey findings\b|^\s*findings\b", re.I)),
    ("risk", re.compile(r"\brisks?\b", re.I)),
]

# Kinds that a numbered paragraph in such a section takes itself (an "Actions" section's
# paragraphs are actions); the rest only pass their kind to lettered sub-items.
SECTION_KINDS = {"finding", "action", "recommendation", "risk", "priority", "area for consideration", "strength"}

FINDING_KINDS = [
    "strength", "good practice", "area for consideration", "recommendation", "action", "priority",
    "key line of enquiry", "top tip", "finding", "risk", "minute", "resolution", "paragraph",
    "bullet", "table row",
]

# The kinds listed in the recommendations register.
REGISTER_KINDS = {"recommendation", "area for consideration", "priority", "top tip", "action", "key line of enquiry"}


def kind_from_heading(text: str) -> str | None:
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(text):
            return kind
    return None


def kind_from_intro(text: str) -> str | None:
    """The kind a paragraph introduces with a colon or a count ("6 top tips", "priorities:")."""
    for kind in ("top tip", "key line of enquiry", "priority", "recommendation", "action"):
        pattern = dict(_KIND_PATTERNS)[kind]
        if pattern.search(text):
            return kind
    return None
