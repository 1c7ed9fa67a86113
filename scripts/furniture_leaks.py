"""Print the findings of a folder of papers that look like page furniture, per paper, so that the
furniture that leaks into findings on unlabelled papers is counted, not eyeballed.

A finding is a candidate leak when:
- edge: it holds a line that pdftotext prints among the first two or last three lines of three
  pages or more (digits masked, three words or more): a running header or footer;
- repeat: its text, digits masked, is the text of findings on three pages or more;
- layer: it holds a line the furniture layer took elsewhere in the paper (three words or more);
- cover / back / sign-off / page number: its form (a cover-sheet field or a line of contact on
  the first page; licence, Crown copyright or "a copy of this" wording on the last two pages;
  "Chair ... Date"; "Page 3 of 20").

Example: python scripts/furniture_leaks.py ~/pool --work /tmp/leaks   (add --summary for counts only)
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
from collections import Counter, defaultdict
from pathlib import Path

_COVER = re.compile(r"^(?:date of (?:the )?meeting|wards? affected|report (?:author|of|to|by)|contact(?: officer)?|classification|"
                    r"key decision|cabinet member|portfolio|author|official(?:[- ]sensitive)?$|tel(?:ephone)?\b|e-?mail\b)", re.I)
_BACK = re.compile(r"crown copyright|open government licen[cs]e|nationalarchives|if you would like a copy|"
                   r"alternative format|piccadilly gate|reproduce (?:it|this)|© |all rights reserved|licen[cs]ed under", re.I)
_SIGN = re.compile(r"\bchair(?:man|person)?\b.{0,40}\bdated?\b|^signed\b", re.I)
_PAGENO = re.compile(r"\bpage\s+\d+\s+of\s+\d+\b|^\d+\s+of\s+\d+$|^page\s+\d+$", re.I)


def _key(text: str) -> str:
    return " ".join(re.sub(r"\d+", "#", text.casefold()).split())


def _words(text: str) -> int:
    return len(re.findall(r"[^\W\d_]{2,}", text))


def edge_lines(pdf: Path) -> set[str]:
    """The masked lines pdftotext prints at the top or bottom edge of three pages or more."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, errors="replace").stdout
    pages = out.split("\f")
    seen: Counter[str] = Counter()
    for page in pages:
        lines = [" ".join(ln.split()) for ln in page.splitlines() if ln.strip()]
        edge = {_key(ln) for ln in lines[:2] + lines[-3:] if _words(ln) >= 3}
        seen.update(edge)
    need = 3 if len(pages) > 4 else 2
    return {k for k, n in seen.items() if n >= need}


def leaks(doc, edges: set[str]) -> list[tuple[str, object]]:
    found = []
    last = max((f.pdf_page or f.page or 0 for f in doc.findings), default=0)
    pages_of: defaultdict[str, set[int]] = defaultdict(set)
    for f in doc.findings:
        pages_of[_key(f.text)].add(f.pdf_page or f.page or 0)
    layer = {_key(b.text) for b in doc.furniture if _words(b.text) >= 3 and b.role in ("running header", "running footer")}
    for f in doc.findings:
        key, page = _key(f.text), f.pdf_page or f.page or 0
        why = None
        hit = next((e for e in edges if e in key), None)
        if hit is not None:
            why = f"edge {hit[:50]!r}"
        elif len(pages_of[key]) >= 3 and _words(f.text) >= 1:
            why = "repeat"
        elif any(k in key for k in layer):
            why = "layer"
        elif page == 1 and _COVER.search(f.text.strip()) and len(f.text.split()) <= 20:
            why = "cover"
        elif page >= last - 1 and _BACK.search(f.text):
            why = "back"
        elif _SIGN.search(f.text) and len(f.text.split()) <= 20:
            why = "sign-off"
        elif _PAGENO.search(f.text.strip()):
            why = "page number"
        if why:
            found.append((why, f))
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--work", type=Path, default=Path("/tmp/furniture-leaks"))
    ap.add_argument("--summary", action="store_true", help="counts only")
    args = ap.parse_args()
    from evaluate_real import build_pdfs

    if args.work.exists():
        shutil.rmtree(args.work)
    pdfs = sorted(args.folder.glob("*.pdf"))
    result = build_pdfs(pdfs, args.work)
    (args.work / "corpus.json").write_text(result.model_dump_json(), encoding="utf-8")
    by_file = {p.name: p for p in pdfs}
    total: Counter[str] = Counter()
    findings = 0
    for doc in result.documents:
        src = next((s.file for s in doc.sources if s.file in by_file), None)
        edges = edge_lines(by_file[src]) if src else set()
        got = leaks(doc, edges)
        findings += len(doc.findings)
        total.update(why.split()[0] for why, _ in got)
        if got and not args.summary:
            print(f"=== {src} :: {doc.id} ({len(got)}/{len(doc.findings)})")
            for why, f in got:
                print(f"  [{why}] p{f.pdf_page} {f.label}: {f.text[:160]!r}")
    print(f"\n{len(result.documents)} documents, {findings} findings; candidate leaks: {sum(total.values())} "
          + ", ".join(f"{k} {n}" for k, n in total.most_common()))


if __name__ == "__main__":
    main()
