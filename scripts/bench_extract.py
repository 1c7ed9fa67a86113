"""Extraction speed against raw pypdfium2, for `scripts/benchmark.py`: a figure that holds on a
shared, noisy machine.

Each round times both commands on the same PDFs back to back, in this process, one core: raw
pypdfium2 text extraction (load each page, its text page, all its text) and ours
(`ingest.document.convert.extract` + `normalise_blocks`). Which one runs first alternates from
round to round, so a neighbour's load that rises or falls during a round weighs on both alike.
The figure is the median of the rounds' own ratios (raw seconds / our seconds: our speed as a
share of raw's), with its spread (min-max, and the interquartile range from four rounds on),
for wall time and for this process's CPU time. Pairing the best round of each, as before, mixed
rounds run under different loads: raw's rounds ranged 1.5-2.4 s on one run.

Where valgrind is installed, the same ratio in instructions executed (callgrind), which another
process's load does not change: three runs of a small evenly spread sample of the PDFs (a
warm-up alone, warm-up + raw, warm-up + ours) and the warm-up's count taken off the other two,
so Python's start, the imports and first-call costs are not counted. Instructions are not
seconds (a cache miss costs many), so this is a check on the timed ratio, not a replacement.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def raw_pdfium(pdfs: list[Path]) -> float:
    """Seconds for raw pypdfium2 to read all the text of every page."""
    import pypdfium2 as pdfium

    t = time.perf_counter()
    for p in pdfs:
        pdf = pdfium.PdfDocument(str(p))
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
        pdf.close()
    return time.perf_counter() - t


def ours(paths: list[Path]) -> tuple[float, int]:
    """Our extraction + normalisation, one file after another in this process; (seconds, failures)."""
    from ingest.document.convert import extract
    from ingest.document.normalise import normalise_blocks

    failures = 0
    t = time.perf_counter()
    for p in paths:
        try:
            ex = extract(p)
            normalise_blocks(ex.blocks, plain=ex.format == "plain")
        except Exception:  # noqa: BLE001 - counted and reported, as the build would
            failures += 1
    return time.perf_counter() - t, failures


@dataclass
class Spread:
    """The median of per-round ratios and how far the rounds strayed from it."""

    median: float
    low: float
    high: float
    q1: float | None = None  # the interquartile range, from four rounds on
    q3: float | None = None

    def text(self) -> str:
        iqr = f", IQR {self.q1:.3f}-{self.q3:.3f}" if self.q1 is not None and self.q3 is not None else ""
        return f"{self.median:.3f} (min-max {self.low:.3f}-{self.high:.3f}{iqr})"


def spread(ratios: list[float]) -> Spread:
    out = Spread(statistics.median(ratios), min(ratios), max(ratios))
    if len(ratios) >= 4:
        out.q1, _, out.q3 = statistics.quantiles(ratios, n=4, method="inclusive")
    return out


@dataclass
class Round:
    raw_s: float
    ours_s: float
    raw_cpu: float
    ours_cpu: float
    raw_first: bool


def timed_rounds(pdfs: list[Path], rounds: int) -> tuple[list[Round], int]:
    """`rounds` interleaved rounds of raw and ours on `pdfs`, alternating which goes first;
    (the rounds, our failures in the last one)."""
    raw_pdfium(pdfs[: min(20, len(pdfs))])  # warm up the library and our imports
    ours(pdfs[: min(5, len(pdfs))])
    out: list[Round] = []
    failures = 0
    for k in range(rounds):
        times: dict[str, tuple[float, float]] = {}
        for which in (("raw", "ours") if k % 2 == 0 else ("ours", "raw")):
            cpu = time.process_time()
            if which == "raw":
                secs = raw_pdfium(pdfs)
            else:
                secs, failures = ours(pdfs)
            times[which] = (secs, time.process_time() - cpu)
        out.append(Round(times["raw"][0], times["ours"][0], times["raw"][1], times["ours"][1], k % 2 == 0))
    return out, failures


def wall_ratio(rounds: list[Round]) -> Spread:
    return spread([r.raw_s / max(r.ours_s, 1e-9) for r in rounds])


def cpu_ratio(rounds: list[Round]) -> Spread:
    return spread([r.raw_cpu / max(r.ours_cpu, 1e-9) for r in rounds])


# ---------------------------------------------------------------------------- instructions

_PROBE = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from bench_extract import ours, raw_pdfium
files = [Path(p) for p in sys.argv[3:]]
raw_pdfium(files[:2])
ours(files[:2])
if sys.argv[2] == "raw":
    raw_pdfium(files)
elif sys.argv[2] == "ours":
    ours(files)
"""
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def sample(pdfs: list[Path], n: int) -> list[Path]:
    """`n` PDFs spread evenly over the list (the corpus mixes kinds of paper in its order)."""
    if n >= len(pdfs):
        return list(pdfs)
    step = len(pdfs) / n
    return [pdfs[int(k * step)] for k in range(n)]


def collected(stderr: str) -> int | None:
    """The instruction count callgrind reports at exit, or None."""
    m = _COLLECTED.search(stderr)
    return int(m.group(1)) if m else None


def instruction_ratio(pdfs: list[Path], n: int) -> tuple[float | None, str]:
    """(raw instructions / ours on a sample of `n` PDFs, how it was measured), or (None, why not)."""
    valgrind = shutil.which("valgrind")
    if valgrind is None or n <= 0:
        return None, "valgrind not installed" if valgrind is None else "not asked (--instructions 0)"
    files = sample(pdfs, n)
    counts: dict[str, int] = {}
    # The package measured is the one this process reads (PYTHONPATH may name another tree's).
    env = dict(os.environ, PYTHONHASHSEED="0",
               PYTHONPATH=os.pathsep.join(p for p in (os.environ.get("PYTHONPATH"), str(ROOT)) if p))
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "probe.py"
        probe.write_text(_PROBE, encoding="utf-8")
        for mode in ("warm-up", "raw", "ours"):
            proc = subprocess.run([valgrind, "--tool=callgrind", f"--callgrind-out-file={Path(tmp) / 'out'}",
                                   sys.executable, str(probe), str(ROOT / "scripts"), mode, *map(str, files)],
                                  cwd=ROOT, capture_output=True, text=True, env=env)
            count = collected(proc.stderr)
            if proc.returncode != 0 or count is None:
                return None, f"callgrind failed ({mode}, exit {proc.returncode}): {proc.stderr.strip()[-200:]}"
            counts[mode] = count
    raw, mine = counts["raw"] - counts["warm-up"], counts["ours"] - counts["warm-up"]
    if raw <= 0 or mine <= 0:
        return None, f"callgrind counts do not separate the work (warm-up {counts['warm-up']:,}, raw {counts['raw']:,}, ours {counts['ours']:,})"
    return raw / mine, f"callgrind on {len(files)} of the PDFs: raw {raw:,} instructions, ours {mine:,}"
