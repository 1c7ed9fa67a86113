"""sitemap.xml with real dates, for search engines and the council's web team.

MkDocs dates every page by the build (SOURCE_DATE_EPOCH, 0 here for reproducible builds: every
`lastmod` was 1970-01-01), and without a site address writes `<loc>`s that are empty. So the
sitemap is written here, after MkDocs: each page's `lastmod` is the date of the newest paper it
shows (a paper's page: the paper's date; a theme: its newest finding's paper), which is when its
content last changed as far as the papers say, and the same in every rebuild; a hand-written page
has none. A sitemap needs full addresses, so without `--site-url` none is published.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from ingest.document.metadata.kinds import DocumentKind
from ingest.site import follow
from ingest.site.mkdocs_hook import detach

if TYPE_CHECKING:
    from ingest.site.pages import Context


def page_dates(ctx: Context) -> dict[str, str]:
    """Generated page (its Markdown path) -> ISO date of the newest paper it shows."""
    from ingest.site import pages, theme_pages

    def newest(dates: list[str | None]) -> str | None:
        known = [d for d in dates if d]
        return max(known) if known else None

    everything = newest([d.date for d in ctx.corpus.documents])
    out: dict[str, str | None] = {rel: everything for rel in (
        "index.md", "search.md", "themes/index.md", "documents/index.md", "follow-through/index.md", "glossary.md",
        "data.md", "meetings/index.md")}
    out["recommendations.md"] = newest([f.date for f in ctx.register])
    for year, items in pages.recommendations_year_split(ctx).items():
        out[f"recommendations/{year}.md"] = newest([f.date for f in items])
    for t in ctx.taxonomy.themes:
        out[f"themes/{t}.md"] = newest([f.date for f in ctx.by_theme.get(t, [])])
        for year, by_doc in theme_pages.theme_year_split(ctx, t).items():
            out[f"themes/{t}/{year}.md"] = newest([ctx.docs[i].date for i in by_doc])
    for d in ctx.corpus.documents:
        out[f"documents/{d.id}.md"] = d.date
        if d.kind == DocumentKind.AGENDA_PACK:
            out[f"meetings/{d.id}.md"] = newest([d.date, *(m.date for m in ctx.minutes_in.get(d.id, []))])
    for earlier, later in follow.pairs(ctx):
        out[f"follow-through/{earlier.id}--{later.id}.md"] = newest([earlier.date, later.date])
    return {rel: date for rel, date in out.items() if date}


def _address(rel: str) -> str:
    """A page's address below the site's root, as MkDocs publishes it (directory URLs)."""
    path = rel.removesuffix(".md")
    if path == "index":
        return ""
    return (path.removesuffix("/index") if path.endswith("/index") else path) + "/"


def write(out_dir: Path, site_url: str | None, dates: dict[str, str], pages: list[str]) -> None:
    """Replace MkDocs's sitemap.xml and sitemap.xml.gz with one listing `pages` (Markdown paths)
    at `site_url`, dated by `dates`; without a site address, publish none."""
    targets = [out_dir / "sitemap.xml", out_dir / "sitemap.xml.gz"]
    for target in targets:
        detach(target)  # a file of the last published site, hard-linked into this build
        target.unlink(missing_ok=True)
    if not site_url:
        return
    entries = []
    for rel in sorted(pages, key=_address):
        lastmod = f"\n         <lastmod>{escape(dates[rel])}</lastmod>" if rel in dates else ""
        entries.append(f"    <url>\n         <loc>{escape(site_url + _address(rel))}</loc>{lastmod}\n    </url>\n")
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
           + "".join(entries) + "</urlset>\n").encode("utf-8")
    targets[0].write_bytes(xml)
    targets[1].write_bytes(gzip.compress(xml, mtime=0))  # the same bytes every build
