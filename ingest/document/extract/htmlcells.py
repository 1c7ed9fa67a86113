"""Parse the HTML fragments that PDF-to-Markdown converters leave in table cells.

Only text is kept: `<li>` becomes a bullet, `<p>` a paragraph. Nothing of the markup survives,
so a table is always rebuilt from its cells and never passed through raw (no `onerror=`).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ingest.model import CellPart
from ingest.textutil import clean_spaces

# A bullet glyph; a dash counts only before a word (a lone "-" in a data table means "none").
_BULLET_GLYPHS = re.compile(r"^(?:[•·▪◦●]\s*|[-–]\s+(?=[A-Za-z]))")


# The markup PDF-to-Markdown converters write; anything else is the paper's own text.
_LAYOUT_TAGS = {"li", "p", "br", "ul", "ol", "div", "tr", "td", "th", "table", "tbody", "thead", "b", "strong", "i",
                "em", "u", "sup", "sub", "span", "a", "font"}
_LAYOUT_TAG = re.compile(r"</?(?:" + "|".join(sorted(_LAYOUT_TAGS)) + r")\b[^>]*>", re.I)


class _CellParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[tuple[str, bool]] = []
        self._buf: list[str] = []
        self._in_li = 0

    def _flush(self, bullet: bool) -> None:
        text = clean_spaces("".join(self._buf))
        self._buf = []
        if text:
            self.parts.append((text, bullet))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _LAYOUT_TAGS:
            # Not the converter's layout markup (a <script>, an <img onerror=...> in the paper's
            # own text): keep it as the characters printed; rendering escapes it.
            self._buf.append(self.get_starttag_text() or f"<{tag}>")
            return
        if tag in ("li", "p", "br", "ul", "ol", "div", "tr", "td"):
            self._flush(self._in_li > 0)
        if tag == "li":
            self._in_li += 1

    def handle_endtag(self, tag: str) -> None:
        if tag not in _LAYOUT_TAGS:
            self._buf.append(f"</{tag}>")
            return
        if tag in ("li", "p", "ul", "ol", "div", "td"):
            self._flush(tag == "li" or self._in_li > 0)
        if tag == "li" and self._in_li:
            self._in_li -= 1

    def handle_data(self, data: str) -> None:
        self._buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush(self._in_li > 0)


def parse_cell(fragment: str, page: int | None = None) -> list[CellPart]:
    """Split one cell's HTML (or plain text) into paragraphs and bullets."""
    if "<" not in fragment:
        text = clean_spaces(html.unescape(fragment))
        if not text:
            return []
        bullet = bool(_BULLET_GLYPHS.match(text))
        return [CellPart(text=_BULLET_GLYPHS.sub("", text) if bullet else text, bullet=bullet, page=page)]
    parser = _CellParser()
    parser.feed(fragment)
    parser.close()
    out: list[CellPart] = []
    for text, bullet in parser.parts:
        glyph = bool(_BULLET_GLYPHS.match(text))
        out.append(CellPart(text=_BULLET_GLYPHS.sub("", text), bullet=bullet or glyph, page=page))
    return out


def strip_inline(text: str) -> str:
    """Plain text of a Markdown/HTML line: emphasis, tags and entities removed."""
    text = re.sub(r"<a\s[^>]*>(.*?)</a>", r"\1", text)
    text = _LAYOUT_TAG.sub("", text)  # other tags are the paper's own characters: kept, escaped later
    text = html.unescape(text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = text.replace("\\*", "*")
    return clean_spaces(text)
