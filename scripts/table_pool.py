"""Measure how tables are read on a folder of unlabelled PDFs (issue 14's audit pool).

Example: python scripts/table_pool.py /tmp/auditT-pool              (one row a paper, totals)
         python scripts/table_pool.py /tmp/auditT-pool --pages      (also one row a page with signs)
         python scripts/table_pool.py /tmp/auditT-pool --no-plumber (skip pdfplumber's finder)
         python scripts/table_pool.py /tmp/tables-pool --rows rows.yaml (also rows judged by hand)

With --rows, a YAML file of rows a reader wrote from the page images (`rows:` a list of `file`,
`pdf_page`, `header`, `cells`, optionally `kind`) is scored as the labelled papers' rows are
(`evaluate_real.row_is_whole`): rows whole, by kind, and each miss.

No labels: the figures are the signs of a table read as text, for a reader to check on the page.
- short: findings of fewer than three words;
- runs: runs of three or more findings in a row, each under five words, on one page (a table's
  cells read as paragraphs);
- rows: table-row findings (kind "table row", or a finding whose text joins cells with " | ");
- bare: table-cell findings that are a bare number, a percentage or one short cell;
- plumber: pages where pdfplumber's table finder sees a table of two rows and two columns or
  more (lines strategy, then text strategy), and of those how many pages hold no table row of
  ours; it is slow, so it runs only on pages that hold a short run, a table row, or figures
  side by side (the same cheap screen the extraction uses, `unruled.TWO_VALUES`).
The papers are built by the product's orchestrator, all in one corpus, without rendering.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

_BARE = re.compile(r"^[-+(£$€]?\d[\d,.]*\s?%?\)?$")


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def build(pool: Path, work: Path) -> Any:
    from evaluate_real import build_pdfs

    return build_pdfs(sorted(pool.glob("*.pdf")), work)


def is_row(f: Any) -> bool:
    return f.kind == "table row" or " | " in f.text


def page_signs(findings: list[Any]) -> dict[int, dict[str, int]]:
    """Per PDF page: short findings, findings in short runs, table rows, bare cells."""
    out: dict[int, dict[str, int]] = defaultdict(lambda: {"findings": 0, "short": 0, "runs": 0, "rows": 0, "bare": 0})
    run: list[Any] = []

    def close() -> None:
        if len(run) >= 3:
            out[run[0].pdf_page or run[0].page or 0]["runs"] += len(run)
        run.clear()

    for f in findings:
        page = getattr(f, "pdf_page", None) or f.page or 0
        s = out[page]
        s["findings"] += 1
        s["short"] += words(f.text) < 3
        if is_row(f):
            s["rows"] += 1
            cells = [c.split(": ", 1)[-1] for c in f.text.split(" | ")]
            s["bare"] += len(cells) == 1 and (bool(_BARE.match(cells[0].strip())) or words(cells[0]) < 3)
        if words(f.text) < 5 and (not run or (run[-1].pdf_page or run[-1].page) == page):
            run.append(f)
        else:
            close()
            if words(f.text) < 5:
                run.append(f)
    close()
    return out


def plumber_tables(path: Path, pages: set[int]) -> set[int]:
    """The pages (1-based) of `pages` where pdfplumber finds a table of 2x2 cells or more."""
    import pdfplumber

    found: set[int] = set()
    with pdfplumber.open(str(path)) as pdf:
        for n in sorted(pages):
            if n < 1 or n > len(pdf.pages):
                continue
            page = pdf.pages[n - 1]
            try:
                for strategy in ("lines", "text"):
                    tables = page.find_tables({"vertical_strategy": strategy, "horizontal_strategy": strategy})
                    if any(len(t.rows) >= 2 and max((len(r.cells) for r in t.rows), default=0) >= 2
                           and sum(1 for c in t.extract()[0] if c) >= 2 for t in tables):
                        found.add(n)
                        break
            finally:
                page.close()
    return found


def two_values_pages(path: Path) -> set[int]:
    import pypdfium2

    from ingest.document.extract.grids import TWO_VALUES

    out: set[int] = set()
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        for i, page in enumerate(pdf):
            tp = page.get_textpage()
            if len(TWO_VALUES.findall(tp.get_text_range())) >= 3:
                out.add(i + 1)
            tp.close()
            page.close()
    finally:
        pdf.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pool", type=Path)
    ap.add_argument("--pages", action="store_true", help="one row a page that shows a sign")
    ap.add_argument("--no-plumber", action="store_true")
    ap.add_argument("--rows", type=Path, help="rows judged by reading the pages (YAML), scored as the labels are")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = build(args.pool, Path(tmp))
    took = time.perf_counter() - t0
    totals = defaultdict(int)
    print(f"{'paper':44} {'finds':>5} {'short':>5} {'runs':>5} {'rows':>5} {'bare':>4} {'plumb':>5} {'missed':>6}")
    for path in sorted(args.pool.glob("*.pdf")):
        docs = [d for d in corpus.documents if any(s.file == path.name for s in d.sources)]
        findings = [f for d in docs for f in d.findings]
        signs = page_signs(findings)
        plumb: set[int] = set()
        if not args.no_plumber:
            screen = {p for p, s in signs.items() if s["runs"] or s["rows"]} | two_values_pages(path)
            plumb = plumber_tables(path, screen)
        missed = {p for p in plumb if not signs.get(p, {}).get("rows")}
        row = {k: sum(s[k] for s in signs.values()) for k in ("findings", "short", "runs", "rows", "bare")}
        row["plumb"], row["missed"] = len(plumb), len(missed)
        for k, v in row.items():
            totals[k] += v
        print(f"{path.name[:44]:44} {row['findings']:5} {row['short']:5} {row['runs']:5} {row['rows']:5} {row['bare']:4} "
              f"{row['plumb']:5} {row['missed']:6}")
        if args.pages:
            for p in sorted(set(signs) | plumb):
                s = signs.get(p, {"findings": 0, "short": 0, "runs": 0, "rows": 0, "bare": 0})
                if s["short"] or s["runs"] or s["bare"] or p in missed:
                    print(f"    p{p:<3} findings {s['findings']:3} short {s['short']:3} runs {s['runs']:3} rows {s['rows']:3} "
                          f"bare {s['bare']:2}{'  plumber sees a table we do not' if p in missed else ''}")
    n = totals["findings"] or 1
    print(f"{'TOTAL':44} {totals['findings']:5} {totals['short']:5} {totals['runs']:5} {totals['rows']:5} {totals['bare']:4} "
          f"{totals['plumb']:5} {totals['missed']:6}")
    print(f"short share {totals['short'] / n:.3f}, in short runs {totals['runs'] / n:.3f}, build {took:.1f} s")
    if args.rows:
        score_rows(corpus, yaml.safe_load(args.rows.read_text(encoding="utf-8"))["rows"])
    return 0


def score_rows(corpus: Any, rows: list[dict[str, Any]]) -> None:
    """Rows judged by hand, whole or not, in all and by kind; each miss with its paper's page."""
    from evaluate_real import norm, row_is_whole

    texts: dict[str, list[str]] = {}
    for d in corpus.documents:
        for src in d.sources:
            texts.setdefault(src.file, []).extend(norm(f.text) for f in d.findings)
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for row in rows:
        whole = row_is_whole(row, texts.get(row["file"], []))
        for k in ("all", row.get("kind") or "other"):
            by_kind[k][0] += whole
            by_kind[k][1] += 1
        if not whole:
            misses.append(f"  miss: {row['file']} p{row.get('pdf_page')} {row['cells']}")
    right, total = by_kind.pop("all")
    print(f"rows judged by hand whole {right / total:.3f} ({right}/{total})")
    for k, (r, t) in sorted(by_kind.items()):
        print(f"  {k:30} {r}/{t}")
    print("\n".join(misses))


if __name__ == "__main__":
    sys.exit(main())
