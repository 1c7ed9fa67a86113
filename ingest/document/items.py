"""Minutes and other papers made of numbered items ("292. Apologies", "Question 6 – Name").

An item is a finding of its own: its title and its unnumbered paragraphs, labelled with its
number ("292"). What is printed inside it is labelled with the item's number first: a numbered
point "298 8", a lettered point under it "308 6 b", a bullet "46 bullet 3", a resolution that
has no number of its own "44 Resolved". A point ending in a colon keeps the unnumbered lines that
follow it (a vote's "For (52)" and names); other unnumbered paragraphs belong to the item.

Which papers read this way: minutes (by their kind), and any paper whose headings number items
the way minutes, decision records and question papers do (an "(Item N)" line, a resolution number
such as "R2025-046" or a "Question N" heading, twice; or two numbered headings with the standard
opening items of a meeting: apologies, declarations of interest, the minutes of the last meeting).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ingest.document.numbering import (
    ITEM_KEYWORD,
    ITEM_NUMBER,
    REFERENCE,
    Label,
    item_number,
    parse_label,
)
from ingest.document.segment_prep import glyph
from ingest.model import Block, Finding
from ingest.textutil import ends_sentence

if TYPE_CHECKING:
    from ingest.document.segment import SegmentState as State

RESOLVED = re.compile(r"^(resolved|resolution)\s*:\s*", re.I)  # "Resolved: That the report be noted."
REASON = re.compile(r"^reason\s*:\s*", re.I)
# Other ways minutes print a decision: "RESOLVED that ...", "It was RESOLVED", "Committee
# resolved to note ...", "The Committee resolves ...".
RESOLVES = re.compile(
    r"^(?:it\s+was\s+)?resolved\b|^(?:the\s+)?(?:[A-Z][\w&-]*\s+){0,3}?(?:committee|council|panel|board|cabinet)\s+"
    r"(?:resolved|resolves)\b", re.I)
# The standard opening items, in English and in Welsh (a Welsh council's minutes, or the Welsh half of
# bilingual ones): apologies ("ymddiheuriadau"), declarations of interest ("datganiadau o
# ddiddordeb / fuddiant", any mutation), the last meeting's minutes ("cofnodion y cyfarfod
# blaenorol / diwethaf"), matters arising ("materion yn codi").
_MEETING_ITEMS = re.compile(r"\bapolog|\bdeclarations?\s+of\s+(?:\w+\s+){0,3}interests?\b|\bminutes\s+of\s+the\s+(?:previous|last)\b|"
                            r"\bmatters\s+arising\b|\bymddiheuriadau\b|\bdatgan(?:iad(?:au)?)?\s+(?:o\s+)?(?:dd?iddordeb|[bf]uddiant)|"
                            r"\bcofnodion\s+y\s+cyfarfod\s+(?:blaenorol|diwethaf)\b|\bmaterion\s+yn\s+codi\b", re.I)
_ITEM_TAIL = re.compile(rf"\(\s*{ITEM_NUMBER}\s*\)\.?$", re.I)
_REF = re.compile(rf"^{REFERENCE}\b")
_KEYWORD = re.compile(rf"^{ITEM_KEYWORD}\b", re.I)


def too_short(text: str) -> bool:
    """Fewer than three words: too short to cite on its own ("• Loans.", "For (52)", "And;"); the
    measure evaluate_real's "short findings" counts."""
    return len(re.findall(r"\w+", text)) < 3


def heading_item(text: str) -> tuple[str, str] | None:
    """(number, title) of an item heading, the minute's own number first, else an "(Item N)" tail."""
    got = item_number(text)
    if got is not None:
        number, title = got
        return number, _ITEM_TAIL.sub("", title).strip() or title
    m = _ITEM_TAIL.search(text)
    if m and text[:m.start()].strip():
        return m.group("n"), text[:m.start()].strip()
    return None


def keyword_item(text: str) -> bool:
    """A heading that names its item in words ("Question 6 – Name"): its title is the whole heading."""
    return bool(_KEYWORD.match(text))


def reads_as_items(blocks: list[Block]) -> tuple[bool, bool]:
    """(the paper is made of numbered items, they are a meeting's minutes)."""
    keyword = tails = numbered = 0
    meeting = False
    for b in blocks:
        if b.type != "heading":
            continue
        got = heading_item(b.text)
        if got is None:
            continue
        if _ITEM_TAIL.search(b.text) or _REF.match(b.text):
            tails += 1  # "(Item 4)" under a title, or a resolution number: a meeting's items
        elif _KEYWORD.match(b.text):
            keyword += 1
        else:
            numbered += 1
        meeting = meeting or bool(_MEETING_ITEMS.search(got[1]))
    if tails >= 2 or (numbered >= 2 and meeting):
        return True, True
    return keyword >= 2, False


_NUMBER_STYLES = ("dec.", "dec)", "(dec)")


def _rank(lab: Label) -> int:
    return 2 if "roman" in lab.style else 1 if "alpha" in lab.style else 0


@dataclass
class Levels:
    """The open levels of numbering inside an item or under a numbered paragraph: a label of a
    style already open closes the levels below it, a new style opens one."""

    open: list[tuple[Label, Finding]] = field(default_factory=list)

    def place(self, lab: Label) -> list[str]:
        """The label's path: the open levels above it, then itself. A number that carries on an
        open number's count is its sibling though its stop differs ("5)" then "6. RESOLVED"); a
        number or letter closes the letters and numerals open below it (numbers rank above
        letters, letters above roman numerals), so "2)" after "e)" is the next point, not e's."""
        at = next((i for i, (o, _) in enumerate(self.open) if o.style == lab.style), None)
        if at is None and lab.style in _NUMBER_STYLES:
            at = next((i for i, (o, _) in enumerate(self.open)
                       if o.style in _NUMBER_STYLES and o.value and o.value == lab.value - 1), None)
        if at is None:
            at = next((i for i, (o, _) in enumerate(self.open) if _rank(o) > _rank(lab)), None)
        if at is not None:
            del self.open[at:]
        return [o.text for o, _ in self.open] + [lab.text]

    def push(self, lab: Label, f: Finding) -> None:
        self.open.append((lab, f))

    def letter(self) -> str | None:
        """The last letter label open, so that "i" after "h" is read as a letter."""
        for o, _ in reversed(self.open):
            if "alpha" in o.style:
                return o.text
        return None

    def top(self) -> Finding | None:
        return self.open[-1][1] if self.open else None

    def clear(self) -> None:
        self.open.clear()


def citation(f: Finding) -> str | None:
    """How a finding inside a minute or item is cited: "minute 298, point 8", "minute 46,
    bullet 3", "minute 44, resolution", "item 6, point 1"; None for other findings."""
    word = "minute" if f.key.startswith("minute-") else "item" if f.key.startswith("item-") else None
    if word is None:
        return None
    number, _, rest = f.label.partition(" ")
    if f.kind == "resolution" and not rest:
        return f"{word} {number}, resolution"
    if not rest:
        return f"{word} {number}"
    return f"{word} {number}, {rest}" if rest.startswith("bullet") else f"{word} {number}, point {rest}"


def parse_point(text: str, levels: Levels) -> Label | None:
    return parse_label(text, levels.letter())


def append(st: State, f: Finding, b: Block, text: str, sep: str = "\n\n", page: bool = True) -> Finding:
    """`text` continues `f` (or its next part, past the length bound: ingest/document/parts.py); returns
    the finding that took it. `page`: a finding whose first page is unknown takes this block's
    (not a minute: its heading's page is where it is cited, even when unknown)."""
    took = st.parts.grow(f, text, b.page, lambda old, new: (old.rstrip() + sep + new).strip() if old.strip() else new)
    b.finding_id = took.id
    if page and took.page is None:
        took.page = b.page
    return took


def item_heading(st: State, b: Block, text: str) -> bool:
    """A minute's or item's heading opens it; a heading inside one is its sub-heading. False:
    not in an item."""
    got = heading_item(text)
    if got is None:
        if st.item is None:
            return False
        # A sub-heading inside an item ("Tuesday 24 March 2020" in the work plan item) stays a
        # heading; what follows it is the item's, each paragraph a finding of its own.
        st.before_heading = st.last or st.before_heading
        st.last = None
        st.points.clear()
        st.list_open = text.endswith(":")
        return True
    number, title = got
    st.major, st.heading = (f"{number}. {title}" if not keyword_item(text) else title), None
    prefix = "minute" if st.item_kind == "minute" else "item"
    f = st.add(st.item_kind, number, title, b.page, f"{prefix}-{number}", section=[])
    b.finding_id = f.id
    st.item = st.parent = st.last = f
    st.points.clear()
    st.list_open = False
    st.section_kind = None
    return True


def item_text(st: State, b: Block, text: str) -> None:
    """Text inside a minute or item (see the module's notes). A bullet is a list item where a
    colon introduced the list or it carries a glyph; an indented paragraph that the layout
    read as a bullet (a minute's text set in from its number) is a paragraph."""
    item = st.item
    assert item is not None
    if _next_long_minute(item, text) and item_heading(st, b, text):
        return  # "2693. Apologies ..." set as a paragraph after minute 2692: the next minute
    opens = text.rstrip().endswith(":")  # "And;" between two lists opens neither
    # A lettered or numbered point set in like a bullet ("b) Any ban must ...") is a point: it
    # ends the list a colon opened, as a point printed flush does.
    listed = b.type == "bullet" and parse_point(text, st.points) is None and (st.list_open or glyph(text))
    if not listed:
        st.list_open = opens
    elif opens:
        st.list_open = True
    _item_block(st, b, text, item, listed)


def _next_long_minute(item: Finding, text: str) -> bool:
    """`text` opens the minute after `item` in a four-digit run (2692, 2693): such a number is never
    a point inside a minute, and a layout that set the minute as a paragraph loses its heading."""
    got = item_number(text) if re.match(r"^\d{4}\.", text) else None
    return (got is not None and item.label.isdigit() and len(item.label) == 4
            and 0 < int(got[0]) - int(item.label) <= 3)


def _item_block(st: State, b: Block, text: str, item: Finding, listed: bool) -> None:
    section = [f"{item.label}. {item.text.split(chr(10))[0]}"]
    if RESOLVED.match(text) or (not listed and RESOLVES.match(text)):
        body = RESOLVED.sub("", text)
        f = st.add("resolution", item.label, body, b.page, f"minute-{item.label}-resolved", section=section)
        b.finding_id = f.id
        st.last = f
        st.points.clear()
        return
    if st.last is not None and st.last.kind == "resolution" and REASON.match(text):
        st.last = append(st, st.last, b, text)
        return
    lab = parse_point(text, st.points)
    if lab is not None:
        path = st.points.place(lab)
        kind = "resolution" if RESOLVES.match(lab.rest) else "paragraph"
        f = st.add(kind, " ".join([item.label, *path]), lab.rest, b.page, f"{item.key}-{'-'.join(path)}", section=section)
        st.points.push(lab, f)
        b.finding_id = f.id
        st.last = f
        return
    point = st.points.top()
    if listed:
        owner = point or item
        last = st.last
        if (last is not None and last.label.startswith(f"{owner.label} bullet ")
                and (too_short(text) or too_short(last.text))):
            # A bullet of a word or two goes on the one before it; a first bullet still too short
            # to cite takes the next (segment._list_goes_on reads other papers' lists so).
            st.last = append(st, last, b, text)
            return
        n = st.count("bullet:" + owner.id)
        kind = "resolution" if owner.kind == "resolution" else "bullet"
        f = st.add(kind, f"{owner.label} bullet {n}", text, b.page, f"{owner.key}-bullet-{n}", section=section)
        b.finding_id = f.id
        st.last = f
        return
    if point is not None and st.last is point and point.text.rstrip().endswith(":"):
        st.last = append(st, point, b, text)  # "...the voting was as follows:" then "For (52)" and the names
        return
    if point is not None and st.last is point and b.page != point.page and not ends_sentence(point.text):
        st.last = append(st, point, b, text, sep=" ")
        return
    if st.last is item and not item.text.count("\n\n"):
        st.last = append(st, item, b, text, page=False)  # the minute's own first paragraph
        return
    if too_short(text) and st.last is not None:
        # A vote's "For (52)", "Against (0)", an "And;" between two lists: a line too short to
        # cite, read with the text it follows.
        st.last = append(st, st.last, b, text, page=st.last is not item)
        return
    n = st.count("para:" + item.id) + 1
    f = st.add("paragraph", item.label, text, b.page, f"{item.key}-para-{n}", section=section)
    b.finding_id = f.id
    st.last = f
