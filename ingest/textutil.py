"""Small text helpers shared by the normalisers. Pure functions, tested with hypothesis."""

from __future__ import annotations

import re
import unicodedata

# Prefixes that keep their hyphen when a line break falls after them ("non-" + "negotiables").
KEEP_HYPHEN_PREFIXES = {
    "non", "co", "self", "multi", "cross", "well", "long", "short", "pre", "post", "sub",
    "inter", "anti", "semi", "re", "de", "ex", "mid", "over", "under", "step", "high", "low",
    "full", "part", "one", "two", "three", "four", "five", "six", "year", "child", "sector",
    "evidence", "in", "on", "off", "up", "out", "e", "x", "age", "desk", "case", "top", "front",
    "day", "time", "world", "user", "led", "site", "life", "family", "agency", "joined",
}
# Second words of compounds that keep their hyphen when a line break falls before them
# ("system-" + "wide", "evidence-" + "based", "person-" + "centred"): the part after the break
# is the whole word, and the word before has four letters or more, so no word split after a
# bound prefix ("un-" + "related") is taken for a compound. ("led" is not one: "control-" +
# "led" is "controlled".)
KEEP_HYPHEN_HEADS = {
    "wide", "based", "focused", "focussed", "centred", "centered", "related", "specific", "friendly",
    "making", "term", "scale", "owned", "funded", "free", "sized", "facing", "informed", "raising", "sharing",
    "deprived",  # "income-" + "deprived", "employment-deprived": the indices' own wording
}
_HEAD = re.compile(r"[a-z]+")


def keeps_hyphen(word: str, after: str) -> bool:
    """Whether a hyphen a line break falls after, between `word` and the text `after` it,
    belongs to the word: a prefix that keeps it ("non-"), or a compound's second word ("-wide")."""
    if word.lower() in KEEP_HYPHEN_PREFIXES:
        return True
    m = _HEAD.match(after)
    if m is None or (m.end() < len(after) and after[m.end()].isalpha()):
        return False
    return (len(word) >= 4 and m.group(0) in KEEP_HYPHEN_HEADS) or _reduplicated(word.lower(), m.group(0))


def _reduplicated(word: str, head: str) -> bool:
    """A word said twice with its vowel changed, "zig-" + "zag", "criss-" + "cross", "tick-" +
    "tock": a compound whose hyphen is printed, not a word the line break split (a split word's
    halves are not one syllable twice with only the vowel turned from i to a or o)."""
    return (len(word) == len(head) >= 3 and word != head
            and all(a == b or (a == "i" and b in "ao") for a, b in zip(word, head)))

_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_LINE_END_HYPHEN = re.compile(r"(\w+)-$")

# A UK telephone number ("03000 416814", "0117 922 2000", "+44 (0)20 7123 4567") and e-mail and web
# addresses (a converter may leave a space before a dot: "georgina.little@kent .gov.uk"): one
# spelling for the contact blocks set apart as furniture and the cover lines that are never a title.
PHONE_NUMBER = r"(?<![\d.,/£-])(?:(?:\+44\s?(?:\(0\))?\s?|0)\d{2,4}|\(0\d{2,4}\))[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\d.,/%])"
PHONE = re.compile(PHONE_NUMBER)
EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\s?\.[\w-]+)+")
WEB = re.compile(r"(?:https?://|www\.)[^\s|]+", re.I)


def clean_spaces(text: str) -> str:
    """Collapse runs of spaces, tabs and no-break spaces; strip the ends."""
    if "  " not in text and "\t" not in text and text.isascii():
        return text.strip()  # nothing to collapse: the common case, without the regex
    return _WS.sub(" ", text).strip()


# ---------------------------------------------------------------- glyphs
# pdfium gives a hyphen that the PDF marks as a line-end break as U+FFFE; Word writes the soft
# hyphen U+00AD. Both are rejoined like "-" (the keep-prefix rules below apply).
_BREAK_HYPHENS = ("\ufffe", "\u00ad")
# A web address that a line break cut (in a narrow table cell, most often): the text so far ends
# in one, and the next line starts with the rest of it, no word of its own: a piece of a path or
# a query ("nfo/200211/plans", "/1327/plan_", "y_area_plan", "ID=4326"), or a lower-case piece after an
# address cut at a separator ("..._area_action_" + "plan").
_URL_END = re.compile(r"(?:https?://|www\.)\S+$", re.I)
_URL_REST = re.compile(r"^(?:[/_?=&#%~]\S*|[a-z0-9][\w.~-]*[/=?&#_][\w./=?&#%~-]*|[\w.-]*=[\w./=?&#%~-]*)(?:\s|$)")
_URL_CUT_AT = ("/", "_", "-", "?", "=", "&", "#")


def _hyphen_chain(word: str) -> bool:
    """A chain of words hyphenated together, up to the hyphen a line break split it at
    ("submit-plan-for-" + "examination", a slug; "state-of-the-" + "art"): it keeps its hyphen.
    A word the break split has at most one hyphen of its own before it ("self-assess-" + "ment")."""
    return word.count("-") >= 3


def _url_goes_on(out: str, line: str) -> bool:
    """Whether `line` carries on a web address that ends `out` (see _URL_END)."""
    tail = out[-300:]
    if "/" not in tail or ("://" not in tail and "www." not in tail):
        return False  # no address near the end: most lines, told without a search
    m = _URL_END.search(out, max(0, len(out) - 300))
    if m is None:
        return False
    if _URL_REST.match(line):
        return True
    # Cut at a separator, the rest a plain word: the line is that word alone, or the cut is one
    # that no address ends on ("_", "?", "="); "www.example.gov.uk/" + "and by post." is whole.
    return (line[:1].isalnum() and not line[:1].isupper()
            and (out.endswith(("_", "?", "=", "&", "#")) or (out.endswith(_URL_CUT_AT) and " " not in line)))
# Bullets as symbol fonts (Symbol, Wingdings) draw them: private-use code points U+F0xx, which
# mean nothing as text. The ones below are bullets, dashes and boxes in those fonts; any other
# private-use glyph at a line start is taken as a bullet too (nothing else starts a line there).
_SYMBOL_SPACE = "\uf020"
_BULLET_CHARS = "\u2022\u25fc\u25aa\u25cf\u25a0\u25e6\u2023\u2043\u2219\u25cb\u25c6\u25ba\u27a2\u2756\u27a4\u25b6"
# Bullets that a PDF runs into one line mark a new item inside it too; "·" and "-" do not (a
# middle dot or a dash inside a sentence is punctuation).
_INLINE_BULLETS = "\u2022\u25fc\u25aa\u25cf\u25a0"
_PUA = "\ue000-\uf8ff"
# The symbol fonts' bullets: Symbol's bullet, Wingdings' squares, diamond, arrows, tick.
_PUA_BULLETS = "\uf0b7\uf0a7\uf076\uf0d8\uf06e\uf0a8\uf0fc\uf0e0\uf071\uf0d7"
_LEADING_BULLET = re.compile(f"^\\s*(?:[{_BULLET_CHARS}{_PUA}\u00b7]+|o(?=\\s+\\S))[\\s{_SYMBOL_SPACE}]*")
# Inside a line only the round and square ones start an item: a tick or an arrow there marks
# a value ("Yes \uf0fc"), not a list.
_PUA_INLINE = "\uf0b7\uf0a7\uf06e\uf0a8"
_INLINE_SPLIT = re.compile(f"\\s*[{_INLINE_BULLETS}{_PUA_INLINE}][\\s{_SYMBOL_SPACE}]*")
_PUA_SPLIT = re.compile(f"\\s*[{_PUA_INLINE}][\\s{_SYMBOL_SPACE}]*")
_BROKEN = re.compile(f"[\ufffd{_PUA}]")
_MID_BREAK = re.compile(r"(\w+)[\ufffe\u00ad](\s?)(\w?)(?=(\w*))")


def _mid_break(m: re.Match[str]) -> str:
    """A break hyphen left inside a line ("Multi\ufffeStorey", a line pdfium or a cell joined):
    the line-end rules. A soft hyphen inside a word that did not break is invisible: dropped."""
    word, space, nxt = m.group(1), m.group(2), m.group(3)
    if not space and m.group(0)[len(word)] == "\u00ad" and nxt.islower():
        return word + nxt
    before = m.string[:m.start()]
    if nxt.islower() and word.isalpha() and not _hyphen_chain(before[before.rfind(" ") + 1:] + word + "-") \
            and not keeps_hyphen(word, nxt + m.group(4)):
        return word + nxt
    return word + "-" + nxt


# Ligatures written as one character: the Unicode ones ("ﬃ" in "oﬃce") spelt out, so a search
# for "office" finds the word; and Calibri's own ligatures, which Word's and Microsoft Print to
# PDF's exports map to letters of other alphabets: "ti" and "tt" as U+019F and U+01A9 ("MeeƟng",
# "maƩers"), read so inside a lower-case word, where those letters (an O with a bar, a capital
# esh) never stand in an English paper; "tti", "ft" and "tf" as U+01AB, U+014C and U+019E
# ("geƫng", "draŌ", "Harƞord"), read so only after a lower-case letter, since no English word
# opens with them and a name may (the macron O of "Ōtautahi").
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})
_PRINT_TO_PDF = re.compile("(?<=[a-z])[\u019f\u01a9\u01ab\u014c\u019e]|[\u019f\u01a9](?=[a-z])")
_PRINT_TO_PDF_LETTERS = {"\u019f": "ti", "\u01a9": "tt", "\u01ab": "tti", "\u014c": "ft", "\u019e": "tf"}
_PRINT_TO_PDF_CHARS = frozenset(_PRINT_TO_PDF_LETTERS)


def clean_glyphs(text: str) -> str:
    """Text without the glyphs that are not text: break hyphens rejoined like "-", the symbol
    font's space as a space, private-use glyphs and U+FFFD dropped, ligatures spelt out.
    Everything else is kept."""
    if text.isascii():
        return text
    text = text.translate(_LIGATURES)
    if not _PRINT_TO_PDF_CHARS.isdisjoint(text):
        text = _PRINT_TO_PDF.sub(lambda m: _PRINT_TO_PDF_LETTERS[m.group(0)], text)
    if "\ufffe" in text or "\u00ad" in text:
        text = _MID_BREAK.sub(_mid_break, text)
        text = text.replace("\ufffe", "-").replace("\u00ad", "")
    if _BROKEN.search(text):
        text = clean_spaces(_BROKEN.sub(" ", text))
    return text


_ANY_GLYPH = re.compile(f"[{_BULLET_CHARS}{_PUA}\u00b7\ufffe\u00ad\ufffd]")


def has_glyph(text: str) -> bool:
    """Whether a text holds any character the glyph rules act on (most lines hold none)."""
    return _ANY_GLYPH.search(text) is not None


# A printed bullet, as blocks carry it: one "•" and a space before the text, whatever glyph the
# PDF drew (the segmenter tells a list's items from indented text by it). Findings do not keep
# it (provenance.settle_findings takes it off).
BULLET_MARK = "\u2022 "


def mark_bullet(text: str) -> str:
    return text if text.startswith(BULLET_MARK) else BULLET_MARK + text


def unmark_bullet(text: str) -> str:
    return text[len(BULLET_MARK):] if text.startswith(BULLET_MARK) else text


def leading_bullet(text: str) -> tuple[bool, str]:
    """Whether a line starts with a bullet glyph ("•", "◼", "o ", a symbol font's bullet), and
    the line without it."""
    m = _LEADING_BULLET.match(text)
    if m is None or m.end() == 0 or (m.group(0).strip() == "" and not m.group(0).startswith(_SYMBOL_SPACE)):
        return False, text
    rest = text[m.end():]
    if not rest.strip():
        return False, text
    return True, rest


def split_bullets(text: str) -> list[tuple[bool, str]]:
    """A line cut where bullet glyphs start items: [(is a bullet, text)], glyphs removed. "• a •
    b" (bullets the PDF ran into one line) is two bullets. In a line that does not start with a
    bullet, a "•" or "◼" separates parts of one item ("The Strand • Swansea"), so only a symbol
    font's bullet cuts it ("a \uf0b7 b" is "a" and a bullet "b")."""
    bullet, rest = leading_bullet(text)
    if rest.isascii():
        return [(bullet, rest)]
    pieces = (_INLINE_SPLIT if bullet else _PUA_SPLIT).split(rest)
    out = [(bullet, pieces[0])] if pieces[0].strip() else []
    out.extend((True, p) for p in pieces[1:] if p.strip())
    return out or [(bullet, rest)]


def join_lines(lines: list[str]) -> str:
    """Join hard-wrapped lines into one paragraph, rejoining words hyphenated at line ends.

    "improve-" + "ment" becomes "improvement"; "non-" + "negotiables" keeps its hyphen, as does
    any break before a capital or a digit ("Children-" + "Act" is a compound, not a split word);
    a range of numbers broken at its hyphen is rejoined whole ("2014-" + "2017": "2014-2017").
    """
    if len(lines) == 1:  # most blocks of a PDF are one line: nothing to join
        return clean_spaces(lines[0])
    out = ""
    for raw in lines:
        line = clean_spaces(raw)
        if not line:
            continue
        if not out:
            out = line
            continue
        # Look only at the end of the text so far: searching all of it for every line made long
        # paragraphs quadratic. (A "word" longer than the window is searched for in full.)
        m = None
        if out.endswith(_BREAK_HYPHENS):
            out = out[:-1] + "-"
        if out.endswith("-"):
            start = max(0, len(out) - 80)
            m = _LINE_END_HYPHEN.search(out, start)
            if m is not None and m.start() == start and start > 0:
                m = _LINE_END_HYPHEN.search(out)
        if _url_goes_on(out, line):
            out = out + line  # a web address cut by the line's end: "http://www.example.gov.uk/i" + "nfo/plans"
        elif m and line[0].isdigit() and m.group(1)[-1:].isdigit():
            out = out + line  # a range of numbers broken at its hyphen: "2014-" + "2017"
        elif m and line[0].islower():
            prefix = m.group(1).lower()
            if not prefix.isalpha() or _hyphen_chain(out[out.rfind(" ") + 1:]) or keeps_hyphen(prefix, line):
                out = out + line
            else:
                out = out[:-1] + line
        else:
            out = out + " " + line
    return out


def slugify(text: str, max_len: int = 60) -> str:
    """A lower-case ASCII slug: stable, readable, safe in URLs and anchors."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    if len(text) > max_len:
        text = text[:max_len].rsplit("-", 1)[0] or text[:max_len]
    return text or "x"


_MATCH_TRANS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})


_MATCH_PAIRS = [(chr(k), v) for k, v in _MATCH_TRANS.items()]
_NOT_MATCHED = re.compile(r"[^a-z0-9%' ]+")
# Every ASCII character that match_text drops, as a space: str.translate and split are several
# times faster than the regular expressions, which remain for text with other characters.
_ASCII_DROP = str.maketrans({chr(c): " " for c in range(128) if not (chr(c) in "%' " or "0" <= chr(c) <= "9" or "a" <= chr(c) <= "z")})


def match_text(text: str) -> str:
    """Text for comparing two copies of a document: case, quotes, dashes and spacing folded."""
    if not text.isascii():
        # Curly quotes and dashes, usually all there is; str.replace is far faster than a
        # translate table with non-ASCII keys.
        for old, new in _MATCH_PAIRS:
            if old in text:
                text = text.replace(old, new)
    text = text.lower()
    if text.isascii():
        return " ".join(text.translate(_ASCII_DROP).split())
    text = _NOT_MATCHED.sub(" ", text)
    return _WS.sub(" ", text).strip()


TERMINAL = tuple('.!?:;)"\'’”')


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(TERMINAL)
