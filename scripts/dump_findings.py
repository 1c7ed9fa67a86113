"""Print every finding of the given inputs, one line each: a quick way to eyeball segmentation.

Example: python scripts/dump_findings.py corpus/2011-04-11-safeguarding-peer-review-letter.md
"""

from __future__ import annotations

import sys
from pathlib import Path

from ingest.document.convert import convert_file


def main(argv: list[str]) -> None:
    for name in argv:
        for doc in convert_file(Path(name), None).documents:
            print(f"=== {doc.id} ({doc.kind}, {doc.date}) {doc.title}")
            for f in doc.findings:
                sec = " > ".join(f.section)
                print(f"[{f.kind}] {f.label} p={f.page} §{sec} :: {f.text[:150]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
