"""Generated pages. Each function returns Markdown (with escaped HTML blocks) for one page."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property

import yaml

from ingest.config.taxonomy import Taxonomy
from ingest.document.kinds import REGISTER_KINDS
from ingest.document.metadata.kinds import DocumentKind
from ingest.model import Corpus, Document, Finding, Link
from ingest.site import follow
from ingest.site.dates import date_line, listed_year, listed_years
from ingest.site.document import document_page
from ingest.site.export import citation, finding_url
from ingest.site.fragments import raw
from ingest.site.html import (
    Abbreviations,
    esc,
    finding_block,
    md_inline,
    page_head,
    title_text,
)

# The reference pages (meetings, glossary, open data) live in reference.py.
from ingest.site.reference import (
    data_page,
    glossary_page,
    meeting_page,
    meeting_title,
    meetings_index,
)


@dataclass
class Context:
    corpus: Corpus
    taxonomy: Taxonomy
    publisher: str | None  # the site's, for papers that do not name their own; None: not known
    site_title: str
    abbr: Abbreviations
    findings: dict[str, Finding]
    docs: dict[str, Document]
    site_url: str | None = None  # the site's full address, ending in "/", when known (--site-url)

    # Looked up for every finding on every page: computed once. (Rebuilt per lookup, these made
    # page generation grow faster than the corpus: 85 s at 5,000 papers against 6 s at 1,000.)
    @cached_property
    def theme_labels(self) -> dict[str, str]:
        return {t.id: t.label for t in self.taxonomy.themes.values()}

    @cached_property
    def by_theme(self) -> dict[str, list[Finding]]:
        """Theme id -> its findings, in corpus order."""
        out: dict[str, list[Finding]] = defaultdict(list)
        for f in self.findings.values():
            for t in f.themes:
                out[t].append(f)
        return out

    @cached_property
    def links_of(self) -> dict[str, list[Link]]:
        """Document id -> the links from its findings (or, for "new in", to them), in order."""
        out: dict[str, list[Link]] = defaultdict(list)
        for lk in self.corpus.links:
            end = lk.source or lk.target
            if end:
                out[end.split("/", 1)[0]].append(lk)
        return out

    @cached_property
    def possible_of(self) -> dict[str, list[Link]]:
        """Earlier finding id -> its possible matches (below the cut-offs), best first."""
        out: dict[str, list[Link]] = defaultdict(list)
        for lk in self.corpus.possible_links:
            if lk.source:
                out[lk.source].append(lk)
        return out

    @cached_property
    def register(self) -> list[Finding]:
        """Recommendations, actions and the like from every paper, newest first."""
        items = [f for f in self.findings.values() if f.kind in REGISTER_KINDS]
        items.sort(key=lambda f: (f.date or "", f.document_id), reverse=True)
        return items

    @cached_property
    def register_by_year(self) -> dict[str, list[Finding]]:
        """The register's items by the year their paper is listed under ("undated" for those
        without a date), newest first."""
        out: dict[str, list[Finding]] = defaultdict(list)
        for f in self.register:
            out[listed_year(self.docs[f.document_id])].append(f)
        return out

    @cached_property
    def published_in(self) -> dict[str, dict[str, str]]:
        """Agenda pack id -> {item number: the document published as that item}."""
        out: dict[str, dict[str, str]] = defaultdict(dict)
        for d in self.corpus.documents:
            for s in d.sources:
                if s.pack:
                    out[s.pack].setdefault(s.item or "", d.id)  # the first, as listed
        return out

    @cached_property
    def minutes_in(self) -> dict[str, list[Document]]:
        """Agenda pack id -> the minutes published in it."""
        out: dict[str, list[Document]] = defaultdict(list)
        for d in self.corpus.documents:
            if d.kind == DocumentKind.MINUTES:
                for pack in dict.fromkeys(s.pack for s in d.sources if s.pack):
                    out[pack].append(d)  # type: ignore[index]
        return out

    @cached_property
    def follow_up(self) -> dict[str, tuple[str, str]]:
        """Finding id -> (its follow-through register row, what it says): see follow.follow_up."""
        return follow.follow_up(self)

    def cite(self, f: Finding) -> str:
        return citation(f, self.docs[f.document_id], self.publisher)

    def permalink(self, f: Finding, prefix: str) -> str:
        """The finding's permanent address: the open data's `url` when the site's address is
        known, else relative to the page (site.js makes it absolute where the page is read)."""
        return finding_url(f, self.site_url) if self.site_url else f"{prefix}documents/{f.document_id}/#{f.key}"

    @staticmethod
    def prefix(path: str) -> str:
        return prefix_for(path)

    def block(self, f: Finding, prefix: str, show_doc: bool = False, level: int = 4) -> str:
        return finding_block(f, self.docs[f.document_id], self.cite(f), self.theme_labels, prefix, self.abbr, show_doc=show_doc,
                             follow=self.follow_up.get(f.id), level=level, permalink=self.permalink(f, prefix))


SPLIT_AT = 300  # findings on one page before a theme or register is split into a page a year
HOME_DOCUMENTS = 20  # the newest papers listed on the home page; all are in the documents index


def prefix_for(path: str) -> str:
    parts = path.split("/")
    depth = len(parts) - 1 + (0 if parts[-1] == "index.md" else 1)
    return "../" * depth


def _years(ctx: Context) -> list[int]:
    return sorted({int(y) for d in ctx.corpus.documents for y in listed_years(d) if y.isdigit()})


# ------------------------------------------------------------------ home and search


def home(ctx: Context) -> str:
    docs = list(ctx.corpus.documents)  # the same count as the documents list
    years = _years(ctx)
    bodies = sorted({d.body for d in ctx.corpus.documents if d.body})
    counts = Counter(t for f in ctx.findings.values() for t in f.themes)
    span = f"{years[0]} to {years[-1]}" if years else "-"
    description = f"{len(docs)} documents and {len(ctx.findings)} citable findings from {span}: search, follow themes across the years, cite."
    # No title in the front matter: the home page's <title> is the site name alone.
    meta = yaml.safe_dump({"description": title_text(description)}, allow_unicode=True, width=1 << 20)
    out = [f"---\n{meta}---\n\n# {md_inline(ctx.site_title)}\n\n"]
    out.append(
        f"This site holds **{len(docs)} documents** and **{len(ctx.findings)} citable findings** "
        f"from **{span}**{_published_by(ctx)} "
        f"for {len(bodies)} bodies: {md_inline('; '.join(bodies))}.\n\n"
    )
    out.append(search_ui(ctx, ""))
    out.append("Search above, or start from a theme. Every finding has its own address and a **Cite** button "
               "that copies a citation with its source, page and address. See [how to use this site](about.md).\n\n")
    out.append("## Themes\n\n")
    tiles = []
    for t in ctx.taxonomy.themes.values():
        tiles.append(f'<li><a href="themes/{esc(t.id)}/"><strong>{esc(t.label)}</strong><span class="count">{counts.get(t.id, 0)} findings</span></a></li>')
    out.append(f'<ul class="tiles">{"".join(tiles)}</ul>\n\n')
    out.append("## Documents\n\n" if len(docs) <= HOME_DOCUMENTS else f"## Newest documents\n\nThe newest {HOME_DOCUMENTS} of {len(docs)}; [all documents, by year](documents/index.md).\n\n")
    for d in sorted(docs, key=lambda d: (d.date or "", d.id), reverse=True)[:HOME_DOCUMENTS]:
        out.append(f"- [{md_inline(d.title)}](documents/{d.id}.md) ({md_inline(date_line(d))}, {d.kind}, {len(d.findings)} findings)\n")
    out.append("\n## Registers\n\n")
    for earlier, later in follow.pairs(ctx):
        out.append(f"- [Follow-through: {md_inline(follow.short(earlier))} to {md_inline(follow.short(later))}](follow-through/{earlier.id}--{later.id}.md)\n")
    out.append("- [Recommendations, actions and priorities across all papers](recommendations.md)\n")
    out.append("- [Meetings and minutes](meetings/index.md)\n- [Glossary of acronyms](glossary.md)\n- [Open data](data.md)\n")
    return "".join(out)


def search_ui(ctx: Context, prefix: str) -> str:
    """The search form: words, filters and order, all in the page's address (?q=...&year=...),
    so a search can be shared, bookmarked and restored. The filters' values are the ones the
    index holds (document pages' data-pagefind-filter); docs/assets/site.js runs the search with
    Pagefind's JavaScript API and draws the results."""
    years = sorted({y for d in ctx.corpus.documents for y in listed_years(d)}, reverse=True)
    kinds = sorted({str(d.kind) for d in ctx.corpus.documents})
    themes = sorted({ctx.theme_labels.get(t, t) for f in ctx.findings.values() for t in f.themes})

    def select(name: str, label: str, everything: str, values: list[str]) -> str:
        opts = "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)
        return f'<label>{label} <select name="{name}"><option value="">{everything}</option>{opts}</select></label>'

    return raw(
        f'<form class="search-form" role="search" method="get" action="{prefix}search/" data-bundle="{prefix}pagefind/" aria-label="Search the papers">'
        '<div class="search-line"><label class="visually-hidden" for="search-q">Search the papers</label>'
        '<input type="search" id="search-q" name="q" placeholder="Search the papers" autocomplete="off">'
        '<button type="submit" class="md-button md-button--primary">Search</button></div>'
        '<div class="search-options">'
        + select("year", "Year", "All years", years)
        + select("theme", "Theme", "All themes", themes)
        + select("kind", "Kind of paper", "All kinds", kinds)
        + '<label>Order <select name="sort"><option value="">Best match first</option><option value="newest">Newest first</option>'
          '<option value="oldest">Oldest first</option></select></label></div></form>'
        '<p class="search-status" role="status" aria-live="polite"></p><div class="search-results"></div>'
    ) + "\n\n"


def search_page(ctx: Context) -> str:
    return (
        f"{page_head('Search', description='Search every finding of every paper, by words or an exact phrase, by year, theme and kind of paper.')}"
        "Type words to find findings across all years. Put a phrase in quotes (\"corporate parenting\") to match it exactly. "
        "Narrow the results by year, theme or kind of paper, and order them by date. The page's address keeps the search: "
        "copy it to share or bookmark the results.\n\n"
        + search_ui(ctx, "../")
        + '<noscript>Search needs JavaScript. Without it, browse the <a href="../themes/">themes</a> or the <a href="../documents/">documents</a>.</noscript>\n'
    )


# ------------------------------------------------------------------ documents


def _published_by(ctx: Context) -> str:
    """", published by X" from the site's publisher or, without one, the papers' own."""
    names = [ctx.publisher] if ctx.publisher else sorted({d.publisher for d in ctx.corpus.documents if d.publisher})
    if not names:
        return ""
    shown = "; ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return f", published by {md_inline(shown)}"  # Markdown: a publisher "[x](javascript:...)" is not a link


def documents_index(ctx: Context) -> str:
    docs = ctx.corpus.documents
    out = [page_head("Documents", description=f"All {len(docs)} documents by year, newest first, with the period each reviewed."),
           f"{len(docs)} documents, newest first. A paper is listed under the year it reviewed or reported on, "
           "and its date and period are both shown.\n\n"]
    by_year: dict[str, list[Document]] = defaultdict(list)
    also: dict[str, list[Document]] = defaultdict(list)  # published in a year it is not listed under
    for d in docs:
        by_year[listed_year(d)].append(d)
        for y in listed_years(d)[1:]:
            also[y].append(d)
    for year in sorted(set(by_year) | set(also), reverse=True):
        out.append(f"## {year}\n\n")
        if by_year.get(year):
            out.append("| Date | Title | Kind | Body | Findings |\n|---|---|---|---|---|\n")
            for d in sorted(by_year[year], key=lambda d: (d.date or "", d.id), reverse=True):
                out.append(f"| {md_inline(date_line(d))} | [{md_inline(d.title)}]({d.id}.md) | {d.kind} | {md_inline(d.body or '')} | {len(d.findings)} |\n")
            out.append("\n")
        for d in also.get(year, []):
            out.append(f"Also published in {year}: [{md_inline(d.title)}]({d.id}.md), {md_inline(date_line(d))}, "
                       f"listed under {listed_year(d)}.\n\n")
    return "".join(out)


# ------------------------------------------------------------------ registers


follow_through = follow.follow_through
follow_through_index = follow.follow_through_index


def _register_description(n: int, year: str | None = None) -> str:
    return f"{n} recommendations, actions and priorities from every paper{' of ' + year if year else ''}, each with its citation and where it stands."


def recommendations_year_split(ctx: Context) -> dict[str, list[Finding]]:
    """For a register split into a page a year: year -> its items; else empty."""
    return ctx.register_by_year if len(ctx.register) > SPLIT_AT else {}


def recommendations(ctx: Context, only_year: str | None = None) -> str:
    path = f"recommendations/{only_year}.md" if only_year else "recommendations.md"
    prefix = prefix_for(path)
    items = ctx.register
    if only_year is None and len(items) > SPLIT_AT:
        by_year = ctx.register_by_year
        rows = "".join(f"| [{y}](recommendations/{y}.md) | {len(by_year[y])} |\n" for y in sorted(by_year, reverse=True))
        return (f"{page_head('Recommendations register', 'Recommendations', _register_description(len(items)))}{len(items)} recommendations, areas for consideration, priorities, top tips, "
                f"key lines of enquiry and actions, one page a year:\n\n| Year | Items |\n|---|---|\n{rows}")
    if only_year is not None:
        items = ctx.register_by_year.get(only_year, [])
    years = sorted({y for f in items for y in listed_years(ctx.docs[f.document_id])}, reverse=True)
    kinds = sorted({f.kind for f in items})
    out = [page_head(f"Recommendations register{': ' + only_year if only_year else ''}", None if only_year else "Recommendations",
                     _register_description(len(items), only_year)),
           f"{len(items)} recommendations, areas for consideration, priorities, top tips, key lines of enquiry and actions from every paper, newest first. "
           "A paper's items are under the year it reviewed or reported on and under the year it is dated.\n\n"]
    opts_theme = "".join(f'<option value="{esc(t.id)}">{esc(t.label)}</option>' for t in ctx.taxonomy.themes.values())
    opts_year = "".join(f'<option value="{esc(y)}">{esc(y)}</option>' for y in years)
    opts_kind = "".join(f'<option value="{esc(k)}">{esc(k)}</option>' for k in kinds)
    out.append(
        '<form class="filters" data-target="register-items" aria-label="Filter the register">'
        f'<label>Theme <select name="theme"><option value="">All themes</option>{opts_theme}</select></label> '
        f'<label>Year <select name="year"><option value="">All years</option>{opts_year}</select></label> '
        f'<label>Kind <select name="kind"><option value="">All kinds</option>{opts_kind}</select></label> '
        '<output class="shown" aria-live="polite"></output></form>\n\n'
    )
    register = ['<div id="register-items">']
    for f in items:
        block = ctx.block(f, prefix, show_doc=True)
        register.append(block.replace('<div class="finding', f'<div data-kind="{esc(f.kind)}" class="finding', 1))
    register.append("</div>")
    out.append(raw("".join(register)) + "\n")
    return "".join(out)




__all__ = ["data_page", "document_page", "follow_through", "follow_through_index", "glossary_page", "meeting_page",
           "meeting_title", "meetings_index"]
