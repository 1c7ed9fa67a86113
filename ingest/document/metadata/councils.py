"""What a council's name looks like in a paper: "Kent County Council", "Royal Borough of
Greenwich", "City of York Council", "West of England Mayoral Combined Authority", a unitary
council's bare name alone on a cover line, or a name set over two cover lines; and who holds the
meeting a cover line names. The publisher, title and body rules all read names through these."""

from __future__ import annotations

import re

from ingest.document.metadata.lines import Line, is_caps, tidy_caps

_PLACE = r"(?:[A-Z][\w'’.-]*|upon|on|under|in|le|de|by|the|and|&)"
# Words that go on from a borough's name into what the cover names of it, never a place's words
# ("LONDON BOROUGH OF SOUTHWARK PENSION FUND PENSIONS ADVISORY PANEL").
_NOT_PLACE = (r"(?:Pensions?|Fund|Advisory|Panel|Committee|Cabinet|Scrutiny|Board|Forum|Annual|Report|Plan|Local|Strategy|"
              r"Children|Adults?|Services|Housing|Planning|Schools?|Education|Health|Minutes|Agenda|Notice|Meeting|Council's)\b")
COUNCIL_TYPE = r"(?:County|City|Borough|District|Town|Parish|Metropolitan Borough|Metropolitan District|Community|Unitary|Combined)"
COUNCIL = re.compile(
    rf"\b(?:The\s+)?(?:(?:Royal|London)\s+Borough\s+of\s+[A-Z][\w'’-]*(?:\s+(?:and|upon|on|&)\s+[A-Z][\w'’-]*|\s+(?!{_NOT_PLACE})[A-Z][\w'’-]*){{0,3}}(?:\s+Council)?"
    rf"|City\s+of\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+(?:{COUNCIL_TYPE}\s+)?Council"
    rf"|[A-Z][\w'’.-]*(?:\s+{_PLACE}){{0,4}}?\s+{COUNCIL_TYPE}\s+Council"
    # A combined authority publishes its committees' papers ("West of England Mayoral Combined Authority").
    rf"|[A-Z][\w'’-]*(?:\s+(?:of|and|&|[A-Z][\w'’-]*)){{0,4}}?\s+(?:Mayoral\s+)?Combined\s+Authority"
    # A corporation that is a local or planning authority: a city's ("City of Example Corporation") or a
    # development corporation, which makes its area's local plan ("Example Park Development Corporation").
    rf"|City\s+of\s+[A-Z][\w'’-]*\s+Corporation|[A-Z][\w'’-]*(?:\s+(?:and|&|[A-Z][\w'’-]*)){{0,4}}?\s+Development\s+Corporation"
    # A national park's authority, the local planning authority for its park, and the Broads Authority, which
    # has the same status for the Broads: each makes and publishes its area's plans.
    rf"|[A-Z][\w'’-]*(?:\s+(?:and|&|[A-Z][\w'’-]*)){{0,3}}?\s+National\s+Park\s+Authority|Broads\s+Authority)\b")
# A name alone on a cover line ("Cornwall Council", "North Yorkshire Council"): unitary councils
# have no type word, so they are believed only when a line is nothing but the name.
_BARE = re.compile(r"^[A-Z][\w'’-]+(?:\s+(?:of|upon|on|and|&|[A-Z][\w'’-]+)){0,4}\s+Council$")
# Councils that are not publishers of papers: bodies of children, young people, staff.
NOT_A_COUNCIL = re.compile(r"\b(?:Children|Care|Youth|Young|People|Pupils?|School|Student|Parish Church|Works|Staff|"
                            r"Research|Arts|Sports?|Advisory|Privy|Security|Regional|National|European|Health|Improvement|"
                            r"Safeguarding|Standing|Executive|Full|Cabinet|Committee|Local|Schools|Governing|The)\s*$", re.I)


# Capitalised words that run into a council's name but are not part of it: a cover's "For ..." or
# "Prepared by ...", and a signature's name and role ("Kate Example Vice Chair Example Parish Council").
_ROLE = r"(?:Vice[- ]Chair(?:man|person)?|Chair(?:man|person)?|Clerk|Mayor|Leader|Secretary|Treasurer|Officer|Manager|Director|Councillor|Cllr)"
_FOR_OR_BY = re.compile(r"^(?:(?:For|By|To|From|On|Prepared|Produced|Published|Issued|With)\s+)+")
_LEADING_NOT_NAME = re.compile(rf"{_FOR_OR_BY.pattern}|^(?:[A-Z][\w'’.-]*\s+){{0,4}}?{_ROLE}\s+(?:of\s+(?:the\s+)?)?")


def council_names(text: str) -> list[str]:
    """The councils named in `text`, tidied ("KENT COUNTY COUNCIL" -> "Kent County Council")."""
    if is_caps(text):
        text = tidy_caps(text)
    out = []
    for m in COUNCIL.finditer(text):
        name = re.sub(r"^The\s+", "", _LEADING_NOT_NAME.sub("", m.group(0).strip()))
        head = name.rsplit(" Council", 1)[0]
        head = re.sub(rf"\s+{COUNCIL_TYPE}$", "", head)
        if NOT_A_COUNCIL.search(head) or len(head) < 3:
            continue
        out.append(name)
    return out


_PAPER_NAME = re.compile(r"(?:[A-Z][\w'’()-]*|\d[\d/–-]*|of|and|for|the|to|on|in|&)(?:\s+(?:[A-Z][\w'’()-]*|\d[\d/–-]*|of|and|for|the|to|on|in|&)){0,7}")


def names_its_paper(ln: Line) -> str | None:
    """A cover heading that is the council's name, then its paper's name in the same capitals ("City of
    Example Corporation Local Development Scheme", "Example County Council Annual Report 2024"): the council."""
    text = tidy_caps(ln.text.strip(" .,|–-")) if is_caps(ln.text) else ln.text.strip(" .,|–-")
    names = council_names(text)
    if not names or not text.startswith(names[0]):
        return None
    rest = text[len(names[0]):].strip()
    return names[0] if rest[:1].isupper() and _PAPER_NAME.fullmatch(rest) else None


def own_line(ln: Line) -> str | None:
    """A line that is nothing but a council's name (a cover, letterhead, header or footer)."""
    text = tidy_caps(ln.text.strip(" .,|–-")) if is_caps(ln.text) else ln.text.strip(" .,|–-")
    text = _FOR_OR_BY.sub("", text)  # "For Example County Council": the council the paper is for
    names = council_names(text)
    if names and len(names[0]) >= len(text) - 2:
        return names[0]
    # "KENT COUNTY COUNCIL – RECORD OF DECISION", "City of York Council: Committee Minutes"
    if names and text.startswith(names[0]) and re.match(r"\s*[–—:|-]\s", text[len(names[0]):]):
        return names[0]
    # "West of England Combined Authority Committee and ...": a committee of the council named first.
    if names and text.startswith(names[0]) and _ITS_COMMITTEE.match(text[len(names[0]):]):
        return names[0]
    # "MANORDEILO & SALEM COMMUNITY COUNCIL MEETING 8th JUNE 2016": the council's own meeting.
    if names and text.startswith(names[0]) and _ITS_MEETING.match(text[len(names[0]):]):
        return names[0]
    head = text.rsplit(" Council", 1)[0]
    if _BARE.match(text) and not NOT_A_COUNCIL.search(head) and not re.fullmatch(COUNCIL_TYPE, head):
        return text
    return None


# ... or its annual or extraordinary general meeting by its initials ("Milburn Parish Council A.G.M. - 8th May 2018").
# ... or its minutes of its own meeting, run on ("Example Community Council Minutes of a Meeting held on ...",
# "EXAMPLE PARISH COUNCIL MINUTES OF THE PARISH COUNCIL MEETING HELD ON ...").
_ITS_MEETING = re.compile(r"\s+(?:(?:annual(?:\s+general)?|extraordinary|special|ordinary|monthly)\s+)?(?:meeting|minutes|agenda)\b"
                          r"(?!\s+(?:of|with)\b)|\s+(?:A\.?G\.?M|E\.?G\.?M)\b\.?|"
                          r"\s+minutes\s+of\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?meeting\b(?!\s+of\b)", re.I)
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
    # A cover in capitals ("MINUTES OF THE INAUGURAL MEETING OF THE EXAMPLE COMMUNITY COUNCIL") says the same.
    text = tidy_caps(text) if is_caps(text) else text
    m = _MEETING_OF.match(_HELD.sub("", text.strip()))
    if not m or len(m["head"].split()) > head_words or not _MEETING_WORDS.search(m["head"]):
        return None
    return m["who"].strip(" .,")


def name_over_two_lines(lines: list[Line], i: int) -> str | None:
    """A council's name set large over two cover lines ("Nottingham City" / "Council")."""
    ln = lines[i]
    if i + 1 >= len(lines) or not ln.heading or not lines[i + 1].heading or lines[i + 1].sheet != ln.sheet:
        return None
    if len(ln.text.split()) > 5 or len(lines[i + 1].text.split()) > 3:
        return None
    return own_line(Line(text=f"{ln.text} {lines[i + 1].text}", page=ln.page, heading=True, index=ln.index, pdf_page=ln.pdf_page))


def split_council_name(lines: list[Line], i: int) -> bool:
    """Whether line i and the next are one council's name printed over two lines."""
    return name_over_two_lines(lines, i) is not None


def place_name(authority: str) -> str:
    """The place an authority is named for, which its inspection's title prints: "Stockport Metropolitan
    Borough Council" -> "Stockport", "London Borough of Sutton" -> "Sutton"."""
    head = re.sub(r"^(?:the\s+)?(?:(?:royal|london)\s+borough\s+of|city\s+of|county\s+of)\s+", "", authority.split(" Council")[0], flags=re.I)
    return re.sub(rf"\s+{COUNCIL_TYPE}$", "", head).strip() or authority
