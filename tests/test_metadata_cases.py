"""The metadata forms of the issue (tests/labelled/metadata_cases.yaml), each read as the build reads a paper."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from ingest.document.infer import infer_metadata
from ingest.model import Block

CASES = yaml.safe_load((Path(__file__).parent / "labelled" / "metadata_cases.yaml").read_text(encoding="utf-8"))["cases"]


def blocks_of(lines: list[str]) -> list[Block]:
    out = []
    for line in lines:
        page = 1
        if line[:1] == "p" and line[1:3].rstrip(":").isdigit() and ": " in line[:5]:
            head, line = line.split(": ", 1)
            page = int(head[1:])
        heading = line.startswith("# ")
        out.append(Block(type="heading" if heading else "paragraph", text=line[2:] if heading else line, page=page))
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
