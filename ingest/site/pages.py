"""Generated pages. Each function returns Markdown (with escaped HTML blocks) for one page."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property

import yaml

from ingest.config.taxonomy import Taxonomy
from ingest.document.kinds import REGISTER_KINDS
from ingest.model import Corpus, Document, Finding, Link
from ingest.site import follow
from ingest.site.chart import year_chart
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
            if d.kind == "minutes":
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


def prefix_for(path: str) -> str:
    parts = path.split("/")
    depth = len(parts) - 1 + (0 if parts[-1] == "index.md" else 1)
    return "../" * depth


def _years(ctx: Context) -> list[int]:
    return sorted({int(y) for d in ctx.corpus.documents for y in listed_years(d) if y.isdigit()})


def _doc_label(d: Document) -> str:
    return f"{d.title} ({date_line(d)})"


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


# ------------------------------------------------------------------ themes


def themes_index(ctx: Context) -> str:
    counts = Counter(t for f in ctx.findings.values() for t in f.themes)
    out = [page_head("Themes", description="The matters the papers keep returning to, each with every finding on it, year by year."),
           "Each theme has a definition officers keep up to date; a finding carries a theme when its words match the "
           "theme's, and each finding shows the words that did.\n\n"]
    out.append("| Theme | Definition | Findings |\n|---|---|---|\n")
    for t in ctx.taxonomy.themes.values():
        out.append(f"| [{md_inline(t.label)}]({t.id}.md) | {md_inline(t.definition)} | {counts.get(t.id, 0)} |\n")
    return "".join(out)


def theme_page(ctx: Context, theme_id: str) -> str:
    theme = ctx.taxonomy.themes[theme_id]
    prefix = prefix_for(f"themes/{theme_id}.md")
    tagged = ctx.by_theme.get(theme_id, [])
    n_docs = len({f.document_id for f in tagged})
    out = [page_head(theme.label, description=f"{theme.definition} {len(tagged)} findings in {n_docs} documents, year by year.")]
    # Only the theme's name and definition are indexed (search.py indexes theme pages apart):
    # a search for "corporate parenting" offers this page, and its findings are found on their papers.
    out.append(raw(f'<div data-pagefind-body><p class="theme-definition">{esc(theme.definition)}</p>'
                   f'<div hidden data-pagefind-ignore="index"><span data-pagefind-meta="title">{esc(theme.label)} (theme)</span>'
                   f'<span data-pagefind-meta="kind">theme</span><span data-pagefind-filter="type">theme</span></div></div>') + "\n\n")
    counts: Counter[tuple[str, str]] = Counter()
    if n_docs <= CHART_DOCUMENTS:
        for f in tagged:
            counts[(listed_year(ctx.docs[f.document_id]), f.document_id)] += 1
        titles = {d.id: _doc_label(d) for d in ctx.corpus.documents}
        chart = year_chart(dict(counts), titles, f"Findings on {theme.label} per year, by document")
    else:
        # Thousands of papers cannot each have a colour: the bars are split by kind of paper.
        for f in tagged:
            counts[(listed_year(ctx.docs[f.document_id]), ctx.docs[f.document_id].kind)] += 1
        kinds = {k: k[:1].upper() + k[1:] for _, k in counts}
        chart = year_chart(dict(counts), kinds, f"Findings on {theme.label} per year, by kind of paper")
    out.append(chart + "\n\n")
    out.append("Each paper is under the year it reviewed or reported on (a review of November 2019 reported in 2020 is under 2019); "
               "both dates are shown beside it.\n\n")
    by_year = _by_year_and_document(ctx, tagged)
    if len(tagged) > SPLIT_AT:
        # A large collection: one page a year keeps every page quick to open and to build.
        out.append(f"{len(tagged)} findings in {n_docs} documents, one page a year:\n\n")
        out.append("| Year | Findings | Documents |\n|---|---|---|\n")
        for year in sorted(by_year, reverse=True):
            n = sum(len(v) for v in by_year[year].values())
            out.append(f"| [{year}]({theme_id}/{year}.md) | {n} | {len(by_year[year])} |\n")
        return "".join(out)
    out.append(f"{len(tagged)} findings in {n_docs} documents. "
               '<button class="md-button order-toggle" type="button" data-target="theme-findings" aria-pressed="false">Show oldest first</button>\n\n')
    out.append(_theme_years(ctx, by_year, prefix))
    return "".join(out)


SPLIT_AT = 300  # findings on one page before a theme or register is split into a page a year
CHART_DOCUMENTS = 8  # documents a theme chart shows one by one (one colour each); past that, kinds of paper
HOME_DOCUMENTS = 20  # the newest papers listed on the home page; all are in the documents index


def theme_year_split(ctx: Context, theme_id: str) -> dict[str, dict[str, list[Finding]]]:
    """For a theme split into a page a year: year -> document id -> its findings; else empty."""
    tagged = ctx.by_theme.get(theme_id, [])
    return _by_year_and_document(ctx, tagged) if len(tagged) > SPLIT_AT else {}


def _by_year_and_document(ctx: Context, findings: list[Finding]) -> dict[str, dict[str, list[Finding]]]:
    by_year: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for f in findings:
        by_year[listed_year(ctx.docs[f.document_id])][f.document_id].append(f)
    return by_year


def theme_year_page(ctx: Context, theme_id: str, year: str, by_doc: dict[str, list[Finding]]) -> str:
    theme = ctx.taxonomy.themes[theme_id]
    path = f"themes/{theme_id}/{year}.md"
    n = sum(len(v) for v in by_doc.values())
    head = (f"{page_head(f'{theme.label}: {year}', description=f'{n} findings on {theme.label} in papers of {year}.')}"
            f"[All years of {md_inline(theme.label)}](../{theme_id}.md)\n\n")
    return head + _theme_years(ctx, {year: by_doc}, prefix_for(path))


def _theme_years(ctx: Context, by_year: dict[str, dict[str, list[Finding]]], prefix: str) -> str:
    out = ['<div id="theme-findings" class="ordered">\n\n']
    for year in sorted(by_year, reverse=True):
        out.append(f'<section class="year" data-year="{esc(year)}" markdown="0"><h2 id="y{esc(year)}">{esc(year)}</h2>')
        for doc_id, fs in sorted(by_year[year].items(), key=lambda kv: (ctx.docs[kv[0]].date or "", kv[0]), reverse=True):
            d = ctx.docs[doc_id]
            out.append(f'<h3><a href="{prefix}documents/{esc(d.id)}/">{esc(d.title)}</a> <span class="date">{esc(date_line(d))}</span></h3>')
            for f in fs:
                out.append(ctx.block(f, prefix, show_doc=True))
        out.append("</section>\n\n")
    out.append("</div>")
    return raw("".join(out)) + "\n"


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


def _pairs(ctx: Context) -> list[tuple[Document, Document]]:
    return follow.pairs(ctx)


def _short(d: Document) -> str:
    return follow.short(d)


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
