"""Cut a normalised document into citable findings with stable ids.

A finding is what an officer cites: a numbered paragraph ("7.14") with its lettered sub-items
("31 d", "2.1 2"), a bullet, each bullet of a table under its row heading (the 2011 letter's
areas), a table row, a minute or item with its points and resolution ("298 8", "44 Resolved"),
the priorities agreed at a workshop. Unnumbered paragraphs that follow a numbered one continue
it (a page break or a "Reason:" line), so a citation always covers the words as printed.
Labels are read in every printed form (`ingest/document/numbering.py`); minutes and other papers of
numbered items are read by `ingest/document/items.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.bounds import Bounds, pieces
from ingest.document import items as it
from ingest.document.form_rows import FormReading
from ingest.document.kinds import SECTION_KINDS, kind_from_heading, kind_from_intro
from ingest.document.numbering import Label
from ingest.document.parts import Parts
from ingest.document.segment_prep import glyph, prepare
from ingest.document.segment_tables import read_table, table_side
from ingest.document.table_rows import OpenTable, stays_open
from ingest.model import Block, Document, Finding
from ingest.textutil import ends_sentence, slugify

_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,3}$")
# A heading's own section number: "1.1 Background", "2 Methodology", "3. Results"; not a date
# set as a heading ("26 February 2020").
_HEADING_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,3})\.?\s+(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)[A-Z]")
# "Authors" as "Author": furniture_blocks leaves such a section's lines in place (its
# _CONTACT_SECTION) for the segmenter to skip, so the two must agree on its name.
_SKIP_SECTIONS = re.compile(r"^(contact details|authors?|background papers|annexes|abbreviations)\b", re.I)
# A paragraph after the last of a run of numbered-heading findings that speaks of them all.
_CLOSING = re.compile(r"\bthese (?:priorities|recommendations|actions)\b|^(?:thank you|we wish|yours)", re.I)
_COVER_LINE = re.compile(r"^(Report of the|Report of|Meeting of)\b", re.I)
_LIST_TAIL = re.compile(r"(?:[;,]|\b(?:and|or))\s*$")
_PLURALS = {"priority": "Agreed priorities", "recommendation": "Recommendations", "action": "Actions",
            "top tip": "Top tips", "key line of enquiry": "Key lines of enquiry"}


def split_label(text: str) -> tuple[str | None, str]:
    """(label as printed, the text after it): "7.1 The ..." -> ("7.1", "The ..."), "(a) x" -> ("a", "x")."""
    lab = it.parse_label(text)
    return (lab.text, lab.rest) if lab is not None else (None, text)


@dataclass
class SegmentState:
    doc: Document
    findings: list[Finding] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    major: str | None = None  # last numbered heading ("7. IRO Caseloads")
    heading: str | None = None
    section_kind: str | None = None
    intro_kind: str | None = None  # what the last "...as follows:" paragraph introduced
    parent: Finding | None = None  # last numbered paragraph, parent of lettered sub-items
    parent_style: str | None = None  # its label's style ("dotted", "dec.", "(dec)" ...)
    subs: it.Levels = field(default_factory=it.Levels)  # sub-item levels open under `parent`
    last: Finding | None = None  # where an unnumbered continuation paragraph goes
    before_heading: Finding | None = None  # the finding a heading interrupted (a page's running header)
    skipping: bool = False
    skip_page: int | None = None  # the page whose heading opened the skipped section
    heading_finding: bool = False  # the current finding is a numbered heading plus its paragraphs
    heading_intro: str | None = None  # an unnumbered paragraph announced numbered headings of this kind
    heading_run: int = 0  # the number of the last such heading
    counters: dict[str, int] = field(default_factory=dict)
    # The last heading that printed a number ("1.1 Background", "2 Methodology"): its count and number.
    numbered_heading: tuple[int, str] | None = None
    subheading: bool = False  # an unnumbered heading stands between it and the text
    # Paragraphs that print no number of their own -> the numbered heading they sit under, if any;
    # and the printed labels of the numbered paragraphs under each numbered heading.
    unnumbered: dict[str, tuple[int, str, bool] | None] = field(default_factory=dict)
    numbered_under: dict[int, list[str]] = field(default_factory=dict)
    side: str | None = None  # "good practice" / "area for further consideration"
    # A paper of numbered items (minutes, questions): the open item and the levels inside it.
    items: bool = False
    item_kind: str = "minute"
    item: Finding | None = None
    points: it.Levels = field(default_factory=it.Levels)
    list_open: bool = False  # the text before ended with a colon: bullets that follow are its list
    after_table: Finding | None = None  # the finding read last before the last table
    sub_level: int = 0  # the list level of the open sub-item's block (converted text; 0 in a PDF)
    form: FormReading = field(default_factory=FormReading)  # a lettered form's rows (form_rows.py)
    # Where the last bordered table stopped, for a table that a page break continues.
    row_heading: str = ""
    row_last: Finding | None = None
    row_n: int = 0
    table_last: Finding | None = None  # the last finding a table's rows gave (segment_tables._row_table)
    table_count: int = 0
    open_table: OpenTable | None = None  # the last headed table, for one a page break continues
    max_chars: int = Bounds.max_finding_chars
    parts: Parts = field(init=False)  # findings that reached max_chars, continued in parts

    def __post_init__(self) -> None:
        self.parts = Parts(self.max_chars, self.findings, self.keys)

    def section(self) -> list[str]:
        return [s for s in (self.major, self.heading) if s]

    def count(self, scope: str) -> int:
        self.counters[scope] = self.counters.get(scope, 0) + 1
        return self.counters[scope]

    def add(self, kind: str, label: str, text: str, page: int | None, key_hint: str,
            section: list[str] | None = None, side: str | None = None) -> Finding:
        # The number at the end of a key survives: "consider-looked-after-children-1".
        head, _, tail = key_hint.rpartition("-")
        key = f"{slugify(head, 70)}-{slugify(tail)}" if head and tail.isdigit() else slugify(key_hint, 80)
        base, n = key, 1
        while key in self.keys:
            n += 1
            key = f"{base}-{n}"
        self.keys.add(key)
        f = Finding(
            id=f"{self.doc.id}/{key}",
            key=key,
            document_id=self.doc.id,
            date=self.doc.date,
            kind=kind,
            section=list(section if section is not None else self.section()),
            label=label,
            text=text,
            page=page,
            side=side,
        )
        self.findings.append(f)
        return f


def _letterhead_end(blocks: list[Block]) -> int:
    """Index after the salutation of a letter ("Dear Pete"); 0 for other documents."""
    for i, b in enumerate(blocks[:25]):
        if b.type == "paragraph" and re.match(r"^Dear\s+\w+", b.text) and len(b.text.split()) <= 6:
            return i + 1
    return 0


def segment(doc: Document, blocks: list[Block], max_finding_chars: int = Bounds.max_finding_chars) -> tuple[list[Finding], list[Block]]:
    """Findings in reading order, and the blocks annotated with the finding each one starts.
    No finding grows past `max_finding_chars`: it goes on in parts (ingest/document/parts.py)."""
    st = SegmentState(doc=doc, max_chars=max_finding_chars)
    blocks = [b.model_copy(deep=True) for b in prepare(blocks)]
    start = _letterhead_end(blocks)
    for b in blocks[:start]:
        b.finding_id = None
    structured, meeting = it.reads_as_items(blocks[start:])
    st.items = doc.kind == "minutes" or structured
    st.item_kind = "minute" if doc.kind == "minutes" or meeting else "paragraph"
    out = blocks[:start]
    for b in blocks[start:]:
        if b.type != "table" and not stays_open(st.open_table, b):
            st.open_table = None
        rest: list[str] = []
        if b.type != "table" and len(b.text) > max_finding_chars:
            b.text, *rest = pieces(b.text, max_finding_chars)
        out.append(b)
        _block(st, b)
        # The rest of a block too long for one finding: each piece its own block, holding the
        # next part of the finding the block went to (or read as a paragraph, if it went to none).
        for piece in rest:
            nb = Block(type="bullet" if b.type == "bullet" else "paragraph", text=piece, page=b.page)
            out.append(nb)
            if b.finding_id is None:
                _block(st, nb)
                continue
            took = next(f for f in reversed(st.findings) if f.id == b.finding_id)
            nb.finding_id = st.parts.part(took, piece, b.page).id
            if st.last is not None and st.last.id in (took.id, st.parts.root.get(took.id, took).id):
                st.last = st.parts.last_of(took)
    _settle_intro_kinds(st.findings)
    _label_by_section(st)
    st.parts.same_kind()
    return st.findings, out


def _block(st: SegmentState, b: Block) -> None:
    if b.type == "heading":
        _heading(st, b)
    elif b.type == "table":
        read_table(st, b)
    elif not st.skipping:
        _text_block(st, b)
    elif _skip_ends(st, b):
        st.skipping = False
        _text_block(st, b)


def _skip_ends(st: SegmentState, b: Block) -> bool:
    """Whether a skipped section (abbreviations, contact details) has ended before `b` though no
    heading said so: `b` is prose, several sentences' worth, on a later page than the section's
    heading (a glossary's pages, then "The Indices of Deprivation 2010 (ID2010) have been
    released ..." under a section title the reader took for no heading). A glossary's
    definitions and a contact's lines are shorter."""
    page = b.pdf_page or b.page
    return (b.type == "paragraph" and st.skip_page is not None and page is not None and page > st.skip_page
            and len(b.text.split()) >= 25 and ends_sentence(b.text))


def _heading(st: SegmentState, b: Block) -> None:
    text = b.text.strip()
    if st.skipping and text.endswith(":"):
        return
    st.skipping = bool(_SKIP_SECTIONS.match(text))
    st.skip_page = (b.pdf_page or b.page) if st.skipping else None
    if st.items and it.item_heading(st, b, text):
        return
    label, rest = split_label(text)
    if st.heading_intro and label and label.isdigit() and int(label) == st.heading_run + 1 and len(rest.split()) <= 12:
        # "you agreed on the following key priorities:" then "### 1. Vulnerable Groups ..."
        kind = st.heading_intro
        st.major, st.heading = None, _PLURALS.get(kind, kind.capitalize())
        f = st.add(kind, label, rest, b.page, f"{kind}-{label}")
        f.text = f"{rest}\n\n"
        st.heading_finding = True
        st.heading_run = int(label)
        b.finding_id = f.id
        st.last = f
        st.parent = None
        return
    st.intro_kind = None
    st.heading_intro = None
    st.heading_run = 0
    st.heading_finding = False
    heading_kind = kind_from_heading(text)
    numbered = _HEADING_NUMBER.match(text)
    st.subheading = not numbered
    if numbered:
        st.numbered_heading = ((st.numbered_heading or (0, ""))[0] + 1, numbered.group(1))
    if label and _NUMBER.match(label):
        st.major, st.heading = text, None
        st.section_kind = heading_kind
    else:
        st.heading = text
        st.section_kind = heading_kind or (kind_from_heading(st.major) if st.major else None)
    st.before_heading = st.last or st.before_heading
    st.parent = st.last = None
    st.subs.clear()
    st.side = None


def _label_by_section(st: SegmentState) -> None:
    """An unnumbered paragraph under a numbered heading ("1.1 Background", "3 Results" and its
    unnumbered sub-headings) is cited by the heading's number, as printed; but not under an
    unnumbered sub-heading of a section that numbers its own paragraphs ("7." > "Caseloads", then
    "7.1", "7.2": there "para 1" stays, as "7" would read as the section's opening)."""
    relabel: dict[str, tuple[str, str]] = {}  # a paragraph's id -> (its counter label, its section's number)
    for f in st.findings:
        under = st.unnumbered.get(f.id)
        if under is None:
            continue
        n, number, subheading = under
        if not (subheading and any(lab.startswith(number + ".") for lab in st.numbered_under.get(n, []))):
            relabel[f.id] = (f.label, number)
    for f in st.findings:
        old, new = relabel.get(st.parts.root.get(f.id, f).id, (None, None))
        if old is not None and new is not None:
            f.label = new + f.label[len(old):]  # a part keeps its " (part 2)"


def _continues(st: SegmentState, b: Block, text: str) -> Finding | None:
    """The finding a paragraph continues across a page break or a running header: one starting
    in lower case after text that stopped mid-sentence."""
    if not text[:1].islower() or it.parse_label(text) is not None or (b.type == "bullet" and glyph(text)):
        return None
    target = st.last or st.before_heading
    if target is None or ends_sentence(target.text):
        return None
    if b.type == "bullet" and _LIST_TAIL.search(target.text):
        return None  # "...; and" then "monitoring the activity ...": the list's next item
    return target


def _text_block(st: SegmentState, b: Block) -> None:
    text = b.text.strip()
    if not text:
        return
    target = _continues(st, b, text)
    if target is not None:
        st.last = it.append(st, target, b, text, sep=" ")
        return
    if st.items and st.item is not None:
        it.item_text(st, b, text)
        return
    lab = it.parse_label(text, st.subs.letter())
    if lab is None and b.type == "paragraph":
        closing = st.heading_finding and _CLOSING.search(text)
        if closing:
            st.heading_finding = False
            st.last = None
        if (st.last is not None and st.last.kind not in ("bullet",) and not st.last.label.startswith("bullet")
                and st.parts.root.get(st.last.id, st.last).id not in st.unnumbered):
            st.last = it.append(st, st.last, b, text)
            return
        if len(text.split()) < 4 or _COVER_LINE.match(text):
            return  # a date, a name, a cover line: not a citable finding
        intro = kind_from_intro(text) if text.endswith(":") else None
        side = table_side(text)
        if side:
            st.side = side
            return
        n = st.count("para:" + "/".join(st.section()))
        f = st.add("paragraph", f"para {n}", text, b.page, f"{(st.section() or ['opening'])[-1]}-para-{n}")
        st.unnumbered[f.id] = (*st.numbered_heading, st.subheading) if st.numbered_heading else None
        b.finding_id = f.id
        st.last = f
        st.intro_kind = intro
        st.heading_intro = intro
        return
    sub = st.subs.top()
    # Text set in under a sub-item sits at its level or deeper: a list item out at a shallower
    # level than the sub-item ("  - b. ..." then "- Develop ...") is a list of its own.
    if (lab is None and st.last is not None and (st.last is st.parent or (st.last is sub and b.level >= st.sub_level))
            and _sets_in(st.last, text, table_between=st.after_table is st.last)):
        if st.after_table is st.last:
            # Under the table the paragraph's colon introduced: its text going on, on the page it
            # is printed on, a finding of its own with the paragraph's label (as a minute's
            # second paragraph is).
            f = st.add(st.last.kind, st.last.label, text, b.page, f"{st.last.key}-after-table")
            b.finding_id = f.id
            st.last = f
            return
        # "6.1 Do nothing." then its reasoning, set in under it; after a list of clauses ("a) the
        # manner ...;" ... "d) the appointment of staff.") the paragraph is the parent's again.
        owner = st.parent if st.last is sub and st.parent is not None and sub.text[:1].islower() else st.last
        st.last = it.append(st, owner, b, text)
        return
    if lab is None:  # an unnumbered bullet
        joins = _list_goes_on(st, text)
        if joins is not None:
            st.last = it.append(st, joins, b, text)
            return
        n = st.count("bullet:" + "/".join(st.section()))
        kind = st.section_kind or "bullet"
        f = st.add(kind, f"bullet {n}", text, b.page, f"{(st.section() or ['opening'])[-1]}-bullet-{n}")
        b.finding_id = f.id
        st.last = f
        return
    if lab.numbered or (lab.style in ("dec)", "(dec)") and (st.parent is None or st.parent_style == lab.style)):
        _numbered(st, b, lab)
    else:
        _sub_item(st, b, lab)


def _list_goes_on(st: SegmentState, text: str) -> Finding | None:
    """The bullet finding an unnumbered bullet joins instead of opening a finding of its own: a
    bullet of one or two words goes on the list item before it ("• Other grants ..." then
    "• Loans."), and a list item still too short to cite ("• Healthy homes" first under its
    heading) takes the bullets after it. A heading between them ends the list (st.last is None)."""
    last = st.last
    if last is None or not st.parts.root.get(last.id, last).label.startswith("bullet"):
        return None
    return last if it.too_short(text) or it.too_short(last.text) else None


def _sets_in(f: Finding, text: str, table_between: bool = False) -> bool:
    """A "bullet" that is the numbered paragraph's (or sub-item's) own text set in under it: it
    has no glyph and is a sentence, after a paragraph that ended one (a list would follow a
    colon), or after the table its colon introduced ("... as follows:", the table, "The data
    above shows ...")."""
    ended = f.text.rstrip().endswith(".") or (table_between and f.text.rstrip().endswith(":"))
    return (not glyph(text) and text[:1].isupper() and ended
            and len(text.split()) >= 6 and not text.rstrip().endswith((":", ";")))


def _numbered(st: SegmentState, b: Block, lab: Label) -> None:
    label, body = lab.text, lab.rest
    kind = st.section_kind if st.section_kind in SECTION_KINDS else "paragraph"
    if st.intro_kind and "." not in label and st.parent is None:
        kind = st.intro_kind  # "13.1 ... consider the following:" then "1.", "2.", "3."
    if st.numbered_heading is not None:
        st.numbered_under.setdefault(st.numbered_heading[0], []).append(label)
    f = st.add(kind, label, body, b.page, f"p{label}" if not (st.intro_kind and st.parent is None) else f"{kind}-{label}")
    b.finding_id = f.id
    st.last = f
    if not (st.intro_kind and st.parent is None and kind == st.intro_kind):
        st.parent, st.parent_style = f, lab.style
        st.subs.clear()
        st.intro_kind = kind_from_intro(body) if body.endswith(":") or kind_from_intro(body) else None


def _sub_item(st: SegmentState, b: Block, lab: Label) -> None:
    """A lettered, roman or bracketed sub-item: "31 d", "2.1 2", "4 a i"; "i" where no numbered
    paragraph leads."""
    parent = st.parent
    path = st.subs.place(lab)
    full = " ".join([parent.label, *path] if parent is not None else path)
    sub_kind = (kind_from_intro(parent.text) if parent is not None else None) or st.intro_kind
    if sub_kind is None:
        sub_kind = st.section_kind if st.section_kind in SECTION_KINDS else (parent.kind if parent is not None and parent.kind not in ("paragraph",) else "paragraph")
    f = st.add(sub_kind or "paragraph", full, lab.rest, b.page, f"p{full}")
    st.subs.push(lab, f)
    st.sub_level = b.level
    b.finding_id = f.id
    st.last = f


def _settle_intro_kinds(findings: list[Finding]) -> None:
    """A numbered paragraph that only introduces its sub-items is a paragraph, not one of them."""
    labels = {f.label for f in findings}
    for f in findings:
        if f.kind in SECTION_KINDS and _NUMBER.match(f.label) and f"{f.label} a" in labels and f.text.rstrip().endswith(":"):
            f.kind = "paragraph"
