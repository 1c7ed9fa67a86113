"""Small text helpers shared by the normalisers. Pure functions, tested with hypothesis."""

from __future__ import annotations

import re
import unicodedata

# Prefixes that keep their hyphen when a line break falls after them ("non-" + "negotiables").
_KEEP_HYPHEN_PREFIXES = {
    "non", "co", "self", "multi", "cross", "well", "long", "short", "pre", "post", "sub",
    "inter", "anti", "semi", "re", "de", "ex", "mid", "over", "under", "step", "high", "low",
    "full", "part", "one", "two", "three", "four", "five", "six", "year", "child", "sector",
    "evidence", "in", "on", "off", "up", "out", "e", "x", "age", "desk", "case", "top", "front",
    "day", "time", "world", "user", "led", "site", "life", "family", "agency", "joined",
}

_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_LINE_END_HYPHEN = re.compile(r"(\w+)-$")


def clean_spaces(text: str) -> str:
    """Collapse runs of spaces, tabs and no-break spaces; strip the ends."""
    if "  " not in text and "\t" not in text and text.isascii():
        return text.strip()  # nothing to collapse: the common case, without the regex
    return _WS.sub(" ", text).strip()


def join_lines(lines: list[str]) -> str:
    """Join hard-wrapped lines into one paragraph, rejoining words hyphenated at line ends.

    "improve-" + "ment" becomes "improvement"; "non-" + "negotiables" keeps its hyphen, as does
    any break before a capital or a digit ("Children-" + "Act" is a compound, not a split word).
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
        if out.endswith("-"):
            start = max(0, len(out) - 80)
            m = _LINE_END_HYPHEN.search(out, start)
            if m is not None and m.start() == start and start > 0:
                m = _LINE_END_HYPHEN.search(out)
        if m and line[0].islower():
            prefix = m.group(1).lower()
            if prefix in _KEEP_HYPHEN_PREFIXES or not prefix.isalpha():
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
