"""The theme pages: the index of themes, each theme's timeline (its findings year by year, with a
chart), and for a theme with many findings a page a year."""

from __future__ import annotations

from collections import Counter, defaultdict

from ingest.model import Document, Finding
from ingest.site import pages
from ingest.site.chart import year_chart
from ingest.site.dates import date_line, listed_year
from ingest.site.fragments import raw
from ingest.site.html import esc, md_inline, page_head
from ingest.site.pages import Context, prefix_for


def _doc_label(d: Document) -> str:
    return f"{d.title} ({date_line(d)})"


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
    if len(tagged) > pages.SPLIT_AT:  # read here, not imported: one setting for themes and the register
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


CHART_DOCUMENTS = 8  # documents a theme chart shows one by one (one colour each); past that, kinds of paper


def theme_year_split(ctx: Context, theme_id: str) -> dict[str, dict[str, list[Finding]]]:
    """For a theme split into a page a year: year -> document id -> its findings; else empty."""
    tagged = ctx.by_theme.get(theme_id, [])
    return _by_year_and_document(ctx, tagged) if len(tagged) > pages.SPLIT_AT else {}


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
