"""List the tuning half's short findings (fewer than three words) with their page and neighbours.

Example: python scripts/short_findings.py                       (every tuning paper)
         python scripts/short_findings.py --only minutes --counts   (a tally by the block's type)

Each short finding is printed with its page, kind and label, the type of the block that opened it,
and the blocks before and after it (type and opening words): enough to see why segmentation left
it alone (a bullet of one word, a numbered title set in body type, a vote's "For (5)"). The
held-out half is never built here: no rule is to be written from it (see evaluate_real.py).
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate_real import build_papers, load_labels, words  # noqa: E402


def _line(b: Any) -> str:
    return f"{b.type[:4]:4} {b.text[:90]!r}" if b is not None else "-"


def short_findings(corpus: Any, names: set[str]) -> list[tuple[str, Any, Any, Any, Any]]:
    """(paper, finding, its block, the block before, the block after) for each short finding."""
    out = []
    for doc in corpus.documents:
        paper = next((s.file for s in doc.sources if s.file in names), None)
        if paper is None:
            continue
        blocks = [b for b in doc.blocks if b.type != "furniture"]
        opened = {b.finding_id: i for i, b in reversed(list(enumerate(blocks))) if b.finding_id}
        for f in doc.findings:
            if words(f.text) >= 3:
                continue
            i = opened.get(f.id)
            at = blocks[i] if i is not None else None
            before = blocks[i - 1] if i else None
            after = blocks[i + 1] if i is not None and i + 1 < len(blocks) else None
            out.append((paper, f, at, before, after))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="only papers whose file name contains this")
    ap.add_argument("--counts", action="store_true", help="only the tally by the opening block's type")
    args = ap.parse_args(argv)
    papers = [p for p in load_labels() if p.half == "tune" and (not args.only or args.only in p.name)]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = build_papers(papers, Path(tmp))
    rows = short_findings(corpus, {p.name for p in papers})
    tally = collections.Counter(at.type if at is not None else "?" for _, _, at, _, _ in rows)
    if not args.counts:
        for paper, f, at, before, after in rows:
            print(f"{paper} p{f.pdf_page or f.page} [{f.kind}] {f.label!r}: {f.text!r}")
            print(f"    before {_line(before)}\n    this   {_line(at)}\n    after  {_line(after)}")
    total = sum(len(d.findings) for d in corpus.documents)
    print(f"{len(rows)} short findings of {total}; by block: {dict(tally)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
