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

from ingest.document.metadata.councils import (
    COUNCIL_TYPE,
    NOT_A_COUNCIL,
    council_names,
    meeting_of,
    name_over_two_lines,
    names_its_paper,
    own_line,
)
from ingest.document.metadata.inspected import addressee, inspected_authority
from ingest.document.metadata.kinds import LETTER_KINDS, MEETING_KINDS, DocumentKind
from ingest.document.metadata.lines import Line, Reading, is_caps, tidy_caps
from ingest.document.metadata.mayors_reports import mayors_report
from ingest.document.metadata.senders import (
    CONTACT,
    INSPECTORATES,
    department_footer,
    inspectorate_address,
    letterhead,
    recipient_lines,
    signatory_body,
    signed_for,
)

# A planning inspector's report names the Inspectorate, or prints its web address in every footer
# ("https://www.gov.uk/planning-inspectorate", "www.planningportal.gov.uk/planninginspectorate").
_PINS = re.compile(r"\bPlanning Inspectorate\b|gov\.uk/planning-?inspectorate\b", re.I)
# ... or its cover says who wrote it: "by A Person BA MRTPI" / "an Inspector appointed by the Secretary of State",
# which in England is an inspector of the Planning Inspectorate; the council or corporation the report is "to"
# (an examined plan's authority) or whose decision is appealed is what it is about, never its publisher.
# The byline itself, not a council's sentence about its plan's examination ("The Plan was subject to independent
# examination by A Person, an Inspector appointed by the Secretary of State"): the line opens with it, or with
# the visit, hearing or inquiry the inspector held ("Site visit made on 20 December 2016 by A Person BA MRTPI").
_APPOINTED_INSPECTOR = re.compile(r"^(?:(?:site visit|hearings?|inquiry|inquiries)\b.{0,120}?\bby\s.{0,120}?)?,?\s*"
                                  r"an?\s+inspector appointed by the secretary of state\b", re.I)
_DOMAIN = re.compile(r"[@.](?:www\.)?([a-z-]+)\s?\.gov\.uk", re.I)


def infer_publisher(lines: list[Line], kind: DocumentKind, whole_text: Callable[[], str]) -> tuple[Reading | None, Reading | None]:
    """(publisher, subject): who issued the paper, and the body it is about where that is another.
    `whole_text` gives the paper's text, made only when the opening lines do not settle it."""
    against, complained = _complained_of(lines)
    publisher, subject = _publisher(lines, kind, whole_text, against)
    return publisher, subject or complained


# A decision on a complaint names the body complained against under its label ("Complaint against:" /
# "London Borough of Southwark", an ombudsman's decision): the paper's subject, never its publisher.
_AGAINST = re.compile(r"\bcomplaint against\s*:?\s*(?P<rest>.*)$", re.I)


def _complained_of(lines: list[Line]) -> tuple[set[int], Reading | None]:
    """(the line naming the body a complaint is against, that body), from the paper's opening lines."""
    for ln in lines[:10]:
        m = _AGAINST.search(ln.text)
        if m is None:
            continue
        named = ln if m["rest"].strip() else lines[ln.index + 1] if ln.index + 1 < len(lines) else None
        if named is None:
            return set(), None
        text = m["rest"] if named is ln else named.text
        name = next(iter(council_names(text)), None) or own_line(Line(text, named.page, named.heading, named.index))
        return {named.index}, (Reading(name, named, 0.7, "the body the complaint is against") if name else None)
    return set(), None


def _publisher(lines: list[Line], kind: DocumentKind, whole_text: Callable[[], str], against: set[int]) -> tuple[Reading | None, Reading | None]:
    inspector = next((ln for ln in lines[:8] if ln.within(1) and _APPOINTED_INSPECTOR.match(ln.text.strip())), None)
    if inspector is not None:
        return (Reading("The Planning Inspectorate", inspector, 0.85, "a report by an inspector appointed by the Secretary of State"),
                inspected_authority(lines))
    if kind is DocumentKind.INSPECTION_REPORT:
        for inspectorate, rx in (*INSPECTORATES.items(), ("The Planning Inspectorate", _PINS)):
            named = next((ln for ln in lines if rx.search(ln.text)), None)
            if named is not None:
                return Reading(inspectorate, named, 0.9, f"an inspection report by {inspectorate}"), inspected_authority(lines)
    skip = (recipient_lines(lines) if kind in LETTER_KINDS else set()) | against
    if kind in LETTER_KINDS:
        head = letterhead(lines) or inspectorate_address(lines)
        if head is not None:
            return head, (addressee(lines, skip) if head.value in INSPECTORATES else None)
        signed = signed_for(lines)
        if signed is not None:
            return signed, None
        signatory = signatory_body(lines)
        if signatory is not None:
            return signatory, (addressee(lines, skip) if signatory.value in INSPECTORATES else None)
        footed = department_footer(lines, skip)
        if footed is not None:
            return Reading(_spelt_out(footed.value, whole_text), footed.line, footed.confidence, footed.rule), None
    written = _written_for_council(lines, whole_text) if kind not in LETTER_KINDS else None
    if written is not None:
        return written
    # Before the cover's council names: a Mayor's planning report names the borough it is about on its cover.
    mayors = mayors_report(lines)
    if mayors is not None:
        return mayors
    for i, ln in enumerate(lines[:25]):
        if ln.index in skip or not ln.within(2):
            continue
        name = own_line(ln) or name_over_two_lines(lines, i) or welsh_council(ln.text)
        if name:
            return Reading(_spelt_out(name, whole_text), ln, 0.9, "the council's name on the cover"), None
    for ln in lines[:10]:
        name = _unit_of(ln) if ln.within(1) and ln.index not in skip else None
        if name:
            return Reading(name, ln, 0.75, "the council named after its unit on the cover"), None
    for ln in lines[:5]:
        name = names_its_paper(ln) if ln.within(1) and ln.index not in skip and (ln.heading or len(ln.text.split()) <= 12) else None
        if name:
            return Reading(name, ln, 0.8, "the council's name opening the cover's title"), None
    own_body = _body_on_cover(lines)
    if own_body is not None:
        return own_body, None
    if kind in MEETING_KINDS:
        for ln in lines[:5]:
            who = meeting_of(ln.text) if ln.within(1) else None
            holders = council_names(who) if who else []
            if who and holders and len(holders[0]) >= len(who) - 2:
                return Reading(holders[0], ln, 0.85, "the council whose meeting the cover names"), None
    said = _says_who(lines)
    if said is not None:
        return said, None
    stamp = _national_stamp(lines)
    if stamp is not None:
        return stamp, None
    # A letter's foot block is its sender's address ("Bae Caerdydd • Cardiff Bay ..."), not a consultant's imprint.
    imprint = _imprint(lines) if kind not in LETTER_KINDS else None
    if imprint is not None:
        return imprint, _commissioned_by(whole_text(), imprint.value)
    in_text = _named_in_text(lines, whole_text, skip) or _duty_holder(lines, skip) or _government(whole_text)
    if in_text is None and kind in (DocumentKind.COMMITTEE_REPORT, DocumentKind.EVIDENCE_OR_ASSESSMENT):
        # An assessment form ("Equality Impact Assessment" / "Title:" / "Directorate:") names its council as
        # a committee report does, as the owner of what it assesses ("Bristol City Council's transport strategy").
        in_text = _owns_on_cover(lines)
    if in_text is not None and kind in LETTER_KINDS and (in_text.rule.startswith(_MOST_NAMED) or skip and any(
            in_text.value.lower() in lines[i].text.lower() for i in skip if i < len(lines))):
        # A letter names the council it is addressed to, or the client its writer works for ("LUC has been
        # engaged by Example Council"), again and again: that council is not the letter's sender, however
        # often it is named, and no other tie says it is.
        return None, None
    return in_text, None


# A Welsh council's name opening a cover line: "Cyngor Cymuned Manordeilo a Salem" (community council),
# "Cyngor Tref ...", "Cyngor Sir ...", "Cyngor Dinas ...", "Cyngor Bwrdeistref Sirol ...", up to the
# meeting or paper it heads ("Cyfarfod" meeting, "Cofnodion" minutes, "Agenda", "Rhaglen") or a date.
_WELSH_COUNCIL = re.compile(r"^Cyngor\s+(?:Cymuned|Tref|Sir|Dinas|Bwrdeistref\s+Sirol)(?:\s+(?!(?:Cyfarfod|Cofnodion|Agenda|Rhaglen|Adroddiad)\b)"
                            r"(?:[A-Z][\w'’-]+|a|ac|y|yr|ar|o))+", re.I)
_WELSH_JOINS = {"a", "ac", "y", "yr", "ar", "o"}


def welsh_council(text: str) -> str | None:
    """A Welsh council's name opening a cover line, as a citation spells it ("CYNGOR CYMUNED
    MANORDEILO A SALEM CYFARFOD 14eg MAWRTH 2018" -> "Cyngor Cymuned Manordeilo a Salem")."""
    m = _WELSH_COUNCIL.match(text.strip())
    if m is None:
        return None
    words = m.group(0).split()
    while words and words[-1].lower() in _WELSH_JOINS:
        words.pop()
    if len(words) < 3:
        return None
    return " ".join(w.lower() if i > 1 and w.lower() in _WELSH_JOINS else w[:1].upper() + w[1:].lower() if w.isupper() else w
                    for i, w in enumerate(words))


# A university's name: "De Montfort University", "University of the West of England"; not its school's
# words before it ("Business School De Montfort University").
UNIVERSITY = re.compile(r"\b(?:(?!(?:School|College|Business|Institute|Faculty|Centre|Department)\b)[A-Z][\w'’-]+\s+){1,2}University\b|\bUniversity\s+of\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+of\s+[A-Z][\w'’-]+)?")
_COMMISSIONED_BY = re.compile(r"\bcommissioned\s+by\s+(?:the\s+)?(?P<who>[A-Z][^.;:\n]{3,80})")


def _written_for_council(lines: list[Line], whole_text: Callable[[], str]) -> tuple[Reading, Reading] | None:
    """(the university, the council): a university names itself on the cover of a paper that says it
    was "commissioned by" a council, whose name (its client's) is on the cover too. The
    university wrote and issued it; the council is what it is about."""
    cover = [ln for ln in lines[:8] if ln.within(1)]
    uni = next(((ln, m) for ln in cover if (m := UNIVERSITY.search(ln.text)) and len(ln.text.split()) <= 10), None)
    if uni is None:
        return None
    m = _COMMISSIONED_BY.search(whole_text()[:_TEXT_LIMIT])
    client = council_names(m["who"]) if m else []
    if not client or not m or not m["who"].startswith(client[0]):
        return None
    on_cover = next((ln for ln in cover if client[0].lower() in (tidy_caps(ln.text) if is_caps(ln.text) else ln.text).lower()), None)
    if on_cover is None:
        return None
    return (Reading(uni[1].group(0), uni[0], 0.75, "the university on the cover, writing for the council that commissioned it"),
            Reading(client[0], on_cover, 0.7, "the council that commissioned the paper"))


def _unit_of(ln: Line) -> str | None:
    """A cover line naming the paper's authors' unit, then its council after a comma ("A Author, B Author
    Example Public Health Research Unit, Example County Council"): the council."""
    text = ln.text.strip(" .")
    if len(text.split()) > 16:
        return None
    names = council_names(text)
    if names and text.endswith(f", {names[-1]}") and re.search(r"\b(?:Unit|Team|Service|Department|Directorate|Division|Office)$",
                                                                 text[:-len(names[-1]) - 2]):
        return names[-1]
    return None


def _spelt_out(name: str, whole_text: Callable[[], str]) -> str:
    """A name set with "&" on a cover ("Manordeilo & Salem Community Council"), as the paper spells
    it out in its text ("Manordeilo and Salem Community Council"), where it does: its formal name."""
    if " & " not in name:
        return name
    full = name.replace(" & ", " and ")
    return full if re.search(re.escape(full).replace(r"\ ", r"\s+"), whole_text()[:_TEXT_LIMIT], re.I) else name


# The paper says who issued it: "Published by Example Borough Council", "© Example Council 2024".
_ISSUED_BY = re.compile(r"^(?:(?:this (?:document|report|plan|strategy) (?:is |was )?)?(?:published|produced|issued) by|©|\(c\)|copyright)"
                        r"\s*(?:\d{4}\s+)?(?:the\s+)?(?P<rest>.+)$", re.I)


# A study's cover naming its author, the line broken after "by" ("Report by the" / "Example Public Health
# Research Unit, Example County Council"): the council it names, itself or as the unit's own.
_AUTHORED_BY = re.compile(r"^(?:report|prepared|produced|compiled|written)\s+by(?:\s+the)?$", re.I)


# A body that is no council but publishes papers under its own name, set as the cover's first heading, alone
# or opening the paper's title ("Upper Example Health Watch"; "NORTH OF EXAMPLE LOCAL PHARMACEUTICAL" /
# "COMMITTEE – ANNUAL REPORT 2018-19"): a Healthwatch, or a local committee of a health profession's contractors.
_OWN_BODY = re.compile(r"^(?P<who>(?:[A-Z][\w'’-]*\s+(?:(?:of|on|upon|and|&)\s+)?){0,4}?(?:Local\s+(?:Pharmaceutical|Medical|Dental|Optical)\s+Committee|"
                       r"Health\s?[Ww]atch)|Healthwatch(?:\s+[A-Z][\w'’-]*){1,3}?)(?:\s*$|\s+[–—:|-]\s+\S)")


def _body_on_cover(lines: list[Line]) -> Reading | None:
    """Such a body's name as the cover's first heading, on one line or two."""
    first = [ln for ln in lines[:2] if ln.within(1) and ln.heading]
    if not first or first[0].index != 0:
        return None
    texts = [first[0].text] + ([f"{first[0].text} {first[1].text}"] if len(first) == 2 and first[1].sheet == first[0].sheet else [])
    for text in texts:
        m = _OWN_BODY.match(tidy_caps(text.strip()) if is_caps(text) else text.strip())
        if m:
            return Reading(m["who"], first[0], 0.8, "the body's own name, heading its cover")
    return None


# A body's own copyright notice, which says it publishes the paper: "© Copyright: The Example Association
# (EA) owns the copyright and publishing rights to this report."
_OWNS_RIGHTS = re.compile(r"^(?:©\s*)?(?:copyright\s*:?\s*)?(?:the\s+)?(?P<who>[A-Z][\w'’&-]*(?:\s+(?:of|for|and|&|[A-Z][\w'’&-]*)){1,6}?)"
                          r"(?:\s+\([A-Z]{2,6}\))?\s+owns\s+the\s+(?:copyright\s+and\s+)?publishing\s+rights\b", re.I)


def _says_who(lines: list[Line]) -> Reading | None:
    for ln in lines:
        owns = _OWNS_RIGHTS.match(ln.text.strip())
        if owns:
            return Reading(owns["who"], ln, 0.8, "the body whose copyright and publishing rights the paper says it is")
    for ln in lines:
        m = _ISSUED_BY.match(ln.text.strip())
        names = council_names(m["rest"]) if m else []
        if m and names and m["rest"].startswith(names[0]):
            return Reading(names[0], ln, 0.85, "the council the paper says published it")
    for ln, nxt in zip(lines[:15], lines[1:16]):
        if ln.within(1) and nxt.sheet == ln.sheet and _AUTHORED_BY.match(ln.text.strip()):
            names = council_names(nxt.text)
            if names and (nxt.text.startswith(names[0]) or f", {names[0]}" in nxt.text):
                return Reading(names[0], nxt, 0.75, "the council the cover says wrote the paper")
    return None


# A consultant's or agency's imprint on a cover: its name, then its address, telephone or web
# address, set apart by bars or bullets ("Opinion Research Services | The Strand • Swansea | www...").
_IMPRINT = re.compile(r"^(?P<name>[A-Z][\w&'’.-]*(?:\s+(?:of|and|&|for|[A-Z][\w&'’.-]*)){1,5})\s*[|•]\s*(?P<rest>.+)$")


def _imprint(lines: list[Line]) -> Reading | None:
    for ln in lines[:15]:
        if not ln.within(1):
            break
        m = _IMPRINT.match(ln.text)
        if m and CONTACT.search(m["rest"]) and not council_names(m["name"]):
            return Reading(m["name"].strip(), ln, 0.6, "the imprint on the cover (name, address, contact)")
    return None


# A national body's own publication stamp, which it prints on everything it issues where its name is only
# its logo's image: "PHE publications gateway number 2015691" is Public Health England's register of its
# publications (a profile "Produced by the National Cardiovascular Intelligence Network", PHE's unit).
_NATIONAL_STAMPS = {"Public Health England": re.compile(r"\b(?:PHE|Public Health England)\s+publications?\s+gateway\b", re.I)}


def _national_stamp(lines: list[Line]) -> Reading | None:
    """The national body whose publication stamp the paper's opening pages print."""
    for ln in lines[:60]:
        for body, rx in _NATIONAL_STAMPS.items():
            if ln.within(2) and rx.search(ln.text):
                return Reading(body, ln, 0.7, f"{body}'s publication stamp")
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
            name = _spelt_by(name, short["short"])
        if not tied:
            continue
        confidence = 0.7 if len(tied) == 1 else 0.8
        if best is None or (confidence, counts[name]) > (best.confidence, counts[best.value]):
            best = Reading(name, line, confidence, f"named in the text, with {' and '.join(tied)}")
    return best or _most_named(lines, text) or _from_domain(text, domains)


# A paper's opening paragraph names the council whose duty the paper is: "1.1 Example Borough
# Council has a statutory duty to maintain an up-to-date Local Development Scheme".
_DUTY = re.compile(r"^\s+(?:has an?\s+(?:statutory\s+|legal\s+)?(?:duty|requirement|obligation)|is\s+(?:required|obliged))\s+"
                   r"(?:under\s+[^,]{1,80},?\s+)?to\s+(?:prepare|maintain|produce|publish|keep|adopt|review)\b", re.I)


def _duty_holder(lines: list[Line], skip: set[int]) -> Reading | None:
    """The council whose statutory duty the paper is, said in its first paragraph; only where the
    text ties the paper to no council more closely."""
    for ln in lines[:40]:
        if ln.index in skip:
            continue
        text = re.sub(r"^\(?\d+(?:\.\d+)*[.)]?\s+", "", ln.text.strip())
        names = council_names(text)
        if names and re.match(r"(?:The\s+)?" + re.escape(names[0]), text) and _DUTY.match(text[text.find(names[0]) + len(names[0]):]):
            return Reading(names[0], ln, 0.6, "the council whose statutory duty the paper's first paragraph says it is")
        if not ln.heading and len(text.split()) >= 8:
            break  # only the first paragraph speaks for the paper
    return None


def _owns_on_cover(lines: list[Line]) -> Reading | None:
    """A committee report (or an assessment) whose first page names one council only, and names it as
    the owner of what the report is about ("... as part of Example City Council's transport strategy")
    or of its staff: the council the report is written for, where nothing ties it to a council more closely."""
    first = [ln for ln in lines if ln.within(1)]
    # A council named by its place alone counts too ("Southwark Council's corporate arrangements"): a
    # London borough's report names itself so.
    names = {n for ln in first for n in council_names(ln.text) + _bare_names(ln.text)}
    if len(names) != 1:
        return None
    name = names.pop()
    # Its own: "Example City Council's transport strategy", or its staff ("☒ Example City Council workforce",
    # as an impact assessment form asks who a proposal affects).
    owner = next((ln for ln in first if re.search(rf"{re.escape(name)}(?:[’']s\b|\s+(?:workforce|staff|employees)\b)", ln.text)), None)
    return Reading(name, owner, 0.5, "the only council its first page names, as the owner of its subject") if owner else None


def _spelt_by(name: str, acronym: str) -> str:
    """The words of `name` its acronym spells: columns read across run a bullet's word into the
    name ("• Biodiversity Dacorum Borough Council (DBC)"), which "DBC" leaves out. A name keeps its
    place: "West of England Mayoral Combined Authority (MCA)" is not cut to "Mayoral Combined Authority"."""
    words = name.split()
    for k in range(1, len(words)):
        rest = words[k:]
        if ("".join(w[0] for w in rest if w[:1].isupper()) == acronym and rest[0][:1].isupper()
                and _place(" " + " ".join(rest)).strip()):
            return " ".join(rest)
    return name


def _place(name: str) -> str:
    """"Kent County Council" -> "kent"; "West of England Mayoral Combined Authority" -> "west of england";
    "City of London Corporation" -> "london"."""
    return re.sub(rf"^(?:City of\s+|(?:Royal|London) Borough of\s+)|\s+(?:{COUNCIL_TYPE}\s+)?Council$|\s+(?:Mayoral\s+)?Combined\s+Authority$|"
                  r"\s+(?:Development\s+)?Corporation$|\s+(?:National\s+Park\s+)?Authority$",
                  "", name).lower()


def _on_domain(place: str, domains: set[str]) -> bool:
    # "westofengland-ca.gov.uk", "kent.gov.uk": a council's address is its place, perhaps with a short suffix,
    # or with its type ("nottinghamcity.gov.uk" for Nottingham City Council).
    key = place.replace(" ", "").replace("-", "")
    return any(d == key or (d.startswith(key) and (len(d) - len(key) <= 3 or d[len(key):] in _TYPE_SUFFIXES))
               for d in domains) if key else False


_TYPE_SUFFIXES = {"city", "county", "borough", "district", "council", "authority", "npa"}


def _from_domain(text: str, domains: set[str]) -> Reading | None:
    """A paper that prints its council's web address and its area ("Fenland District", on
    fenland.gov.uk) but never the council's full name: that area's council."""
    # "Fenland District comprises", not "Medway City Estate": the area's name ends at its type.
    for m in re.finditer(r"\b(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s+(?P<type>District|Borough|City|County)\b(?!\s+[A-Z])", text):
        if _on_domain(m["place"].lower(), domains) and not NOT_A_COUNCIL.search(m["place"]):
            name = f"{m['place']} {m['type']} Council"
            return Reading(name, None, 0.55, "its area, printed with the council's web address")
    return None


# A national government that publishes its own statistics and papers, by its own web address.
_GOVERNMENTS = {"Welsh Government": re.compile(r"\bgov\.wales\b"), "Scottish Government": re.compile(r"\bgov\.scot\b")}


def _government(whole_text: Callable[[], str]) -> Reading | None:
    """A paper that names no council but names a government again and again and prints its web address
    ("... forwarded to the Welsh Government", "http://gov.wales/statistics-and-research"): that government's."""
    text = whole_text()[:_TEXT_LIMIT]
    if council_names(text):
        return None
    for name, address in _GOVERNMENTS.items():
        if address.search(text) and len(re.findall(rf"\b{name}\b", text)) >= 3:
            return Reading(name, None, 0.6, "the government the paper names, with its web address")
    return None


_BARE_IN_TEXT = re.compile(r"\b(?P<place>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2})\s+Council\b")


_DETERMINER = re.compile(r"(?:This|That|These|Each|Every|Any|Our|Your|Their|Its|Whole|Another|Other)\b")


def _bare_names(text: str) -> list[str]:
    """The councils `text` names by their place alone ("Medway Council", "Southwark Council"), which
    `council_names` leaves out for want of a type word; not a type, a body that is no council, nor a
    sentence's "This Council" / "Our Council"."""
    out = []
    for m in _BARE_IN_TEXT.finditer(text):
        place = m["place"]
        if NOT_A_COUNCIL.search(place) or re.fullmatch(COUNCIL_TYPE, place) or re.search(rf"\b{COUNCIL_TYPE}$", place) \
                or _DETERMINER.match(place):
            continue
        out.append(f"{place} Council")
    return out


def _most_named(lines: list[Line], text: str) -> Reading | None:
    """The council a paper names again and again, far more than any other, whose place the
    cover names too ("MEDWAY CYCLE ACTION PLAN", and "Medway Council" throughout)."""
    counts: Counter[str] = Counter(_bare_names(text))
    for name in council_names(text):
        counts[name] += 1
    if not counts:
        return None
    (name, n), *rest = counts.most_common(2)
    if n < 3 or (rest and rest[0][1] * 2 >= n):
        return None
    place = _place(name)
    # The cover's headings and short lines: not its first paragraphs, which name other councils too.
    cover = " ".join(ln.text for ln in lines[:10] if ln.within(1) and len(ln.text.split()) <= 12
                     and not re.match(r"\d", ln.text)).lower()
    if not place or not re.search(rf"\b{re.escape(place)}\b", cover):
        return None
    return Reading(name, None, 0.45, f"{_MOST_NAMED} ({n} times), whose place is on the cover")


_MOST_NAMED = "the council the paper names most"

