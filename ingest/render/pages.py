"""Generated pages. Each function returns Markdown (with escaped HTML blocks) for one page."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property

from ingest.export import citation
from ingest.infer import long_date
from ingest.kinds import REGISTER_KINDS
from ingest.model import Block, Corpus, Document, Finding, Link
from ingest.render.chart import year_chart
from ingest.render.fragments import raw
from ingest.render.html import (
    Abbreviations,
    esc,
    finding_block,
    href,
    inline,
    md_heading,
    md_inline,
    page_head,
    safe_url,
    text,
)
from ingest.taxonomy import Taxonomy


@dataclass
class Context:
    corpus: Corpus
    taxonomy: Taxonomy
    publisher: str | None  # the site's, for papers that do not name their own; None: not known
    site_title: str
    abbr: Abbreviations
    findings: dict[str, Finding]
    docs: dict[str, Document]

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
        """The register's items by year ("undated" for those without a date), newest first."""
        out: dict[str, list[Finding]] = defaultdict(list)
        for f in self.register:
            out[(f.date or "undated")[:4]].append(f)
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
        """Finding id -> (its row in a follow-through register, in words what it says) for the
        findings of reviews in a series: what the next review said on an earlier finding ("2019
        review: the concern recurs", "Not taken up in 2019"), and which earlier findings a later
        one follows up. A document page links each such finding to its register row."""
        out: dict[str, tuple[str, str]] = {}
        for earlier, later in _pairs(self):
            page = f"follow-through/{earlier.id}--{later.id}/"
            year, earlier_year = later.reporting_year, earlier.reporting_year
            by_source: dict[str, list[Link]] = defaultdict(list)
            by_target: dict[str, list[str]] = defaultdict(list)
            for lk in self.links_of.get(earlier.id, []):
                if lk.source:
                    by_source[lk.source].append(lk)
                    if lk.target:
                        by_target[lk.target].append(lk.source)
            for source, links in by_source.items():
                said = [lk for lk in links if lk.target]
                relations = "; ".join(dict.fromkeys(lk.relation for lk in said))
                words = (f"Not taken up in {year}" if not said else f"{year} review: {relations}" if len(said) == 1
                         else f"{year} review, {len(said)} findings: {relations}")
                out[source] = (f"{page}#{self.findings[source].key}", words)
            for target, sources in by_target.items():
                n = len(dict.fromkeys(sources))
                out.setdefault(target, (f"{page}#{self.findings[sources[0]].key}",
                                        f"Follows up {n} finding{'s' if n > 1 else ''} of the {earlier_year} review"))
        return out

    def cite(self, f: Finding) -> str:
        return citation(f, self.docs[f.document_id], self.publisher)

    def block(self, f: Finding, prefix: str, show_doc: bool = False) -> str:
        follow = self.follow_up.get(f.id) if not show_doc else None
        return finding_block(f, self.docs[f.document_id], self.cite(f), self.theme_labels, prefix, self.abbr, show_doc=show_doc,
                             follow=follow)


def prefix_for(path: str) -> str:
    parts = path.split("/")
    depth = len(parts) - 1 + (0 if parts[-1] == "index.md" else 1)
    return "../" * depth


def _years(ctx: Context) -> list[int]:
    return sorted({d.year for d in ctx.corpus.documents if d.year})


def _doc_label(d: Document) -> str:
    return f"{d.title} ({long_date(d.date)})"


# ------------------------------------------------------------------ home and search


def home(ctx: Context) -> str:
    docs = [d for d in ctx.corpus.documents if d.findings]
    years = _years(ctx)
    bodies = sorted({d.body for d in ctx.corpus.documents if d.body})
    counts = Counter(t for f in ctx.findings.values() for t in f.themes)
    out = [f"# {md_inline(ctx.site_title)}\n\n"]  # the home page's <title> is the site name alone
    out.append(
        f"This site holds **{len(docs)} documents** and **{len(ctx.findings)} citable findings** "
        f"from **{years[0] if years else '-'} to {years[-1] if years else '-'}**{_published_by(ctx)} "
        f"for {len(bodies)} bodies: {md_inline('; '.join(bodies))}.\n\n"
    )
    out.append('<div class="search-box" role="search"><div id="search-ui" data-bundle="pagefind/"></div></div>\n\n')
    out.append("Search above, or start from a theme. Every finding has its own address and a **Cite** button "
               "that copies a citation with its source and page. See [how to use this site](about.md).\n\n")
    out.append("## Themes\n\n")
    tiles = []
    for t in ctx.taxonomy.themes.values():
        tiles.append(f'<li><a href="themes/{esc(t.id)}/"><strong>{esc(t.label)}</strong><span class="count">{counts.get(t.id, 0)} findings</span></a></li>')
    out.append(f'<ul class="tiles">{"".join(tiles)}</ul>\n\n')
    out.append("## Documents\n\n" if len(docs) <= HOME_DOCUMENTS else f"## Newest documents\n\nThe newest {HOME_DOCUMENTS} of {len(docs)}; [all documents, by year](documents/index.md).\n\n")
    for d in sorted(docs, key=lambda d: (d.date or "", d.id), reverse=True)[:HOME_DOCUMENTS]:
        out.append(f"- [{md_inline(d.title)}](documents/{d.id}.md) ({long_date(d.date)}, {d.kind}, {len(d.findings)} findings)\n")
    out.append("\n## Registers\n\n")
    for earlier, later in _pairs(ctx):
        out.append(f"- [Follow-through: {md_inline(_short(earlier))} to {md_inline(_short(later))}](follow-through/{earlier.id}--{later.id}.md)\n")
    out.append("- [Recommendations, actions and priorities across all papers](recommendations.md)\n")
    out.append("- [Meetings and minutes](meetings/index.md)\n- [Glossary of acronyms](glossary.md)\n- [Open data](data.md)\n")
    return "".join(out)


def search_page(ctx: Context) -> str:
    return (
        f"{page_head('Search')}"
        "Type words to find findings across all years. Put a phrase in quotes (\"corporate parenting\") to match it exactly. "
        "Narrow the results by year, theme or kind of document with the filters.\n\n"
        '<div class="search-box" role="search"><div id="search-ui" data-bundle="../pagefind/"></div></div>\n\n'
        '<noscript>Search needs JavaScript. Without it, browse the <a href="../themes/">themes</a> or the <a href="../documents/">documents</a>.</noscript>\n'
    )


# ------------------------------------------------------------------ themes


def themes_index(ctx: Context) -> str:
    counts = Counter(t for f in ctx.findings.values() for t in f.themes)
    out = [page_head("Themes"), "Each theme is defined in the taxonomy that officers maintain; a finding carries a theme when the words shown on it match the theme's rules.\n\n"]
    out.append("| Theme | Definition | Findings |\n|---|---|---|\n")
    for t in ctx.taxonomy.themes.values():
        out.append(f"| [{md_inline(t.label)}]({t.id}.md) | {md_inline(t.definition)} | {counts.get(t.id, 0)} |\n")
    return "".join(out)


def theme_page(ctx: Context, theme_id: str) -> str:
    theme = ctx.taxonomy.themes[theme_id]
    prefix = prefix_for(f"themes/{theme_id}.md")
    tagged = ctx.by_theme.get(theme_id, [])
    out = [page_head(theme.label), f"{md_inline(theme.definition)}\n\n"]
    counts: Counter[tuple[str, str]] = Counter()
    if len({f.document_id for f in tagged}) <= CHART_DOCUMENTS:
        for f in tagged:
            counts[((f.date or "undated")[:4], f.document_id)] += 1
        titles = {d.id: _doc_label(d) for d in ctx.corpus.documents}
        chart = year_chart(dict(counts), titles, f"Findings on {theme.label} per year, by document")
    else:
        # Thousands of papers cannot each have a colour: the bars are split by kind of paper.
        for f in tagged:
            counts[((f.date or "undated")[:4], ctx.docs[f.document_id].kind)] += 1
        kinds = {k: k[:1].upper() + k[1:] for _, k in counts}
        chart = year_chart(dict(counts), kinds, f"Findings on {theme.label} per year, by kind of paper")
    out.append(chart + "\n\n")
    by_year = _by_year_and_document(tagged)
    if len(tagged) > SPLIT_AT:
        # A large collection: one page a year keeps every page quick to open and to build.
        out.append(f"{len(tagged)} findings in {len({f.document_id for f in tagged})} documents, one page a year:\n\n")
        out.append("| Year | Findings | Documents |\n|---|---|---|\n")
        for year in sorted(by_year, reverse=True):
            n = sum(len(v) for v in by_year[year].values())
            out.append(f"| [{year}]({theme_id}/{year}.md) | {n} | {len(by_year[year])} |\n")
        return "".join(out)
    out.append(f"{len(tagged)} findings in {len({f.document_id for f in tagged})} documents. "
               '<button class="md-button order-toggle" type="button" data-target="theme-findings">Show oldest first</button>\n\n')
    out.append(_theme_years(ctx, by_year, prefix))
    return "".join(out)


SPLIT_AT = 300  # findings on one page before a theme or register is split into a page a year
CHART_DOCUMENTS = 8  # documents a theme chart shows one by one (one colour each); past that, kinds of paper
HOME_DOCUMENTS = 20  # the newest papers listed on the home page; all are in the documents index


def theme_year_split(ctx: Context, theme_id: str) -> dict[str, dict[str, list[Finding]]]:
    """For a theme split into a page a year: year -> document id -> its findings; else empty."""
    tagged = ctx.by_theme.get(theme_id, [])
    return _by_year_and_document(tagged) if len(tagged) > SPLIT_AT else {}


def _by_year_and_document(findings: list[Finding]) -> dict[str, dict[str, list[Finding]]]:
    by_year: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for f in findings:
        by_year[(f.date or "undated")[:4]][f.document_id].append(f)
    return by_year


def theme_year_page(ctx: Context, theme_id: str, year: str, by_doc: dict[str, list[Finding]]) -> str:
    theme = ctx.taxonomy.themes[theme_id]
    path = f"themes/{theme_id}/{year}.md"
    head = f"{page_head(f'{theme.label}: {year}')}[All years of {md_inline(theme.label)}](../{theme_id}.md)\n\n"
    return head + _theme_years(ctx, {year: by_doc}, prefix_for(path))


def _theme_years(ctx: Context, by_year: dict[str, dict[str, list[Finding]]], prefix: str) -> str:
    out = ['<div id="theme-findings" class="ordered">\n\n']
    for year in sorted(by_year, reverse=True):
        out.append(f'<section class="year" data-year="{esc(year)}" markdown="0"><h2 id="y{esc(year)}">{esc(year)}</h2>')
        for doc_id, fs in sorted(by_year[year].items(), key=lambda kv: (ctx.docs[kv[0]].date or "", kv[0]), reverse=True):
            d = ctx.docs[doc_id]
            out.append(f'<h3><a href="{prefix}documents/{esc(d.id)}/">{esc(d.title)}</a> <span class="date">{esc(long_date(d.date))}</span></h3>')
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
    out = [page_head("Documents"), f"{len(ctx.corpus.documents)} documents, newest first.\n\n"]
    by_year: dict[str, list[Document]] = defaultdict(list)
    for d in ctx.corpus.documents:
        by_year[(d.date or "undated")[:4]].append(d)
    for year in sorted(by_year, reverse=True):
        out.append(f"## {year}\n\n| Date | Title | Kind | Body | Findings |\n|---|---|---|---|---|\n")
        for d in sorted(by_year[year], key=lambda d: (d.date or "", d.id), reverse=True):
            out.append(f"| {d.date or 'undated'} | [{md_inline(d.title)}]({d.id}.md) | {d.kind} | {md_inline(d.body or '')} | {len(d.findings)} |\n")
        out.append("\n")
    return "".join(out)


def document_page(ctx: Context, d: Document) -> str:
    prefix = prefix_for(f"documents/{d.id}.md")
    out = [page_head(d.title)]
    meta = [("Date", long_date(d.date)), ("Kind", d.kind.value), ("Body", d.body or "not recorded")]
    if d.publisher and d.publisher != ctx.publisher:
        meta.append(("Published by", d.publisher))
    if d.subject:
        meta.append(("About", d.subject))
    if d.period:
        meta.append(("Period covered", d.period.replace("/", " to ")))
    if d.inferred:
        meta.append(("Inferred from the text", ", ".join(d.inferred)))
    meta.append(("Findings", str(len(d.findings))))
    rows = "".join(f"<tr><th scope=\"row\">{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in meta)
    out.append(raw(f'<table class="meta"><tbody>{rows}</tbody></table>') + "\n\n")
    out.append("## Where it was published\n\n")
    pub = []
    for s in d.sources:
        where = esc(s.file)
        if s.href:
            where = f'<a href="{prefix}{esc(href(s.href))}">{esc(s.file)}</a>'
        extra = []
        if s.pack:
            pack = ctx.docs.get(s.pack)
            name = esc(pack.title) if pack else esc(s.pack)
            extra.append(f'agenda item {esc(s.item)} of <a href="{prefix}meetings/{esc(s.pack)}/">{name}</a>')
        if s.pages:
            extra.append(f"pages {esc(s.pages)}")
        original = safe_url(s.url)
        if original:
            extra.append(f'<a href="{esc(original)}">original</a>')
        pub.append(f"<li>{where}{(' — ' + ', '.join(extra)) if extra else ''}</li>")
    out.append(raw(f'<ul class="sources">{"".join(pub)}</ul>') + "\n\n")
    if d.items:
        out.append("## Agenda\n\n" + raw(_agenda(ctx, d, prefix)) + "\n\n")
    out.append("## Text\n\n")
    themes = sorted({t for f in d.findings for t in f.themes})
    filters = "".join(f'<span data-pagefind-filter="theme">{esc(ctx.theme_labels.get(t, t))}</span>' for t in themes)
    out.append(
        f'<div data-pagefind-body data-pagefind-meta="date:{esc(d.date or "undated")}" markdown="1">'
        f'<div hidden data-pagefind-ignore="index"><span data-pagefind-meta="title">{esc(d.title)} ({esc(long_date(d.date))})</span>'
        f'<span data-pagefind-filter="year">{esc((d.date or "undated")[:4])}</span>'
        f'<span data-pagefind-filter="document kind">{esc(d.kind)}</span>{filters}</div>\n\n'
    )
    out.append(_body(ctx, d, prefix))
    out.append("\n\n</div>\n")
    return "".join(out)


def _body(ctx: Context, d: Document, prefix: str) -> str:
    """The document in reading order: headings, then each finding once, where it starts."""
    out: list[str] = []
    done: set[str] = set()
    for b in d.blocks:
        if b.type == "heading":
            if b.finding_id and b.finding_id in ctx.findings:
                # A numbered heading that is itself a finding (an agreed priority): its heading
                # text opens the finding, so it is shown with it rather than as a heading.
                if b.finding_id not in done:
                    done.add(b.finding_id)
                    out.append(raw(ctx.block(ctx.findings[b.finding_id], prefix)) + "\n\n")
                continue
            out.append("\n" + md_heading(3, b.text) + "\n")
        elif b.type == "table":
            out.append(raw(_table(ctx, b, d, prefix, done)) + "\n\n")
        elif b.finding_id:
            # A finding spans its first block and any continuation paragraphs: shown once.
            if b.finding_id not in done and b.finding_id in ctx.findings:
                done.add(b.finding_id)
                out.append(raw(ctx.block(ctx.findings[b.finding_id], prefix)) + "\n\n")
        else:
            out.append(raw(f'<div class="context">{text(b.text, ctx.abbr)}</div>') + "\n\n")
    return "".join(out)


def _table(ctx: Context, b: Block, d: Document, prefix: str, done: set[str]) -> str:
    """Rebuild a table from its cells; each finding in it keeps its anchor and Cite button."""
    caption = f"<caption>{inline(b.caption, ctx.abbr)}</caption>" if b.caption else ""
    rows = []
    for r in b.rows:
        cells = []
        for c in r.cells:
            parts = []
            for p in c.parts:
                if p.finding_id and p.finding_id in ctx.findings:
                    if p.finding_id in done:
                        continue
                    done.add(p.finding_id)
                    parts.append(ctx.block(ctx.findings[p.finding_id], prefix))
                else:
                    parts.append(f"<p>{inline(p.text, ctx.abbr)}</p>")
            cells.append(f"<td>{''.join(parts)}</td>")
        anchor = ""
        if r.finding_id and r.finding_id in ctx.findings and r.finding_id not in done:
            f = ctx.findings[r.finding_id]
            done.add(r.finding_id)
            anchor = f' id="{esc(f.key)}"'
            cells.append(f'<td class="row-cite"><button class="cite md-button" type="button" data-cite="{esc(ctx.cite(f))}" aria-label="Cite {esc(f.label)}">Cite</button></td>')
        rows.append(f"<tr{anchor}>{''.join(cells)}</tr>")
    return f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="source-table">{caption}<tbody>{"".join(rows)}</tbody></table></div></div>'


def _agenda(ctx: Context, d: Document, prefix: str) -> str:
    rows = []
    for item in d.items:
        title = esc(item.title)
        if item.document_id and item.document_id in ctx.docs:
            title = f'<a href="{prefix}documents/{esc(item.document_id)}/">{title}</a>'
        elif item.document_id:
            canonical = _canonical_for(ctx, d.id, item.number)
            if canonical:
                title = f'<a href="{prefix}documents/{esc(canonical)}/">{title}</a>'
        rows.append(f"<tr><td>{esc(item.number)}</td><td>{title}</td><td>{esc(item.pages or '')}</td></tr>")
    return f'<table><thead><tr><th scope="col">Item</th><th scope="col">Title</th><th scope="col">Pages</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _canonical_for(ctx: Context, pack_id: str, item: str) -> str | None:
    return ctx.published_in.get(pack_id, {}).get(item)


# ------------------------------------------------------------------ registers


def _pairs(ctx: Context) -> list[tuple[Document, Document]]:
    from ingest.link import series_pairs

    return series_pairs(list(ctx.corpus.documents))


def _short(d: Document) -> str:
    return d.short_title or f"{d.title} ({(d.date or '')[:4]})"


def follow_through(ctx: Context, earlier: Document, later: Document) -> str:
    path = f"follow-through/{earlier.id}--{later.id}.md"
    prefix = prefix_for(path)
    sources = {f.id for f in earlier.findings}
    later_ids = {f.id for f in later.findings}
    links = [lk for doc_id in (earlier.id, later.id) for lk in ctx.links_of.get(doc_id, [])
             if (lk.source in sources) or (lk.target in later_ids and lk.source is None)]
    by_source: dict[str, list[Link]] = defaultdict(list)
    for lk in links:
        if lk.source:
            by_source[lk.source].append(lk)
    later_year = later.reporting_year
    out = [page_head(f"Follow-through: {_short(earlier)} to {_short(later)}")]
    out.append(f"For each finding of *{md_inline(earlier.title)}* ({long_date(earlier.date)}), what *{md_inline(later.title)}* "
               f"({long_date(later.date)}) said on the same matter, how, and how strongly the two match (score 0-1, with the shared "
               "themes and words as evidence). Links are suggestions made by rules an officer can check, not judgements, "
               "unless marked as confirmed by an officer.\n\n")
    linked = [s for s in by_source if any(lk.target for lk in by_source[s])]
    not_taken = [s for s in by_source if not any(lk.target for lk in by_source[s])]
    new = [lk.target for lk in links if lk.source is None and lk.target]
    out.append(f"{len(linked)} findings followed up; {len(not_taken)} not taken up in {later_year}; {len(new)} new in {later_year}.\n\n")
    groups: dict[tuple[str, ...], list[Finding]] = defaultdict(list)
    order: list[tuple[str, ...]] = []
    for f in earlier.findings:
        if f.id not in by_source:
            continue
        key = tuple(f.section) or ("Other",)
        if key not in groups:
            order.append(key)
        groups[key].append(f)
    for key in order:
        out.append(md_heading(2, " — ".join(key)))
        rows = []
        for f in groups[key]:
            targets = [lk for lk in by_source[f.id] if lk.target]
            said = "".join(
                f'<div class="said"><a href="{prefix}documents/{esc(later.id)}/#{esc(ctx.findings[lk.target].key)}">{esc(ctx.findings[lk.target].label)}</a> '
                f'<span class="relation">{esc(lk.relation)}</span> {_link_standing(lk)}'
                f'{text(ctx.findings[lk.target].text, ctx.abbr)}<span class="evidence">Evidence: {esc("; ".join(lk.evidence[:8]))}</span></div>'
                for lk in targets if lk.target in ctx.findings
            ) or f'<p class="none">Not taken up in {esc(later_year)}.</p>'
            said += _possible_matches(ctx, f, later, prefix)
            side = f' <span class="side">{esc(f.side)}</span>' if f.side else ""
            rows.append(
                f'<tr id="{esc(f.key)}"><td><a href="{prefix}documents/{esc(earlier.id)}/#{esc(f.key)}">{esc(f.label)}</a>{side} '
                f'<span class="kind">{esc(f.kind)}</span>{text(f.text, ctx.abbr)}</td><td>{said}</td></tr>'
            )
        out.append('\n' + raw(f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="register"><thead><tr><th scope="col">{esc(_short(earlier))}</th>'
                   f'<th scope="col">What the {esc(later_year)} review said</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div></div>') + '\n\n')
    out.append(md_heading(2, f"Not taken up in {later_year}"))
    out.append(raw('<ul class="plain">' + "".join(
        f'<li><a href="{prefix}documents/{esc(earlier.id)}/#{esc(ctx.findings[s].key)}">{esc(" — ".join(ctx.findings[s].section))}, {esc(ctx.findings[s].label)}</a>: {inline(ctx.findings[s].text[:240], ctx.abbr)}</li>'
        for s in not_taken) + "</ul>") + "\n\n")
    out.append(md_heading(2, f"New in {later_year}"))
    out.append(raw('<ul class="plain">' + "".join(
        f'<li><a href="{prefix}documents/{esc(later.id)}/#{esc(ctx.findings[t].key)}">{esc(ctx.findings[t].label)} ({esc(ctx.findings[t].kind)})</a>: {inline(ctx.findings[t].text[:240], ctx.abbr)}</li>'
        for t in new if t in ctx.findings) + "</ul>") + "\n")
    return "".join(out)


def _possible_matches(ctx: Context, earlier: Finding, later: Document, prefix: str) -> str:
    """The later findings that came next below the cut-offs, folded away: where many of the links
    the rules miss are, for a reader to look at and an officer to confirm (`python -m ingest review`)."""
    possible = [(lk, ctx.findings[lk.target]) for lk in ctx.possible_of.get(earlier.id, []) if lk.target in ctx.findings]
    if not possible:
        return ""
    items = "".join(
        f'<li><a href="{prefix}documents/{esc(later.id)}/#{esc(t.key)}">{esc(t.label)}</a> <span class="score">score {lk.score:.2f}</span> '
        f'{inline(_clip(t.text), ctx.abbr)}<span class="evidence">Evidence: {esc("; ".join(lk.evidence[:8]))}</span></li>'
        for lk, t in possible)
    n = len(possible)
    return (f'<details class="possible"><summary>{n} weaker {"match" if n == 1 else "matches"} in {esc(later.reporting_year)}, not linked'
            f'</summary><p>Below the cut-off for a link and not checked by an officer, who can confirm any that is right.</p>'
            f'<ul class="plain">{items}</ul></details>')


def _clip(text: str, width: int = 240) -> str:
    """The opening of a text, cut at a word and marked as cut."""
    return text if len(text) <= width else text[:width].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def _link_standing(lk: Link) -> str:
    """The score the rules gave, and whether an officer has confirmed the link (or added it:
    then there is no score)."""
    score = f'<span class="score">score {lk.score:.2f}</span>' if lk.score or not lk.confirmed else ""
    mark = '<span class="confirmed">confirmed by an officer</span>' if lk.confirmed else ""
    return " ".join(x for x in (mark, score) if x)


def follow_through_index(ctx: Context) -> str:
    out = [page_head("Follow-through registers"), "Each register follows the findings of one review into the next review in its series.\n\n"]
    for earlier, later in _pairs(ctx):
        out.append(f"- [{md_inline(_short(earlier))} to {md_inline(_short(later))}]({earlier.id}--{later.id}.md)\n")
    return "".join(out)


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
        return (f"{page_head('Recommendations register', 'Recommendations')}{len(items)} recommendations, areas for consideration, priorities, top tips, "
                f"key lines of enquiry and actions, one page a year:\n\n| Year | Items |\n|---|---|\n{rows}")
    if only_year is not None:
        items = ctx.register_by_year.get(only_year, [])
    years = sorted({(f.date or "")[:4] for f in items if f.date}, reverse=True)
    kinds = sorted({f.kind for f in items})
    out = [page_head(f"Recommendations register{': ' + only_year if only_year else ''}", None if only_year else "Recommendations"),
           f"{len(items)} recommendations, areas for consideration, priorities, top tips, key lines of enquiry and actions from every paper, newest first.\n\n"]
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


# ------------------------------------------------------------------ meetings, glossary, data


def meetings_index(ctx: Context) -> str:
    packs = [d for d in ctx.corpus.documents if d.kind == "agenda pack"]
    out = [page_head("Meetings"), "Each agenda pack with its items; the minutes published in it, with their resolutions.\n\n"]
    for p in sorted(packs, key=lambda d: d.date or "", reverse=True):
        out.append(f"- [{md_inline(p.body or p.title)}, {long_date(p.date)}]({p.id}.md)\n")
    if not packs:
        out.append("No agenda packs in this collection yet.\n")
    return "".join(out)


def meeting_title(pack: Document) -> str:
    """A meeting's name in the navigation and its page's <title>."""
    return f"{pack.body or pack.title}, {pack.date}"


def meeting_page(ctx: Context, pack: Document) -> str:
    prefix = prefix_for(f"meetings/{pack.id}.md")
    out = [page_head(f"{pack.body or pack.title}: {long_date(pack.date)}", meeting_title(pack))]
    out.append(f'<p>Agenda pack: <a href="{prefix}documents/{esc(pack.id)}/">{esc(pack.title)}</a></p>\n\n')
    out.append("## Agenda\n\n" + _agenda(ctx, pack, prefix) + "\n\n")
    minutes = ctx.minutes_in.get(pack.id, [])
    for m in minutes:
        out.append(md_heading(2, m.title))
        out.append(f'<p><a href="{prefix}documents/{esc(m.id)}/">Full minutes</a></p>\n\n')
        res = [f for f in m.findings if f.kind == "resolution"]
        out.append(md_heading(3, "Resolutions"))
        out.append(raw("".join(ctx.block(f, prefix, show_doc=True) for f in res)) + "\n\n")
    return "".join(out)


def glossary_page(ctx: Context) -> str:
    prefix = prefix_for("glossary.md")
    out = [page_head("Glossary"), "Acronyms used in the papers. Where a paper defines one, the definition and where it is defined are shown; others come from a curated list. Hover over an acronym anywhere on the site to see its expansion.\n\n"]
    rows = []
    for g in ctx.corpus.glossary:
        where = ", ".join(
            f'<a href="{prefix}documents/{esc(ctx.findings[fid].document_id)}/#{esc(ctx.findings[fid].key)}">{esc(ctx.docs[ctx.findings[fid].document_id].title)}, {esc(ctx.findings[fid].label)}</a>'
            for fid in g.defined_in[:3] if fid in ctx.findings
        ) or "curated list"
        rows.append(f'<tr id="{esc(g.acronym.lower())}"><td><abbr title="{esc(g.expansion)}">{esc(g.acronym)}</abbr></td><td>{esc(g.expansion)}</td><td>{where}</td></tr>')
    out.append(raw(f'<table><thead><tr><th scope="col">Acronym</th><th scope="col">Stands for</th><th scope="col">Defined in</th></tr></thead><tbody>{"".join(rows)}</tbody></table>') + "\n")
    return "".join(out)


def data_page(ctx: Context) -> str:
    return (
        f"{page_head('Open data')}"
        "Everything on this site is also published as data, rebuilt with the site. Ids and addresses are stable across rebuilds.\n\n"
        "| File | What it holds |\n|---|---|\n"
        "| [documents.json](../data/documents.json) | every document: `id`, `title`, `date`, `kind`, `body`, `series`, `period`, `findings` (count), `sources` (every place it was published: `file`, `format`, `sha256`, `pack`, `item`, `pages`, `url`), `publisher`, `subject` (the body it is about), `provenance` (where each field read from the text was read, and how surely) |\n"
        "| [findings.jsonl](../data/findings.jsonl) | one finding per line (fields below) |\n"
        "| [findings.csv](../data/findings.csv) | the same, for spreadsheets (themes separated by `;`; a cell that would start with `=`, `+`, `-` or `@` begins with `'` so it is not run as a formula) |\n"
        "| [links.jsonl](../data/links.jsonl) | follow-through links: `source`, `target` (finding ids; `null` on one side for *not taken up* and *new*), `score`, `relation`, `themes`, `evidence`, `confirmed` (by an officer) |\n"
        "| [possible-links.jsonl](../data/possible-links.jsonl) | possible matches: for each earlier finding, the next-best later findings below the cut-off (at most three), with the same fields and `relation` *a possible match, below the cut-off*; suggestions for an officer to check, never counted as links |\n"
        "| [glossary.json](../data/glossary.json) | acronyms: `acronym`, `expansion`, `defined_in`, `curated` |\n"
        "| [build-report.json](../data/build-report.json) | every input file: built, merged as a duplicate, or skipped with its reason |\n\n"
        "## Finding fields\n\n"
        "| Field | Meaning |\n|---|---|\n"
        "| `id` | stable id: document id, `/`, the finding's key |\n"
        "| `document_id` | the document it belongs to |\n"
        "| `date` | the document's date, ISO 8601 |\n"
        "| `kind` | strength, good practice, area for consideration, recommendation, action, priority, key line of enquiry, top tip, finding, risk, minute, resolution, paragraph, bullet or table row |\n"
        "| `section` | the section path, parts joined by ` > ` |\n"
        "| `label` | the label as printed: `29`, `31 d`, `7.14`, `bullet 1` |\n"
        "| `text` | the words as printed |\n"
        "| `page` | the page in the source PDF, `null` where unknown |\n"
        "| `themes` | theme ids from the taxonomy |\n"
        "| `url` | the finding's permalink on this site |\n"
        "| `side` | for review tables: good practice or area for further consideration |\n"
        "| `document_title`, `citation` | for citing without a lookup |\n"
        "| `evidence` | per theme, the words that tagged it |\n"
    )
