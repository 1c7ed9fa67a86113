"""Who published a paper, read from where it names itself; never assumed.

A council names itself on its cover, letterhead, header or footer: a line that is the council's
name ("KENT COUNTY COUNCIL") is the best evidence. Failing that, a council named in the text is
taken only with something that ties the paper to it (its own acronym defined and used, "Kent
County Council (KCC)"; its web or e-mail address, "@kent.gov.uk"), because papers name other
councils too ("Birmingham City Council is responsible for grass cutting"). A letter's address
block names the council it was sent to, so a letter's recipient is not its publisher. An Ofsted
inspection is published by Ofsted, about the authority inspected (its subject).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from ingest.document.metadata.kinds import LETTER_KINDS, MEETING_KINDS, DocumentKind
from ingest.document.metadata.lines import Line, Reading, is_caps, tidy_caps

_PLACE = r"(?:[A-Z][\w'’.-]*|upon|on|under|in|le|de|by|the|and|&)"
_TYPE = r"(?:County|City|Borough|District|Town|Parish|Metropolitan Borough|Metropolitan District|Community|Unitary|Combined)"
COUNCIL = re.compile(
    rf"\b(?:The\s+)?(?:(?:Royal|London)\s+Borough\s+of\s+[A-Z][\w'’-]*(?:\s+(?:and|upon|on|&)\s+[A-Z][\w'’-]*|\s+[A-Z][\w'’-]*){{0,3}}(?:\s+Council)?"
    rf"|City\s+of\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+(?:{_TYPE}\s+)?Council"
    rf"|[A-Z][\w'’.-]*(?:\s+{_PLACE}){{0,4}}?\s+{_TYPE}\s+Council"
    # A combined authority publishes its committees' papers ("West of England Mayoral Combined Authority").
    rf"|[A-Z][\w'’-]*(?:\s+(?:of|and|&|[A-Z][\w'’-]*)){{0,4}}?\s+(?:Mayoral\s+)?Combined\s+Authority)\b")
# A name alone on a cover line ("Cornwall Council", "North Yorkshire Council"): unitary councils
# have no type word, so they are believed only when a line is nothing but the name.
_BARE = re.compile(r"^[A-Z][\w'’-]+(?:\s+(?:of|upon|on|and|&|[A-Z][\w'’-]+)){0,4}\s+Council$")
# Councils that are not publishers of papers: bodies of children, young people, staff.
_NOT_A_COUNCIL = re.compile(r"\b(?:Children|Care|Youth|Young|People|Pupils?|School|Student|Parish Church|Works|Staff|"
                            r"Research|Arts|Sports?|Advisory|Privy|Security|Regional|National|European|Health|Improvement|"
                            r"Safeguarding|Standing|Executive|Full|Cabinet|Committee|Local|Schools|Governing|The)\s*$", re.I)
_OFSTED = re.compile(r"\bOfsted\b")
_CQC = re.compile(r"\bCare Quality Commission\b")
_INSPECTION_OF = re.compile(r"\binspection of ([A-Z][\w'’ -]+?)(?:\s+local authority|\s+council|\s+children'?s services|$)", re.I)
_DOMAIN = re.compile(r"[@.](?:www\.)?([a-z-]+)\s?\.gov\.uk", re.I)


def council_names(text: str) -> list[str]:
    """The councils named in `text`, tidied ("KENT COUNTY COUNCIL" -> "Kent County Council")."""
    if is_caps(text):
        text = tidy_caps(text)
    out = []
    for m in COUNCIL.finditer(text):
        name = re.sub(r"^The\s+", "", m.group(0).strip())
        head = name.rsplit(" Council", 1)[0]
        head = re.sub(rf"\s+{_TYPE}$", "", head)
        if _NOT_A_COUNCIL.search(head) or len(head) < 3:
            continue
        out.append(name)
    return out


def _own_line(ln: Line) -> str | None:
    """A line that is nothing but a council's name (a cover, letterhead, header or footer)."""
    text = tidy_caps(ln.text.strip(" .,|–-")) if is_caps(ln.text) else ln.text.strip(" .,|–-")
    names = council_names(text)
    if names and len(names[0]) >= len(text) - 2:
        return names[0]
    # "KENT COUNTY COUNCIL – RECORD OF DECISION", "City of York Council: Committee Minutes"
    if names and text.startswith(names[0]) and re.match(r"\s*[–—:|-]\s", text[len(names[0]):]):
        return names[0]
    # "West of England Combined Authority Committee and ...": a committee of the council named first.
    if names and text.startswith(names[0]) and _ITS_COMMITTEE.match(text[len(names[0]):]):
        return names[0]
    head = text.rsplit(" Council", 1)[0]
    if _BARE.match(text) and not _NOT_A_COUNCIL.search(head) and not re.fullmatch(_TYPE, head):
        return text
    return None


_COMMITTEE = r"(?:Committee|Sub-Committee|Cabinet|Board|Panel|Executive|Forum|Commission|Scrutiny)"
_ITS_COMMITTEE = re.compile(rf"\s+(?:[A-Z][\w'’&,-]*\s+){{0,6}}?{_COMMITTEE}\b(?:\s*$|\s+(?:and|&|[–—-])\s)")
# A council's own meeting named on its cover: "Meeting (no.448) of Broomhill Community Council",
# "Minutes of the Annual Meeting of Example Parish Council". The words before " of " name a
# meeting (or its number); the council after it holds the meeting, so it is the papers' publisher.
_MEETING_OF = re.compile(r"^(?P<head>.*\S)\s+of\s+(?:the\s+)?(?P<who>[A-Z].*?)\s*$")
_MEETING_WORDS = re.compile(r"\b(?:meeting|minutes?|agenda|notice|session)\b|\bno\.?\s*\d+\b", re.I)
_HELD = re.compile(r"\s+(?:held|which was held|taking place)\b.*$", re.I)


def meeting_of(text: str, head_words: int = 10) -> str | None:
    """Who holds the meeting a cover line names, the last "of ..." before "held": "Meeting
    (no.448) of Broomhill Community Council", "Minutes of a meeting of the Planning Committee of
    Example District Council held on ..." -> the council; None for any other line."""
    m = _MEETING_OF.match(_HELD.sub("", text.strip()))
    if not m or len(m["head"].split()) > head_words or not _MEETING_WORDS.search(m["head"]):
        return None
    return m["who"].strip(" .,")


def _recipient_lines(lines: list[Line]) -> set[int]:
    """A letter's address block: the lines before "Dear ..."."""
    dear = next((ln.index for ln in lines[:60] if ln.text.startswith("Dear ")), None)
    return set(range(max(0, dear - 10), dear)) if dear is not None else set()


def infer_publisher(lines: list[Line], kind: DocumentKind, whole_text: Callable[[], str]) -> tuple[Reading | None, Reading | None]:
    """(publisher, subject): who issued the paper, and the body it is about where that is another.
    `whole_text` gives the paper's text, made only when the opening lines do not settle it."""
    if kind is DocumentKind.INSPECTION_REPORT:
        for inspectorate, rx in (("Ofsted", _OFSTED), ("Care Quality Commission", _CQC)):
            named = next((ln for ln in lines if rx.search(ln.text)), None)
            if named is not None:
                return Reading(inspectorate, named, 0.9, f"an inspection report by {inspectorate}"), _inspected(lines)
    skip = _recipient_lines(lines) if kind in LETTER_KINDS else set()
    if kind in LETTER_KINDS:
        head = _letterhead(lines)
        if head is not None:
            return head, (_addressee(lines, skip) if head.value in _INSPECTORATES else None)
    for i, ln in enumerate(lines[:25]):
        if ln.index in skip or (ln.sheet is not None and ln.sheet > 2):
            continue
        name = _own_line(ln) or _split_name(lines, i)
        if name:
            return Reading(name, ln, 0.9, "the council's name on the cover"), None
    if kind in MEETING_KINDS:
        for ln in lines[:5]:
            who = meeting_of(ln.text) if ln.sheet in (None, 1) else None
            holders = council_names(who) if who else []
            if who and holders and len(holders[0]) >= len(who) - 2:
                return Reading(holders[0], ln, 0.85, "the council whose meeting the cover names"), None
    said = _says_who(lines)
    if said is not None:
        return said, None
    imprint = _imprint(lines)
    if imprint is not None:
        return imprint, _commissioned_by(whole_text(), imprint.value)
    return _named_in_text(lines, whole_text, skip), None


_INSPECTORATES = {"Ofsted": _OFSTED, "Care Quality Commission": _CQC}


def _letterhead(lines: list[Line]) -> Reading | None:
    """A letter's letterhead: the name that opens its first page, over the sender's address and
    contact lines ("Ofsted" / "Piccadilly Gate" / "T 0300 ..." / "www.gov.uk/ofsted"). Only the
    opening line: an addressee's name comes lower, under a person's name or the date."""
    if not lines:
        return None
    ln = lines[0]
    text = ln.text.strip(" .,|")
    if ln.sheet not in (None, 1) or not re.fullmatch(r"[A-Z][\w'’&.-]*(?:\s+(?:of|and|for|&|the|[A-Z][\w'’&.-]*)){0,5}", text):
        return None
    if re.match(r"(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Dear)\b", text) or len(text) <= 3:
        return None
    if not any(_CONTACT.search(nxt.text) for nxt in lines[1:5] if nxt.sheet == ln.sheet):
        return None
    for inspectorate, rx in _INSPECTORATES.items():
        if rx.search(text):
            return Reading(inspectorate, ln, 0.85, f"a letter on {inspectorate}'s letterhead")
    return Reading(_own_line(ln) or text, ln, 0.75, "the letterhead: a name over its address and contact lines")


def _addressee(lines: list[Line], skip: set[int]) -> Reading | None:
    """The council an inspectorate's letter is addressed to: the subject of the visit it reports."""
    block = [ln for ln in lines if ln.index in skip]
    for ln in block:
        for name in council_names(ln.text):
            return Reading(name, ln, 0.7, "the council the letter is addressed to")
    # "Medway Council" has no type word: believed where the letter's own title names the place too.
    titled = next((m for ln in lines[:40] if ln.index not in skip and (m := _VISIT_TO.search(ln.text))), None)
    if titled is None:
        return None
    for ln in block:
        m = re.search(rf"\b{re.escape(titled['place'])}\s+Council\b", ln.text)
        if m:
            return Reading(m.group(0), ln, 0.65, "the council the letter is addressed to, named in its title")
    return None


_VISIT_TO = re.compile(r"\b(?:visit|inspection) (?:to|of) (?P<place>[A-Z][\w'’,-]*(?:\s+(?:and|of|upon|[A-Z][\w'’,-]*)){0,5}?)"
                       r"(?:\s+local authority|\s+council|\s+children|’s|'s|\s*$)", re.I)


# The paper says who issued it: "Published by Example Borough Council", "© Example Council 2024".
_ISSUED_BY = re.compile(r"^(?:(?:this (?:document|report|plan|strategy) (?:is |was )?)?(?:published|produced|issued) by|©|\(c\)|copyright)"
                        r"\s*(?:\d{4}\s+)?(?:the\s+)?(?P<rest>.+)$", re.I)


def _says_who(lines: list[Line]) -> Reading | None:
    for ln in lines:
        m = _ISSUED_BY.match(ln.text.strip())
        names = council_names(m["rest"]) if m else []
        if m and names and m["rest"].startswith(names[0]):
            return Reading(names[0], ln, 0.85, "the council the paper says published it")
    return None


def _split_name(lines: list[Line], i: int) -> str | None:
    """A council's name set large over two cover lines ("Nottingham City" / "Council")."""
    ln = lines[i]
    if i + 1 >= len(lines) or not ln.heading or not lines[i + 1].heading or lines[i + 1].sheet != ln.sheet:
        return None
    if len(ln.text.split()) > 5 or len(lines[i + 1].text.split()) > 3:
        return None
    return _own_line(Line(text=f"{ln.text} {lines[i + 1].text}", page=ln.page, heading=True, index=ln.index, pdf_page=ln.pdf_page))


def split_council_name(lines: list[Line], i: int) -> bool:
    """Whether line i and the next are one council's name printed over two lines."""
    return _split_name(lines, i) is not None


# A consultant's or agency's imprint on a cover: its name, then its address, telephone or web
# address, set apart by bars or bullets ("Opinion Research Services | The Strand • Swansea | www...").
_IMPRINT = re.compile(r"^(?P<name>[A-Z][\w&'’.-]*(?:\s+(?:of|and|&|for|[A-Z][\w&'’.-]*)){1,5})\s*[|•]\s*(?P<rest>.+)$")
_CONTACT = re.compile(r"www\.|@|https?://|\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b")


def _imprint(lines: list[Line]) -> Reading | None:
    for ln in lines[:15]:
        if ln.sheet not in (None, 1):
            break
        m = _IMPRINT.match(ln.text)
        if m and _CONTACT.search(m["rest"]) and not council_names(m["name"]):
            return Reading(m["name"].strip(), ln, 0.6, "the imprint on the cover (name, address, contact)")
    return None


def _commissioned_by(text: str, publisher: str) -> Reading | None:
    """The council a consultant's paper was written for: "Example Council commissioned <publisher>"."""
    m = re.search(rf"\b(?P<who>(?:[A-Z][\w'’-]+\s+){{1,4}}Council)\s+commissioned\s+(?:the\s+)?{re.escape(publisher)}", text[:_TEXT_LIMIT])
    return Reading(m["who"], None, 0.6, "the council that commissioned the paper") if m else None


_TEXT_LIMIT = 100_000  # characters of the paper weighed for a tie to a council named in it


def _named_in_text(lines: list[Line], whole_text: Callable[[], str], skip: set[int]) -> Reading | None:
    first: dict[str, Line] = {}
    for ln in lines:
        if ln.index not in skip:
            for name in council_names(ln.text):
                first.setdefault(name, ln)
    text = whole_text()[:_TEXT_LIMIT]
    domains = {d.lower().replace("-", "") for d in _DOMAIN.findall(text)}
    if not first:
        return _most_named(lines, text) or _from_domain(text, domains)
    counts = Counter(council_names(text))
    best: Reading | None = None
    for name, line in first.items():
        place = _place(name)
        tied = []
        if _on_domain(place, domains):
            tied.append("its web address")
        # "Kent County Council (KCC)", then KCC used on its own: the paper speaks as that council.
        short = re.search(rf"{re.escape(name)}\s*\((?P<short>[A-Z]{{2,6}})\)", text)
        if short and len(re.findall(rf"\b{short['short']}\b", text)) >= 3:
            tied.append(f"its acronym {short['short']}")
        if not tied:
            continue
        confidence = 0.7 if len(tied) == 1 else 0.8
        if best is None or (confidence, counts[name]) > (best.confidence, counts[best.value]):
            best = Reading(name, line, confidence, f"named in the text, with {' and '.join(tied)}")
    return best or _most_named(lines, text) or _from_domain(text, domains)


def _place(name: str) -> str:
    """"Kent County Council" -> "kent"; "West of England Mayoral Combined Authority" -> "west of england"."""
    return re.sub(rf"^(?:City of\s+|(?:Royal|London) Borough of\s+)|\s+(?:{_TYPE}\s+)?Council$|\s+(?:Mayoral\s+)?Combined\s+Authority$",
                  "", name).lower()


def _on_domain(place: str, domains: set[str]) -> bool:
    # "westofengland-ca.gov.uk", "kent.gov.uk": a council's address is its place, perhaps with a short suffix.
    key = place.replace(" ", "").replace("-", "")
    return any(d == key or (d.startswith(key) and len(d) - len(key) <= 3) for d in domains) if key else False


def _from_domain(text: str, domains: set[str]) -> Reading | None:
    """A paper that prints its council's web address and its area ("Fenland District", on
    fenland.gov.uk) but never the council's full name: that area's council."""
    # "Fenland District comprises", not "Medway City Estate": the area's name ends at its type.
    for m in re.finditer(r"\b(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s+(?P<type>District|Borough|City|County)\b(?!\s+[A-Z])", text):
        if _on_domain(m["place"].lower(), domains) and not _NOT_A_COUNCIL.search(m["place"]):
            name = f"{m['place']} {m['type']} Council"
            return Reading(name, None, 0.55, "its area, printed with the council's web address")
    return None


_BARE_IN_TEXT = re.compile(r"\b(?P<place>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2})\s+Council\b")


def _most_named(lines: list[Line], text: str) -> Reading | None:
    """The council a paper names again and again, far more than any other, whose place the
    cover names too ("MEDWAY CYCLE ACTION PLAN", and "Medway Council" throughout)."""
    counts: Counter[str] = Counter()
    for m in _BARE_IN_TEXT.finditer(text):
        place = m["place"]
        if _NOT_A_COUNCIL.search(place) or re.fullmatch(_TYPE, place) or re.search(rf"\b{_TYPE}$", place):
            continue
        counts[f"{place} Council"] += 1
    for name in council_names(text):
        counts[name] += 1
    if not counts:
        return None
    (name, n), *rest = counts.most_common(2)
    if n < 3 or (rest and rest[0][1] * 2 >= n):
        return None
    place = _place(name)
    # The cover's headings and short lines: not its first paragraphs, which name other councils too.
    cover = " ".join(ln.text for ln in lines[:10] if ln.sheet in (None, 1) and len(ln.text.split()) <= 12
                     and not re.match(r"\d", ln.text)).lower()
    if not place or not re.search(rf"\b{re.escape(place)}\b", cover):
        return None
    return Reading(name, None, 0.45, f"the council the paper names most ({n} times), whose place is on the cover")


# An inspection's printed title: the inspected authority's name stands on the line above it.
_INSPECTION_TITLE = re.compile(r"^(?:an? )?(?:inspection|focused visit|monitoring visit|joint targeted area inspection)\s+(?:of|to)\b", re.I)


def _inspected(lines: list[Line]) -> Reading | None:
    title = next((i for i, ln in enumerate(lines[:12]) if _INSPECTION_TITLE.match(ln.text)), None)
    if title:
        above = lines[title - 1]
        text = tidy_caps(above.text.strip(" .,")) if is_caps(above.text) else above.text.strip(" .,")
        if above.sheet == lines[title].sheet and len(text.split()) <= 8 and not re.search(r"\d|\b(?:ofsted|inspect\w*)\b", text, re.I) \
                and re.fullmatch(r"[A-Z][\w'’&,-]*(?:\s+(?:of|and|upon|on|the|&|[A-Z][\w'’&,-]*))*", text):
            return Reading(text, above, 0.8, "the authority named above the inspection's title")
    for ln in lines[:40]:
        name = _own_line(ln) or next(iter(council_names(ln.text)), None)
        if name:
            return Reading(name, ln, 0.8, "the council named on the inspection's cover")
    for ln in lines[:40]:
        m = _INSPECTION_OF.search(ln.text)
        # "Inspection of children's social care services" names the services, not the authority.
        if m and not re.match(r"(?:children|services|social|local authority|the)\b", m.group(1), re.I):
            return Reading(m.group(1).strip(), ln, 0.6, "the authority in the inspection's title")
    return None
