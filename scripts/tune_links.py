"""Choose the linking cut-offs against the labelled links, with a cross-validated figure;
with --weights, measure whether choosing the score's weights too would help.

Example: python scripts/tune_links.py            (add --folds 5 --repeats 3)
         python scripts/tune_links.py --weights  (about 20 s; add --weight-repeats 10)

The weights of the score stay as they are in ingest/corpus/link.py; only the few cut-offs that decide
which scored pairs become links are searched: the threshold (on the published 0-1 score), how
far below the source's best a target may be, and how many targets a source may have. Scoring is
done once; each setting only re-selects.

The figure to quote is the cross-validated one: the sources are split into folds; for each
fold the setting is chosen on the other folds and scored on this one, and the counts are summed.
Settings are ranked by F1 among those that keep the three links the issue names.

--weights searches the five weights as well (WEIGHT_GRID: 768 settings, each with the 96
cut-offs; each weight setting is scored once from the features `candidates` computed, and the
table is checked against `rescore` + `select`), by nested cross-validation on the same shuffles
as the cut-offs alone: for each outer fold everything is chosen on the other folds, either
jointly (best weights and cut-offs together) or with the weights chosen by an inner
cross-validation of choosing the cut-offs, then scored on the held-out fold. Every setting
chosen is also scored against the second reader's blind links (tests/labelled/second-reader),
which are never chosen on.

Measured 23 November 2026 (5 folds x 10 shuffles): choosing the weights did not help on sources
it was not chosen on (the gain in F1 within its spread across shuffles, and bought as precision
for recall on both readers), so the weights in ingest/corpus/link.py stay set by hand. The
figures, and the in-sample weights that fit the noise, are in dev-docs/research-log.md (themes and
links on the seed corpus, the weights table).
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tools/ is beside the package, not in it
from ingest.corpus.link import (  # noqa: E402
    DEFAULT_PARAMS,
    FEATURES,
    Candidates,
    LinkParams,
    candidates,
    rescore,
    select,
    series_pairs,
)
from ingest.corpus.tagger import load_taxonomy  # noqa: E402
from tools.evaluate import PRF, adjudicated_links, built_corpus, gold_links, score_pairs  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EARLY, LATE = "2011-04-11-safeguarding-peer-review/", "2020-02-26-cypic-regional-peer-review/"
SECOND = ROOT / "tests" / "labelled" / "second-reader"  # a test set: never chosen on
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
# The weights searched with --weights (each grid holds the default); 4 x 4 x 4 x 3 x 4 = 768
# settings, each with the 96 cut-offs above. `relative` is in score units, so the scale of the
# weights matters a little and `words` is not fixed.
WEIGHT_GRID = {
    "concept_cover": [0.0, 0.1, 0.2, 0.4],
    "concept_sum": [0.0, 0.05, 0.1, 0.2],
    "themes": [0.0, 0.1, 0.2, 0.4],
    "words": [0.3, 0.6, 1.0],
    "fuzz": [0.0, 0.1, 0.2, 0.4],
}


def score(got: set[tuple[str, str]], gold: dict[str, set[str]], sources: set[str]) -> PRF:
    return score_pairs(got, gold, sources)[0]


def _f1(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> np.ndarray:
    """F1 as PRF computes it (an empty prediction has precision 1), so ties rank as they do there."""
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), 1.0)
        r = np.where(tp + fn > 0, tp / np.maximum(tp + fn, 1), 1.0)
        return np.where(p + r > 0, 2 * p * r / (p + r), 0.0)


class Table:
    """Link counts per (weight setting, cut-off, source) for each reader, and whether each setting
    keeps each REQUIRED link: every weight setting is scored once, from the features `candidates`
    computed, and every cut-off re-selects as `select` does (checked against it in `check`)."""

    def __init__(self, steps: list[Candidates | None], weights: list[tuple[float, ...]],
                 cutoffs: list[tuple[float, float, int]], golds: list[dict[str, set[str]]]) -> None:
        self.weights, self.cutoffs, self.golds = weights, cutoffs, golds
        self.sources = sorted(set().union(*golds))
        pos = {s: k for k, s in enumerate(self.sources)}
        w = np.array(weights, dtype=float)
        max_score = w[:, 0] + 6.0 * w[:, 1] + w[:, 2] + w[:, 3] + w[:, 4]  # as LinkParams.max_score
        th = np.array([c[0] for c in cutoffs])[:, None, None]
        rel = np.array([c[1] for c in cutoffs])[:, None, None]
        mt = np.array([c[2] for c in cutoffs])[:, None]
        shape = (len(weights), len(cutoffs), len(self.sources))
        self.tp = [np.zeros(shape, np.int32) for _ in golds]
        self.fp = [np.zeros(shape, np.int32) for _ in golds]
        self.fn = [np.zeros(shape, np.int32) for _ in golds]
        self.labelled = [np.array([s in g for s in self.sources]) for g in golds]
        for g, gold in enumerate(golds):
            for s, targets in gold.items():
                self.fn[g][:, :, pos[s]] = len(targets)  # until a target is found
        self.named = np.zeros((len(weights), len(cutoffs), len(REQUIRED)), bool)
        for cands in steps:
            if cands is None:
                continue
            for i, src in enumerate(cands.sources):
                if src.id not in pos or not cands.scored[i]:
                    continue
                # `select` ranks (score, j) pairs best first: ties go to the larger j, which a
                # stable sort of targets in descending j keeps.
                js = sorted((j for _, j in cands.scored[i]), reverse=True)
                f = np.array([cands.features[(i, j)] for j in js])
                scores = (f[:, 0, None] * w[:, 0] + f[:, 1, None] * w[:, 1] + f[:, 2, None] * w[:, 2]
                          + f[:, 3, None] * w[:, 3] + f[:, 4, None] * w[:, 4])  # (targets, weights), as `weighted`
                order = np.argsort(-scores, axis=0, kind="stable")
                best = np.take_along_axis(scores, order[:1], axis=0)[0]
                ok = (scores[None] / max_score >= th) & (scores[None] >= best - rel)  # (cut-offs, targets, weights)
                kept = np.minimum(mt, ok.sum(axis=1))  # how many of the best are kept: (cut-offs, weights)
                ids = np.array([cands.targets[j].id for j in js])
                for g, gold in enumerate(golds):
                    if src.id not in gold:
                        continue
                    hit = np.isin(ids, list(gold[src.id]))[order]
                    found = np.vstack([np.zeros((1, len(weights)), np.int32), np.cumsum(hit, axis=0)])
                    tp = np.take_along_axis(found, kept, axis=0).T
                    self.tp[g][:, :, pos[src.id]] = tp
                    self.fp[g][:, :, pos[src.id]] = kept.T - tp
                    self.fn[g][:, :, pos[src.id]] = len(gold[src.id]) - tp
                for r, (s, t) in enumerate(REQUIRED):
                    if s == src.id and t in ids:
                        rank = np.argmax(ids[order] == t, axis=0)  # (weights,)
                        self.named[:, :, r] = rank[:, None] < kept.T

    def counts(self, mask: np.ndarray, reader: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """tp, fp, fn summed over the sources in mask: (weights, cut-offs) each."""
        return (self.tp[reader][:, :, mask].sum(axis=2), self.fp[reader][:, :, mask].sum(axis=2),
                self.fn[reader][:, :, mask].sum(axis=2))

    def choose(self, mask: np.ndarray, weights: np.ndarray | None = None) -> tuple[int, int]:
        """The (weights, cut-off) indices with most REQUIRED links kept, then the best F1 on the
        first reader's sources in mask; ties go to the first (the default weights come first)."""
        tp, fp, fn = self.counts(mask)
        f1 = _f1(tp, fp, fn)
        req = np.array([s in {self.sources[k] for k in np.flatnonzero(mask)} for s, _ in REQUIRED])
        named = self.named[:, :, req].sum(axis=2)
        allowed = np.ones(len(self.weights), bool) if weights is None else weights
        key = np.where(allowed[:, None], named * 2.0 + f1, -1.0)  # F1 <= 1: named first
        w, c = np.unravel_index(int(np.argmax(key)), key.shape)
        return int(w), int(c)

    def prf(self, w: int, c: int, mask: np.ndarray | None = None, reader: int = 0) -> PRF:
        m = self.labelled[reader] if mask is None else mask & self.labelled[reader]
        return PRF(int(self.tp[reader][w, c, m].sum()), int(self.fp[reader][w, c, m].sum()),
                   int(self.fn[reader][w, c, m].sum()))

    def params(self, w: int, c: int) -> LinkParams:
        values: dict[str, Any] = {**dict(zip(FEATURES, self.weights[w])), **dict(zip(GRID, self.cutoffs[c]))}
        return replace(DEFAULT_PARAMS, **values)


def check(table: Table, steps: list[Candidates | None], taxonomy: object, samples: int = 12) -> None:
    """The table agrees with `rescore` + `select` (the linker itself) on a sample of settings."""
    rng = random.Random(0)
    picks = [(0, c) for c in range(len(table.cutoffs))]
    picks += [(rng.randrange(len(table.weights)), rng.randrange(len(table.cutoffs))) for _ in range(samples)]
    for w, c in picks:
        params = table.params(w, c)
        got: set[tuple[str, str]] = set()
        for cands in steps:
            if cands is not None:
                got |= {(lk.source, lk.target) for lk in select(rescore(cands, params), "", taxonomy, params)  # type: ignore[arg-type]
                        if lk.source and lk.target}
        for g, gold in enumerate(table.golds):
            want = score(got, gold, set(gold))
            have = table.prf(w, c, reader=g)
            assert (want.tp, want.fp, want.fn) == (have.tp, have.fp, have.fn), (params, g, want, have)
        named = [pair in got for pair in REQUIRED]
        assert named == list(table.named[w, c]), (params, named)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--weights", action="store_true", help="also search the weights, with nested cross-validation")
    ap.add_argument("--weight-repeats", type=int, default=10, help="shuffles for the nested cross-validation")
    ap.add_argument("--adjudicated", action="store_true",
                    help="choose and score against the adjudicated links (tests/labelled/adjudicated) instead of the first reader's")
    args = ap.parse_args()
    corpus = built_corpus(ROOT / "corpus")
    taxonomy = load_taxonomy(ROOT / "corpus")
    first = ROOT / "tests" / "labelled"
    gold = adjudicated_links(first, SECOND, first / "adjudicated")[0] if args.adjudicated else gold_links(first)
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
    if args.weights:
        search_weights(steps, gold, gold_links(SECOND), taxonomy, args.folds, args.weight_repeats)


def _spread(name: str, per_repeat: list[PRF]) -> np.ndarray:
    pooled = PRF(sum(p.tp for p in per_repeat), sum(p.fp for p in per_repeat), sum(p.fn for p in per_repeat))
    f1 = np.array([p.f1 for p in per_repeat])
    print(f"  {name:34} P {pooled.precision:.3f} R {pooled.recall:.3f} F1 {pooled.f1:.3f}   per repeat F1 "
          f"mean {f1.mean():.3f} sd {f1.std(ddof=1):.3f} range {f1.min():.3f}-{f1.max():.3f}")
    return f1


def search_weights(steps: list[Candidates | None], gold: dict[str, set[str]], second: dict[str, set[str]],
                   taxonomy: object, folds: int, repeats: int) -> None:
    """Nested cross-validation of choosing the weights too (see the module's docstring)."""
    default_w = tuple(getattr(DEFAULT_PARAMS, f) for f in FEATURES)
    weights = [default_w] + [w for w in itertools.product(*WEIGHT_GRID.values()) if w != default_w]
    cutoffs = list(itertools.product(*GRID.values()))
    table = Table(steps, weights, cutoffs, [gold, second])
    check(table, steps, taxonomy)
    first_mask, second_mask = table.labelled
    only_default = np.zeros(len(weights), bool)
    only_default[0] = True
    labelled = sorted(gold)
    index = {s: k for k, s in enumerate(table.sources)}

    def mask_of(sources: list[str] | set[str]) -> np.ndarray:
        m = np.zeros(len(table.sources), bool)
        m[[index[s] for s in sources]] = True
        return m

    def inner_nested(train: list[str]) -> tuple[int, int]:
        """Weights by an inner cross-validation of choosing the cut-offs (on train only), then
        the cut-offs for those weights on all of train."""
        tp = np.zeros(len(weights), np.int64)
        fp, fn = tp.copy(), tp.copy()
        for k in range(folds):
            inner_test = mask_of(train[k::folds])
            inner_train = mask_of(train) & ~inner_test
            ttp, tfp, tfn = table.counts(inner_train)
            req = np.array([s in set(np.array(table.sources)[inner_train]) for s, _ in REQUIRED])
            key = table.named[:, :, req].sum(axis=2) * 2.0 + _f1(ttp, tfp, tfn)
            best_c = np.argmax(key, axis=1)  # per weight setting
            vtp, vfp, vfn = table.counts(inner_test)
            rows = np.arange(len(weights))
            tp += vtp[rows, best_c]
            fp += vfp[rows, best_c]
            fn += vfn[rows, best_c]
        w = int(np.argmax(_f1(tp, fp, fn)))
        allowed = np.zeros(len(weights), bool)
        allowed[w] = True
        return table.choose(mask_of(train), allowed)

    modes = {
        "cut-offs only (default weights)": lambda train: table.choose(mask_of(train), only_default),
        "weights and cut-offs, chosen jointly": lambda train: table.choose(mask_of(train)),
        "weights by inner CV, then cut-offs": inner_nested,
    }
    per_repeat: dict[str, list[PRF]] = {m: [] for m in modes}
    picked: dict[str, list[tuple[int, int]]] = {m: [] for m in modes}
    for seed in range(repeats):
        order = labelled[:]
        random.Random(seed).shuffle(order)
        for mode, chooser in modes.items():
            total = PRF()
            for k in range(folds):
                test = order[k::folds]
                train = [s for s in order if s not in set(test)]
                w, c = chooser(train)
                picked[mode].append((w, c))
                prf = table.prf(w, c, mask_of(test))
                total.tp, total.fp, total.fn = total.tp + prf.tp, total.fp + prf.fp, total.fn + prf.fn
            per_repeat[mode].append(total)
    print(f"\nweights searched too: {len(weights)} weight settings x {len(cutoffs)} cut-offs; nested "
          f"cross-validation, {folds} folds x {repeats} shuffles, everything chosen on the other folds "
          f"(first reader) and scored on the held-out fold, counts summed over folds:")
    f1s = {mode: _spread(mode, runs) for mode, runs in per_repeat.items()}
    base = f1s["cut-offs only (default weights)"]
    for mode in list(modes)[1:]:
        diff = f1s[mode] - base
        print(f"  {mode}: minus cut-offs only, per repeat: mean {diff.mean():+.3f} sd {diff.std(ddof=1):.3f} "
              f"range {diff.min():+.3f} to {diff.max():+.3f}")
    print("second reader (never chosen on): each fold's chosen setting scored on all the second reader's sources:")
    for mode in modes:
        runs = [table.prf(w, c, second_mask, reader=1) for w, c in picked[mode]]
        f1 = np.array([p.f1 for p in runs])
        print(f"  {mode:34} P {np.mean([p.precision for p in runs]):.3f} R {np.mean([p.recall for p in runs]):.3f} "
              f"F1 mean {f1.mean():.3f} range {f1.min():.3f}-{f1.max():.3f}")
        counts: dict[int, int] = {}
        for w, _ in picked[mode]:
            counts[w] = counts.get(w, 0) + 1
        common = sorted(counts.items(), key=lambda x: -x[1])[:3]
        print("    weights chosen most often: " + "; ".join(
            f"{dict(zip(FEATURES, weights[w]))} x{n}" for w, n in common))
    print("chosen on all the first reader's sources (in-sample), and the same setting against the second reader:")
    for mode, allowed in (("cut-offs only", only_default), ("weights and cut-offs", None)):
        w, c = table.choose(first_mask, allowed)
        one, two = table.prf(w, c, reader=0), table.prf(w, c, reader=1)
        print(f"  {mode:22} first P {one.precision:.3f} R {one.recall:.3f} F1 {one.f1:.3f} | second P "
              f"{two.precision:.3f} R {two.recall:.3f} F1 {two.f1:.3f} | {table.params(w, c)}")
    f1_first = _f1(*table.counts(first_mask)).ravel()
    f1_second = _f1(*table.counts(second_mask, reader=1)).ravel()
    print(f"over all {f1_first.size} settings, correlation of F1 on the two readers: "
          f"{np.corrcoef(f1_first, f1_second)[0, 1]:.2f}; best in-sample F1 {f1_first.max():.3f} (first reader), "
          f"{f1_second.max():.3f} (second)")


if __name__ == "__main__":
    main()
