"""Furniture that reads as a block of text, not as a line in a margin: set apart before
segmenting, kept in `Document.furniture` with its role and page, never a finding.

The page furniture of `extract/furniture.py` is found line by line, by position (the header and
footer bands, a rotated stamp) and by repetition across pages. Some furniture sits in the body of
the page and is told by what it is, in any input (a PDF or its text):
- a contact block: a telephone number, an e-mail or web address with only labels ("Tel:",
  "Contact details:"), a name, a job title or an address beside it ("Benjamin Watts / General
  Counsel / 03000 416814"; "Report Author: ... Contact Details: ...@..."; a consultant's imprint
  "Name | Street • Town • postcode | telephone | web"), and a table of nothing else (a cover
  sheet's "Contact Officer(s): | name" / "Telephone No: | number"). A sentence that gives a number to call
  ("For advice, call 0300 ...") has lower-case words, and stays;
- a signature: a dotted or ruled line to sign on, with the signer's name and post after it; an
  author's line ("Report Author: ..."); an implications section's "(Financial Services have been
  consulted in the preparation of this report.)";
- a protective marking or a version stamp on a line of its own ("FOR GENERAL RELEASE",
  "version 2.4"); on the cover, before the body starts, the fields of a cover sheet ("Wards
  Affected: All", "Key Decision: No", "From: ..."), and on any page two such fields together (a
  report bound into a pack has its own cover sheet);
- a list of the paper's appendices ("Appendix 1 Breakdown by Cost Category"): its contents, not
  its text; a sentence about an appendix ("Appendix 1 sets out ...") stays;
- a cover block that only repeats the paper's metadata: on the cover, before the body starts, a
  line the metadata rules read the title, kind, date or committee from ("Decision Recording
  Form", "Consultation Draft: September 2025"), the publisher's or committee's name, and a short
  line that is a date alone, a piece of the title set over several lines or the plan's stage
  ("Adopted May 2014"); a line that runs on into the next is left alone, unless it repeats the
  metadata and runs into a cover block (a title set over two lines); and the cover's credit line,
  who prepared the paper, names only ("Report drafted by ...", "Prepared by: ..."), alone or
  joined under the title;
- on the last two pages, a copyright line, a reuse licence or an offer of the paper in other
  formats ("If you require this document in large print, Braille, ..."): back-page boilerplate
  that shares its page with the paper's last text (a back page of its own is taken whole, line
  by line), and a licence run on from the paper's last sentence in one block, cut off it.
Headings are left in place (they name sections, and no heading is a finding), and so are tables
other than contact tables.
The words of a copyright, a licence, an offer of other formats and a closing contact are told by
`furniture_back.py`; where a block sits decides here whether they make it furniture.

Runs after the metadata is read (the metadata rules read these lines: a letterhead's e-mail
address names the publisher, a cover line the title) and before the agenda pack is split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.datewords import MONTH_NAMES
from ingest.document.furniture_back import (
    CLAIM_INSIDE,
    COPYRIGHT,
    COPYRIGHT_OPENS,
    ENQUIRY,
    GET_IN_TOUCH,
    LICENCE,
    closing_contact,
    copyright_notice,
    formats_offer,
)
from ingest.document.furniture_forms import (
    JOINERS,
    MONTH_YEAR,
    SENTENCE_END,
    clearance_line,
    cover_field_rows,
    credit_line,
    dated_field,
    names_only,
    sign_off_table,
    signed_for,
    words_of,
)
from ingest.document.metadata.dates import DMY, MDY, NUMERIC
from ingest.document.numbering import parse_label
from ingest.model import Block, FurnitureRole, Provenance, Row
from ingest.textutil import EMAIL, PHONE, WEB, unmark_bullet

# The labels of a contact block's fields.
_CONTACT_LABEL = re.compile(
    r"\b(?:(?:tel(?:ephone)?|phone|mobile)(?:\s+(?:number|no))?|direct\s+(?:line|dial)|fax|textphone|minicom|"
    r"e-?mail(?:\s+address)?|web(?:site)?(?:\s+address)?|contact(?:\s+(?:details|officer|name|number))?|(?:report\s+)?author|"
    r"lead\s+officer|ask\s+for|[tefwm](?=\s*:))\b\s*[:.]?", re.I)
_SALUTATION = re.compile(r"^(?:dear|yours)\b", re.I)
# A heading over a paper's contact section: "Contact Details", "Contact officer", "Author".
_CONTACT_SECTION = re.compile(r"^(?:contact(?:\s+(?:details|officers?|information))?|(?:report\s+)?authors?)\b\s*:?$", re.I)
_SIGN_LINE = re.compile(r"^[._…\s]{5,}(?P<rest>.*)$")
_APPENDIX = re.compile(r"^(?:appendix|appendices|annexe?|enclosure)\s+(?:[A-Z]{1,2}|\d{1,2}[a-z]?|[ivx]{1,5})\b[\s:.,–—-]*(?P<title>.*)$",
                       re.I)
# Who wrote the paper, with no number or address: "Report Author: James Cunnane-Neilan".
# The heading of a cover's credits, a line of its own over the authors' names.
_CREDITS = re.compile(r"^(?:authors?|author\(s\)|contributors|(?:report\s+)?(?:prepared|written|compiled|produced|drafted)\s+by)\s*:?$", re.I)
_AUTHOR = re.compile(r"^(?:report\s+author|author|contact\s+officer|lead\s+officer|report\s+contact|ask\s+for)\s*:\s*(?P<rest>.+)$",
                     re.I)
# An implications section's sign-off: "(Financial Services have been consulted in the
# preparation of this report.)", a line of its own in brackets.
_CONSULTED = re.compile(r"^\((?=[^()]*\bconsulted\b)(?=[^()]*\b(?:this|the)\s+report\b)[^()]{10,200}\)\.?$", re.I)
# The fields of a report's cover sheet, as a committee clerk names them: on the cover, a line
# that gives one ("Wards Affected: All", "Key Decision: No") is not the report's text.
_COVER_FIELD = re.compile(
    r"^(?:from|to|decision\s+(?:no|number)|(?:past|future)\s+pathway(?:\s+of\s+(?:the\s+)?(?:report|paper))?|wards?(?:\s+affected)?|electoral\s+divisions?(?:\s+affected)?|key\s+decision|budget\s*/\s*policy\s+framework|"
    r"classification|report\s+(?:of|to|by|from|status)|responsible\s+officers?|cabinet\s+members?|portfolio(?:\s+holder)?|"
    r"lead\s+members?|date\s+of\s+(?:the\s+)?(?:meeting|report|decision)|meeting(?:\s+date)?|decision\s+(?:maker|taker|type|ref(?:erence)?)|"
    r"forward\s+plan\s+(?:ref(?:erence)?|no)|(?:report\s+|date\s+)?published|publication\s+date|date|time|venue|subject)\s*:\s*\S",
    re.I)
# The stage a plan has reached, as its cover states it: with a date or pieces of the title, a cover line.
_STATUS = frozenset({"adopted", "draft", "consultation", "submission", "pre-submission", "proposed", "version", "regulation"})
_MONTHS = frozenset(m for name in MONTH_NAMES for m in (name.lower(), name[:3].lower()))
# A version stamp, a line of its own: "version 2.4", "Draft v3".
_VERSION = re.compile(r"^(?:(?:draft|final|consultation)\s+)?(?:version|v\.?)\s*\d+(?:\.\d+)*$", re.I)
# A protective marking, a line of its own: "FOR GENERAL RELEASE", "NOT FOR PUBLICATION".
_MARKING = re.compile(r"^(?:for\s+(?:general\s+)?(?:release|publication)|not\s+for\s+publication|public\s+report|"
                      r"official(?:[-\s]sensitive)?|(?:un)?restricted|part\s+(?:1|i|one|2|ii|two)(?:\s+report)?|open\s+report)$", re.I)
# The metadata fields a cover states; the lines they were read from are the cover's own.
_COVER_FIELDS = ("title", "kind", "date", "body")


def contact_block(text: str) -> bool:
    """A block that gives a telephone, an e-mail or a web address and, beside it, only the
    labels of those fields and the names of a person, a post, a body or an address."""
    # A web address alone does not make one: a list of sources gives titles with their addresses.
    if not (PHONE.search(text) or "@" in text) or len(text.split()) > 30:
        return False
    rest = _CONTACT_LABEL.sub(" ", WEB.sub(" ", EMAIL.sub(" ", PHONE.sub(" ", text))))
    rest = re.sub(r"[|•·,:;–—/]", " ", rest)
    return names_only(rest, 12)


def signature_block(text: str) -> bool:
    """A line to sign on, with only the signer's name and post after it."""
    m = _SIGN_LINE.match(text)
    return m is not None and names_only(re.sub(r"[,:;–—|]", " ", m.group("rest")), 12)


def _date_alone(text: str) -> bool:
    text = text.strip(" .,")
    return any(d.fullmatch(text) for d in (DMY, MDY, NUMERIC, MONTH_YEAR))


def appendix_entry(text: str) -> bool:
    """An entry of a list of appendices: "Appendix 2 Revenue Grants", "Annex B – Action plan"."""
    m = _APPENDIX.match(text)
    if m is None:
        return False
    title = m.group("title").strip()
    return not title[:1].islower() and len(title.split()) <= 12 and not SENTENCE_END.search(title)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class _Cover:
    """What the metadata rules read from the cover: the lines, the names (publisher, committee,
    subject) and the words of the title."""

    lines: frozenset[str]
    names: frozenset[str]
    title_words: frozenset[str]

    @classmethod
    def read(cls, provenance: dict[str, Provenance]) -> _Cover:
        lines = {_fold(p.line) for k in _COVER_FIELDS if (p := provenance.get(k)) is not None and p.line
                 and (p.pdf_page if p.pdf_page is not None else p.page) in (None, 1)}
        names = {_fold(p.value) for k in ("publisher", "body", "subject") if (p := provenance.get(k)) is not None and p.value}
        title = provenance.get("title")
        words = {w.casefold() for w in words_of(title.value)} if title is not None and title.value else set()
        return cls(frozenset(lines), frozenset(names), frozenset(words))

    def after_own_line(self, text: str) -> str | None:
        """What follows a cover line the metadata was read from, where the block opens with one
        (a title over the cover's credit line, joined as one paragraph: the title ends on no full
        stop); None where it does not."""
        plain = " ".join(text.split())
        folded = plain.casefold()
        if len(folded) != len(plain):
            return None  # a letter that folds to two: the offsets would not match
        return next((plain[len(line) + 1:] for line in self.lines if folded.startswith(line + " ")), None)

    def repeats(self, text: str, short: bool) -> bool:
        """The line says only what the metadata holds: a line it was read from, the publisher's or
        the committee's name; and, for a short line, a date alone or a piece of the title set over
        several lines."""
        folded = _fold(text)
        if folded in self.lines or folded.strip(" .,:") in self.names:
            return True
        if not short:
            return False
        rest = text
        for date in (DMY, MDY, NUMERIC, MONTH_YEAR):  # whole dates first, then a month and year
            rest = date.sub(" ", rest)
        if rest != text and not rest.strip(" ,.-–|"):
            return True
        words = [w.casefold() for w in words_of(text)]
        if any(w in _STATUS for w in words):  # "Adopted May 2014", "City Plan 2036 proposed submission version"
            return all(w in _STATUS or w in self.title_words or w.isdigit() or w in _MONTHS for w in words)
        return bool(self.title_words) and bool(words) and all(w in self.title_words for w in words)


def _body_starts(text: str) -> bool:
    """The body of the paper has begun: a numbered paragraph, or a sentence."""
    return parse_label(text) is not None or (len(text.split()) >= 6 and bool(SENTENCE_END.search(text)))


def _stands_alone(text: str, following: str | None) -> bool:
    """A line of its own, not a piece of a title or a sentence set over several lines ("THIS
    DOCUMENT GIVES NOTICE OF" / "AT TRANSPORT & CONNECTIVITY POLICY" / "COMMITTEE")."""
    first = text.split()[0].casefold() if text.split() else ""
    return (not text[:1].islower() and first not in JOINERS and first not in ("at", "by", "with", "from")
            and not (following or "A")[:1].islower())


def _cover_field(text: str) -> bool:
    return bool(_COVER_FIELD.match(text)) and len(text.split()) <= 16 and not _continued(text)


def _contact(text: str) -> bool:
    """A contact block, or an author's line."""
    return contact_block(text) or ((m := _AUTHOR.match(text)) is not None and names_only(re.sub(r"[,;–—|]", " ", m["rest"]), 12))


def _signer_line(text: str) -> bool:
    """A line of a sign-off beside its contact line: a name, a post, "Relevant Director: ..."."""
    return names_only(re.sub(r"[,:;–—|]", " ", _CONTACT_LABEL.sub(" ", text)), 10)


def _continued(text: str) -> bool:
    """The line runs on into the next ("To: Councillors D Taylor (Chair), Webb (Vice-Chair),")."""
    words = text.split()
    return text.rstrip()[-1:] in ",;&–-" or (bool(words) and words[-1].casefold() in JOINERS)


def _credits(text: str, cover_meta: _Cover) -> bool:
    """The cover's credit line ("Report drafted by ..."), alone or under the title it was joined
    to. It ends on a full stop, and is no sentence of the body for it."""
    return credit_line(text) or ((rest := cover_meta.after_own_line(text)) is not None and credit_line(rest))


def _role(text: str, following: str | None, cover: bool, cover_meta: _Cover) -> FurnitureRole | None:
    if _SALUTATION.match(text):
        return None  # "Dear Pete": the letter's own, where its text begins (the segmenter reads it)
    if _contact(text):
        return "cover block" if cover else "sign-off"
    if signature_block(text) or _CONSULTED.match(text) or clearance_line(text) or signed_for(text):
        return "sign-off"
    if _MARKING.match(text) or _VERSION.match(text):
        return "cover block"
    if cover and (_cover_field(text) or dated_field(text)):
        return "cover block"
    if cover and _credits(text, cover_meta):
        return "cover block"
    if appendix_entry(text):
        return "contents"
    if (cover and len(text.split()) <= 16 and not SENTENCE_END.search(text) and _stands_alone(text, following)
            and not _continued(text) and cover_meta.repeats(text, short=len(text.split()) <= 8)):
        return "cover block"
    return None


_TEXT_TYPES = ("paragraph", "bullet")


def _licence_tails_apart(blocks: list[Block]) -> tuple[list[Block], set[int]]:
    """Blocks on the last two pages whose text runs on from the paper's last sentence into the
    publisher's copyright and licence ("... given in the indicator guide for the profiles.©
    Crown copyright 2017. You may re-use this information ... Open Government Licence v3.0 ...
    Any enquiries ... should be sent to ..."): two blocks, cut where the claim starts, so the
    licence is set apart as the back page's (however long: its claim opens it, and it names
    its licence), and the sentence before it kept. A block that runs across a page break is
    left whole. Returns the blocks and the indices of the licences cut off."""
    last = max((b.pdf_page for b in blocks if b.pdf_page is not None), default=None)
    if last is None:
        return blocks, set()
    out: list[Block] = []
    tails: set[int] = set()
    for b in blocks:
        m = None
        if b.type in _TEXT_TYPES and b.pdf_page is not None and b.pdf_page >= last - 1 and not b.page_starts and "opyright" in b.text:
            m = CLAIM_INSIDE.search(b.text)
        if m is None or not LICENCE.search(b.text, m.end()) or not b.text[:m.start()].strip():
            out.append(b)
            continue
        out.append(b.model_copy(update={"text": b.text[:m.start()].rstrip()}))
        tails.add(len(out))
        out.append(b.model_copy(update={"text": b.text[m.end():], "finding_id": None}))
    return out, tails


def set_apart(blocks: list[Block], provenance: dict[str, Provenance]) -> tuple[list[Block], list[Block]]:
    """(the blocks that are content, the furniture found among them as "furniture" blocks)."""
    blocks, licences = _licence_tails_apart(blocks)
    cover_meta = _Cover.read(provenance)
    texts = [unmark_bullet(b.text).strip() if b.type in _TEXT_TYPES else "" for b in blocks]
    roles: list[FurnitureRole | None] = [None] * len(blocks)
    contacts: list[int] = []
    runs_on: list[int] = []
    cover = True
    # A section the paper heads "Contact details" (or "Author") is its own: the segmenter makes no
    # findings of it, and the document's page shows it as printed, so its lines stay where they are.
    own_section = False
    own: set[int] = set()
    cover_rows: dict[int, set[int]] = {}
    for i, b in enumerate(blocks):
        if b.type == "heading":
            own_section = bool(_CONTACT_SECTION.match(b.text.strip()))
        if own_section:
            own.add(i)
            continue
        if b.type == "table" and _contact_table(b):
            roles[i] = "cover block" if cover and (b.pdf_page or 1) == 1 else "sign-off"
        elif b.type == "table" and sign_off_table(b):
            roles[i] = "sign-off"
        elif b.type == "table" and cover and (b.pdf_page or 1) == 1 and (rows := cover_field_rows(b)):
            cover_rows[i] = rows  # a form's header fields; its other rows (its choices) stay
        if b.type not in _TEXT_TYPES:
            continue
        cover = cover and (b.pdf_page or 1) == 1 and (not _body_starts(texts[i]) or _credits(texts[i], cover_meta))
        following = texts[i + 1] if i + 1 < len(blocks) and blocks[i + 1].type in _TEXT_TYPES else None
        roles[i] = _role(texts[i], following, cover, cover_meta)
        if roles[i] is not None and _contact(texts[i]):
            contacts.append(i)
        if cover and roles[i] is None and _continued(texts[i]) and cover_meta.repeats(texts[i], short=len(texts[i].split()) <= 8):
            runs_on.append(i)
    for i in licences:
        if i not in own:
            roles[i] = "back-page boilerplate"
    # A title set over two cover lines, the first ending on a joiner ("Inspection of Example
    # Borough of" / "Example local authority children's services"): the first repeats the metadata
    # (the line its title or committee was read from, words of the title), and so does the next.
    for i in runs_on:
        if i + 1 < len(blocks) and roles[i + 1] == "cover block":
            roles[i] = "cover block"
    # A cover sheet bound in later (a report in a pack): two cover-sheet fields one after the other.
    fields = {i for i, b in enumerate(blocks) if b.type in (*_TEXT_TYPES, "heading") and _cover_field(unmark_bullet(b.text).strip())}
    for i in fields:
        if roles[i] is None and i not in own and blocks[i].type in _TEXT_TYPES and any(
                j in fields and blocks[j].pdf_page == blocks[i].pdf_page for j in (i - 1, i + 1)):
            roles[i] = "cover block"
    # The publisher's licence and copyright at the end of the paper (a back page the page rules did
    # not take whole: it shares its page with the paper's last text).
    last = max((b.pdf_page for b in blocks if b.pdf_page is not None), default=None)
    for i, b in enumerate(blocks):
        at_end = (b.pdf_page is not None and last is not None and b.pdf_page >= last - 1) or (last is None and i >= len(blocks) - 10)
        # A block that opens with the claim is the notice however long it runs ("© Copyright: The
        # ... owns the copyright ... No part of this publication may be reproduced ..."): no
        # paragraph of a paper's text starts with "©".
        if roles[i] is None and i not in own and b.type in _TEXT_TYPES and (len(texts[i].split()) <= 60 or (
                len(texts[i].split()) <= 150 and COPYRIGHT_OPENS.match(texts[i]))) and (
                (at_end and (COPYRIGHT.search(texts[i]) or formats_offer(texts[i]))) or copyright_notice(texts[i])):
            roles[i] = "back-page boilerplate"
        # A designed report dates its back cover: a date alone on the last page ("November 2022").
        if roles[i] is None and i not in own and b.type in _TEXT_TYPES and b.pdf_page is not None and b.pdf_page == last and last > 1 \
                and _date_alone(texts[i]):
            roles[i] = "back-page boilerplate"
    # The paper's last words, if they only say whom to contact: the back page's, set on the last
    # page of text (a back page of its own is taken whole, line by line, by the page rules).
    last_content = next((i for i in range(len(blocks) - 1, -1, -1) if roles[i] is None and i not in own
                         and blocks[i].type != "heading"), None)
    if last_content is not None and blocks[last_content].type in _TEXT_TYPES and closing_contact(texts[last_content]):
        roles[last_content] = "back-page boilerplate"
    for i in _closing_signers(blocks, texts, roles, own):
        roles[i] = "sign-off"
    # A sign-off is a block of lines: the name and the post beside the telephone or address go with it.
    for i in contacts:
        for step in (-1, 1):
            j = i + step
            while (0 <= j < len(blocks) and abs(j - i) <= 3 and roles[j] is None and j not in own and blocks[j].type in _TEXT_TYPES
                   and blocks[j].pdf_page == blocks[i].pdf_page and _signer_line(texts[j]) and not _SALUTATION.match(texts[j])):
                roles[j] = roles[i]
                j += step
    # A contact block's lead-in, a line of its own ending on a colon ("For further information,
    # please contact:", "for further information, contact the Planning Unit:"), goes with it,
    # over its other lines and the names set in bold over each number.
    for i in contacts:
        j = i - 1
        while j >= 0 and blocks[j].pdf_page == blocks[i].pdf_page and (
                roles[j] == roles[i] or (blocks[j].type == "heading" and _signer_line(blocks[j].text.strip()))):
            j -= 1
        if (j >= 0 and roles[j] is None and j not in own and blocks[j].type in _TEXT_TYPES and blocks[j].pdf_page == blocks[i].pdf_page
                and texts[j].endswith(":") and len(texts[j].split()) <= 20 and ENQUIRY.search(texts[j]) and GET_IN_TOUCH.search(texts[j])):
            roles[j] = roles[i]
    # A cover's credits: "Authors" (or "Prepared by"), a line of its own, over the names and posts
    # of who wrote the paper, one a line ("Kate Bailey, Public Health Consultant"), on page 1.
    for i, b in enumerate(blocks):
        if b.type in _TEXT_TYPES and b.pdf_page in (None, 1) and roles[i] is None and i not in own and _CREDITS.match(texts[i]):
            names: list[int] = []
            j = i + 1
            while (j < len(blocks) and len(names) < 12 and roles[j] is None and blocks[j].type in _TEXT_TYPES
                   and blocks[j].pdf_page == b.pdf_page and _signer_line(texts[j])):
                names.append(j)
                j += 1
            if names:
                for k in (i, *names):
                    roles[k] = "cover block"
    kept: list[Block] = []
    found: list[Block] = []
    for i, (b, text, role) in enumerate(zip(blocks, texts, roles)):
        if role is None and i in cover_rows:
            field_rows = [r for n, r in enumerate(b.rows) if n in cover_rows[i]]
            found += [Block(type="furniture", role="cover block", text=_row_text(r), page=r.page if r.page is not None else b.page,
                            pdf_page=r.pdf_page or b.pdf_page, printed_page=r.printed_page or b.printed_page) for r in field_rows]
            rest = [r for n, r in enumerate(b.rows) if n not in cover_rows[i]]
            if rest:
                kept.append(b.model_copy(update={"rows": rest}))
        elif role is None:
            kept.append(b)
        elif b.type == "table":  # a row a line, as the table printed them
            found += [Block(type="furniture", role=role, text=_row_text(r), page=r.page if r.page is not None else b.page,
                            pdf_page=r.pdf_page or b.pdf_page, printed_page=r.printed_page or b.printed_page) for r in b.rows]
        else:
            found.append(Block(type="furniture", role=role, text=text, page=b.page, pdf_page=b.pdf_page,
                               printed_page=b.printed_page))
    return kept, found


# The posts that sign a paper off at its end: the chair signs the minutes, the clerk the agenda,
# the secretary a society's notes.
_SIGNER_POST = re.compile(r"\b(?:chair(?:man|person|woman)?|clerk|secretary|treasurer|mayor|director|chief\s+executive)\b", re.I)


def _closing_signers(blocks: list[Block], texts: list[str], roles: list[FurnitureRole | None], own: set[int]) -> list[int]:
    """The paper's closing sign-off (indices): the run of short lines after its last sentence,
    on its last page, that give only a name, a post, a body or a date ("Chairman: Jane Smith" /
    "Date: 1 April 2025"; "Jane Smith, Hon. Secretary" / "Example Health Watch"; "A. Clerk Clerk
    to the Council Date: 26 June 2025"), one of them naming the post that signs (see
    _SIGNER_POST), after a paragraph of the paper's text. A paper that ends on its text, a table
    or a heading has none; a name alone at the end (a list of those present) names no post."""
    last = max((b.pdf_page for b in blocks if b.pdf_page is not None), default=None)
    run: list[int] = []
    for i in range(len(blocks) - 1, -1, -1):
        if roles[i] is not None or i in own:
            continue  # furniture already (a page's contact lines): the run goes on past it
        b = blocks[i]
        if (b.type not in _TEXT_TYPES or b.pdf_page != last or len(texts[i].split()) > 12
                or not _signer_line(texts[i]) or _SALUTATION.match(texts[i])):
            # The paper's text before it: a paragraph, not a heading or a table, nor a cover of names.
            after_text = b.type in _TEXT_TYPES and len(texts[i].split()) >= 6
            return run if after_text and any(_SIGNER_POST.search(texts[k]) for k in run) else []
        run.append(i)
    return []  # names from the paper's start: a cover, a list, no sign-off


def _row_text(row: Row) -> str:
    return " | ".join(c.text for c in row.cells if c.text)


def _contact_table(table: Block) -> bool:
    """A table of contacts ("Lead Contact Officer(s): | name, post" / "Telephone No: E-mail
    address: | number address"): every row a contact or a signer's line, one at least a contact."""
    rows = [_row_text(r) for r in table.rows]
    return any(_contact(t) for t in rows) and all(_contact(t) or _signer_line(t) for t in rows if t)


def merged(furniture: list[Block], found: list[Block]) -> list[Block]:
    """Both lists of furniture in page order (each is in page order already)."""
    if not found:
        return furniture
    return sorted([*furniture, *found], key=lambda f: f.pdf_page or f.page or 0)
