"""The metadata forms of the issue (tests/labelled/metadata_cases.yaml), each read as the build reads a paper."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from ingest.document.infer import infer_metadata
from ingest.model import Block

CASES = yaml.safe_load((Path(__file__).parent / "labelled" / "metadata_cases.yaml").read_text(encoding="utf-8"))["cases"]


_PAGE = re.compile(r"p(?P<page>\d+)(?:/(?P<pdf>\d+))?: ")


_SIZE = re.compile(r"^@(?P<size>\d+(?:\.\d+)?) ")


def blocks_of(lines: list[str]) -> list[Block]:
    """ "p2: " a line on page 2; "p5/1: " on the PDF's page 1, which prints 5 (a report printed from a pack);
    "@32 " (after the page) printed in 32 pt type (Block.size)."""
    out = []
    for line in lines:
        page, pdf_page, size = 1, None, None
        if m := _PAGE.match(line):
            page, pdf_page = int(m["page"]), int(m["pdf"]) if m["pdf"] else None
            line = line[m.end():]
        if m := _SIZE.match(line):
            size, line = float(m["size"]), line[m.end():]
        heading = line.startswith("# ")
        out.append(Block(type="heading" if heading else "paragraph", text=line[2:] if heading else line, page=page, pdf_page=pdf_page,
                         size=size))
    return out


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_metadata_case(case: dict[str, Any]) -> None:
    got = infer_metadata(blocks_of(case["lines"]))
    for key, want in (case.get("expect") or {}).items():
        value = getattr(got, key)
        assert (value.value if hasattr(value, "value") else value) == want, f"{key}: {value!r}, want {want!r} ({got.provenance.get(key)})"
    for word in case.get("title_has") or []:
        assert word.lower() in got.title.lower(), f"title {got.title!r} lacks {word!r}"
    for bad in case.get("title_not") or []:
        assert bad.lower() not in got.title.lower(), f"title {got.title!r} holds {bad!r}"
