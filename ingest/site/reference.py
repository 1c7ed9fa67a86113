"""The reference pages: meetings and their agendas, the glossary of acronyms, the open data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ingest.document.infer import long_date
from ingest.document.metadata.kinds import DocumentKind
from ingest.model import Document
from ingest.site.document import agenda_list
from ingest.site.fragments import raw
from ingest.site.html import esc, md_heading, md_inline, page_head

if TYPE_CHECKING:
    from ingest.site.pages import Context


def prefix_for(path: str) -> str:
    from ingest.site.pages import prefix_for as prefix

    return prefix(path)


def meetings_index(ctx: Context) -> str:
    packs = [d for d in ctx.corpus.documents if d.kind == DocumentKind.AGENDA_PACK]
    out = [page_head("Meetings", description="Each committee meeting's agenda pack, its items and the resolutions of its minutes."), "Each agenda pack with its items; the minutes published in it, with their resolutions.\n\n"]
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
    out = [page_head(f"{pack.body or pack.title}: {long_date(pack.date)}", meeting_title(pack),
                     f"The agenda of {pack.body or pack.title} on {long_date(pack.date)}, with its papers and the resolutions of its minutes.")]
    out.append(f'<p>Agenda pack: <a href="{prefix}documents/{esc(pack.id)}/">{esc(pack.title)}</a></p>\n\n')
    out.append("## Agenda\n\n" + agenda_list(ctx, pack, prefix) + "\n\n")
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
    out = [page_head("Glossary", description="The acronyms used in the papers, what they stand for and where a paper defines them."),
           "Acronyms used in the papers. Where a paper defines one, the definition and where it is defined are shown; others come from "
           "a list kept with this site. Across the site an acronym is underlined with dots: with a mouse, point at it to see what it "
           "stands for; on a phone or tablet, look it up here.\n\n"]
    rows = []
    for g in ctx.corpus.glossary:
        where = ", ".join(
            f'<a href="{prefix}documents/{esc(ctx.findings[fid].document_id)}/#{esc(ctx.findings[fid].key)}">{esc(ctx.docs[ctx.findings[fid].document_id].title)}, {esc(ctx.findings[fid].label)}</a>'
            for fid in g.defined_in[:3] if fid in ctx.findings
        ) or "the site's own list"
        rows.append(f'<tr id="{esc(g.acronym.lower())}"><td><abbr title="{esc(g.expansion)}">{esc(g.acronym)}</abbr></td><td>{esc(g.expansion)}</td><td>{where}</td></tr>')
    out.append(raw(f'<table><thead><tr><th scope="col">Acronym</th><th scope="col">Stands for</th><th scope="col">Defined in</th></tr></thead><tbody>{"".join(rows)}</tbody></table>') + "\n")
    return "".join(out)


def data_page(ctx: Context) -> str:
    return (
        f"{page_head('Open data', description='Every document, finding, link and acronym of this site as JSON, JSON Lines and CSV.')}"
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
        "| `themes` | theme ids (each theme's page is `themes/` and its id) |\n"
        "| `url` | the finding's permanent address on this site (what its Cite button copies): a full address when the site's address is known, else a path from the site's root |\n"
        "| `side` | for review tables: good practice or area for further consideration |\n"
        "| `document_title`, `citation` | for citing without a lookup |\n"
        "| `evidence` | per theme, the words that tagged it |\n"
    )
