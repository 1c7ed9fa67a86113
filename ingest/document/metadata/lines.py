"""The paper's opening text as lines the metadata rules read: text, page, type and position.

Only the start of a paper names it (cover, header, first heading, the meeting's opening
minute), so only the first blocks are read; a table's cells count as lines too, because many
covers are laid out as a table ("Date of meeting | 30 January 2025").
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingest.model import Block

HEAD_BLOCKS = 150

# Words the rules of more than one field read on a cover, one spelling each: the opening of a set
# of minutes ("Draft minutes of the ..."), a day's name ("Wednesday"), a report's and an agenda's
# opening line.
MINUTES_OF = r"(?:(?:draft|confirmed|printed|unconfirmed)\s+)?minutes\s+of\s+"
# Scottish councils write "Minute" ("Minute of the meeting of ..."): enough to say a paper is minutes,
# not a form the title rules build on.
MINUTE_OR_MINUTES_OF = r"(?:(?:draft|confirmed|printed|unconfirmed)\s+)?minutes?\s+of\s+"
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# A committee report's cover line ("Report of the Director of Children's Services", "Report to
# Cabinet"), which the kind rules read as a report and not as a note of a meeting or a review; an
# agenda's front sheet ("Notice of a public meeting of the Cabinet"), whose body the title rules read.
# Not a study's subtitle "Report of Findings", which names what the report holds, not who made it.
REPORT_OF_OR_TO = r"report (?:of|to|by|from)\b(?!\s+(?:the\s+)?(?:key\s+|main\s+)?findings\b)"
NOTICE_OF_MEETING = r"notice of (?:a )?(?:public )?meeting"
# An assessment of a plan, published beside it for its consultation (the kind rules' "consultation
# report"), whose type the cover prints under the plan's name (the title rules join the two):
# "Sustainability Appraisal Report", "Habitats Regulations Assessment Regulation 18", "Non-Technical Summary".
PLAN_ASSESSMENT = (r"(?:(?:draft|interim|final|updated?)\s+)?(?:sustainability appraisal|habitats? regulations? assessment|"
                   r"(?:integrated|health|equality(?: and diversity)?|environmental|strategic environmental) impact assessment|"
                   r"strategic environmental assessment|environmental report|non[- ]technical summary|appropriate assessment|"
                   r"sea (?:statement|scoping report)|sa (?:report|scoping report))\b")


@dataclass(frozen=True)
class Line:
    text: str
    page: int | None  # the page a reader cites (the printed number where there is one), as on Block
    heading: bool
    index: int  # position among the lines read
    marker: bool = False  # a "Page N" or "Agenda Item N" stamp stood before it (a pack's pages)
    pdf_page: int | None = None  # the PDF's own page; None for text inputs
    size: float | None = None  # the type size it is printed in (Block.size); None for text inputs, tables, OCR

    @property
    def sheet(self) -> int | None:
        """Where the line stands in the paper: the PDF's own page, else the cited page. Rules that
        ask "on the cover?" or "on the same page?" read this, not `page`: a report printed from an
        agenda pack prints the pack's numbers, so its cover is page 5."""
        return self.pdf_page if self.pdf_page is not None else self.page

    def within(self, pages: int) -> bool:
        """Whether the line stands on the paper's first `pages` pages (its cover is `within(1)`); a
        line of a text input with no page markers stands on the cover."""
        return self.sheet is None or self.sheet <= pages


@dataclass
class Reading:
    """A field of the metadata as a rule read it (a date as ISO text): the line it was read from
    (None where no one line gave it), how sure the rule is, and the rule in words, which the
    document's provenance and `explain` give."""

    value: str
    line: Line | None
    confidence: float
    rule: str


def head_lines(blocks: list[Block], limit: int = HEAD_BLOCKS) -> list[Line]:
    out: list[Line] = []
    for b in blocks[:limit]:
        marker = b.page_marker is not None or b.agenda_item is not None
        if b.type == "table":
            for row in b.rows[:12]:
                cells = [c.text.strip() for c in row.cells if c.text.strip()]
                if not cells:
                    continue
                # A two-cell row is a label and its value ("Date of meeting | 30 January 2025").
                label_row = len(cells) == 2 and len(cells[0]) <= 40 and not cells[0].endswith(":")
                text = f"{cells[0]}: {cells[1]}" if label_row else " ".join(cells)
                for field in _cover_fields(_clean(text)):
                    out.append(Line(text=field, page=row.page or b.page, heading=False, index=len(out), marker=marker,
                                    pdf_page=row.pdf_page or b.pdf_page))
                    marker = False
            continue
        for text in _cover_fields(_clean(b.text)):
            out.append(Line(text=text, page=b.page, heading=b.type == "heading", index=len(out), marker=marker, pdf_page=b.pdf_page,
                            size=b.size))
            marker = False
    return out


def _clean(text: str) -> str:
    # Markdown emphasis and heading marks left by converted text ("**Date:** 26 February 2020").
    text = re.sub(r"\*\*|__|^#+\s*", "", text)
    return _unspaced(" ".join(text.split()).strip())


def _unspaced(text: str) -> str:
    """A word printed letter-spaced for display ("A G E N D A") as the word it is."""
    return text.replace(" ", "") if _SPACED.fullmatch(text) else text


_SPACED = re.compile(r"(?:[A-Z] ){3,}[A-Z]")

# A cover's labels ("Meeting:", "Subject:"): a cover laid out as a two-column table often comes
# out as one line holding every label and value, and is read as one line per label.
_COVER_LABEL = (r"(?:Meeting|Date(?: of meeting)?|Subject|Title|Report (?:of|from|by|to|author|title)|Wards? affected|Key decision|"
                r"Decision no|Classification|Electoral divisions?|Lead officer|Contact officer|Responsible officer|Author|From|To)")
_INLINE_LABEL = re.compile(rf"(?:^|(?<=\s)){_COVER_LABEL}\s?:", re.I)
# A two-word label whose value wraps beside it in a two-column cover: "REPORT <value> TITLE: <rest>".
_WRAPPED_LABEL = re.compile(r"^(?P<w1>report|responsible|lead|contact|meeting)\s+(?P<v1>.+?)\s+(?P<w2>title|officer|author|date)\s?:\s*(?P<v2>.*)$",
                            re.I)
_TWO_WORD = {"report title", "responsible officer", "lead officer", "contact officer", "report author", "meeting date"}


def _cover_fields(text: str) -> list[str]:
    if not text:
        return []
    m = _WRAPPED_LABEL.match(text)
    if m and f"{m['w1']} {m['w2']}".lower() in _TWO_WORD:
        return [f"{m['w1']} {m['w2']}: {m['v1']} {m['v2']}".strip()]
    starts = [m.start() for m in _INLINE_LABEL.finditer(text)]
    if len(starts) < 2 or starts[0] != 0:
        return [text]
    return [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)]) if text[a:b].strip()]


_SMALL = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with", "&", "under", "into"}


_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")


def is_caps(text: str) -> bool:
    upper, lower = len(_UPPER.findall(text)), len(_LOWER.findall(text))
    return upper + lower >= 4 and upper >= 0.9 * (upper + lower)


def tidy_caps(text: str, keep: Collection[str] = ()) -> str:
    """An all-capitals line as a person would write it: "CORPORATE PARENTING PANEL" ->
    "Corporate Parenting Panel"; words in `keep` (acronyms the paper uses, "KCC") stay capitals."""
    if not is_caps(text):
        return text
    words = text.split(" ")
    out = []
    for i, w in enumerate(words):
        core = re.sub(r"[^\w&'’-]", "", w)
        if core.upper() in keep or any(ch.isdigit() for ch in core):
            out.append(w)
        elif core.lower() in _SMALL and i > 0:
            out.append(w.lower())
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


def acronyms_in(lines: list[Line]) -> set[str]:
    """Capitalised words the paper uses inside ordinary sentences (KCC, IRO, SEND): these stay
    capitals when a heading in capitals is tidied."""
    out: set[str] = set()
    for ln in lines[:80]:
        if is_caps(ln.text):
            continue
        words = [w.strip(",.;:()'’") for w in ln.text.split()]
        caps = [len(w) >= 2 and w.isupper() and w.isalpha() for w in words]
        for i, w in enumerate(words):
            # Alone among ordinary words: a run of capitals is a heading's words ("CORPORATE PARENTING PANEL - 10th ...").
            if caps[i] and len(w) <= 6 and not (i and caps[i - 1]) and not (i + 1 < len(words) and caps[i + 1]):
                out.add(w[:-1] if w.endswith("S") and len(w) > 3 and w[:-1] in out else w)
    return out
