"""Choose the linking cut-offs against the labelled links, with a cross-validated figure.

Example: python scripts/tune_links.py            (add --folds 5 --repeats 3)

The weights of the score stay as they are in ingest/link.py; only the few cut-offs that decide
which scored pairs become links are searched: the threshold (on the published 0-1 score), how
far below the source's best a target may be, and how many targets a source may have. With 88
labelled links, tuning more would fit noise (the score's weights are not searched). Scoring is done once; each setting only re-selects.

The figure to quote is the cross-validated one: the sources are split into folds; for each
fold the setting is chosen on the other folds and scored on this one, and the counts are summed.
Settings are ranked by F1 among those that keep the three links the issue names.
"""

from __future__ import annotations

import argparse
import itertools
import random
from dataclasses import replace
from pathlib import Path

import yaml

from ingest.evaluate import PRF, analyse_corpus
from ingest.link import DEFAULT_PARAMS, LinkParams, candidates, select, series_pairs
from ingest.tagger import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
EARLY, LATE = "2011-04-11-safeguarding-peer-review/", "2020-02-26-cypic-regional-peer-review/"
REQUIRED = [
    (EARLY + "consider-looked-after-children-1", LATE + "p29"),
    (EARLY + "consider-effective-practice-1", LATE + "p3-c"),
    (EARLY + "consider-capacity-and-capability-4", LATE + "p19"),
]
GRID = {
    "threshold": [0.2, 0.25, 0.3, 0.33, 0.36, 0.4, 0.45, 0.5],
    "relative": [0.05, 0.1, 0.2, 1.0],
    "max_targets": [1, 2, 3],
}


def score(got: set[tuple[str, str]], gold: dict[str, set[str]], sources: set[str]) -> PRF:
    prf = PRF()
    want = {(s, t) for s in sources for t in gold.get(s, ())}
    have = {(s, t) for s, t in got if s in sources}
    prf.tp, prf.fp, prf.fn = len(want & have), len(have - want), len(want - have)
    return prf


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    corpus = analyse_corpus(ROOT / "corpus")
    taxonomy = load_taxonomy(ROOT / "corpus")
    gold = {item["source"]: set(item.get("targets") or [])
            for item in yaml.safe_load((ROOT / "tests" / "labelled" / "links.yaml").read_text(encoding="utf-8"))["links"]}
    steps = [candidates(earlier, later, taxonomy) for earlier, later in series_pairs(corpus.documents)]
    settings: list[LinkParams] = [replace(DEFAULT_PARAMS, **dict(zip(GRID, values))) for values in itertools.product(*GRID.values())]
    chosen: dict[LinkParams, set[tuple[str, str]]] = {}
    for params in settings:
        got: set[tuple[str, str]] = set()
        for cands in steps:
            if cands is not None:
                got |= {(lk.source, lk.target) for lk in select(cands, "", taxonomy, params) if lk.source and lk.target}
        chosen[params] = got
    labelled = sorted(gold)

    def rank_key(params: LinkParams, sources: set[str]) -> tuple[int, float]:
        named = sum(pair in chosen[params] for pair in REQUIRED if pair[0] in sources)
        return named, score(chosen[params], gold, sources).f1

    print("best settings on all labelled sources (in-sample):")
    for params in sorted(settings, key=lambda p: rank_key(p, set(labelled)), reverse=True)[:8]:
        prf = score(chosen[params], gold, set(labelled))
        named = sum(pair in chosen[params] for pair in REQUIRED)
        print(f"  named {named}/3 P {prf.precision:.3f} R {prf.recall:.3f} F1 {prf.f1:.3f}  threshold={params.threshold} "
              f"relative={params.relative} max_targets={params.max_targets}")
    print("most recall at a given precision (in-sample):")
    for floor in (0.5, 0.6, 0.7):
        ok = [p for p in settings if score(chosen[p], gold, set(labelled)).precision >= floor
              and all(pair in chosen[p] for pair in REQUIRED)]
        if ok:
            best_p = max(ok, key=lambda p: score(chosen[p], gold, set(labelled)).recall)
            prf = score(chosen[best_p], gold, set(labelled))
            print(f"  P>={floor}: P {prf.precision:.3f} R {prf.recall:.3f} F1 {prf.f1:.3f}  threshold={best_p.threshold} "
                  f"relative={best_p.relative} max_targets={best_p.max_targets}")
        else:
            print(f"  P>={floor}: no setting keeps the named links")
    current = score(chosen.get(DEFAULT_PARAMS, set()), gold, set(labelled)) if DEFAULT_PARAMS in chosen else None
    if current:
        print(f"current defaults: P {current.precision:.3f} R {current.recall:.3f} F1 {current.f1:.3f}")
    total = PRF()
    for seed in range(args.repeats):
        order = labelled[:]
        random.Random(seed).shuffle(order)
        for k in range(args.folds):
            test = set(order[k::args.folds])
            train = set(labelled) - test
            best = max(settings, key=lambda p: rank_key(p, train))
            prf = score(chosen[best], gold, test)
            total.tp += prf.tp
            total.fp += prf.fp
            total.fn += prf.fn
    print(f"cross-validated ({args.folds} folds x {args.repeats}, setting chosen without the fold's sources): "
          f"P {total.precision:.3f} R {total.recall:.3f} F1 {total.f1:.3f}")


if __name__ == "__main__":
    main()
