"""Make the README's table of measured quality from the corpus the product builds.

Example: python scripts/readme_figures.py            (print the table)
         python scripts/readme_figures.py --write    (rewrite it in README.md between its markers)
         python scripts/readme_figures.py --check    (exit 1 when README.md's table is not current)

The table is made by `tools.readme_figures.quality_table` from `ingest.pipeline.build` with
rendering off (the bundled corpus and tests/labelled/); tests/test_readme_figures.py runs the
same check on every test run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tools/ is beside the package, not in it
from tools.evaluate import built_corpus  # noqa: E402
from tools.readme_figures import QUALITY, block, quality_table, with_block  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--labelled", type=Path, default=ROOT / "tests" / "labelled")
    ap.add_argument("--readme", type=Path, default=ROOT / "README.md")
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true", help="rewrite the table in the README")
    group.add_argument("--check", action="store_true", help="exit 1 when the README's table is not current")
    args = ap.parse_args(argv)
    table = quality_table(built_corpus(args.corpus), args.labelled)
    if not (args.write or args.check):
        print(table)
        return 0
    text = args.readme.read_text(encoding="utf-8")
    try:
        new = with_block(text, QUALITY, table)
    except ValueError as exc:
        print(f"{args.readme}: {exc}", file=sys.stderr)
        return 2
    if args.check:
        if block(text, QUALITY) != table:
            print(f"{args.readme}: the quality figures are not current; run python scripts/readme_figures.py --write",
                  file=sys.stderr)
            return 1
        return 0
    if new != text:
        args.readme.write_text(new, encoding="utf-8")
        print(f"{args.readme}: quality figures rewritten")
    else:
        print(f"{args.readme}: quality figures already current")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
