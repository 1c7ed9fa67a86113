"""OCR for pages with no usable text layer: Tesseract's word boxes made into the `PageLayout`
the typed path gives `pdf_layout`, so furniture, paragraphs, bullets, labels and page numbers
come out of the same rules.

Tesseract runs through pytesseract on pages rendered by pypdfium2 (OCRmyPDF was slower on the
real scanned agenda package, gives no per-word confidence, and its output is a PDF to read back:
dev-docs/research-log.md, scanned papers). A page is read at `DPI`;
each result is cached by the rendered image's bytes, Tesseract's version and the settings.

Tesseract gives each word's box and confidence, not its baseline, font size or weight, so:
- the baseline is the median bottom of the line's words without descenders, and the font size
  comes from the height of its words with ascenders or capitals above it (`_CAP_SHARE` of an em);
- a line is bold when its strokes are clearly thicker than the page's usual stroke (horizontal
  runs of ink measured in the line's box, relative to its size): headings then read as headings;
- table borders are read from the image (long straight runs of ink) as the `Rect`s a typed page's
  path objects give.
"""

from __future__ import annotations

import hashlib
import os
import re
import statistics
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ingest.document.extract.layout_records import Line, PageLayout, Rect

DPI = 200  # 150 was a fifth faster on the Nipissing pages but read fewer words (1,408 against 1,430)
LANG = "eng"
PSM = 3  # Tesseract's automatic page segmentation (columns, blocks)
SETTINGS = f"dpi={DPI} lang={LANG} psm={PSM} gray=1 layout=1"
# A page whose text layer has fewer characters than this, and whose images cover at least
# `MIN_IMAGE_SHARE` of it, is a scan (a digital "Page 3" stamp on a scan is not a text layer).
MIN_TEXT_CHARS = 25
MIN_IMAGE_SHARE = 0.25
# Lines Tesseract itself doubts (their words' mean confidence below this) are dropped: what it
# reads on a map or a photo ("sere ao rman orate") is 25-57, while a clean scan's lines are
# 85-96 and a poor one's 60-80.
MIN_LINE_CONFIDENCE = 60.0
MIN_WORD_CONFIDENCE = 45.0  # words below this do not count when measuring a line's strokes
# Pages whose mean word confidence is below this are listed in the build report to check.
LOW_CONFIDENCE = 70.0
_CAP_SHARE = 0.70  # cap and ascender height as a share of the font size (Arial 0.72, Calibri 0.64)
_DESCENDERS = re.compile(r"[gjpqy,;()\[\]{}|/@$]")
_ASCENDERS = re.compile(r"[A-Zbdfhklt0-9?!%&]")
_WORDLIKE = re.compile(r"[A-Za-z]{2,}|\d")
_BULLET_MISREADS = {"\u2022", "\u00a2", "\u00a9", "\u00ab", "\u00bb", "\u00b0", "\u00b7", "*", "e", "o", "\u25cf", "\u25aa", "\u25a0", "\u27a2", "+"}


@lru_cache(maxsize=1)
def tesseract_version() -> str | None:
    """Tesseract's version, or None when it (or pytesseract) is not installed."""
    try:
        import pytesseract

        return str(pytesseract.get_tesseract_version())
    except Exception:  # noqa: BLE001 - not found, not runnable: OCR is off, and the build says so
        return None


def engine_tag() -> str:
    """What OCR would read with: part of the cache key of every PDF, so installing Tesseract (or
    changing the settings) reads the scans again instead of serving the copy without them."""
    version = tesseract_version()
    return f"tesseract {version} {SETTINGS}" if version else "no-ocr"


def image_share(page: Any) -> float:
    """The share of the page covered by image and form objects (a scan is one big image)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    raw = page.raw
    width, height = page.get_size()
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    area = 0.0
    for k in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, k)
        if pdfium_c.FPDFPageObj_GetType(obj) not in (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM):
            continue
        pdfium_c.FPDFPageObj_GetBounds(obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
        w = min(right.value, width) - max(left.value, 0.0)
        h = min(top.value, height) - max(bottom.value, 0.0)
        if w > 0 and h > 0:
            area += w * h
    return area / (width * height) if width and height else 0.0


def render(page: Any) -> Any:
    """The page as a greyscale PIL image at `DPI`."""
    return page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L")


def image_key(image: Any, version: str) -> str:
    h = hashlib.sha256()
    h.update(f"{image.size[0]}x{image.size[1]} {image.mode} {version} {SETTINGS}\0".encode())
    h.update(image.tobytes())
    return h.hexdigest()


def read_image(image: Any) -> dict[str, Any]:
    """Tesseract on one page image: its words (text, box in pixels, confidence, line id), the
    table rules seen in the image and each line's stroke weight, as JSON for the cache."""
    import pytesseract

    # One thread per Tesseract: pages and files run side by side in the worker pool, and
    # OpenMP's own threads on top of those only fight over the same cores.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    data = pytesseract.image_to_data(image, lang=LANG, config=f"--psm {PSM}", output_type=pytesseract.Output.DICT)
    words = []
    for i, text in enumerate(data["text"]):
        text = text.strip()
        if not text:
            continue
        words.append([text, int(data["left"][i]), int(data["top"][i]), int(data["width"][i]), int(data["height"][i]),
                      float(data["conf"][i]), f"{data['block_num'][i]}.{data['par_num'][i]}.{data['line_num'][i]}"])
    return {"size": list(image.size), "words": words, "rules": _rules(image), "ink": _ink(image, words)}


def _dark(image: Any) -> Any:
    import numpy as np

    return np.asarray(image, dtype=np.uint8) < 140


def _rules(image: Any) -> list[list[int]]:
    """Long straight runs of ink (table borders), as [x0, top, x1, bottom] in pixels. Longer than
    any glyph (`min_len`, 30 pt), so letters never count; a rule a few pixels thick is one rect."""
    import numpy as np

    dark = _dark(image)
    min_len = int(30 * DPI / 72)
    out: list[list[int]] = []
    for axis in (0, 1):  # 0: vertical runs (down each column), 1: horizontal runs (along each row)
        grid = dark if axis == 0 else dark.T
        padded = np.zeros((grid.shape[0] + 2, grid.shape[1]), dtype=np.int8)
        padded[1:-1] = grid
        edges = np.diff(padded, axis=0)
        starts = np.argwhere(edges.T == 1)  # (column, start row), in the same order as the ends
        ends = np.argwhere(edges.T == -1)
        keep = (ends[:, 1] - starts[:, 1]) >= min_len  # filtered in numpy: a page has ~10^5 runs
        runs = list(zip(starts[keep, 0].tolist(), starts[keep, 1].tolist(), ends[keep, 1].tolist()))
        merged: list[list[int]] = []  # a rule two or three pixels thick: neighbouring runs
        for c, s, e in sorted(runs, key=lambda r: (r[1] // 4, r[0])):
            m = next((m for m in merged if c - m[1] <= 2 and abs(s - m[2]) <= 4 and abs(e - m[3]) <= 4), None)
            if m is not None:
                m[1], m[2], m[3] = c, min(m[2], s), max(m[3], e)
            else:
                merged.append([c, c, s, e])
        for c0, c1, s, e in merged:
            out.append([c0, s, c1 + 1, e] if axis == 0 else [s, c0, e, c1 + 1])
    return out


def _ink(image: Any, words: list[list[Any]]) -> dict[str, list[int]]:
    """Each line's horizontal runs of ink: a histogram of their lengths in pixels (1 to 24).
    Most runs cross a stem, so their length is the stroke's width (see `_stroke`)."""
    import numpy as np

    dark = _dark(image)
    boxes: dict[str, list[int]] = {}
    for text, left, top, width, height, conf, line in words:
        if conf < MIN_WORD_CONFIDENCE or not _WORDLIKE.search(text):
            continue
        b = boxes.setdefault(line, [left, top, left + width, top + height])
        b[0], b[1], b[2], b[3] = min(b[0], left), min(b[1], top), max(b[2], left + width), max(b[3], top + height)
    out: dict[str, list[int]] = {}
    for line, (x0, y0, x1, y1) in boxes.items():
        box = dark[y0:y1, x0:x1]
        if box.size == 0 or y1 - y0 < 4:
            continue
        padded = np.zeros((box.shape[0], box.shape[1] + 2), dtype=np.int8)
        padded[:, 1:-1] = box
        edges = np.diff(padded, axis=1)
        lengths = np.nonzero(edges.ravel() == -1)[0] - np.nonzero(edges.ravel() == 1)[0]
        out[line] = np.bincount(np.clip(lengths, 0, 25), minlength=26)[1:25].tolist()
    return out


def _stroke(histogram: list[int], size_px: float) -> float | None:
    """The mean stroke width as a share of the font size, from the runs no longer than a fifth of
    an em (stems; longer runs are bars and serifs). None when too few runs to tell."""
    cap = max(2, int(size_px * 0.2))
    runs = histogram[:cap]
    n = sum(runs)
    if n < 20:
        return None
    return sum((k + 1) * c for k, c in enumerate(runs)) / n / size_px


def page_layout(result: dict[str, Any], number: int) -> PageLayout:
    """The page as the typed path gives it: lines in points, with size, weight and confidence."""
    scale = 72 / DPI
    width, height = (v * scale for v in result["size"])
    rects = [Rect(x0 * scale, top * scale, x1 * scale, bottom * scale) for x0, top, x1, bottom in result["rules"]]
    cut_at = sorted(r.x0 for r in rects if r.x1 - r.x0 < 3)
    made: list[tuple[str, Line]] = []
    for key, words in _kept_lines(result).items():
        for part in _split(words, scale, cut_at):
            line = _line(part, scale)
            if line is not None:
                made.append((key, line))
    _settle_sizes([ln for _, ln in made])
    _mark_bold(made, result["ink"], scale)
    lines = sorted((ln for _, ln in made), key=lambda ln: (ln.top, ln.x0))
    return PageLayout(number, width, height, lines, rects)


def _lines(result: dict[str, Any]) -> dict[str, list[list[Any]]]:
    """Tesseract's lines (words left to right) with a word in them: stray marks read as "|", "~"
    or "-" are not a line."""
    lines_of: dict[str, list[list[Any]]] = {}
    for w in result["words"]:
        lines_of.setdefault(w[6], []).append(w)
    return {k: sorted(ws, key=lambda w: w[1]) for k, ws in lines_of.items() if any(_WORDLIKE.search(w[0]) for w in ws)}


def _kept_lines(result: dict[str, Any]) -> dict[str, list[list[Any]]]:
    """The lines read well enough to keep: a line Tesseract doubts as a whole is noise (a map's
    labels, a photo's texture); in a line read well a doubted word is kept, as it is usually
    right (the word after a bullet glyph)."""
    return {k: ws for k, ws in _lines(result).items() if sum(w[5] for w in ws) / len(ws) >= MIN_LINE_CONFIDENCE}


def _settle_sizes(lines: list[Line]) -> None:
    """Sizes within 1.5 pt of the page's usual size are that size: measured from word boxes they
    wander by a point or two, and `top` (from the size) must not, or paragraphs split apart."""
    if not lines:
        return
    usual = statistics.median(ln.size for ln in lines)
    for ln in lines:
        if abs(ln.size - usual) <= 1.5 and ln.size != usual:
            base = ln.bottom - ln.size * 0.2
            ln.size = usual
            ln.top, ln.bottom = base - usual * 0.8, base + usual * 0.2


def _mark_bold(made: list[tuple[str, Line]], ink: dict[str, list[int]], scale: float) -> None:
    """A line is bold when its strokes are 1.35 times as wide (for its size) as the page's usual
    line's. With fewer than three measurable lines there is no usual weight, so none is bold."""
    strokes = {id(ln): _stroke(ink[key], ln.size / scale) for key, ln in made if key in ink}
    known = [v for v in strokes.values() if v is not None]
    if len(known) < 3:
        return
    heavy = statistics.median(known) * 1.35
    for _, ln in made:
        v = strokes.get(id(ln))
        ln.bold = v is not None and v > heavy


def _split(words: list[list[Any]], scale: float, cut_at: Sequence[float], column_gap: float = 14.0) -> list[list[list[Any]]]:
    """A Tesseract line cut where a wide gap or a table's vertical rule parts its words (cells
    side by side are one line to Tesseract, as they are to pdfium)."""
    parts: list[list[list[Any]]] = [[words[0]]]
    for prev, w in zip(words, words[1:]):
        gap_start, gap_end = (prev[1] + prev[3]) * scale, w[1] * scale
        if gap_end - gap_start > column_gap or any(gap_start - 2 <= x <= gap_end + 2 for x in cut_at):
            parts.append([w])
        else:
            parts[-1].append(w)
    return parts


def _line(words: list[list[Any]], scale: float) -> Line | None:
    texts = [w[0] for w in words]
    # A line with no word in it (stray marks read as "|", "~", "—") is noise on a scan or photo.
    if not any(_WORDLIKE.search(t) for t in texts):
        return None
    if len(texts) > 1 and texts[0] in _BULLET_MISREADS:
        texts[0] = "\u2022"  # Tesseract reads a bullet glyph as one of these
    plain = [w for w in words if not _DESCENDERS.search(w[0])]
    if plain:
        baseline = statistics.median(w[2] + w[4] for w in plain)
    else:  # every word hangs below the line ("year."): its descender is about 0.3 of its box
        baseline = statistics.median(w[2] + w[4] * 0.7 for w in words)
    tall = [baseline - w[2] for w in words if _ASCENDERS.search(w[0])]
    if tall:
        size = statistics.median(tall) * scale / _CAP_SHARE
    else:  # x-height words only ("an area"): about half an em
        size = statistics.median(baseline - w[2] for w in words) * scale / 0.5
    size = min(14.0, max(4.0, round(size * 2) / 2))
    base = baseline * scale
    conf = sum(w[5] for w in words) / len(words)
    return Line(words[0][1] * scale, base - size * 0.8, base + size * 0.2, " ".join(texts), False, size, conf)


def page_confidence(result: dict[str, Any]) -> tuple[float | None, int]:
    """The mean confidence of the words on the page's lines (the dropped ones too: a poor scan's
    doubted lines are why it is doubtful), and how many words were kept. None and 0 for a page
    where nothing was kept: blank, or a picture whose marks were all noise, not a doubtful page."""
    kept = sum(len(ws) for ws in _kept_lines(result).values())
    confs = [w[5] for words in _lines(result).values() for w in words]
    return (round(sum(confs) / len(confs), 1) if confs and kept else None), kept
