"""The body an inspection is about: the authority named above an inspection's printed title or on
its cover, or the council an inspectorate's letter is addressed to (its subject, where Ofsted or
the Care Quality Commission is the publisher)."""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.document.metadata.councils import council_names, name_over_two_lines, own_line
from ingest.document.metadata.lines import Line, Reading, is_caps, tidy_caps

_INSPECTION_OF = re.compile(r"\binspection of ([A-Z][\w'’ -]+?)(?:\s+local authority|\s+council|\s+children'?s services|$)", re.I)


def addressee(lines: list[Line], skip: set[int]) -> Reading | None:
    """The council an inspectorate's letter is addressed to: the subject of the visit it reports."""
    block = [ln for ln in lines if ln.index in skip]
    titled = next((m for ln in lines[:40] if ln.index not in skip and (m := _VISIT_TO.search(ln.text))), None)
    for ln in block:
        for name in council_names(ln.text):
            # An address block run into one line puts the addressee's name first ("Jo Example Halton Borough
            # Council"): the letter's own title names the place, where the council's name begins.
            at = name.find(f" {titled['place']} ") if titled else -1
            return Reading(name[at + 1:] if at > 0 else name, ln, 0.7, "the council the letter is addressed to")
    # "Medway Council" has no type word: believed where the letter's own title names the place too.
    if titled is None:
        return None
    for ln in block:
        m = re.search(rf"\b{re.escape(titled['place'])}\s+Council\b", ln.text)
        if m:
            return Reading(m.group(0), ln, 0.65, "the council the letter is addressed to, named in its title")
    return None


_VISIT_TO = re.compile(r"\b(?:visit|inspection) (?:to|of) (?P<place>[A-Z][\w'’,-]*(?:\s+(?:and|of|upon|[A-Z][\w'’,-]*)){0,5}?)"
                       r"(?:\s+local authority|\s+council|\s+children|’s|'s|\s*$)", re.I)


# An inspection's printed title: the inspected authority's name stands on the line above it.
_INSPECTION_TITLE = re.compile(r"^(?:an? )?(?:(?:re-?)?inspection|focused visit|monitoring visit|joint targeted area inspection)\s+(?:of|to)\b", re.I)


def inspected_authority(lines: list[Line]) -> Reading | None:
    title = next((i for i, ln in enumerate(lines[:12]) if _INSPECTION_TITLE.match(ln.text)), None)
    if title:
        # A council's name set over the two lines above the title ("Doncaster Metropolitan Borough" / "Council").
        # (Set in the body's type, not as headings, on the older reports.)
        pair = [replace(ln, heading=True) for ln in lines[title - 2:title]] if title >= 2 else []
        two = name_over_two_lines(pair, 0) if pair else None
        if two is not None and pair[0].sheet == lines[title].sheet:
            return Reading(two, lines[title - 2], 0.8, "the authority named above the inspection's title, over two lines")
        above = lines[title - 1]
        text = tidy_caps(above.text.strip(" .,")) if is_caps(above.text) else above.text.strip(" .,")
        if above.sheet == lines[title].sheet and len(text.split()) <= 8 and not re.search(r"\d|\b(?:ofsted|inspect\w*)\b", text, re.I) \
                and re.fullmatch(r"[A-Z][\w'’&,-]*(?:\s+(?:of|and|upon|on|the|&|[A-Z][\w'’&,-]*))*", text):
            return Reading(text, above, 0.8, "the authority named above the inspection's title")
    for ln in lines[:40]:
        name = own_line(ln) or next(iter(council_names(ln.text)), None)
        if name:
            return Reading(name, ln, 0.8, "the council named on the inspection's cover")
    for ln in lines[:40]:
        m = _INSPECTION_OF.search(ln.text)
        # "Inspection of children's social care services" names the services, not the authority.
        if m and not re.match(r"(?:children|services|social|local authority|the)\b", m.group(1), re.I):
            return Reading(m.group(1).strip(), ln, 0.6, "the authority in the inspection's title")
    return None
