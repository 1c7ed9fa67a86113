"""HTML fragments for generated pages. Every piece of source text goes through `text()`, which
escapes it: a paper containing `<script>` or `onerror=` shows those characters, never runs them."""

from __future__ import annotations

import html
import re

from ingest.model import Document, Finding


class Abbreviations:
    """Wrap known acronyms in <abbr title> so their expansion shows on hover, everywhere."""

    def __init__(self, glossary: dict[str, str]) -> None:
        self.glossary = glossary
        keys = sorted(glossary, key=len, reverse=True)
        self.pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")(s?)\b") if keys else None

    def apply(self, escaped: str) -> str:
        if self.pattern is None:
            return escaped

        def sub(m: re.Match[str]) -> str:
            title = html.escape(self.glossary[m.group(1)], quote=True)
            return f'<abbr title="{title}">{m.group(1)}</abbr>{m.group(2)}'

        return self.pattern.sub(sub, escaped)


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def text(value: str, abbr: Abbreviations | None = None) -> str:
    """Escaped paragraphs: blank lines split paragraphs, single newlines become line breaks."""
    paras = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
    out = []
    for p in paras:
        body = "<br>".join(esc(line) for line in p.split("\n"))
        out.append(f"<p>{abbr.apply(body) if abbr else body}</p>")
    return "".join(out)


def inline(value: str, abbr: Abbreviations | None = None) -> str:
    body = esc(" ".join(value.split()))
    return abbr.apply(body) if abbr else body


def md_heading(level: int, value: str) -> str:
    """A Markdown heading whose text cannot start Markdown or HTML syntax."""
    clean = " ".join(value.split())
    clean = re.sub(r"([\\`*_{}\[\]<>#|!])", r"\\\1", clean)
    return f"{'#' * level} {clean}\n"


def chips(f: Finding, theme_labels: dict[str, str], prefix: str) -> str:
    if not f.themes:
        return ""
    items = []
    for t in f.themes:
        words = ", ".join(f.evidence.get(t, []))
        items.append(
            f'<a class="chip" href="{prefix}themes/{esc(t)}/" title="Tagged by: {esc(words)}">{esc(theme_labels.get(t, t))}</a>'
        )
    return f'<span class="chips" data-pagefind-ignore>Themes: {" ".join(items)}</span>'


def page_link(f: Finding, doc: Document, prefix: str) -> str:
    if f.page is None:
        return ""
    pdf = next((s for s in doc.sources if s.href and not s.pack), None)
    if pdf is not None:
        return f'<a class="page" href="{prefix}{esc(pdf.href)}#page={f.page}">p. {f.page}</a>'
    return f'<span class="page">p. {f.page}</span>'


def ocr_note(f: Finding) -> str:
    """Beside the page link of a finding read from a scan: OCR can misread, the original cannot."""
    if not f.ocr:
        return ""
    conf = f" (mean word confidence {f.ocr_confidence:.0f} of 100)" if f.ocr_confidence is not None else ""
    return f' <span class="ocr-note" title="Read by OCR from a scanned page{esc(conf)}">read by OCR: check the original</span>'


def finding_block(f: Finding, doc: Document, citation: str, theme_labels: dict[str, str], prefix: str,
                  abbr: Abbreviations | None, show_doc: bool = False, heading: bool = False,
                  follow: tuple[str, str] | None = None) -> str:
    """One finding: its anchor, label, kind, text, theme chips, page and a copyable citation;
    `follow` (a register row and what it says) links a review's finding to its follow-through."""
    doc_link = ""
    if show_doc:
        doc_link = (f'<a class="source" href="{prefix}documents/{esc(doc.id)}/#{esc(f.key)}">'
                    f'{esc(doc.title)}, {esc(doc.date or "undated")}, {esc(f.label)}</a>')
    # On a document page the label is a heading carrying the finding's id: the permalink target,
    # and the unit Pagefind returns as a sub-result.
    # The pilcrow permalink is the one Markdown's toc extension gives headings (this HTML never
    # passes through Markdown: see fragments.py).
    head = (f'<h4 class="flabel" id="{esc(f.key)}"><span class="label">{esc(f.label)}</span> <span class="kind">{esc(f.kind)}</span>'
            f'<a class="headerlink" href="#{esc(f.key)}" title="Permanent link">&para;</a></h4>'
            if not show_doc else f'<span class="label">{esc(f.label)}</span> <span class="kind">{esc(f.kind)}</span>')
    evidence = ""
    if show_doc and f.evidence:
        words = "; ".join(f"{esc(theme_labels.get(k, k))}: {esc(', '.join(v))}" for k, v in sorted(f.evidence.items()))
        evidence = f'<span class="evidence">Tagged by: {words}</span>'
    kind_class = f.kind.replace(" ", "-")
    follow_link = f'<a class="follow" href="{prefix}{esc(follow[0])}">{esc(follow[1])}</a> ' if follow else ""
    return (
        f'<div class="finding kind-{esc(kind_class)}" data-themes="{esc(" ".join(f.themes))}" data-year="{esc((f.date or "")[:4])}">'
        f'<div class="finding-head" data-pagefind-ignore="index">{head} '
        f'{page_link(f, doc, prefix)}{ocr_note(f)} {doc_link}{follow_link}'
        f'<button class="cite md-button" type="button" data-cite="{esc(citation)}" aria-label="Cite {esc(f.label)}">Cite</button></div>'
        f'<div class="finding-text">{text(f.text, abbr)}</div>'
        f'{chips(f, theme_labels, prefix)}{evidence}'
        f'<span class="citation" hidden>{esc(citation)}</span>'
        f'</div>'
    )
