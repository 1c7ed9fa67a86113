"""Lines into paragraphs: the document's usual line pitch, and the groups of lines it makes, where
a paragraph breaks at a pitch clearly larger than the usual one (or, outside tables, after a
sentence that ends well short of the lines above it), a bullet's glyph always starts an item, a
hanging indent keeps its item together, and a list's next label starts the next item.
"""

from __future__ import annotations

import re
from collections import Counter
from operator import attrgetter

from ingest.document.extract.layout_records import Line, PageLayout
from ingest.document.numbering import Label, follows, parse_label
from ingest.textutil import ends_sentence, has_glyph, split_bullets

_TOP = attrgetter("top")  # a sort key, cheaper than a lambda over every line of every page


def modal_pitch(pages: list[PageLayout]) -> float:
    pitches: Counter[int] = Counter()
    for page in pages:
        body = sorted(page.lines, key=_TOP)
        for a, b in zip(body, body[1:]):
            d = round(b.top - a.top)
            # Two lines closer than their type is tall that start apart sit side by side (columns
            # whose baselines are offset, a designed report's panels): their gap is no line pitch.
            # Counted, such half-pitches outvoted the lines' own and cut every paragraph of a
            # two-column brochure into lines.
            if 0 < d < 3 * max(a.size, 1) and not (b.top - a.top < 0.9 * max(a.size, b.size) and abs(a.x0 - b.x0) > 20):
                pitches[d] += 1
    if not pitches:
        return 14.0
    # The most common pitch, smoothed over its neighbours (rounding makes 16 show as 15 or 17).
    best = max(pitches, key=lambda d: pitches[d] + 0.5 * (pitches[d - 1] + pitches[d + 1]))
    return float(best)


def group_lines(lines: list[Line], pitch: float) -> list[list[Line]]:
    """Split lines (sorted top to bottom) into paragraphs at a larger-than-usual pitch."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups:
            prev = groups[-1][-1]
            same = (line.top - prev.top) <= pitch * 1.15 and line.bold == prev.bold
            if same:
                groups[-1].append(line)
                continue
        groups.append([line])
    return groups


def _pieces(lines: list[Line]) -> list[tuple[Line, bool]]:
    """Each line with whether a bullet glyph starts it, the glyph taken off; a line holding
    several bullets (the PDF ran them into one) is cut into one line per bullet."""
    out: list[tuple[Line, bool]] = []
    for ln in lines:
        if not ln.text.startswith("o ") and (ln.text.isascii() or not has_glyph(ln.text)):
            out.append((ln, False))
            continue
        for glyph, text in split_bullets(ln.text):
            piece = ln if text == ln.text else Line(ln.x0, ln.top, ln.bottom, text, ln.bold, ln.size, ln.conf, ln.rotated, ln.x1, ln.type_size)
            out.append((piece, glyph))
    return out


def group_free(lines: list[Line], pitch: float) -> list[tuple[list[Line], bool]]:
    """Paragraphs of the text outside tables, as `group_lines`, except that a bullet glyph
    always starts an item, and a line set in under a bullet's text (its hanging indent) stays in
    that item across a slightly wider pitch."""
    groups: list[tuple[list[Line], bool]] = []
    seen: dict[str, Label] = {}  # the last label of each style that started a line of this run
    letter: str | None = None  # _last_letter(seen), read again only when a label changed `seen`
    first_label = False  # the open group's first line starts with a label
    opens: Line | None = None  # the last run-in heading's line that opened a paragraph
    took: set[int] = set()  # ids of the run-in lines that took in the lines under them
    for line, glyph in _pieces(lines):
        lab = None if glyph else parse_label(line.text, letter)
        if groups and not glyph:
            group, bullet = groups[-1]
            prev = group[-1]
            gap = line.top - prev.top
            runs_on = line.bold != prev.bold and (_runs_on(group, line, opens) or _emphasis(group, line, pitch))
            same = gap <= pitch * 1.15 and (line.bold == prev.bold or runs_on) and not _ended(group, line)
            # A numbered paragraph's hanging indent ("1) Approves ..." / "Fund programme ..."),
            # likewise: its label's line, then lines set in under its text, one x; but not a
            # list's next item after a clause ended with ";" ("h) ... any application;" / "Avoid
            # significant harm ...").
            hanging = (line.x0 > group[0].x0 + 2 and gap <= pitch * 1.6 and not LABEL_START.match(line.text)
                       and (bullet or (first_label and line.x0 <= group[0].x0 + 60 and line.bold == prev.bold
                                       and all(abs(ln.x0 - line.x0) <= 2 for ln in group[1:])
                                       and not (prev.text.rstrip().endswith(";") and line.text[:1].isupper()))))
            # A key and its text set as an unruled list ("E/33880 | Change of Use ... | No
            # Objections"): a bold line at the text's indent, a pitch below it, ends that entry.
            keyed = (len(group) >= 2 and line.bold and not prev.bold and gap <= pitch * 1.15
                     and abs(line.x0 - prev.x0) <= 2 and all(abs(ln.x0 - prev.x0) <= 2 for ln in group[1:])
                     and prev.x0 > group[0].x0 + 20)
            same = same or keyed
            # Bold lines are left as they join: a bold run is a heading, or body text set bold
            # that segment_prep reads and cuts at its labels.
            if (same or hanging) and (line.bold or not _starts_item(lab, group, seen)):
                if runs_on and same:
                    took.add(id(group[0]))
                group.append(line)
                if _note(seen, lab):
                    letter = _last_letter(seen)
                continue
        if line.run_in and (not groups or ends_sentence(groups[-1][0][-1].text)
                            or line.top - groups[-1][0][-1].top > pitch * 1.15):
            opens = line  # a run-in heading's line opens a paragraph; one inside a sentence is emphasis
        groups.append(([line], glyph))
        first_label = lab is not None and lab.style != "ref"
        if _note(seen, lab):
            letter = _last_letter(seen)
    if not took:
        return groups
    return [piece for g in groups for piece in (_run_in_split(g) if id(g[0][0]) in took else [g])]


def _runs_on(group: list[Line], line: Line, opens: Line | None) -> bool:
    """A regular line under a lone run-in heading's line, at its left edge, carries on the
    sentence that the heading's line opened ("Village Hall – A further grant has been received
    of £1,000 from the" / "Fund for Wales."). Not under a minute's number the paragraph reader
    cannot read ("2470. Finance:- ..."): such a line stays the heading it was. Nor under a line
    bold at its start only because a bold phrase runs on from the line above, which stopped
    mid-sentence ("... Peterborough Minerals and" / "Waste Plan, was adopted ..."): that line
    opened no paragraph (`opens`)."""
    first = group[0]
    if len(group) != 1 or first is not opens or line.bold:
        return False
    lab = parse_label(first.text)
    if lab is None:
        return not first.text[:1].isdigit() and abs(line.x0 - first.x0) <= 2
    # A numbered run-in ("2. Legal Advice: As this is ...") may hang its lines under its text.
    return first.x0 - 2 <= line.x0 <= first.x0 + 60


def _emphasis(group: list[Line], line: Line, pitch: float) -> bool:
    """A bold phrase that a line break falls inside, in a paragraph set in regular type: the line
    it runs on to starts bold and ends regular (`Line.run_in`), a pitch under a regular line at its
    left edge that stopped mid-sentence ("... gives notice that on 7" / "November 2023 Broxbourne
    Borough Council adopted ..."), and the regular line after that goes on with the paragraph."""
    prev = group[-1]
    if line.run_in and not prev.bold:
        return line.top - prev.top <= pitch * 1.15 and abs(line.x0 - prev.x0) <= 2 and not ends_sentence(prev.text)
    return prev.run_in and len(group) >= 2 and not line.bold and abs(line.x0 - prev.x0) <= 2


def _run_in_split(g: tuple[list[Line], bool]) -> list[tuple[list[Line], bool]]:
    """A run-in heading's line and the lines it took in, apart again unless they end a sentence:
    a line of a name and a post ("Finance Business Partner: Vivi Sargioti, ... Growth &" /
    "Regeneration, 15 September 2025") is a sign-off, no sentence."""
    group, glyph = g
    if ends_sentence(group[-1].text):
        return [g]
    return [([group[0]], glyph), (group[1:], False)]


# A paragraph's last line ends this far short of its widest line, or farther (a share of it).
_SHORT_LAST = 0.6


def _width(line: Line) -> float:
    return line.end() - line.x0


def _ended(group: list[Line], line: Line) -> bool:
    """A paragraph set with no space after it: its last line ends a sentence well short of the
    lines above it, and the next line starts a sentence at the same left edge (three paragraphs
    in an inspection report's box, a pitch apart)."""
    prev = group[-1]
    # Not after a colon: what it introduces goes on under it ("unanimously agreed:" / "Y Lloffwr - £25.00").
    return (len(group) >= 2 and prev.text.rstrip().rstrip("'’\")").endswith((".", "!", "?")) and line.text[:1].isupper()
            and abs(line.x0 - prev.x0) <= 2 and abs(prev.x0 - group[0].x0) <= 2
            and _width(prev) < _SHORT_LAST * max(_width(ln) for ln in group[:-1]))


def _starts_item(lab: Label | None, group: list[Line], seen: dict[str, Label]) -> bool:
    """A line that starts the next item of a list, though set as close as a paragraph's lines (a
    one-page agenda whose items are all one line apart): its label follows the last of its style
    ("2." after "1."), or starts a list after a colon, under the item above ("(a)" under "4.
    Minutes") or under a title line ("Agenda" then "1. Welcome"). A number must be followed by a capital: a line that
    wrapped at "2.5 million" or "3) of the Act" is the sentence going on."""
    if lab is None or lab.style == "ref" or not lab.rest:
        return False
    if not ("alpha" in lab.style or "roman" in lab.style) and not lab.rest[:1].isupper():
        return False
    before = seen.get(lab.style)
    if before is not None and follows(before, lab):
        return True
    if lab.value != 1:
        return False
    if _INTRODUCES.search(group[-1].text):
        return True
    first = parse_label(group[0].text)
    if first is not None:
        return first.style != lab.style
    return len(group) == 1 and len(group[0].text.split()) <= 4 and not ends_sentence(group[0].text)


_INTRODUCES = re.compile(r":\s*[-–]?$")  # "That the Committee: -" then "1. Approved ..."


def _note(seen: dict[str, Label], lab: Label | None) -> bool:
    """Remember `lab` as the last label of its style; whether `seen` changed."""
    if lab is not None and lab.style != "ref":
        seen[lab.style] = lab
        return True
    return False


def _last_letter(seen: dict[str, Label]) -> str | None:
    letters = [lab for lab in seen.values() if "alpha" in lab.style]
    return letters[-1].text if letters else None


# A line opening with a paragraph's or an item's label ("7.", "7.1", "a.", "(ii)"): no bullet, no heading.
LABEL_START = re.compile(r"^(\d+(\.\d+)*\.?|[a-z]{1,4}\.|\([a-z0-9]+\))\s")
