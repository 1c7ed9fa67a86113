"""Search the linking weights against the labelled links; print the best settings found.

Example: python scripts/tune_links.py
Ranks settings first by how many of the links the issue names are found (2011 corporate
parenting -> 2019 para 29, missing children -> KLOE 3 c, variable caseloads -> para 19), then F1.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

from ingest.evaluate import analyse_corpus, evaluate
from ingest.link import DEFAULT_PARAMS, link_corpus
from ingest.tagger import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
EARLY, LATE = "2011-04-11-safeguarding-peer-review/", "2020-02-26-cypic-regional-peer-review/"
REQUIRED = [
    (EARLY + "consider-looked-after-children-1", LATE + "p29"),
    (EARLY + "consider-effective-practice-1", LATE + "p3-c"),
    (EARLY + "consider-capacity-and-capability-4", LATE + "p19"),
]


def main() -> None:
    corpus = analyse_corpus(ROOT / "corpus")
    taxonomy = load_taxonomy(ROOT / "corpus")
    results = []
    grid = itertools.product([0.0, 0.2], [0.1], [0.2, 0.4, 0.6], [0.3, 0.6], [0.1],
                             [0.5, 0.6, 0.7, 0.8, 0.9], [0.2], [2, 3])
    for cc, cs, th, w, fz, tau, rel, k in grid:
        params = replace(DEFAULT_PARAMS, concept_cover=cc, concept_sum=cs, themes=th, words=w, fuzz=fz,
                         threshold=tau, relative=rel, max_targets=k)
        corpus.links = link_corpus(corpus.documents, taxonomy, params)
        got = {(lk.source, lk.target) for lk in corpus.links}
        named = sum(pair in got for pair in REQUIRED)
        ev = evaluate(corpus, ROOT / "tests" / "labelled")
        results.append((named, ev.links.f1, ev.links.precision, ev.links.recall, params))
    results.sort(key=lambda r: (r[0], r[1]), reverse=True)
    for named, f1, p, r, params in results[:12]:
        print(f"named {named}/3 F1 {f1:.3f} P {p:.3f} R {r:.3f}  {params}")
    print("best F1 whatever the named links:")
    for named, f1, p, r, params in sorted(results, key=lambda r: r[1], reverse=True)[:5]:
        print(f"named {named}/3 F1 {f1:.3f} P {p:.3f} R {r:.3f}  {params}")


if __name__ == "__main__":
    main()
