"""Follow-through between reviews as readers see it: who made each link and how sure it is, in
words, and the follow-through register pages.

The rules' score (0-1) stays in the open data (`links.jsonl`); a reader sees what it means. On the
labelled links of the seed reviews (tests/labelled), links scoring at least STRONG_MATCH were
mostly a reader's and those below it about half the time: "strong match" and "possible match"
(the README's "Adding papers" gives the counts, checked by tests/test_readme_figures.py)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ingest.document.infer import long_date
from ingest.model import Document, Finding, Link
from ingest.site.fragments import raw
from ingest.site.html import esc, inline, md_heading, md_inline, page_head, text, where

if TYPE_CHECKING:
    from ingest.site.pages import Context

STRONG_MATCH = 0.45


def pairs(ctx: Context) -> list[tuple[Document, Document]]:
    from ingest.corpus.link import series_pairs

    return series_pairs(list(ctx.corpus.documents))


def short(d: Document) -> str:
    return d.short_title or f"{d.title} ({(d.date or '')[:4]})"


def standing(links: list[Link]) -> str:
    """Who made a link and how sure it is: "confirmed by an officer", else "suggested by the
    rules: strong match" or "...: possible match" (the best of several links)."""
    if any(lk.confirmed for lk in links):
        return "confirmed by an officer"
    best = max((lk.score for lk in links), default=0.0)
    return f"suggested by the rules: {'strong' if best >= STRONG_MATCH else 'possible'} match"


def no_match(year: str) -> str:
    """What "not taken up" in the open data means: the rules found no passage on the matter,
    which is not the same as the council doing nothing."""
    return f"No matching passage found in the {year} review" if year else "No matching passage found in the later review"


def why_linked(lk: Link) -> str:
    """The evidence of a link in plain words: an officer's note first, then the themes, the
    related terms and the words the two findings share."""
    said, themes, concepts, words = [], [], [], []
    for e in lk.evidence:
        kind, _, value = e.partition(": ")
        if kind == "theme":
            themes.append(value)
        elif kind == "concept":
            concepts.append(value.replace("-", " "))
        elif kind == "word":
            words.append(f"\u201c{value}\u201d")
        else:  # an officer's confirmation, addition or rejection, as written
            said.append(e[:1].upper() + e[1:])
    if themes:
        said.append("Both on " + _and(themes) + (f" ({', '.join(concepts[:4])})" if concepts else ""))
    elif concepts:
        said.append("Both about " + ", ".join(concepts[:4]))
    if words:
        said.append(f"shared word{'s' if len(words) > 1 else ''}: " + ", ".join(words[:6]))
    return "; ".join(said) + "." if said else ""


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def follow_up(ctx: Context) -> dict[str, tuple[str, str]]:
    """Finding id -> (its row in a follow-through register, in words what it says) for the
    findings of reviews in a series: what the next review said on an earlier finding and how sure
    the link is ("2019 review: the concern recurs (suggested by the rules: strong match)", "No
    matching passage found in the 2019 review"), and which earlier findings a later one follows
    up. A finding, wherever it is shown, links to its register row."""
    out: dict[str, tuple[str, str]] = {}
    for earlier, later in pairs(ctx):
        page = f"follow-through/{earlier.id}--{later.id}/"
        year, earlier_year = later.reporting_year, earlier.reporting_year
        by_source: dict[str, list[Link]] = defaultdict(list)
        by_target: dict[str, list[str]] = defaultdict(list)
        for lk in ctx.links_of.get(earlier.id, []):
            if lk.source:
                by_source[lk.source].append(lk)
                if lk.target:
                    by_target[lk.target].append(lk.source)
        for source, links in by_source.items():
            said = [lk for lk in links if lk.target]
            relations = "; ".join(dict.fromkeys(lk.relation for lk in said))
            head = f"{year} review" if len(said) == 1 else f"{year} review, {len(said)} findings"
            words = no_match(year) if not said else f"{head}: {relations} ({standing(said)})"
            out[source] = (f"{page}#{ctx.findings[source].key}", words)
        for target, sources in by_target.items():
            n = len(dict.fromkeys(sources))
            out.setdefault(target, (f"{page}#{ctx.findings[sources[0]].key}",
                                    f"Follows up {n} finding{'s' if n > 1 else ''} of the {earlier_year} review"))
    return out


def follow_through(ctx: Context, earlier: Document, later: Document) -> str:
    from ingest.site.pages import prefix_for

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
    title = f"Follow-through: {short(earlier)} to {short(later)}"
    out = [page_head(title, description=f"What {short(later)} said on each finding of {short(earlier)}, with how each link was made.")]
    out.append(f"For each finding of *{md_inline(earlier.title)}* ({long_date(earlier.date)}), what *{md_inline(later.title)}* "
               f"({long_date(later.date)}) said on the same matter. The links are suggested by rules and say how close the match is "
               "(*strong match*: about four in five such links were ones careful readers made; *possible match*: about half), "
               "unless *confirmed by an officer*. *No matching passage found* means the rules found nothing on the matter in the "
               "later review, not that nothing was done.\n\n")
    linked = [s for s in by_source if any(lk.target for lk in by_source[s])]
    not_found = [s for s in by_source if not any(lk.target for lk in by_source[s])]
    new = [lk.target for lk in links if lk.source is None and lk.target]
    out.append(f"{len(linked)} findings followed up; for {len(not_found)} no matching passage was found in the {later_year} review; "
               f"{len(new)} findings new in {later_year}.\n\n")
    groups: dict[tuple[str, ...], list[Finding]] = defaultdict(list)
    order: list[tuple[str, ...]] = []
    for f in earlier.findings:
        if f.id not in by_source:
            continue
        key = tuple(f.section) or ("Other",)
        if key not in groups:
            order.append(key)
        groups[key].append(f)
    earlier_head, later_head = esc(short(earlier)), f"What the {esc(later_year)} review said"
    for key in order:
        out.append(md_heading(2, " \u2014 ".join(key)))
        rows = []
        for f in groups[key]:
            targets = [lk for lk in by_source[f.id] if lk.target and lk.target in ctx.findings]
            said = "".join(_said(ctx, lk, later, prefix) for lk in targets) or f'<p class="none">{esc(no_match(later_year))}.</p>'
            said += _possible_matches(ctx, f, later, prefix)
            rows.append(
                f'<tr id="{esc(f.key)}"><td data-label="{earlier_head}"><a href="{prefix}documents/{esc(earlier.id)}/#{esc(f.key)}">{esc(f.label)}</a> '
                f'<span class="kind">{esc(f.kind)}</span>{text(f.text, ctx.abbr)}</td><td data-label="{later_head}">{said}</td></tr>'
            )
        out.append('\n' + raw(f'<table class="register"><thead><tr><th scope="col">{earlier_head}</th>'
                   f'<th scope="col">{later_head}</th></tr></thead><tbody>{"".join(rows)}</tbody></table>') + '\n\n')
    out.append(md_heading(2, no_match(later_year)))
    out.append(raw('<ul class="plain">' + "".join(
        f'<li><a href="{prefix}documents/{esc(earlier.id)}/#{esc(ctx.findings[s].key)}">{esc(" — ".join(ctx.findings[s].section))}, {esc(ctx.findings[s].label)}</a>: {inline(ctx.findings[s].text[:240], ctx.abbr)}</li>'
        for s in not_found) + "</ul>") + "\n\n")
    out.append(md_heading(2, f"New in {later_year}"))
    out.append(raw('<ul class="plain">' + "".join(
        f'<li><a href="{prefix}documents/{esc(later.id)}/#{esc(ctx.findings[t].key)}">{esc(ctx.findings[t].label)} ({esc(ctx.findings[t].kind)})</a>: {inline(ctx.findings[t].text[:240], ctx.abbr)}</li>'
        for t in new if t in ctx.findings) + "</ul>") + "\n")
    return "".join(out)


def _said(ctx: Context, lk: Link, later: Document, prefix: str) -> str:
    """One later finding linked to an earlier one: what it says, how it bears on the earlier
    one, who made the link and how sure it is, and why."""
    t = ctx.findings[lk.target or ""]
    why = why_linked(lk)
    return (f'<div class="said"><a href="{prefix}documents/{esc(later.id)}/#{esc(t.key)}">{esc(where(t))}</a> '
            f'<span class="relation">{esc(lk.relation)}</span> {_link_standing(lk)}'
            f'{text(t.text, ctx.abbr)}' + (f'<span class="evidence">Why: {esc(why)}</span>' if why else "") + '</div>')


def _possible_matches(ctx: Context, earlier: Finding, later: Document, prefix: str) -> str:
    """The later findings that came next below the cut-offs, folded away: where many of the links
    the rules miss are, for a reader to look at and an officer to confirm (`python -m ingest review`)."""
    possible = [(lk, ctx.findings[lk.target]) for lk in ctx.possible_of.get(earlier.id, []) if lk.target in ctx.findings]
    if not possible:
        return ""
    items = "".join(
        f'<li><a href="{prefix}documents/{esc(later.id)}/#{esc(t.key)}">{esc(where(t))}</a> '
        f'{inline(_clip(t.text), ctx.abbr)}' + (f'<span class="evidence">Why: {esc(why_linked(lk))}</span>' if why_linked(lk) else "") + '</li>'
        for lk, t in possible)
    n = len(possible)
    return (f'<details class="possible"><summary>{n} weaker {"match" if n == 1 else "matches"} in {esc(later.reporting_year)}, not linked'
            f'</summary><p>Below the rules\u2019 cut-off for a link and not checked by an officer, who can confirm any that is right.</p>'
            f'<ul class="plain">{items}</ul></details>')


def _clip(value: str, width: int = 240) -> str:
    """The opening of a text, cut at a word and marked as cut."""
    return value if len(value) <= width else value[:width].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def _link_standing(lk: Link) -> str:
    """Who made the link and how sure it is, in words: an officer's confirmation, or the rules'
    suggestion with its strength (the score itself is in the open data)."""
    if lk.confirmed:
        return '<span class="confirmed">confirmed by an officer</span>'
    return f'<span class="standing">{esc(standing([lk]))}</span>'


def follow_through_index(ctx: Context) -> str:
    out = [page_head("Follow-through registers", description="Each review's findings followed into the next review in its series."),
           "Each register follows the findings of one review into the next review in its series.\n\n"]
    for earlier, later in pairs(ctx):
        out.append(f"- [{md_inline(short(earlier))} to {md_inline(short(later))}]({earlier.id}--{later.id}.md)\n")
    return "".join(out)
