"""Benchmark the pipeline on synthetic corpora of N papers and print one table, a row per N.

For each N: make a corpus with scripts/synth_corpus.py (timed, not counted), then measure

- input pages: PDF pages (counted) + text pages (estimated at 2,000 characters a page);
- extraction speed on all the PDFs, in this process, one core: `ingest.document.convert.extract` +
  `normalise_blocks` (ours) against raw pypdfium2 text extraction of the same pages (raw): the
  median of --rounds interleaved rounds' own ratios, with their spread, in wall and CPU time, and
  in instructions where valgrind is installed (scripts/bench_extract.py says how and why), and
  the extract+segment stage of the real build (all inputs, --workers processes);
- findings tagged per second: the build's tag stage, and `ingest.corpus.tagger.tag_texts` alone on the
  texts of all findings;
- the link and render stages of the build;
- the full build from nothing (empty cache, no site): `python -m ingest build --quiet`, wall
  time and peak memory (the summed RSS of the whole process tree, polled every 50 ms);
- the site's size on disk, and the bytes a browser downloads for one search ("corporate
  parenting"): Pagefind's own JS run in Node against the built bundle, with `fetch` counting
  every file it loads (entry, metadata, WASM, filters, index chunks, the first 5 fragments as
  Pagefind UI shows them), plus pagefind-ui.js/.css and pagefind.js, which the page loads itself;
- an incremental rebuild: one paragraph appended to one .txt, same cache, as % of the full build.

The builds run the project's CLI in a subprocess from the repository root (so its mkdocs.yml
and docs/ are used). A build that stops using CPU for --stall seconds is reported as a hang.

    python scripts/benchmark.py --sizes 200 1000 5000 --workers 2 --keep /tmp/bench
    python scripts/benchmark.py --sizes 200 --scanned-share 0.1   # the cost of scanned papers instead
    python scripts/benchmark.py --sizes 1000 --rounds 7 --extract-only  # extraction against raw pypdfium2 only
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from bench_extract import cpu_ratio, instruction_ratio, ours, timed_rounds, wall_ratio  # noqa: E402

TEXT_CHARS_PER_PAGE = 2000
QUERY = "corporate parenting"

# Pagefind's search API in Node, with fetch reading the bundle from disk and counting bytes.
_PAGEFIND_PROBE = r"""
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
const [bundle, query, nres] = [process.argv[2], process.argv[3], parseInt(process.argv[4])];
const loads = [];
globalThis.fetch = async (url) => {
  const u = String(url);
  const i = u.indexOf("/pagefind/");
  const rel = (i >= 0 ? u.slice(i + 10) : u.replace(/^\//, "")).split("?")[0];
  const buf = fs.readFileSync(path.join(bundle, rel));
  loads.push([rel, buf.length]);
  return new Response(buf, { status: 200, headers: { "content-type": rel.endsWith(".wasm") ? "application/wasm" : "application/octet-stream" } });
};
// The index is in shards (ingest/site/search.py): the first bundle is the primary, the others
// are merged, as docs/assets/site.js does in the browser.
const shards = JSON.parse(fs.readFileSync(path.join(bundle, "shards.json"), "utf8")).bundles;
loads.push(["shards.json", fs.statSync(path.join(bundle, "shards.json")).size]);
const pf = await import(pathToFileURL(path.join(bundle, shards[0], "pagefind.js")).href);
await pf.options({ basePath: "/pagefind/" + shards[0], baseUrl: "/" });
for (const s of shards.slice(1)) await pf.mergeIndex("/pagefind/" + s, { baseUrl: "/" });
await pf.init();
await pf.filters();
const r = await pf.search(query);
await Promise.all(r.results.slice(0, nres).map((x) => x.data()));
console.log(JSON.stringify({ results: r.results.length, loads }));
"""


# ---------------------------------------------------------------------------- measuring


@dataclass
class Run:
    ok: bool
    wall: float
    peak_rss: float  # MB, summed over the process tree
    peak_single: float  # MB, the largest single process
    peak_parts: str = ""  # the processes at the moment of the peak, largest first
    timings: dict[str, float] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    summary: str = ""
    error: str = ""


def run_build(corpus: Path, site: Path, cache: Path, workers: int, executor: str,
              log: Path, stall: float, timeout: float, code: Path | None = None) -> Run:
    import psutil

    args = ["build", "--quiet", "--corpus", str(corpus), "--site", str(site), "--cache", str(cache),
            "--workers", str(workers), "--executor", executor]
    cmd = [sys.executable, "-m", "ingest", *args]
    env = dict(os.environ, COLUMNS="220", PYTHONHASHSEED="0")
    if code is not None:  # another tree's package (--baseline), with this tree's mkdocs.yml and docs/
        env["PYTHONPATH"] = str(code)
        cmd.insert(1, "-P")  # `-m` would put the current folder (this tree) first on the path
    with open(log, "w", encoding="utf-8") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
        root = psutil.Process(proc.pid)
        peak = peak_single = 0.0
        peak_parts: list[tuple[str, float]] = []
        cpu: dict[int, float] = {}
        last_progress = time.perf_counter()
        error = ""
        while proc.poll() is None:
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            total = 0.0
            progressed = False
            parts: list[tuple[str, float]] = []
            for p in tree:
                try:
                    rss = p.memory_info().rss / 2**20
                    t = sum(p.cpu_times()[:2])
                    parts.append((_short_cmd(p.cmdline()), rss))
                except psutil.Error:
                    continue
                total += rss
                peak_single = max(peak_single, rss)
                if t > cpu.get(p.pid, -1.0) + 0.01:
                    cpu[p.pid] = t
                    progressed = True
            if total > peak:
                peak = total
                peak_parts = parts
            now = time.perf_counter()
            if progressed:
                last_progress = now
            if now - last_progress > stall or now - t0 > timeout:
                error = (f"no CPU used by any process of the build for {stall:.0f}s: hung"
                         if now - last_progress > stall else f"over the {timeout:.0f}s time limit")
                _kill_tree(root)
                break
            time.sleep(0.05)
        proc.wait()
        wall = time.perf_counter() - t0
    text = log.read_text(encoding="utf-8", errors="replace")
    run = Run(ok=proc.returncode == 0 and not error, wall=wall, peak_rss=peak, peak_single=peak_single, error=error,
              peak_parts=", ".join(f"{name} {mb:,.0f} MB" for name, mb in sorted(peak_parts, key=lambda x: -x[1])))
    flat = re.sub(r"\s+", " ", text)
    m = re.search(r"Time per stage: (.*?)(?: Site written|$)", flat)
    if m:
        run.timings = {k: float(v) for k, v in re.findall(r"([a-z+]+) (\d+(?:\.\d+)?)s", m.group(1))}
    m = re.search(r"(\d+) documents, (\d+) findings, (\d+) links; cache hits (\d+)", flat)
    if m:
        run.summary = m.group(0)
    m = re.search(r"Inputs: (\d+) built, (\d+) merged as duplicates, (\d+) skipped", flat)
    if m:
        run.statuses = {"built": int(m.group(1)), "merged": int(m.group(2)), "skipped": int(m.group(3))}
    if not run.ok and not error:
        run.error = f"exit code {proc.returncode}: " + text.strip().splitlines()[-1][:300] if text.strip() else f"exit code {proc.returncode}"
    return run


def _short_cmd(cmd: list[str]) -> str:
    """'ingest build', 'mkdocs', 'pagefind', 'worker': which part of the build a process is."""
    text = " ".join(cmd)
    for name in ("mkdocs", "pagefind", "forkserver", "multiprocessing", "ingest build"):
        if name in text:
            return {"forkserver": "worker", "multiprocessing": "worker"}.get(name, name)
    return (cmd[0].rsplit("/", 1)[-1] if cmd else "?")


def _kill_tree(root) -> None:
    import psutil

    try:
        procs = [*root.children(recursive=True), root]
    except psutil.NoSuchProcess:
        return
    for p in procs:
        with contextlib.suppress(psutil.Error):
            p.kill()


def pdf_pages_and_borders(pdfs: list[Path]) -> tuple[int, int]:
    """Pages in all PDFs, and how many draw table borders as the reader judges them (two vertical
    rules or more: the pages whose lines that run across a rule are read word by word)."""
    import pypdfium2 as pdfium

    from ingest.document.extract.pdf_fast import path_rects
    from ingest.document.extract.pdf_layout import has_table_borders

    pages = bordered = 0
    for p in pdfs:
        pdf = pdfium.PdfDocument(str(p))
        for i in range(len(pdf)):
            page = pdf[i]
            pages += 1
            bordered += has_table_borders(path_rects(page, page.get_height()))
            page.close()
        pdf.close()
    return pages, bordered


def tag_throughput(texts: list[str], corpus: Path) -> float:
    from ingest.corpus.tagger import load_taxonomy, tag_texts

    taxonomy = load_taxonomy(corpus)
    tag_texts(texts[:64], taxonomy)  # build and warm the spaCy pipeline first
    t = time.perf_counter()
    tag_texts(texts, taxonomy)
    return len(texts) / max(time.perf_counter() - t, 1e-9)


def dir_size(path: Path) -> tuple[int, int, int]:
    """(apparent bytes, bytes on disk, files)."""
    apparent = disk = files = 0
    for p in path.rglob("*"):
        if p.is_file():
            st = p.stat()
            apparent += st.st_size
            disk += st.st_blocks * 512
            files += 1
    return apparent, disk, files


def search_bytes(site: Path, query: str, results: int, work: Path) -> tuple[int, dict[str, int], str]:
    """Bytes downloaded for one search with Pagefind UI, by kind of file; and how it was measured."""
    bundle = site / "pagefind"
    shards = [bundle / b for b in json.loads((bundle / "shards.json").read_text(encoding="utf-8"))["bundles"]]
    primary = shards[0]
    page_assets = {name: (primary / name).stat().st_size for name in ("pagefind-ui.js", "pagefind-ui.css", "pagefind.js")
                   if (primary / name).is_file()}
    node = shutil.which("node")
    if node:
        probe = work / "pagefind-probe.mjs"
        probe.write_text(_PAGEFIND_PROBE, encoding="utf-8")
        proc = subprocess.run([node, "--no-warnings", str(probe), str(bundle), query, str(results)],
                              capture_output=True, text=True, timeout=120)
        if proc.returncode == 0 and proc.stdout.strip():
            data = json.loads(proc.stdout.strip().splitlines()[-1])
            by: dict[str, int] = {"ui+js": sum(page_assets.values())}
            for rel, n in data["loads"]:
                rel = re.sub(r"^s\d+/", "", rel)  # the shard's folder
                kind = ("wasm" if rel.startswith("wasm") else "meta" if rel.endswith((".pf_meta", ".json"))
                        else rel.split("/")[0])
                by[kind] = by.get(kind, 0) + n
            by["results"] = data["results"]
            return sum(v for k, v in by.items() if k != "results"), by, "node"
    # No Node: the fixed files, every filter, the two largest index chunks (a two-word query
    # loads about one chunk per word) and `results` average fragments. An estimate.
    # Per shard: its metadata, every filter and its two largest index chunks; one WebAssembly module.
    sizes = lambda sh, sub: sorted((p.stat().st_size for p in (sh / sub).glob("*")), reverse=True)  # noqa: E731
    frags = [n for sh in shards for n in sizes(sh, "fragment")]
    by = {"ui+js": sum(page_assets.values()),
          "meta": sum(p.stat().st_size for sh in shards for p in [*sh.glob("*.pf_meta"), sh / "pagefind-entry.json"]),
          "wasm": sum(p.stat().st_size for p in primary.glob("wasm.en.pagefind")),
          "filter": sum(sum(sizes(sh, "filter")) for sh in shards),
          "index": sum(sum(sizes(sh, "index")[:2]) for sh in shards),
          "fragment": int(results * sum(frags) / max(len(frags), 1))}
    return sum(by.values()), by, "estimate"


def profile_build(corpus: Path, work: Path, top: int = 30) -> str:
    """cProfile of a serial build from nothing (no cache, no rendering): the hot spots in our code."""
    out = work / "build.prof"
    code = ("import cProfile, sys\nfrom pathlib import Path\nfrom ingest.pipeline import BuildOptions, build\n"
            "opts = BuildOptions(corpus=Path(sys.argv[1]), site=Path(sys.argv[2]), executor='serial', render=False)\n"
            "cProfile.run('build(opts)', sys.argv[3])\n")
    subprocess.run([sys.executable, "-c", code, str(corpus), str(work / "prof-site"), str(out)], cwd=ROOT, check=True)
    import io
    import pstats

    buf = io.StringIO()
    stats = pstats.Stats(str(out), stream=buf)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(r"ingest", top)
    return buf.getvalue()


# ---------------------------------------------------------------------------- one size


def bench_size(n: int, args: argparse.Namespace, base: Path) -> dict[str, Any]:
    work = base / f"n{n}"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    corpus, site, cache = work / "corpus", work / "site", work / "cache"
    r: dict[str, Any] = {"n": n}

    t = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "scripts" / "synth_corpus.py"), str(n), str(corpus), "--seed", str(args.seed),
                    "--pdf-share", str(args.pdf_share)], check=True, stdout=subprocess.DEVNULL)
    r["gen_s"] = time.perf_counter() - t
    synth = json.loads((corpus / ".synth-corpus").read_text(encoding="utf-8"))
    r["expected_docs"] = synth["expected_documents"]
    files = sorted(p for p in corpus.iterdir() if p.is_file() and not p.name.startswith(".") and p.name != "manifest.yaml")
    pdfs = [p for p in files if p.suffix == ".pdf"]
    texts = [p for p in files if p.suffix in (".txt", ".md")]
    r["files"] = f"{len(pdfs)}/{sum(p.suffix == '.txt' for p in texts)}/{sum(p.suffix == '.md' for p in texts)}"
    pdf_pages, bordered = pdf_pages_and_borders(pdfs)
    text_pages = sum(max(1, math.ceil(len(p.read_text(encoding="utf-8")) / TEXT_CHARS_PER_PAGE)) for p in texts)
    r.update(pdf_pages=pdf_pages, bordered_pages=bordered, text_pages=text_pages, pages=pdf_pages + text_pages)
    log(f"N={n}: corpus in {r['gen_s']:.1f}s: {len(pdfs)} PDF ({pdf_pages} pages, {bordered} with borders), "
        f"{len(texts)} text ({text_pages} pages est.)")

    # Extraction, single process, same PDFs: raw pypdfium2 text and ours, round by round (a
    # single round's ratio ranged 0.38-0.62 for the same code on this shared machine).
    rounds, r["ours_fail"] = timed_rounds(pdfs, args.rounds)
    r["rounds"] = rounds
    r["ratio"], r["cpu_ratio"] = wall_ratio(rounds), cpu_ratio(rounds)
    r["raw_s"] = statistics.median(x.raw_s for x in rounds)
    r["ours_s"] = statistics.median(x.ours_s for x in rounds)
    r["text_s"], _ = ours(texts)
    r["raw_pps"] = pdf_pages / max(float(r["raw_s"]), 1e-9)
    r["ours_pps"] = pdf_pages / max(float(r["ours_s"]), 1e-9)
    log(f"N={n}: PDF extraction ours/raw pypdfium2 {r['ratio'].text()} wall, {r['cpu_ratio'].text()} CPU, "
        f"median of {len(rounds)} rounds; ours {r['ours_pps']:.0f} pages/s ({r['ours_s']:.1f}s), raw "
        f"{r['raw_pps']:.0f} pages/s ({r['raw_s']:.2f}s); text files {r['text_s']:.1f}s")
    r["instr_ratio"], r["instr_how"] = instruction_ratio(pdfs, args.instructions)
    log(f"N={n}: instructions ours/raw: " + (f"{r['instr_ratio']:.3f} ({r['instr_how']})" if r["instr_ratio"] else r["instr_how"]))
    if args.extract_only:
        r["extract_only"] = True
        return r

    if args.baseline:
        shutil.copytree(corpus, work / "corpus-baseline")
    # The full build from nothing.
    full = run_build(corpus, site, cache, args.workers, args.executor, work / "build-full.log",
                     args.stall, args.timeout)
    r["full"] = full
    if not full.ok:
        log(f"N={n}: full build FAILED after {full.wall:.0f}s: {full.error} (log: {work / 'build-full.log'})")
        return r
    log(f"N={n}: full build {full.wall:.1f}s, peak RSS {full.peak_rss:.0f} MB; {full.summary}; {full.timings}")

    findings = [json.loads(line)["text"] for line in (site / "data" / "findings.jsonl").open(encoding="utf-8")]
    r["findings"] = len(findings)
    r["docs"] = len(json.loads((site / "data" / "documents.json").read_text(encoding="utf-8")))
    r["tag_texts_fps"] = tag_throughput(findings, corpus)
    r["site_bytes"], r["site_disk"], r["site_files"] = dir_size(site)
    r["search_bytes"], r["search_by"], r["search_how"] = search_bytes(site, args.query, args.results, work)

    runs = rebuilds(corpus, site, cache, texts, full, args, work, "")
    r.update(runs)
    if args.baseline:
        # The same builds with the baseline's code, on a copy of the same corpus, in the same run.
        bcorpus = work / "corpus-baseline"
        bfull = run_build(bcorpus, work / "site-baseline", work / "cache-baseline", args.workers, args.executor,
                          work / "build-full-baseline.log", args.stall, args.timeout, args.baseline)
        log(f"N={n}: baseline full build {bfull.wall:.1f}s; {bfull.timings}")
        r["baseline"] = {"full": bfull, **rebuilds(bcorpus, work / "site-baseline", work / "cache-baseline",
                                                   [bcorpus / p.relative_to(corpus) for p in texts], bfull, args, work,
                                                   "-baseline", args.baseline)}
    if args.profile:
        r["profile"] = profile_build(corpus, work)
    return r


def site_files(site: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(site).as_posix(): (p.lstat().st_ino, p.lstat().st_mtime_ns) for p in site.rglob("*")}


def rebuilds(corpus: Path, site: Path, cache: Path, texts: list[Path], full: Run, args: argparse.Namespace, work: Path,
             tag: str, code: Path | None = None) -> dict[str, Any]:
    """After a full build: a build with nothing changed (and whether it rewrote any file of the
    site), then one paragraph appended to one .txt, both with the same cache."""
    out: dict[str, Any] = {}
    before = site_files(site)
    same = run_build(corpus, site, cache, args.workers, args.executor, work / f"build-nochange{tag}.log", args.stall, args.timeout, code)
    out["nochange"], out["nochange_rewrote"] = same, sum(1 for k, v in site_files(site).items() if before.get(k) != v)
    log(f"N={corpus.parent.name}{tag}: nothing changed {same.wall:.2f}s ({100 * same.wall / full.wall:.1f}% of full), "
        f"{out['nochange_rewrote']} files of the site rewritten; {same.timings}")
    target = next((p for p in texts if p.suffix == ".txt"), texts[0] if texts else None)
    if target is not None:
        with target.open("a", encoding="utf-8") as fh:
            fh.write("\n\n99. The Committee asked for a further update on corporate parenting and placement "
                     "sufficiency at its next meeting. \n")
        inc = run_build(corpus, site, cache, args.workers, args.executor, work / f"build-incremental{tag}.log",
                        args.stall, args.timeout, code)
        out["inc"] = inc
        log(f"N={corpus.parent.name}{tag}: incremental build {inc.wall:.1f}s ({100 * inc.wall / full.wall:.0f}% of full); {inc.timings}")
    return out


# ---------------------------------------------------------------------------- report


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _f(x: float, digits: int = 1) -> str:
    return f"{x:,.{digits}f}"


COLUMNS = ["N", "files pdf/txt/md", "docs (expected)", "pages pdf+text", "extract ours p/s", "raw pdfium p/s",
           "ours/raw", "extract+segment s (p/s)", "findings", "tag stage f/s", "tag_texts f/s", "link s", "render s",
           "full build s", "peak RSS MB", "site MB", "search KB", "incremental s (% of full)"]


def row(r: dict[str, Any]) -> list[str]:
    full: Run | None = r.get("full")
    inc: Run | None = r.get("inc")
    pages = int(r["pages"])
    cells = [str(r["n"]), str(r["files"]), "", f"{r['pdf_pages']}+{r['text_pages']}", _f(r["ours_pps"], 0),
             _f(r["raw_pps"], 0), f"{r['ratio'].median:.3f} ({r['ratio'].low:.2f}-{r['ratio'].high:.2f})"]
    if full is None and r.get("extract_only"):
        return cells + [""] * (len(COLUMNS) - len(cells))
    if full is None or not full.ok:
        why = full.error if full else "not run"
        return cells[:2] + [f"- ({r['expected_docs']})"] + cells[3:] + [f"FAILED: {why}"] + [""] * (len(COLUMNS) - 8)
    tm = full.timings
    es = tm.get("extract+segment", float("nan"))
    cells[2] = f"{r['docs']} ({r['expected_docs']})"
    cells += [f"{_f(es)} ({_f(pages / es, 0)})", f"{r['findings']:,}",
              _f(int(r["findings"]) / tm["tag"], 0) if tm.get("tag") else "-",
              _f(r["tag_texts_fps"], 0), _f(tm.get("link", float("nan")), 2), _f(tm.get("render", float("nan"))),
              _f(full.wall), _f(full.peak_rss, 0), _f(int(r["site_bytes"]) / 1e6),
              _f(int(r["search_bytes"]) / 1e3, 0) + ("" if r["search_how"] == "node" else " (est.)")]
    if inc is not None and inc.ok:
        cells.append(f"{_f(inc.wall)} ({100 * inc.wall / full.wall:.0f}%)")
    else:
        cells.append("FAILED" if inc is not None else "-")
    return cells


def print_table(results: list[dict[str, Any]]) -> None:
    rows = [COLUMNS, *[row(r) for r in results]]
    widths = [max(len(rw[i]) for rw in rows) for i in range(len(COLUMNS))]
    for k, rw in enumerate(rows):
        print("| " + " | ".join(c.rjust(w) if k and i else c.ljust(w) for i, (c, w) in enumerate(zip(rw, widths))) + " |")
        if k == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def print_details(results: list[dict[str, Any]], args: argparse.Namespace) -> None:
    print()
    print(f"Code: {_commit()}. Machine: {os.cpu_count()} cores; --workers {args.workers}; --executor {args.executor}; "
          f"Python {sys.version.split()[0]}. Text pages are estimated at {TEXT_CHARS_PER_PAGE:,} characters a page.")
    for r in results:
        full: Run | None = r.get("full")
        print(f"\nN={r['n']}: corpus generated in {_f(r['gen_s'])}s (not counted). "
              f"{r['pdf_pages']} PDF pages, {r['bordered_pages']} of them with table borders; "
              f"ours {_f(r['ours_s'])}s vs raw pypdfium2 {_f(r['raw_s'], 2)}s on the same PDFs (medians of {len(r['rounds'])} "
              f"interleaved rounds: ours {', '.join(_f(x.ours_s) for x in r['rounds'])}; raw {', '.join(_f(x.raw_s, 2) for x in r['rounds'])}); "
              f"text files extracted in {_f(r['text_s'])}s.\n"
              f"  ours/raw, the median of the rounds' own ratios: {r['ratio'].text()} in wall time, "
              f"{r['cpu_ratio'].text()} in CPU time; in instructions: "
              + (f"{r['instr_ratio']:.3f} ({r['instr_how']})." if r["instr_ratio"] else f"not measured: {r['instr_how']}."))
        if full is None:
            continue
        print(f"  full build: {_f(full.wall)}s wall, peak RSS {_f(full.peak_rss, 0)} MB summed over the process tree "
              f"(largest single process {_f(full.peak_single, 0)} MB; at the peak: {full.peak_parts}); stages {json.dumps(full.timings)}; "
              f"inputs {json.dumps(full.statuses)}; {full.summary}")
        if not full.ok:
            print(f"  FAILED: {full.error}")
            continue
        print(f"  site: {int(r['site_bytes']) / 1e6:.1f} MB in {r['site_files']} files "
              f"({int(r['site_disk']) / 1e6:.1f} MB on disk); search for {args.query!r} ({r['search_how']}): "
              + ", ".join(f"{k} {v / 1e3:.0f} KB" if k != "results" else f"{v} results"
                          for k, v in r["search_by"].items()))
        for label, runs in (("this tree", r), (f"baseline {args.baseline}", r.get("baseline"))):
            if not runs:
                continue
            base, same, inc = runs["full"], runs.get("nochange"), runs.get("inc")
            line = f"  {label}: full build {_f(base.wall)}s"
            if same is not None:
                line += (f"; nothing changed {_f(same.wall, 2)}s ({100 * same.wall / base.wall:.1f}%), "
                         f"{runs['nochange_rewrote']} site files rewritten")
            if inc is not None:
                line += f"; one paper changed {_f(inc.wall)}s ({100 * inc.wall / base.wall:.1f}%)"
            print(line)
        inc = r.get("inc")
        if inc is not None:
            print(f"  incremental: {_f(inc.wall)}s, stages {json.dumps(inc.timings)}"
                  + (f"; FAILED: {inc.error}" if not inc.ok else ""))
        if r.get("profile"):
            print(f"\n  cProfile of a serial build (no render) for N={r['n']}:\n{r['profile']}")


def _commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "ingest", "mkdocs.yml", "docs"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        import ingest

        package = Path(ingest.__file__).resolve().parent.parent  # PYTHONPATH may name another tree's
        return (f"commit {head}" + (" with local changes to ingest/, docs/ or mkdocs.yml" if dirty else "")
                + (f", measuring the package of {package}" if package != ROOT else ""))
    except OSError:
        return "commit unknown"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog="example: python scripts/benchmark.py --sizes 200 1000")
    ap.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--executor", choices=["auto", "process", "serial", "dask"], default="process")
    ap.add_argument("--keep", type=Path, default=None, help="keep corpora, sites and logs under this folder")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=5,
                    help="interleaved rounds of the extraction speed measurement (the median of their ratios counts)")
    ap.add_argument("--instructions", type=int, default=10, metavar="N",
                    help="also count instructions (valgrind's callgrind, where installed) on N of the PDFs; 0: do not")
    ap.add_argument("--extract-only", action="store_true", help="measure extraction against raw pypdfium2 only: no builds")
    ap.add_argument("--pdf-share", type=float, default=0.4)
    ap.add_argument("--query", default=QUERY)
    ap.add_argument("--results", type=int, default=5, help="fragments a search loads (Pagefind UI shows 5)")
    ap.add_argument("--stall", type=float, default=60.0, help="declare a build hung after this many seconds without CPU use")
    ap.add_argument("--timeout", type=float, default=3600.0, help="give up on a build after this many seconds")
    ap.add_argument("--profile", action="store_true", help="also profile a serial build (cProfile) and print the hot spots")
    ap.add_argument("--baseline", type=Path, default=None, metavar="TREE",
                    help="also build each corpus with the package of another tree (e.g. /work/main), in the same run, to compare")
    ap.add_argument("--scanned-share", type=float, default=0.0,
                    help="instead: the cost of scanned papers, with this share of the pages scanned (see scripts/bench_ocr.py)")
    args = ap.parse_args(argv)
    if args.scanned_share > 0:
        return _scanned(args)
    base = args.keep or Path(tempfile.mkdtemp(prefix="ingest-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    results = []
    start = _commit()
    log(f"benchmarking {start}")
    try:
        for n in args.sizes:
            results.append(bench_size(n, args, base.resolve()))
    finally:
        if results:
            print_table(results)
            print_details(results, args)
            if _commit() != start:
                print(f"\nWARNING: the code changed during the run (started on {start}); the figures mix versions.")
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    return 0


def _scanned(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_ocr import bench_scanned, print_scanned

    base = args.keep or Path(tempfile.mkdtemp(prefix="ingest-bench-ocr-"))
    base.mkdir(parents=True, exist_ok=True)
    try:
        results = [bench_scanned(n, args, base.resolve(), run_build, log) for n in args.sizes]
        print_scanned(results, args)
        print(f"Code: {_commit()}.")
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
