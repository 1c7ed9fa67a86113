"""Printed labels in the forms councils use, and lists that a PDF ran together on one line.

A label is the number or letter printed at the start of a paragraph: "7.", "7.1", "1)", "(1)",
"a.", "a)", "(a)", "i.", "(iv)", "2a.", a resolution number "R2025-046", or a number glued to its
first word ("1.1On 16 December", "10.Strong partnership": the text layer lost the space). Each
has a *style* (its shape: "1)" and "2)" share one, "1." is another), which is how the segmenter
tells a sub-item from a sibling: a label of a style already open continues that level, a new style
opens a level below.

Item headings ("292. Apologies", "53 Declarations of Interest", "Question 6 – Name", or a title
followed by an "(Item 4)" line) number a minute or item; what is printed inside it is labelled
with the item's number first ("298 8").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}

# The printed forms other stages read too, one definition each: a resolution's reference
# ("R2025-046"), the words that open an item's number ("Agenda Item", "Minute", "Q"), and an item's
# number after "Item" ("Item 4", "Agenda Item 12b").
REFERENCE = r"[A-Z]{1,3}\d{2,4}[-/]\d{1,4}"
ITEM_KEYWORD = r"(?:Agenda\s+)?(?:Item|Minute|Question|Q)"
ITEM_NUMBER = r"(?:Agenda\s+)?Item\s+(?P<n>\d{1,3}[a-z]?)"

# A reference carried forward from earlier minutes, in "Matters arising": the earlier minute's
# number, its point and the closing bracket, "4.4.11i)", "4.13i)", "7iii)", "4.4.4.4.4. 4.4.11iii)"
# (a space after a stop where the clerk retyped the chain), "5.iv)". A number and a roman numeral,
# or a dotted number and any letter; a plain "2a)" stays a numbered point of its own.
_CARRIED = r"\d{1,3}(?:\.\s?\d{1,3}){1,9}\.?(?:[ivx]{1,6}|[a-z])|\d{1,3}\.?[ivx]{1,6}"

_LABEL = re.compile(
    r"""^(?:
      (?P<carried>""" + _CARRIED + r""")\)\s+(?=\S)                       # 4.4.11i)  7iii)
    | (?P<dotted>\d{1,3}(?:\.\d{1,3}){1,3})\.?(?:\s+(?=\S)|(?=[A-Z][a-z]))   # 7.1  7.1.2  1.1On
    | (?P<dec>\d{1,3})(?P<dec_p>[.)])(?:\s+(?=\S)|(?=[A-Z][a-z]))             # 7.  292.  1)  10.Strong
    | (?P<numalpha>\d{1,3}[a-z])(?P<na_p>[.)])\s+(?=\S)                    # 2a.  3b)
    | \((?P<pdec>\d{1,3})\)\s+(?=\S)                                       # (1)
    | \((?P<paren>[a-z]{1,2}|[ivx]{1,6})\)\s+(?=\S)                         # (a)  (iv)  (aa)
    | (?P<letter>[a-z]|[ivx]{1,6})(?P<let_p>[.)])\s+(?=\S)                 # a.  a)  iv.  iv)
    | (?P<uroman>[IVX]{1,6})(?P<ur_p>[.)])\s+(?=[A-Z])                     # I.  IV)
    | (?P<ref>""" + REFERENCE + r""")[.:]?\s+(?=\S)                  # R2025-046
    )""",
    re.X,
)
# "53 Declarations of Interest": a bare number opens an item heading, but not a date ("26
# February 2020"), a quantity ("3 training sessions") or a year.
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December"
           "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec")
_BARE_ITEM = re.compile(rf"^(?P<n>\d{{1,3}})\s+(?=[A-Z0-9])(?!(?:{_MONTHS})\b)(?!\d+\s+(?:{_MONTHS})\b)")
_WORD = re.compile(r"[A-Za-z]{3,}")
# A minute numbered on from the council's first meeting ("2692. Public Forum: ..."): four digits
# with their stop, then a capital; the label pattern stops at three digits so that a year
# starting a line is no paragraph number.
_LONG_MINUTE = re.compile(r"^(?P<n>\d{4})\.\s+(?=[A-Z])")
# An item added between two others, its letter in capitals: "5A. Appointment of Internal Auditor".
_LETTERED_ITEM = re.compile(r"^(?P<n>\d{1,3}[A-Z])\.\s+(?=[A-Z])")
_KEYWORD_ITEM = re.compile(rf"^{ITEM_KEYWORD}\.?\s*(?P<n>\d{{1,3}}[a-z]?)\b\s*[-–—:.]?\s*", re.I)
ITEM_LINE = re.compile(rf"^\(?\s*{ITEM_NUMBER}\s*\)?\.?$", re.I)
# Two narrower tests, for stages that decide only where a paragraph starts, before labels are read:
# Normalising keeps a line apart from the paragraph before it when it opens with one of these: "7."
# "8.1" "1.1.1" "a." "iv." "(b)", a carried-forward "4.13i)". A bare number needs its dot, so a
# date line ("26 February 2020") is not paragraph 26.
_PARAGRAPH_LABEL = re.compile(
    r"^(?P<label>\d{1,3}(?:\.\d{1,3}){1,3}\.?|\d{1,3}\.|[a-z]\.|[ivx]{1,5}\.|\([a-z0-9]{1,4}\)|(?:" + _CARRIED + r")\))\s+(?=\S)"
)
# Converted Markdown's hard-wrapped lines: one that starts with a number ("1. Note ...", "2 Note
# ...") on the line after another is an item of its own.
_NUMBERED_LINE = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3})*\.?\s+\S")


@dataclass(frozen=True)
class Label:
    text: str  # as printed, without brackets or the closing stop: "7.1", "a", "iv", "2a"
    style: str  # "dotted", "dec.", "dec)", "(dec)", "alpha.", "alpha)", "(alpha)", "roman.", ..., "ref", "carried"
    value: int  # its place in its sequence: 1 for "a", "i" and "1"; 0 where it has none
    rest: str  # the text after the label

    @property
    def numbered(self) -> bool:
        """A paragraph number ("7.", "7.1", "2a."), not a sub-item letter or a bracketed number."""
        return self.style in ("dotted", "dec.", "ref", "carried") or self.style.startswith("numalpha")


def roman_value(s: str) -> int:
    total, prev = 0, 0
    for ch in reversed(s):
        v = _ROMAN[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def _is_roman(s: str) -> bool:
    return bool(re.fullmatch(r"x{0,3}(ix|iv|v?i{0,3})", s)) and s != ""


def parse_label(text: str, previous_letter: str | None = None) -> Label | None:
    """The printed label at the start of `text`, or None. `previous_letter` is the last letter
    label of the same bracket form, so that "i" after "h" is a letter and "i" alone a numeral."""
    m = _LABEL.match(text)
    if not m:
        return None
    rest = text[m.end():].strip()
    g = m.groupdict()
    if g["carried"]:
        return Label(re.sub(r"\s", "", g["carried"]), "carried", 0, rest)
    if g["dotted"]:
        return Label(g["dotted"], "dotted", 0, rest)
    if g["dec"]:
        return Label(g["dec"], "dec" + g["dec_p"], int(g["dec"]), rest)
    if g["numalpha"]:
        return Label(g["numalpha"], "dec" + g["na_p"], int(g["numalpha"][:-1]), rest)
    if g["pdec"]:
        return Label(g["pdec"], "(dec)", int(g["pdec"]), rest)
    if g["ref"]:
        return Label(g["ref"], "ref", 0, rest)
    if g["uroman"]:
        # Capital numerals ("I.", "IV.") are a list of their own, a level apart from "i." and "(i)". A
        # person's initial opening a line ("V. Patel said ...") would read as one: papers name people
        # by their title ("Cllr Patel"), and no real paper in the test bed printed such a line.
        numeral = g["uroman"]
        return Label(numeral, "uroman" + g["ur_p"], roman_value(numeral.lower()), rest) if _is_roman(numeral.lower()) else None
    if g["paren"]:
        s, form = g["paren"], "({})"
    else:
        s, form = g["letter"], "{}" + g["let_p"]
    if _is_roman(s) and not (len(s) == 1 and previous_letter and ord(s) == ord(previous_letter) + 1):
        if len(s) > 1 or s == "i" or previous_letter is None or s in "vx":
            return Label(s, form.format("roman"), roman_value(s), rest)
    if len(s) == 1:
        return Label(s, form.format("alpha"), ord(s) - ord("a") + 1, rest)
    if len(s) == 2 and s[0] == s[1]:  # "(aa)" after "(z)"
        return Label(s, form.format("alpha"), 26 + ord(s[0]) - ord("a") + 1, rest)
    return None


def follows(prev: Label, lab: Label) -> bool:
    """`lab` is a later item of `prev`'s list: the same style, a little further on ("2." after
    "1.", "(c)" after "(a)" where the paper skipped a letter, "2.4" after "2.3")."""
    if lab.style != prev.style:
        return False
    if lab.style == "dotted":
        p, q = [int(x) for x in prev.text.split(".")], [int(x) for x in lab.text.split(".")]
        return len(p) == len(q) and p[:-1] == q[:-1] and 0 < q[-1] - p[-1] <= 3
    return 0 < lab.value - prev.value <= 3
def has_paragraph_label(text: str) -> bool:
    """The text opens with a paragraph's label in one of the forms normalising keeps apart."""
    return bool(_PARAGRAPH_LABEL.match(text))


def starts_numbered_line(line: str) -> bool:
    """A converted line starts with a number, with or without its stop."""
    return bool(_NUMBERED_LINE.match(line))


def item_number(heading: str) -> tuple[str, str] | None:
    """(number, title) when a heading numbers a minute or an item, else None."""
    m = _KEYWORD_ITEM.match(heading)
    if m and heading[m.end():m.end() + 1] != "%":
        return m.group("n"), heading.strip()
    lab = parse_label(heading)
    if lab is not None and lab.style in ("dec.", "dec)") and lab.rest:
        return lab.text, lab.rest
    if lab is not None and lab.style == "ref" and lab.rest:
        return lab.text, lab.rest
    m = _LETTERED_ITEM.match(heading)
    if m and _WORD.search(heading[m.end():]):
        return m.group("n"), heading[m.end():].strip()
    m = _LONG_MINUTE.match(heading)
    if m and _WORD.search(heading[m.end():]):
        return m.group("n"), heading[m.end():].strip()
    m = _BARE_ITEM.match(heading)
    title = heading[m.end():].strip() if m else ""
    if m and _WORD.search(title):  # a title of words, not a run of figures ("2 5 6 12")
        return m.group("n"), title
    return None


# ------------------------------------------------------------------ lists run together

# A list marker inside a line: after a sentence or clause ends (or "and"/"or" closes one), a
# letter, numeral or number with its bracket or stop, then the item's first word.
_INLINE = re.compile(
    r"(?P<after>(?<=[.;:!?\"”’)\-–])|(?<=\band)|(?<=\bor))?\s+"
    r"(?P<m>\((?:[a-z]|[ivx]{1,5}|\d{1,2})\)|(?:[a-z]|[ivx]{1,5}|\d{1,2})[.)])\s+(?=[\"“‘(]?[A-Za-z])"
)


_LETTER_STYLES = ("alpha.", "alpha)", "(alpha)")
# Carried-forward references inside a line ("... Cllrs. D. Jenkins and A. Davies 4.4.11iii) Clerk
# to arrange ..."): the action column's names ran into the next reference.
_INLINE_CARRIED = re.compile(r"(?<=\s)(?:" + _CARRIED + r")\)\s+(?=[\"“‘(]?[A-Za-z])")


def _markers(text: str) -> list[re.Match[str]]:
    """Every candidate marker, overlapping ones too ("...requested x. b. The" holds "x." and "b.")."""
    out, pos = [], 0
    while (m := _INLINE.search(text, pos)) is not None:
        out.append(m)
        pos = m.end("m")
    return out


def _carried_cuts(text: str, own: Label | None) -> list[int]:
    """Where carried-forward references start inside `text`: only in a run of them, the text's
    own label one (a matters-arising paragraph), or two of them inside it."""
    own_end = len(text) - len(own.rest) if own is not None else 0  # "4.4.4.4.4. 4.4.11iii)" is one label
    at = [m.start() for m in _INLINE_CARRIED.finditer(text) if m.start() >= own_end]
    if (own is not None and own.style == "carried") or len(at) >= 2:
        return at
    return []


def split_inline(text: str) -> list[str]:
    """`text` cut where a run of list items printed on one line starts each item.

    Only a run in sequence counts ("a. ... b. ... c." or "1. ... 2." or "(i) ... (ii)"), and only
    where a list starts: the text's own label continued ("1. Note ... 2. Comment"), a first item
    after a colon ("...it was noted that: a. A Member ..."), or at least two items from the first
    ("(i) ... (ii) ..."); and carried-forward references ("4.4.11i) ... 4.4.11iii) ...") in a run of
    them. A marker with no stop, semicolon or "and" before it ("...the MCA to a.
    Take ... appendices b. Procure") counts only in a run of two or more letters from "a", or of
    numbers carrying on the text's own. A lone "2." inside a sentence is left alone. Every
    character is kept, in order: the pieces joined with single spaces give the text back.
    """
    own = parse_label(text)
    prev_letter = own.text if own is not None and own.style in _LETTER_STYLES else None
    runs: list[dict] = []
    open_runs: dict[str, dict] = {}
    for m in _markers(text):
        lab = parse_label(m.group("m") + " x", prev_letter)
        if lab is None or not lab.value:
            continue
        loose = m.group("after") is None
        carries_own = own is not None and lab.style == own.style
        if loose and not (text[m.end():m.end() + 2].istitle() and
                          (lab.style in _LETTER_STYLES or (carries_own and lab.style.startswith("dec")))):
            continue
        if lab.style in _LETTER_STYLES:
            prev_letter = lab.text
        pos = m.start("m")
        run = open_runs.get(lab.style)
        if run is not None and lab.value == run["next"]:
            run["cuts"].append(pos)
            run["next"] += 1
            run["loose"] += loose
        elif run is None and carries_own and own is not None and lab.value == own.value + 1:
            open_runs[lab.style] = run = {"cuts": [pos], "next": lab.value + 1, "sure": True, "loose": int(loose)}
            runs.append(run)
        elif lab.value == 1:
            colon = text[:m.start()].rstrip().endswith(":")
            open_runs[lab.style] = run = {"cuts": [pos], "next": 2, "sure": colon and not loose, "loose": int(loose)}
            runs.append(run)
    cuts = sorted({c for r in runs if len(r["cuts"]) >= 2 or (r["sure"] and not r["loose"]) for c in r["cuts"]}
                  | set(_carried_cuts(text, own)))
    if not cuts:
        return [text]
    pieces, start = [], 0
    for c in cuts:
        pieces.append(text[start:c].strip())
        start = c
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]
