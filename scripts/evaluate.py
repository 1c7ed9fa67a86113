"""Print per-theme precision, recall and F1, and link precision and recall, on the labelled set.

Example: python scripts/evaluate.py            (add --errors to list every miss)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ingest.evaluate import analyse_corpus, evaluate

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--labelled", type=Path, default=ROOT / "tests" / "labelled")
    ap.add_argument("--errors", action="store_true", help="list false positives and negatives")
    args = ap.parse_args()
    corpus = analyse_corpus(args.corpus)
    ev = evaluate(corpus, args.labelled)
    texts = {f.id: f.text for f in corpus.findings()}
    evidence = {f.id: f.evidence for f in corpus.findings()}
    print(f"Labelled findings: {ev.labelled_findings} (missing ids: {len(ev.missing_ids)})")
    print(f"{'theme':38} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
    for theme, prf in sorted(ev.themes.items()):
        print(f"{theme:38} {prf.precision:6.3f} {prf.recall:6.3f} {prf.f1:6.3f} {prf.tp:4} {prf.fp:4} {prf.fn:4}")
    m = ev.micro
    print(f"{'micro':38} {m.precision:6.3f} {m.recall:6.3f} {m.f1:6.3f} {m.tp:4} {m.fp:4} {m.fn:4}")
    lk = ev.links
    print(f"links: precision {lk.precision:.3f} recall {lk.recall:.3f} (tp {lk.tp}, fp {lk.fp}, fn {lk.fn})")
    if args.errors:
        for fid, theme, what in sorted(ev.theme_errors, key=lambda e: (e[1], e[2])):
            words = evidence.get(fid, {}).get(theme, []) if what == "fp" else []
            print(f"  {what} {theme:30} {fid.split('/')[-1][:40]:40} {words} {texts.get(fid, '')[:110]!r}")
        for s, t, what in ev.link_errors:
            print(f"  link {what} {s} -> {t}\n      {texts.get(s, '')[:100]!r}\n      {texts.get(t, '')[:100]!r}")


if __name__ == "__main__":
    main()
