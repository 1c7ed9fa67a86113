"""Page furniture found by position and repetition (ingest/document/extract/furniture.py):
labelled cases of positioned lines (tests/labelled/furniture_cases.yaml: [x0, top, text] and
optionally the type size, 11 by default)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from ingest.document.extract.furniture import label_furniture
from ingest.document.extract.pdf_layout import Line, PageLayout

from .conftest import LABELLED

CASES = yaml.safe_load((LABELLED / "furniture_cases.yaml").read_text(encoding="utf-8"))["cases"]


def _pages(case: dict[str, Any]) -> list[PageLayout]:
    return [PageLayout(n, float(spec.get("width", 595)), float(spec.get("height", 842)),
                       [Line(float(x0), float(top), float(top) + float(size[0] if size else 11), text, False, float(size[0] if size else 11))
                        for x0, top, text, *size in spec["lines"]])
            for n, spec in enumerate(case["pages"], start=1)]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_furniture_case(case: dict[str, Any]) -> None:
    pages = _pages(case)
    found = label_furniture(pages)
    assert [[f.role, f.text] for f in found] == case["furniture"]
    assert [ln.text for page in pages for ln in page.lines] == case["kept"]
    assert [f.pdf_page for f in found] == sorted(f.pdf_page for f in found)
