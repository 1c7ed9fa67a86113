"""Pre-rendered HTML kept out of Python-Markdown's way.

Generated pages are mostly HTML that this package has already built and escaped (findings,
tables, registers). Left in the Markdown, every tag of it is parsed twice more while MkDocs
builds the page: once by MkDocs to collect anchors, once by Markdown's HTML block handling
(md_in_html) - measured at 80% of the MkDocs build on 1,000 papers. So the page generators wrap
such HTML in `raw()`; before MkDocs runs, `extract()` swaps each wrapped piece for a one-line
placeholder comment and keeps the pieces in a sidecar file; the MkDocs hook in `mkdocs_hook.py`
puts them back into the rendered page and registers their anchors for link validation.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

_OPEN = "<!--ingest:raw-->"
_CLOSE = "<!--ingest:/raw-->"
_WRAPPED = re.compile(re.escape(_OPEN) + r"(.*?)" + re.escape(_CLOSE), re.S)
PLACEHOLDER = re.compile(r"<!--ingest:fragment (\d+)-->")
DIGEST = re.compile(r"\n*<!--ingest:fragments [0-9a-f]+-->\n?")
ANCHOR = re.compile(r"""\sid="([^"]+)\"""")
SIDECAR_DIR = "fragments"  # beside the staging docs folder, never inside it (MkDocs would publish it)


def raw(html: str) -> str:
    """Mark HTML to go into the page as it is, without Markdown parsing it."""
    return f"{_OPEN}{html}{_CLOSE}"


def strip_markers(markdown: str) -> str:
    """The page as one Markdown text with the HTML inline (for tests and tools reading pages)."""
    return markdown.replace(_OPEN, "").replace(_CLOSE, "")


def extract(markdown: str) -> tuple[str, list[str]]:
    """Replace every `raw()` piece with a placeholder; return the Markdown and the pieces.

    The Markdown ends with a digest of the pieces, so a page whose HTML changed also has changed
    Markdown and an incremental (dirty) MkDocs build rebuilds it."""
    pieces: list[str] = []

    def placeholder(m: re.Match[str]) -> str:
        pieces.append(m.group(1))
        return f"<!--ingest:fragment {len(pieces) - 1}-->"

    out = _WRAPPED.sub(placeholder, markdown)
    if pieces:
        digest = hashlib.sha256("\0".join(pieces).encode()).hexdigest()[:16]
        out = out.rstrip("\n") + f"\n\n<!--ingest:fragments {digest}-->\n"
    return out, pieces


def sidecar_path(docs_dir: Path, src_uri: str) -> Path:
    return docs_dir.parent / SIDECAR_DIR / f"{src_uri}.json"


def sidecar_text(pieces: list[str]) -> str:
    """What the sidecar of a page with these pieces holds ("" for none: it has no sidecar)."""
    return json.dumps(pieces, ensure_ascii=False) if pieces else ""


def write_sidecar(docs_dir: Path, src_uri: str, pieces: list[str]) -> None:
    path = sidecar_path(docs_dir, src_uri)
    if not pieces:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(sidecar_text(pieces), encoding="utf-8")


def fill(html: str, pieces: list[str]) -> str:
    """Put the pieces back in place of their placeholders (Markdown may have wrapped an inline
    placeholder in a paragraph; a block one stands alone)."""

    def piece(m: re.Match[str]) -> str:
        return pieces[int(m.group(1))]

    html = re.sub(r"<p>(<!--ingest:fragment \d+-->)</p>", r"\1", html)
    return DIGEST.sub("", PLACEHOLDER.sub(piece, html))


def anchors(pieces: list[str]) -> set[str]:
    import html as _html

    return {_html.unescape(a) for p in pieces for a in ANCHOR.findall(p)}
