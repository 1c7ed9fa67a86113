"""The one escaping path for everything rendered, and the HTML fragments of generated pages.

Paper text and officers' values (manifest, taxonomy) are shown, never run. Each place they go has
its function here: HTML text and attributes (`esc`, `text`, `inline`), Markdown inline text and
headings (`md_inline`, `md_heading`), titles that MkDocs and Material print without escaping
(`title_text`, `page_head`: the navigation, the page <title>, the site name), and addresses
(`href`, `safe_url`, `url_problem`)."""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

import yaml

from ingest.document.infer import long_date
from ingest.model import Document, Finding
from ingest.site.dates import listed_years


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


def md_inline(value: str) -> str:
    """Text safe inside Markdown inline context (table cells, link text, headings): no HTML, no
    link, emphasis, code span or attribute list (`{: onclick=...}`) can start from it."""
    return re.sub(r"[|\[\]*_`{}\\]", lambda m: f"&#{ord(m.group())};", esc(" ".join(value.split())))


def md_heading(level: int, value: str) -> str:
    """A Markdown heading whose text cannot start Markdown or HTML syntax."""
    clean = " ".join(value.split())
    clean = re.sub(r"([\\`*_{}\[\]#|!])", r"\\\1", clean.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
    return f"{'#' * level} {clean}\n"


def title_text(value: str) -> str:
    """A title for the places MkDocs and Material print as HTML, unescaped: navigation titles
    (from the nav config), page titles (from the page's meta) and the site name. `'` is left as
    it is: Material quotes its attributes with `"`, and the seed's titles keep their bytes."""
    return " ".join(str(value).split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def page_head(title: str, meta_title: str | None = None, description: str | None = None) -> str:
    """A generated page's front matter and H1. The meta title (the H1's, unless the page has
    its own in the navigation) is what Material prints in the page's <title> and header:
    without it Material takes the H1 through `| striptags`, which unescapes entities, so a
    title `</title><script>...` would close the <title> and run. The description is Material's
    <meta name="description">, printed unescaped too."""
    fields = {"title": title_text(meta_title or title)}
    if description:
        fields["description"] = title_text(description)
    meta = yaml.safe_dump(fields, allow_unicode=True, width=1 << 20)
    return f"---\n{meta}---\n\n# {md_inline(title)}\n\n"


# A link may go to a web page (http, https) or stay on the site (a relative path): never
# javascript:, data: or any other scheme a browser would run or hand to another program.
_WEB_SCHEMES = ("http", "https")


def url_problem(value: str, absolute: bool = False) -> str | None:
    """Why `value` may not be a link (None when it may): not http(s) nor a relative path, or,
    with `absolute`, not a full http(s) address of URL characters only. Browsers drop spaces and
    control characters at the ends and inside a scheme, so those are refused, not guessed at."""
    if value != value.strip() or any(ord(c) < 32 or ord(c) == 127 for c in value):
        return "has spaces at its ends or control characters"
    try:
        parts = urlsplit(value)
    except ValueError:  # an unclosed [IPv6] host
        return "is not a valid address"
    if parts.scheme:
        if parts.scheme.lower() not in _WEB_SCHEMES:
            return f"uses the '{parts.scheme}:' scheme"
        if not parts.hostname:
            return f"has no host name after '{parts.scheme}://'"
    elif absolute:
        return "is not a full address"
    elif value.startswith(("//", "\\", "/\\")):
        return "starts with // (another server, without http:// or https://)"
    # The site's address goes to MkDocs as it is, which prints it unescaped (the canonical link):
    # it may hold no character a URL must encode. A link is encoded instead (safe_url).
    bad = sorted(set(value) & set(' "<>\\^`{|}'))
    if absolute and bad:
        return "holds " + " ".join("spaces" if c == " " else c for c in bad) + ", which an address cannot hold as they are"
    return None


# Characters a URL may keep as they are; anything else (spaces, quotes, <, >, braces) is encoded.
_URL_KEEP = "/:?#[]@!$&'()*+,;=%~"


def safe_url(value: str | None) -> str | None:
    """An officer-given address ready for an href (encoded, not yet HTML-escaped), or None when
    it may not be a link. The manifest refuses such values already; this holds if one gets by."""
    if not value or url_problem(value) is not None:
        return None
    return quote(value, safe=_URL_KEEP)


def href(path: str) -> str:
    """A relative path on the site (a published source file) as an href: every character that
    means something in a URL (`?`, `#`, `%`, spaces) is percent-encoded, so the link opens the
    file of that name."""
    return quote(path, safe="/")


def chips(f: Finding, theme_labels: dict[str, str], prefix: str, reasons: dict[str, str] | None = None) -> str:
    if not f.themes:
        return ""
    items = []
    for t in f.themes:
        reason = (reasons or {}).get(t) or (because(f.evidence[t]) if f.evidence.get(t) else "")
        # The tooltip says in plain words why the finding carries the theme (the words that
        # matched); the theme's id and its rules stay in the open data and `ingest explain`.
        why = f' title="{esc(reason)}"' if reason else ""
        items.append(f'<a class="chip" href="{prefix}themes/{esc(t)}/"{why}>{esc(theme_labels.get(t, t))}</a>')
    return f'<span class="chips" data-pagefind-ignore>Themes: {" ".join(items)}</span>'


def because(words: list[str]) -> str:
    """'Because it says “caseloads”, “staff”': the words that tagged a theme, as a reader reads them."""
    shown = ", ".join(f"\u201c{w}\u201d" for w in words if not w.startswith("("))
    inherited = any(w.startswith("(") for w in words)  # "(table heading)": from the heading its table sits under
    if shown and inherited:
        return f"Because it says {shown}, and from its table's heading"
    return f"Because it says {shown}" if shown else "From the heading its table sits under"


def page_link(f: Finding, doc: Document, prefix: str) -> str:
    """The finding's page as cited (its printed number, see export.page_words), linked to that
    page of the PDF: `#page=` is the PDF's own page (`pdf_page`), which is what a viewer opens."""
    if f.page is None:
        return ""
    from ingest.site.export import page_words

    shown = page_words(f, doc)
    pdf = next((s.href for s in doc.sources if s.href and not s.pack), None)
    if pdf is None and f.pdf_page is not None:  # an item of a PDF pack: the pack's PDF
        pdf = next((f"sources/{s.file}" for s in doc.sources if s.pack and s.format == "pdf"), None)
    if pdf is not None:
        return f'<a class="page" href="{prefix}{esc(href(pdf))}#page={f.pdf_page or f.page}">{esc(shown)}</a>'
    return f'<span class="page">{esc(shown)}</span>'


def ocr_note(f: Finding) -> str:
    """Beside the page link of a finding read from a scan: OCR can misread, the original cannot."""
    if not f.ocr:
        return ""
    conf = f" (mean word confidence {f.ocr_confidence:.0f} of 100)" if f.ocr_confidence is not None else ""
    return f' <span class="ocr-note" title="Read by OCR from a scanned page{esc(conf)}">read by OCR: check the original</span>'


def where(f: Finding) -> str:
    """Where a finding sits in its paper, as its page shows it: "Good practice › Legislation
    and policy › bullet 3" (two findings "bullet 2" of one paper are told apart by it)."""
    return " \u203a ".join([*f.section, f.label])


def _lower_first(words: str) -> str:
    return words[:1].lower() + words[1:]


def cite_button(f: Finding, citation: str, permalink: str) -> str:
    """The Cite button: it copies the citation and the finding's permanent address, both made at
    build time (site.js reads them; nothing is worked out from where the button sits)."""
    return _cite_button(esc(f.label), esc(citation), esc(permalink))


def _cite_button(label: str, citation: str, permalink: str) -> str:  # all three escaped
    return (f'<button class="cite md-button" type="button" data-cite="{citation}" data-url="{permalink}" '
            f'aria-label="Cite {label}" data-pagefind-ignore>Cite</button>')


def _print_citation(citation: str, permalink: str) -> str:  # both escaped
    """The citation and permanent address, shown only in print (where there is no Cite button)."""
    return (f'<p class="print-cite" data-pagefind-ignore><span class="citation">{citation}</span> '
            f'<span class="permalink">{permalink}</span></p>')


def finding_block(f: Finding, doc: Document, citation: str, theme_labels: dict[str, str], prefix: str,
                  abbr: Abbreviations | None, show_doc: bool = False, heading: bool = False,
                  follow: tuple[str, str] | None = None, level: int = 4, permalink: str = "") -> str:
    """One finding: its anchor, label, kind, text, theme chips, page and a copyable citation;
    `follow` (a register row and what it says) links a review's finding to its follow-through.
    `level` is its heading's level on a document page (one below the section it sits in), and
    `permalink` its permanent address (absolute when the site's address is known)."""
    cited, address = esc(citation), esc(permalink or f"{prefix}documents/{doc.id}/#{f.key}")  # each used twice
    key, label = esc(f.key), esc(f.label)
    doc_link = ""
    if show_doc:
        doc_link = (f'<a class="source" href="{prefix}documents/{esc(doc.id)}/#{key}">'
                    f'{esc(doc.title)}, {esc(long_date(doc.date))}: {esc(where(f))}</a>')
    # On a document page the label is a heading carrying the finding's id: the permalink target,
    # and the unit Pagefind returns as a sub-result (its label is indexed; the kind and the
    # pilcrow are not, so a sub-result is titled "bullet 3", not "bullet 3 good practice ¶").
    # The pilcrow permalink is the one Markdown's toc extension gives headings (this HTML never
    # passes through Markdown: see fragments.py).
    level = min(max(level, 2), 6)
    head = (f'<h{level} class="flabel" id="{key}"><span class="label">{label}</span> '
            f'<span class="kind" data-pagefind-ignore>{esc(f.kind)}</span>'
            f'<a class="headerlink" href="#{key}" title="Permanent link" aria-label="Permanent link to {label}" data-pagefind-ignore>&para;</a></h{level}>'
            if not show_doc else f'<span class="label">{label}</span> <span class="kind">{esc(f.kind)}</span>')
    reasons = {k: because(v) for k, v in f.evidence.items() if v}
    evidence = ""
    if show_doc and reasons:
        words = "; ".join(f"{esc(theme_labels.get(k, k))}: {esc(_lower_first(v))}" for k, v in sorted(reasons.items()))
        evidence = f'<span class="evidence" data-pagefind-ignore>Why these themes: {words}</span>'
    kind_class = f.kind.replace(" ", "-")
    follow_link = f'<a class="follow" href="{prefix}{esc(follow[0])}">{esc(follow[1])}</a> ' if follow else ""
    return (
        f'<div class="finding kind-{esc(kind_class)}" data-themes="{esc(" ".join(f.themes))}" data-year="{esc(" ".join(listed_years(doc)))}">'
        f'<div class="finding-head">{head} '
        f'<span class="finding-meta" data-pagefind-ignore>{page_link(f, doc, prefix)}{ocr_note(f)} {doc_link}{follow_link}</span>'
        f'{_cite_button(label, cited, address)}</div>'
        f'<div class="finding-text">{text(f.text, abbr)}</div>'
        f'{chips(f, theme_labels, prefix, reasons)}{evidence}'
        f'{_print_citation(cited, address)}'
        f'</div>'
    )
