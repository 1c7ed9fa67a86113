"""Dump everything PDF extraction gives for a list of PDFs to one JSON file, deterministically, so
that a change meant only to make extraction faster can be checked to change nothing: run it
before and after and compare the files byte for byte.

For each PDF: every page's layout as the fast reader gives it (`iter_layout_fast`: lines with
every field, rules, the words joined for unruled tables, hidden lines), then what `extract` makes
of them (blocks, tables' rows, furniture, scanned pages, page count) and the blocks normalised as
the build does (`normalise_blocks`). An error is dumped as its message, as the build would report it.

    python scripts/dump_extraction.py -o /tmp/before.json ../shared/pdfs tests/realpapers/pdfs
    python scripts/dump_extraction.py -o /tmp/after.json ../shared/pdfs tests/realpapers/pdfs
    cmp /tmp/before.json /tmp/after.json
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any


def pdfs_in(args: list[Path]) -> list[Path]:
    """The PDFs named, and those in the folders named (recursively), each once, in sorted order."""
    found: set[Path] = set()
    for a in args:
        found.update(a.rglob("*.pdf") if a.is_dir() else [a])
    return sorted(found)


def plain(value: Any) -> Any:
    """A record (dataclass, named tuple, pydantic model) as plain JSON values, fields in order."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if hasattr(value, "_asdict"):
        return {k: plain(v) for k, v in value._asdict().items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def dump_one(path: Path) -> dict[str, Any]:
    from ingest.document.extract.pdf import extract_pdf
    from ingest.document.extract.pdf_fast import iter_layout_fast
    from ingest.document.normalise import normalise_blocks

    out: dict[str, Any] = {"file": path.name}
    try:
        out["layouts"] = [plain(page) for page in iter_layout_fast(path)]
    except Exception as exc:  # noqa: BLE001 - dumped, so a change in how a file fails shows too
        out["layouts_error"] = f"{type(exc).__name__}: {exc}"
    try:
        ex = extract_pdf(path)
    except Exception as exc:  # noqa: BLE001
        out["extract_error"] = f"{type(exc).__name__}: {exc}"
        return out
    out.update(page_count=ex.page_count, warnings=ex.warnings, blocks=plain(ex.blocks),
               furniture=plain(ex.furniture), ocr_pages=plain(ex.ocr_pages),
               normalised=plain(normalise_blocks(ex.blocks, plain=ex.format == "plain")))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", type=Path, nargs="+", help="PDFs, or folders of them")
    ap.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args(argv)
    files = pdfs_in(args.paths)
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write("[\n")
        for k, path in enumerate(files):
            # One file a line, so that a diff of two dumps names the file that differs.
            fh.write(json.dumps({"path": str(path), **dump_one(path)}, ensure_ascii=False, sort_keys=False))
            fh.write(",\n" if k < len(files) - 1 else "\n")
        fh.write("]\n")
    print(f"{len(files)} PDFs dumped to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
