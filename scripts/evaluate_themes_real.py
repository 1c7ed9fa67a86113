"""Measure the theme tags on real papers against blind labels of passages.

Example: python scripts/evaluate_themes_real.py            (per theme, per half)
         python scripts/evaluate_themes_real.py --errors   (the tuning half's misses)

Labels: tests/realpapers/themes/*.yaml, one file a paper, each passage given by its first
sentence, its page and the named themes a reader gave it, reading only the paper and the four
definitions (corporate parenting, permanence, workforce, voice of the child). Each passage is
found in the build as the finding that holds its first sentence; the finding's tags for the
four themes are compared with the reader's. A passage that no finding holds is counted apart
(it is an extraction miss, measured by scripts/evaluate_real.py).

Figures, for the tuning half, the held-out half and both: precision, recall and F1 per named
theme and micro over the four; and for passages of papers about services other than children's,
how many findings carry a named theme (the aim is at most one in fifty). `--errors` never lists
the held-out half: no rule is to be written from it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate_real import SHARED, Paper, build_papers, fetched_dir, norm  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
THEME_LABELS = ROOT / "tests" / "realpapers" / "themes"
NAMED = ("corporate-parenting", "permanence", "workforce", "voice-of-the-child")


@dataclass
class Passage:
    paper: str
    half: str
    service: str
    text: str
    page: int | None
    themes: set[str]


@dataclass
class Counts:
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(NAMED, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(NAMED, 0))
    fn: dict[str, int] = field(default_factory=lambda: dict.fromkeys(NAMED, 0))
    passages: int = 0
    unmatched: int = 0
    other_passages: int = 0
    other_tagged: int = 0
    misses: list[str] = field(default_factory=list)

    def prf(self, theme: str | None = None) -> tuple[float, float, float]:
        keys = NAMED if theme is None else (theme,)
        tp, fp, fn = (sum(d[k] for k in keys) for d in (self.tp, self.fp, self.fn))
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load_passages(folder: Path = THEME_LABELS) -> tuple[list[Passage], list[Paper]]:
    passages, papers = [], []
    for f in sorted(folder.glob("*.yaml")):
        d = yaml.safe_load(f.read_text(encoding="utf-8"))
        where = SHARED if d.get("where") == "shared" else fetched_dir()
        path = where / d["file"]
        papers.append(Paper(name=d["file"], path=path if path.is_file() else None, half=d["half"], label=d))
        for p in d.get("passages") or []:
            passages.append(Passage(paper=d["file"], half=d["half"], service=d.get("service", "children"),
                                    text=str(p["text"]), page=p.get("pdf_page"), themes=set(p.get("themes") or [])))
    return passages, papers


def _findings_of(corpus: Any) -> dict[str, list[tuple[Any, str]]]:
    out: dict[str, list[tuple[Any, str]]] = {}
    for d in corpus.documents:
        for f in d.findings:
            for src in d.sources:
                out.setdefault(src.file, []).append((f, norm(f.text)))
    return out


def _locate(text: str, findings: list[tuple[Any, str]]) -> Any | None:
    want = norm(text)
    hit = next((f for f, t in findings if want in t), None)
    if hit is None:  # words a text layer hyphenates differently: compare without hyphens
        bare = want.replace("-", "")
        hit = next((f for f, t in findings if bare in t.replace("-", "")), None)
    return hit


def score(passages: list[Passage], corpus: Any) -> dict[str, Counts]:
    by_file = _findings_of(corpus)
    halves = {"tune": Counts(), "heldout": Counts(), "all": Counts()}
    for p in passages:
        f = _locate(p.text, by_file.get(p.paper, []))
        for h in (p.half, "all"):
            c = halves[h]
            c.passages += 1
            if f is None:
                c.unmatched += 1
                continue
            got = {t for t in f.themes if t in NAMED}
            for t in NAMED:
                if t in got and t in p.themes:
                    c.tp[t] += 1
                elif t in got:
                    c.fp[t] += 1
                elif t in p.themes:
                    c.fn[t] += 1
            if p.service == "other":
                c.other_passages += 1
                c.other_tagged += bool(got)
            if got != p.themes and h == "tune":
                c.misses.append(f"{p.paper} p{p.page}: tagged {sorted(got)}, read {sorted(p.themes)}: {p.text[:90]!r} "
                                f"[{f.id}; evidence {({t: f.evidence.get(t) for t in got})}]")
    return halves


def print_report(halves: dict[str, Counts], errors: bool) -> None:
    print(f"{'theme':22} " + " ".join(f"{h + ' P/R/F1':>22}" for h in ("tune", "heldout", "all")))
    for t in (*NAMED, None):
        print(f"{t or 'micro':22} " + " ".join("{:>22}".format("%.3f %.3f %.3f" % halves[h].prf(t)) for h in ("tune", "heldout", "all")))
    for h in ("tune", "heldout", "all"):
        c = halves[h]
        print(f"{h:8} passages {c.passages}, not found in any finding {c.unmatched}; "
              f"other services' passages tagged with a named theme: {c.other_tagged} of {c.other_passages}")
    if errors:
        print("\nMisses (tuning half):")
        for m in halves["tune"].misses:
            print("  " + m)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--errors", action="store_true", help="list the tuning half's misses")
    args = ap.parse_args(argv)
    passages, papers = load_passages()
    if not passages:
        print(f"no theme labels in {THEME_LABELS}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        corpus = build_papers(papers, Path(tmp))
    print_report(score(passages, corpus), args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
