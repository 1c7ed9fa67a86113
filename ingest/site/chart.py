"""Findings per year by document: a stacked bar chart as inline SVG, made at build time.

No chart library and no CDN: the SVG is plain markup with a text alternative and a data table,
so it reads the same to a screen reader and prints cleanly."""

from __future__ import annotations

from collections import defaultdict

from ingest.site.html import esc

# Colour-blind-safe palette (Okabe-Ito) with enough contrast on white.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999933"]


def year_chart(counts: dict[tuple[str, str], int], doc_titles: dict[str, str], title: str) -> str:
    """counts: (year, series) -> findings, where a series is a document or a kind of paper, named
    in `doc_titles`. Returns an accessible <figure>."""
    if not counts:
        return ""
    years = sorted({y for y, _ in counts})
    first: dict[str, str] = {}
    for y, d in counts:
        first[d] = min(first.get(d, y), y)
    docs = sorted(first, key=lambda d: (first[d], d))  # in order of first appearance
    colour = {d: PALETTE[i % len(PALETTE)] for i, d in enumerate(docs)}
    totals: dict[str, int] = defaultdict(int)
    for (y, _), n in counts.items():
        totals[y] += n
    top = max(totals.values())
    width, height, left, bottom, bar = 60 + 70 * len(years), 220, 40, 30, 40
    scale = (height - bottom - 20) / top
    parts = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-labelledby="chart-title chart-desc" class="year-chart">',
             f'<title id="chart-title">{esc(title)}</title>',
             f'<desc id="chart-desc">{esc(", ".join(f"{y}: {totals[y]} findings" for y in years))}</desc>',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="#333"/>']
    for i, y in enumerate(years):
        x = left + 15 + i * 70
        base: float = height - bottom
        for d in docs:
            n = counts.get((y, d), 0)
            if not n:
                continue
            h = n * scale
            base -= h
            parts.append(f'<rect x="{x}" y="{base:.1f}" width="{bar}" height="{h:.1f}" fill="{colour[d]}"><title>{esc(doc_titles[d])}: {n}</title></rect>')
        parts.append(f'<text x="{x + bar / 2}" y="{height - bottom + 18}" text-anchor="middle" font-size="13" fill="#222">{esc(y)}</text>')
        parts.append(f'<text x="{x + bar / 2}" y="{base - 4:.1f}" text-anchor="middle" font-size="12" fill="#222">{totals[y]}</text>')
    parts.append("</svg>")
    legend = "".join(f'<li><span class="swatch" style="background:{colour[d]}"></span>{esc(doc_titles[d])}</li>' for d in docs)
    rows = "".join(f"<tr><td>{esc(y)}</td><td>{esc(doc_titles[d])}</td><td>{counts[(y, d)]}</td></tr>" for y in years for d in docs if counts.get((y, d)))
    table = f'<details><summary>Chart data</summary><table><thead><tr><th>Year</th><th>Document</th><th>Findings</th></tr></thead><tbody>{rows}</tbody></table></details>'
    return f'<figure class="chart">{"".join(parts)}<figcaption><ul class="legend">{legend}</ul></figcaption>{table}</figure>'
