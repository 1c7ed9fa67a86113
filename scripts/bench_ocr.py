"""The cost of scanned papers, for `scripts/benchmark.py --scanned-share 0.1`.

For each N: a synthetic corpus (scripts/synth_corpus.py) is built from nothing as it is; then
whole PDFs are replaced by their scanned twins (each page rendered at 200 dpi with pypdfium2 and
saved back as an image-only PDF with Pillow, as a scanner would) until the scans hold the share
asked of all the corpus's pages (PDF pages + text pages estimated at 2,000 characters), and the
corpus is built from nothing again, then once more with the same cache (nothing changed).
Also measured: OCR pages per second in one process on one core (render + Tesseract, 10 of the
scanned pages).
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def scan_pdf(path: Path, dpi: int = 200) -> int:
    """Replace a PDF by its scanned twin; returns its page count."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    images = [pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(pdf))]
    pdf.close()
    images[0].save(str(path), "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return len(images)


def ocr_pages_per_second(pdfs: list[Path], pages: int = 10) -> float:
    import pypdfium2 as pdfium

    from ingest.document.extract import ocr

    os.environ["OMP_THREAD_LIMIT"] = "1"
    done, t = 0, time.perf_counter()
    for p in pdfs:
        pdf = pdfium.PdfDocument(str(p))
        for i in range(len(pdf)):
            if done >= pages:
                break
            ocr.read_image(ocr.render(pdf[i]))
            done += 1
        pdf.close()
    return done / max(time.perf_counter() - t, 1e-9)


def bench_scanned(n: int, args: Any, base: Path, run_build: Any, log: Any) -> dict[str, Any]:
    from ingest.document.extract import ocr

    if ocr.tesseract_version() is None:
        raise SystemExit("--scanned-share needs Tesseract (scripts/install-ocr-deps.sh)")
    work = base / f"scanned-n{n}"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    corpus = work / "corpus"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "synth_corpus.py"), str(n), str(corpus), "--seed", str(args.seed),
                    "--pdf-share", str(args.pdf_share)], check=True, stdout=subprocess.DEVNULL)
    files = sorted(p for p in corpus.iterdir() if p.is_file() and not p.name.startswith(".") and p.name != "manifest.yaml")
    pdfs = [p for p in files if p.suffix == ".pdf"]
    text_pages = sum(max(1, math.ceil(len(p.read_text(encoding="utf-8")) / 2000)) for p in files if p.suffix in (".txt", ".md"))
    import pypdfium2 as pdfium

    pdf_pages = sum(len(pdfium.PdfDocument(str(p))) for p in pdfs)
    r: dict[str, Any] = {"n": n, "pages": pdf_pages + text_pages}
    typed = run_build(corpus, work / "site-typed", work / "cache-typed", args.workers, args.executor,
                      work / "build-typed.log", args.stall, args.timeout)
    r["typed"] = typed
    log(f"scanned N={n}: typed corpus built in {typed.wall:.1f}s ({pdf_pages} PDF + {text_pages} text pages)")
    want, scanned, chosen = args.scanned_share * r["pages"], 0, []
    for p in pdfs[::3] + [q for k, q in enumerate(pdfs) if k % 3]:  # spread over the corpus
        if scanned >= want:
            break
        scanned += scan_pdf(p)
        chosen.append(p)
    r["scanned_pages"], r["scanned_files"] = scanned, len(chosen)
    r["ocr_pps"] = ocr_pages_per_second(chosen)
    log(f"scanned N={n}: {len(chosen)} PDFs ({scanned} pages) scanned; OCR {r['ocr_pps']:.2f} pages/s on one core")
    cache = work / "cache"
    r["cold"] = run_build(corpus, work / "site", cache, args.workers, args.executor, work / "build-cold.log", args.stall, args.timeout)
    r["warm"] = run_build(corpus, work / "site", cache, args.workers, args.executor, work / "build-warm.log", args.stall, args.timeout)
    log(f"scanned N={n}: with scans cold {r['cold'].wall:.1f}s, warm {r['warm'].wall:.1f}s")
    return r


def print_scanned(results: list[dict[str, Any]], args: Any) -> None:
    cols = ["N", "pages (scanned)", "OCR p/s, one core", "full build typed s", "with scans, cold s", "cold extract+segment s",
            "with scans, warm s", "extra per scanned page s"]
    rows = [cols]
    for r in results:
        typed, cold, warm = r["typed"], r["cold"], r["warm"]
        extra = (cold.wall - typed.wall) / max(r["scanned_pages"], 1)
        rows.append([str(r["n"]), f"{r['pages']:,} ({r['scanned_pages']:,}, {100 * r['scanned_pages'] / r['pages']:.0f}%)",
                     f"{r['ocr_pps']:.2f}", f"{typed.wall:.1f}", f"{cold.wall:.1f}" + ("" if cold.ok else " FAILED"),
                     f"{cold.timings.get('extract+segment', float('nan')):.1f}", f"{warm.wall:.1f}" + ("" if warm.ok else " FAILED"),
                     f"{extra:.2f}"])
    widths = [max(len(rw[i]) for rw in rows) for i in range(len(cols))]
    print(f"\nScanned papers (--scanned-share {args.scanned_share}, --workers {args.workers}, {os.cpu_count()} cores):")
    for k, rw in enumerate(rows):
        print("| " + " | ".join(c.rjust(w) if k and i else c.ljust(w) for i, (c, w) in enumerate(zip(rw, widths))) + " |")
        if k == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
