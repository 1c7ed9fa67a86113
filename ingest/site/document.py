"""A paper's page: its details, where it was published, and its text with every finding.

The headings follow the paper's structure as its findings are cited: each finding's section path
("Good practice > Legislation and policy") is shown as headings where the path changes, so the
contents list, the headings a screen reader moves between and the citations name the same
sections. A heading line of the paper that heads no section and nothing else (a cover line, a
signature) is shown as a line of text, not as a heading. Every heading carries an id: Pagefind
titles a search result's findings by the headings above them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markdown.extensions.toc import slugify

from ingest.document.infer import long_date
from ingest.document.metadata.kinds import MEETING_KINDS
from ingest.model import Block, Document, Finding
from ingest.site.dates import date_line, listed_years, period_words
from ingest.site.fragments import raw
from ingest.site.html import cite_button, esc, href, inline, md_heading, page_head, safe_url, text

if TYPE_CHECKING:
    from ingest.site.pages import Context

BASE = 3  # a paper's top-level sections are <h3>, under the page's "Text" <h2>
FOLD_ROWS = 4  # a table of figures with more rows than this folds on a phone
_PAGE_IDS = {"where-it-was-published", "agenda", "text", "contents"}


@dataclass
class _Outline:
    """The headings shown so far on one page, and the section path they stand for."""

    used: set[str]
    current: list[str] = field(default_factory=list)
    shown: set[tuple[str, ...]] = field(default_factory=set)
    toc: list[tuple[int, str, str]] = field(default_factory=list)  # (level, text, id)
    area: str = ""  # the area of the review table row last shown

    def new_id(self, words: str) -> str:
        base = slugify(words, "-") or "section"
        hid, n = base, 1
        while hid in self.used:
            n += 1
            hid = f"{base}-{n}"
        self.used.add(hid)
        return hid

    def heading(self, level: int, words: str) -> str:
        hid = self.new_id(words)
        self.toc.append((level, words, hid))
        # An explicit id (attr_list) so the contents list and Pagefind's anchors know it.
        return "\n" + md_heading(level, words).rstrip("\n") + f" {{: #{hid} }}\n\n"

    @property
    def level(self) -> int:
        """The heading level of a finding in the current section."""
        return min(BASE + len(self.current), 6)

    def enter(self, path: list[str]) -> str:
        """Headings for the parts of `path` not already showing. A section the page has already
        shown, met again, is headed "(continued)", so a finding never sits under a heading its
        citation does not name."""
        if path == self.current:
            return ""
        k = 0
        while k < min(len(path), len(self.current)) and path[k] == self.current[k]:
            k += 1
        k = min(k, len(path) - 1) if path else 0
        out = []
        for i in range(k, len(path)):
            key = tuple(path[: i + 1])
            words = path[i] if key not in self.shown else f"{path[i]} (continued)"
            self.shown.add(key)
            out.append(self.heading(min(BASE + i, 6), words))
        self.current = list(path)
        return "".join(out)


def _common(paths: list[list[str]]) -> list[str]:
    if not paths:
        return []
    out = list(paths[0])
    for p in paths[1:]:
        k = 0
        while k < min(len(out), len(p)) and out[k] == p[k]:
            k += 1
        out = out[:k]
    return out


def _table_findings(ctx: Context, b: Block) -> list[Finding]:
    ids = [r.finding_id for r in b.rows if r.finding_id] + [p.finding_id for r in b.rows for c in r.cells for p in c.parts if p.finding_id]
    return [ctx.findings[i] for i in dict.fromkeys(ids) if i in ctx.findings]


def _is_review_table(found: list[Finding]) -> bool:
    """A review's table of areas (first column) and its bullets on one side: every finding in it
    has a side, and the area is the last part of its section."""
    return bool(found) and all(f.side for f in found)


def _table_path(found: list[Finding]) -> list[str]:
    paths = [f.section[:-1] if _is_review_table(found) else f.section for f in found]
    return _common(paths)


def _block_findings(ctx: Context, b: Block) -> list[Finding]:
    if b.type == "table":
        return _table_findings(ctx, b)
    return [ctx.findings[b.finding_id]] if b.finding_id and b.finding_id in ctx.findings else []


# The fields read from the paper beside `Document.inferred`'s date, title and kind, as the page names them.
_FIELD_WORDS = {"period": "period", "publisher": "publisher", "subject": "whom it is about", "body": "committee"}


def document_page(ctx: Context, d: Document) -> str:
    prefix = ctx.prefix(f"documents/{d.id}.md")
    outline = _Outline(used={*(f.key for f in d.findings), *_PAGE_IDS, slugify(d.title, "-")})
    body = _body(ctx, d, prefix, outline)
    out = [page_head(d.title, description=_description(d))]
    meta = [("Date", long_date(d.date))]
    if d.period:
        meta.append(("Period covered", period_words(d.period)))
    meta.append(("Kind", d.kind.value))
    if d.body or d.kind in MEETING_KINDS:  # an inspection or a plan belongs to no committee: nothing to record
        meta.append(("Body", d.body or "not recorded"))
    if d.publisher and d.publisher != ctx.publisher:
        meta.append(("Published by", d.publisher))
    if d.subject:
        meta.append(("About", d.subject))
    read = [*d.inferred, *(_FIELD_WORDS[k] for k in _FIELD_WORDS if k in d.provenance and k not in d.inferred)]
    if read:  # what an officer should check, and may give in the manifest instead
        meta.append(("Read from the paper itself", ", ".join(read)))
    meta.append(("Findings", str(len(d.findings))))
    rows = "".join(f"<tr><th scope=\"row\">{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in meta)
    out.append(raw(f'<table class="meta"><tbody>{rows}</tbody></table>') + "\n\n")
    out.append(_contents(outline, bool(d.items)))
    out.append("## Where it was published {: #where-it-was-published }\n\n")
    out.append(raw(f'<ul class="sources">{_sources(ctx, d, prefix)}</ul>') + "\n\n")
    if d.items:
        out.append("## Agenda {: #agenda }\n\n" + raw(agenda_list(ctx, d, prefix)) + "\n\n")
    out.append("## Text {: #text }\n\n")
    themes = sorted({t for f in d.findings for t in f.themes})
    filters = "".join(f'<span data-pagefind-filter="theme">{esc(ctx.theme_labels.get(t, t))}</span>' for t in themes)
    filters += "".join(f'<span data-pagefind-filter="year">{esc(y)}</span>' for y in listed_years(d))
    out.append(
        # Sorting by date leaves out pages without the key (Pagefind): undated papers sort first or last instead.
        f'<div data-pagefind-body data-pagefind-meta="date:{esc(d.date or "undated")}" data-pagefind-sort="date:{esc(d.date or "0000-00-00")}" markdown="1">'
        f'<div hidden data-pagefind-ignore="index"><span data-pagefind-meta="title">{esc(d.title)} ({esc(date_line(d))})</span>'
        f'<span data-pagefind-meta="kind">{esc(d.kind)}</span>'
        f'<span data-pagefind-filter="type">paper</span><span data-pagefind-filter="document kind">{esc(d.kind)}</span>{filters}</div>\n\n'
    )
    out.append(body)
    out.append("\n\n</div>\n")
    return "".join(out)


def _description(d: Document) -> str:
    what = f"{d.kind.value[:1].upper()}{d.kind.value[1:]}, {date_line(d)}"
    if d.body:
        what += f", {d.body}"
    return f"{what}: {len(d.findings)} findings, each with its page and a citation."


def _contents(outline: _Outline, agenda: bool) -> str:
    """The page's contents for screens without Material's contents sidebar (phones, tablets):
    the same headings, folded."""
    items = [(2, "Where it was published", "where-it-was-published")]
    if agenda:
        items.append((2, "Agenda", "agenda"))
    items.append((2, "Text", "text"))
    items += [(lvl, words, hid) for lvl, words, hid in outline.toc if lvl <= BASE + 1]
    links = "".join(f'<li class="level-{lvl}"><a href="#{esc(hid)}">{esc(words)}</a></li>' for lvl, words, hid in items)
    return raw(f'<details class="page-contents"><summary>Contents of this page</summary><ul>{links}</ul></details>') + "\n\n"


def _sources(ctx: Context, d: Document, prefix: str) -> str:
    """Where the paper was published, in words: its PDF, the agenda pack it was an item of, the
    original's address. File names stay in the open data (documents.json)."""
    items = []
    has_pdf = any(s.href and not s.pack for s in d.sources)
    for s in d.sources:
        original = safe_url(s.url)
        more = f' (<a href="{esc(original)}">the original</a>)' if original else ""
        if s.pack:
            pack = ctx.docs.get(s.pack)
            name = esc(pack.title) if pack else esc(s.pack)
            pages = f", pages {esc(s.pages)}" if s.pages else ""
            items.append(f'<li>Agenda item {esc(s.item)} of <a href="{prefix}meetings/{esc(s.pack)}/">{name}</a>{pages}{more}</li>')
        elif s.href:
            items.append(f'<li><a href="{prefix}{esc(href(s.href))}">The paper as published (PDF)</a>{more}</li>')
        elif not has_pdf or original:
            items.append(f"<li>A copy of the paper's text{more}; the site has no PDF of it, so its pages are not shown</li>"
                         if not has_pdf else f"<li>A copy of the paper's text{more}</li>")
    return "".join(dict.fromkeys(items))


def _body(ctx: Context, d: Document, prefix: str, outline: _Outline) -> str:
    """The document in reading order: headings where its findings' sections change, each finding
    once, where it starts, and the lines around them."""
    sections = {s for f in d.findings for s in f.section}
    blocks = d.blocks
    # The section path of the next finding from each block on, to place a section's heading where
    # the paper prints it.
    ahead: list[list[str] | None] = [None] * (len(blocks) + 1)
    for i in range(len(blocks) - 1, -1, -1):
        found = _block_findings(ctx, blocks[i])
        ahead[i] = (_table_path(found) if blocks[i].type == "table" else found[0].section) if found else ahead[i + 1]
    # The paper's own title, printed as a heading before its first finding: the headings up to it
    # are its cover (the committee, the date, "Report of the Director"), not sections.
    titles = {_plain(t) for t in (d.title, d.short_title) if t}
    first = next((i for i, blk in enumerate(blocks) if _block_findings(ctx, blk)), len(blocks))
    title_at = next((i for i, blk in enumerate(blocks[:first]) if blk.type == "heading" and _plain(blk.text) in titles), None)
    out: list[str] = []
    lines: list[str] = []  # lines of text between findings, shown together
    done: set[str] = set()

    def flush() -> None:
        if lines:
            out.append(raw(f'<div class="context">{"".join(lines)}</div>') + "\n\n")
            lines.clear()

    for i, b in enumerate(blocks):
        if b.type == "heading":
            if b.finding_id and b.finding_id in ctx.findings:
                # A numbered heading that is itself a finding (an agreed priority): its heading
                # text opens the finding, so it is shown with it rather than as a heading.
                if b.finding_id not in done:
                    flush()
                    done.add(b.finding_id)
                    f = ctx.findings[b.finding_id]
                    out.append(outline.enter(f.section))
                    out.append(raw(ctx.block(f, prefix, level=outline.level)) + "\n\n")
                continue
            path = ahead[i + 1] or []
            if b.text in sections and b.text in path:
                flush()
                out.append(outline.enter(path[: path.index(b.text) + 1]))
            elif (title_at is None or i > title_at) and _heads(blocks, i, sections, titles):
                # A heading the findings do not name, over text of its own ("Contact Details").
                flush()
                outline.current = []
                out.append(outline.heading(BASE, b.text))
                outline.current = [b.text]
                outline.shown.add((b.text,))
            else:
                # A cover line, the paper's own title again, a signature: a line, not a heading.
                lines.append(f'<p class="cover-line">{inline(b.text, ctx.abbr)}</p>')
        elif b.type == "table":
            found = _table_findings(ctx, b)
            flush()
            if found:
                out.append(outline.enter(_table_path(found)))
            out.append(raw(_table(ctx, b, prefix, done, outline, found)) + "\n\n")
        elif b.finding_id:
            # A finding spans its first block and any continuation paragraphs: shown once.
            if b.finding_id not in done and b.finding_id in ctx.findings:
                flush()
                done.add(b.finding_id)
                f = ctx.findings[b.finding_id]
                out.append(outline.enter(f.section))
                out.append(raw(ctx.block(f, prefix, level=outline.level)) + "\n\n")
        else:
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if nxt is not None and nxt.type == "table" and ahead[i + 1] and ahead[i + 1] != outline.current:
                # "The table below highlights the good practice...": it opens the table's section.
                flush()
                out.append(outline.enter(ahead[i + 1] or []))
            lines.append(text(b.text, ctx.abbr))
    flush()
    return "".join(out)


def _plain(words: str) -> str:
    return " ".join(words.replace("\u2019", "'").lower().split())


def _heads(blocks: list[Block], i: int, sections: set[str], titles: set[str]) -> bool:
    """Whether the heading line at `i`, which no finding's section names, heads anything: text of
    its own ("Contact Details"), a finding, or headings that do ("Council Plan priorities" over
    its three priorities). A signature ("Paul Curran" over "Head of Programme" at the end) heads
    nothing."""
    for nxt in blocks[i + 1:]:
        if nxt.type != "heading" or nxt.finding_id or nxt.text in sections:
            return True
        if _plain(nxt.text) in titles:
            return False
    return False


def _table(ctx: Context, b: Block, prefix: str, done: set[str], outline: _Outline, found: list[Finding]) -> str:
    """Rebuild a table from its cells; each finding in it keeps its anchor and Cite button. In a
    review's table the first column is the area its bullets are about: a heading (Pagefind titles
    a result by it), repeated as "(continued)" on a row a page break split from its area."""
    caption = f"<caption>{inline(b.caption, ctx.abbr)}</caption>" if b.caption else ""
    review = _is_review_table(found)
    level = outline.level
    rows = []
    for r in b.rows:
        row_findings = [ctx.findings[p.finding_id] for c in r.cells for p in c.parts
                        if p.finding_id and p.finding_id in ctx.findings and p.finding_id not in done]
        cells = []
        for n, c in enumerate(r.cells):
            if review and n == 0:
                cells.append(_area_cell(r.cells[0].text, row_findings, outline, level))
                continue
            parts = []
            for p in c.parts:
                if p.finding_id and p.finding_id in ctx.findings:
                    if p.finding_id in done:
                        continue  # the rest of a finding already shown whole
                    done.add(p.finding_id)
                    parts.append(ctx.block(ctx.findings[p.finding_id], prefix, level=level + 1 if review else level))
                else:
                    parts.append(f"<p>{inline(p.text, ctx.abbr)}</p>")
            cells.append(f"<td>{''.join(parts)}</td>")
        if review and not row_findings and not any(p.text.strip() for c in r.cells[1:] for p in c.parts if not p.finding_id):
            continue  # only the rest of a finding shown above: nothing new in this row
        anchor = ""
        if r.finding_id and r.finding_id in ctx.findings and r.finding_id not in done:
            f = ctx.findings[r.finding_id]
            done.add(r.finding_id)
            # The row's label as a heading at its start (visually hidden: the row shows it by its
            # place), so Pagefind's result for a match in the row opens at the row.
            label = (f'<h{level} class="flabel row-label visually-hidden" id="{esc(f.key)}">{esc(f.label)}</h{level}>')
            cells[0] = cells[0].replace("<td>", f"<td>{label}", 1) if cells else f"<td>{label}</td>"
            cells.append(f'<td class="row-cite">{cite_button(f, ctx.cite(f), ctx.permalink(f, prefix))}</td>')
        rows.append(f"<tr{anchor}>{''.join(cells)}</tr>")
    kind = "review-table" if review else "source-table"
    table = f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="{kind}">{caption}<tbody>{"".join(rows)}</tbody></table></div></div>'
    if review or len(rows) <= FOLD_ROWS:
        return table
    # A table of figures folds on a phone (site.js closes it there; it opens to a link into it):
    # an annual report's twenty-five tables made its page 26,000 px longer on a phone.
    name = inline(b.caption, ctx.abbr) if b.caption else "Table"
    return f'<details class="table-fold" open><summary>{name} ({len(rows)} rows)</summary>{table}</details>'


def _area_cell(printed: str, row_findings: list[Finding], outline: _Outline, level: int) -> str:
    area = (row_findings[0].section[-1] if row_findings and row_findings[0].section else printed) or outline.area
    if not area:
        return "<td></td>"
    key = (*outline.current, area)
    words = area if key not in outline.shown else f"{area} (continued)"
    outline.shown.add(key)
    outline.area = area
    hid = outline.new_id(words)
    return f'<td class="area"><h{level} class="area-label" id="{esc(hid)}">{esc(words)}</h{level}></td>'


def agenda_list(ctx: Context, d: Document, prefix: str) -> str:
    rows = []
    for item in d.items:
        title = esc(item.title)
        if item.document_id and item.document_id in ctx.docs:
            title = f'<a href="{prefix}documents/{esc(item.document_id)}/">{title}</a>'
        elif item.document_id:
            canonical = ctx.published_in.get(d.id, {}).get(item.number)
            if canonical:
                title = f'<a href="{prefix}documents/{esc(canonical)}/">{title}</a>'
        rows.append(f"<tr><td>{esc(item.number)}</td><td>{title}</td><td>{esc(item.pages or '')}</td></tr>")
    return f'<table><thead><tr><th scope="col">Item</th><th scope="col">Title</th><th scope="col">Pages</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'

