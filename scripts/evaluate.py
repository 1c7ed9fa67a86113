"""Print per-theme precision, recall and F1, and link precision and recall, on the labelled set.

Example: python scripts/evaluate.py            (add --errors to list every miss)
         python scripts/evaluate.py --by-document --errors --split tuning

The labelled documents fall in two halves (tools/evaluate.py TUNING_DOCUMENTS): the rules were
written from the errors on the tuning half; the held-out half says how they do on other papers.
`--by-document` prints micro figures per document and per half, and per-theme F1 on each half.
Then the same on a second reader's blind labels (tests/labelled/second-reader: the findings the
first set leaves out, and the links read again), and how far the two readers' links agree; and
a third reader's blind themes for the first set's findings: the tagger and the first reader
against them; and a reader's blind relations for the labelled links (tests/labelled/relations):
how often the linker's wording ("the concern recurs", "progress is reported"...) is theirs; the
links against an adjudicated set (tests/labelled/adjudicated: what both readers linked, and
the disputed pairs an adjudicator kept); and the tagger against each reader with table rows
tagged by their own words or by their table's heading (the taxonomy's `table_rows`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tools/ is beside the package, not in it
from ingest.corpus.tagger import load_taxonomy  # noqa: E402
from tools.evaluate import (  # noqa: E402
    PRF,
    Evaluation,
    adjudicated_links,
    built_corpus,
    evaluate,
    reader_agreement,
    relation_agreement,
    score_links,
    split_of,
    table_row_conventions,
    theme_agreement,
)

ROOT = Path(__file__).resolve().parent.parent


def _row(name: str, prf: PRF) -> str:
    return f"{name:38} {prf.precision:6.3f} {prf.recall:6.3f} {prf.f1:6.3f} {prf.tp:4} {prf.fp:4} {prf.fn:4}"


def _prf(prf: PRF) -> str:
    return f"precision {prf.precision:.3f} recall {prf.recall:.3f} F1 {prf.f1:.3f} (tp {prf.tp}, fp {prf.fp}, fn {prf.fn})"


def _print_themes(ev: Evaluation) -> None:
    print(f"{'theme':38} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
    for theme, prf in sorted(ev.themes.items()):
        print(_row(theme, prf))
    print(_row("micro", ev.micro))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--labelled", type=Path, default=ROOT / "tests" / "labelled")
    ap.add_argument("--errors", action="store_true", help="list false positives and negatives")
    ap.add_argument("--by-document", action="store_true", help="micro figures per document and per half")
    ap.add_argument("--split", choices=["tuning", "held-out"], help="list errors of this half only")
    ap.add_argument("--second-reader", type=Path, default=ROOT / "tests" / "labelled" / "second-reader",
                    help="a second reader's blind labels, which no rule is written from (default: %(default)s)")
    ap.add_argument("--third-reader", type=Path, default=ROOT / "tests" / "labelled" / "third-reader",
                    help="a third reader's blind theme labels of the first set's findings (default: %(default)s)")
    ap.add_argument("--adjudicated", type=Path, default=ROOT / "tests" / "labelled" / "adjudicated",
                    help="an adjudicator's decisions on the links the first two readers disputed (default: %(default)s)")
    ap.add_argument("--relations", type=Path, default=ROOT / "tests" / "labelled" / "relations",
                    help="a reader's blind relations for the labelled links (default: %(default)s)")
    args = ap.parse_args()
    corpus = built_corpus(args.corpus)
    ev = evaluate(corpus, args.labelled)
    texts = {f.id: f.text for f in corpus.findings()}
    evidence = {f.id: f.evidence for f in corpus.findings()}
    print(f"Labelled findings: {ev.labelled_findings} (missing ids: {len(ev.missing_ids)})")
    _print_themes(ev)
    print(f"links: {_prf(ev.links)}")
    print(f"links and possible matches together (what `python -m ingest review` puts before an officer): {_prf(ev.review)}")
    if args.by_document:
        print("\nper document (micro)")
        for doc, prf in sorted(ev.by_document.items()):
            print(_row(f"[{split_of(doc + '/')[:4]}] {doc}"[:38], prf))
        for half, prf in sorted(ev.by_split.items()):
            print(_row(f"{half} half", prf))
        halves = sorted(ev.themes_by_split)
        print(f"\nper theme F1 by half: {'  '.join(halves)}")
        for theme in sorted(ev.themes):
            cells = []
            for half in halves:
                prf = ev.themes_by_split[half].get(theme)
                cells.append(f"{prf.f1:6.3f} ({prf.tp}/{prf.fp}/{prf.fn})" if prf else f"{'-':>6}")
            print(f"{theme:38} " + "  ".join(f"{c:18}" for c in cells))
    if args.second_reader and args.second_reader.is_dir() and args.second_reader != args.labelled:
        second = evaluate(corpus, args.second_reader)
        agree = reader_agreement(args.labelled, args.second_reader)
        print(f"\nsecond reader, blind ({args.second_reader.name}): {second.labelled_findings} other findings, no rule written from them")
        _print_themes(second)
        print(f"links against the second reader: {_prf(second.links)}")
        print(f"links and possible matches together, against the second reader: {_prf(second.review)}")
        print(f"the second reader's links against the first: {_prf(agree)}: how far two readers agree")
        if args.adjudicated and (args.adjudicated / "adjudication.yaml").is_file():
            gold, undecided = adjudicated_links(args.labelled, args.second_reader, args.adjudicated)
            links, _ = score_links(corpus, gold)
            print(f"links against the adjudicated set ({sum(map(len, gold.values()))} links: the two readers' "
                  f"agreed ones and the disputed ones an adjudicator kept): {_prf(links)}")
            review, _ = score_links(corpus, gold, with_possible=True)
            print(f"links and possible matches together, against the adjudicated set: {_prf(review)}")
            for s, t in undecided:
                print(f"  not adjudicated (the readers' labels changed since?): {s} -> {t}")
    if args.third_reader and (args.third_reader / "themes.yaml").is_file():
        tagged = {f.id: set(f.themes) for f in corpus.findings()}
        print(f"\nthird reader, blind ({args.third_reader.name}), on the first set's findings (micro):")
        print(f"the tagger against the third reader: {_prf(theme_agreement(args.third_reader, tagged))}")
        print(f"the first reader against the third: {_prf(theme_agreement(args.third_reader, args.labelled))}: "
              "how far two readers agree")
    readers = {"first": args.labelled, "second (blind)": args.second_reader, "third (blind)": args.third_reader}
    readers = {name: folder for name, folder in readers.items() if folder and (folder / "themes.yaml").is_file()}
    conventions = table_row_conventions(corpus, load_taxonomy(args.corpus), readers)
    print("\ntable rows tagged by their own words (taxonomy `table_rows: own-words`) or also by the heading "
          "their table sits under (`inherit`), micro F1 of the tagger against each reader:")
    print(f"  {'reader':16} " + " ".join(f"{c:>10}" for c in conventions))
    for name in readers:
        print(f"  {name:16} " + " ".join(f"{conventions[c][name].f1:10.3f}" for c in conventions))
    relations = None
    if args.relations and (args.relations / "relations.yaml").is_file():
        relations = relation_agreement(corpus, args.relations)
        print(f"\nrelations, a blind reader's ({args.relations.name}), on {relations.pairs} labelled links "
              f"(either reader's): the linker's wording agrees on {relations.agree} ({relations.accuracy:.3f})")
        print(f"  {'reader':14} {'linker':14} pairs")
        for (gold, got), n in sorted(relations.confusion.items()):
            print(f"  {gold:14} {got:14} {n:5}{'' if gold == got else '  x'}")
    if args.errors:
        for fid, theme, what in sorted(ev.theme_errors, key=lambda e: (e[1], e[2], e[0])):
            if args.split and split_of(fid) != args.split:
                continue
            words = evidence.get(fid, {}).get(theme, []) if what == "fp" else []
            print(f"  {what} {theme:30} {fid[:70]:70} {words} {texts.get(fid, '')[:110]!r}")
        for s, t, what in ev.link_errors:
            print(f"  link {what} {s} -> {t}\n      {texts.get(s, '')[:100]!r}\n      {texts.get(t, '')[:100]!r}")
        for (s, t), (gold, got) in sorted((relations.disagreements if relations else {}).items()):
            print(f"  relation reader {gold} linker {got}: {s} -> {t}\n      {texts.get(s, '')[:100]!r}\n"
                  f"      {texts.get(t, '')[:100]!r}")


if __name__ == "__main__":
    main()
