"""Who sent a letter, where its letterhead is only an image or none is printed: the name over its
address and contact lines, an inspectorate's own address above the salutation, the council or body
its signatories sign for under the close, a government department's name with its contacts at the
foot of the first page. And the lines of its address block, whose council is the letter's recipient,
never its sender. `publisher.infer_publisher` asks these for letters.
"""

from __future__ import annotations

import re

from ingest.document.metadata.classify import is_salutation, letter_close, salutation_run_in
from ingest.document.metadata.councils import council_names, own_line
from ingest.document.metadata.lines import Line, Reading

_OFSTED = re.compile(r"\bOfsted\b")
_CQC = re.compile(r"\bCare Quality Commission\b")
# A name's contact lines: a web or e-mail address, a telephone number.
CONTACT = re.compile(r"www\.|@|https?://|\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b")


def recipient_lines(lines: list[Line]) -> set[int]:
    """A letter's address block: the lines before "Dear ..."."""
    dear = next((ln.index for ln in lines[:60] if is_salutation(ln.text)), None)
    # A salutation run into the address block's last line ("Cheshire Dear Ms McLoughlin") ends it.
    last = dear + 1 if dear is not None and salutation_run_in(lines[dear].text) else dear
    return set(range(max(0, dear - 10), last)) if dear is not None and last is not None else set()


INSPECTORATES = {"Ofsted": _OFSTED, "Care Quality Commission": _CQC}
# An inspectorate's own addresses, which its letterhead prints beside its logo ("enquiries@ofsted.gov.uk",
# "www.gov.uk/ofsted"), where the name itself is only the logo's image.
_INSPECTORATE_ADDRESS = {"Ofsted": re.compile(r"@ofsted\.gov\.uk|gov\.uk/ofsted\b", re.I),
                         "Care Quality Commission": re.compile(r"@cqc\.org\.uk|\bwww\.cqc\.org\.uk\b", re.I)}


def inspectorate_address(lines: list[Line]) -> Reading | None:
    """A letter whose letterhead, above its salutation, gives an inspectorate's own address."""
    dear = next((ln.index for ln in lines[:60] if is_salutation(ln.text)), 8)
    for ln in lines[:dear]:
        for inspectorate, rx in _INSPECTORATE_ADDRESS.items():
            if ln.within(1) and rx.search(ln.text):
                return Reading(inspectorate, ln, 0.8, f"a letter whose letterhead gives {inspectorate}'s address")
    return None


def letterhead(lines: list[Line]) -> Reading | None:
    """A letter's letterhead: the name that opens its first page, over the sender's address and
    contact lines ("Ofsted" / "Piccadilly Gate" / "T 0300 ..." / "www.gov.uk/ofsted"). Only the
    opening line: an addressee's name comes lower, under a person's name or the date."""
    if not lines:
        return None
    ln = lines[0]
    text = ln.text.strip(" .,|")
    # A letterhead set in two columns is read across: the name, then its contact ("Ofsted: T 0300 123 1231").
    name, sep, rest = text.partition(": ")
    if sep and CONTACT.search(rest):
        text = name.strip()
    if not ln.within(1) or not re.fullmatch(r"[A-Z][\w'’&.-]*(?:\s+(?:of|and|for|&|the|[A-Z][\w'’&.-]*)){0,5}", text):
        return None
    if re.match(r"(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Dear)\b", text) or len(text) <= 3:
        return None
    if not any(CONTACT.search(nxt.text) for nxt in lines[1:5] if nxt.sheet == ln.sheet):
        return None
    for inspectorate, rx in INSPECTORATES.items():
        if rx.search(text):
            return Reading(inspectorate, ln, 0.85, f"a letter on {inspectorate}'s letterhead")
    return Reading(own_line(ln) or text, ln, 0.75, "the letterhead: a name over its address and contact lines")


def signed_for(lines: list[Line]) -> Reading | None:
    """The council a letter is signed for: its name alone on a line of the signature under the close
    ("Yours sincerely, A Engineer, Senior Traffic Engineer," / "Exampleshire County Council")."""
    close = letter_close(lines, None)
    if close is None:
        return None
    for ln in lines[close.index:close.index + 4]:
        name = own_line(ln)
        if name is None and ln is close:
            tail = close.text.rstrip(" ,.").rsplit(",", 1)[-1].strip()
            name = own_line(Line(tail, ln.page, ln.heading, ln.index)) if tail else None
        if name:
            return Reading(name, ln, 0.8, "the council the letter is signed for, under its close")
        m = _ON_BEHALF.search(ln.text)
        names = council_names(m["who"]) if m else []
        if m and names and m["who"].startswith(names[0]):
            return Reading(names[0], ln, 0.8, "the council the paper is signed on behalf of")
    return None


def _signing_inspectorate(text: str) -> str | None:
    """The inspectorate a signature line signs for, where its logo is only an image: its name after the
    signer's post ("National Director, Social Care, Ofsted"), or opening a line of signers' bodies set
    side by side ("Ofsted  Care Quality Commission": a joint inspection's letter, which Ofsted leads)."""
    text = text.strip(" .")
    for inspectorate, rx in INSPECTORATES.items():
        if re.match(rf"(?:{rx.pattern})(?:$|[\s:])", text) or re.search(rf",\s*(?:{rx.pattern})$", text):
            return inspectorate
    return None


# A signatory's role and the body they sign for, after a comma at the end of the line ("Chair, South East
# Local Enterprise Partnership"): a body whose name ends in what it is. A council is `signed_for`'s.
_SIGNS_FOR = re.compile(r",\s*(?P<who>[A-Z][\w'’&-]*(?:\s+(?:of|and|for|&|[A-Z][\w'’&-]*)){1,7}?\s+"
                        r"(?:Partnership|Authority|Agency|Commission|Inspectorate|Executive|Corporation|Trust))\s*$")


def signatory_body(lines: list[Line]) -> Reading | None:
    """The body a letter's signatories sign for, under its close, where no letterhead names the sender:
    an inspectorate's joint letter (a JTAI's) carries only its logos, and is signed by each inspectorate's
    director in turn ("Yvette Stanley" / "National Director, Regulation and Social Care, Ofsted" / ...), the
    first issuing it; another body's letter by its chair ("Peter Jones, CBE Chair, South East Local
    Enterprise Partnership"). The signature block of several names runs past `signed_for`'s few lines."""
    close = letter_close(lines, None, tail=12)
    if close is None:
        return None
    for ln in lines[close.index + 1:close.index + 9]:
        if ln.sheet != close.sheet:
            break
        inspectorate = _signing_inspectorate(ln.text)
        if inspectorate is not None:
            return Reading(inspectorate, ln, 0.75, f"the letter is signed for {inspectorate}")
        m = _SIGNS_FOR.search(ln.text)
        if m and not council_names(m["who"]):
            return Reading(m["who"], ln, 0.7, "the body the letter's signatory signs for")
    return None


# A government department's letter prints its name and contacts at the foot of its first page, where
# its letterhead is only the crest's image ("Ministry of Housing, Communities & Local Government Tel:
# 0303 444 2853 ... Email: ..."): the sender.
_DEPARTMENT_FOOT = re.compile(r"^(?P<name>(?:Ministry|Department)\s+(?:of|for)\s+[A-Z][\w'’]*(?:(?:,\s*|\s+)(?:&|and|[A-Z][\w'’]*))*?)"
                              r"\s+(?:Tel|T|Telephone|Email|E-mail|Fax|www\.)\b")


def department_footer(lines: list[Line], skip: set[int]) -> Reading | None:
    for ln in lines[:40]:
        if not ln.within(1):
            break
        m = _DEPARTMENT_FOOT.match(ln.text.strip()) if ln.index not in skip else None
        if m:
            return Reading(m["name"], ln, 0.7, "the government department named with its contacts at the foot of the letter's first page")
    return None


_ON_BEHALF = re.compile(r"\bon behalf of\s+(?:the\s+)?(?P<who>[A-Z].*)$")
