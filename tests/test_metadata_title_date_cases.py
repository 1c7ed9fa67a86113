"""Titles and dates read from a paper's cover (tests/labelled/metadata_title_date_cases.yaml), each read
as the build reads a paper: the general forms of issue 15's title and date misses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from ingest.document.infer import Known, infer_metadata
from ingest.document.metadata.kinds import DocumentKind
from tests.test_metadata_cases import blocks_of

CASES = yaml.safe_load((Path(__file__).parent / "labelled" / "metadata_title_date_cases.yaml").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_title_date_case(case: dict[str, Any]) -> None:
    # "kind_given": the kind a manifest gives, for a case about a date rule of that kind alone.
    known = Known(kind=DocumentKind(case["kind_given"])) if "kind_given" in case else None
    got = infer_metadata(blocks_of(case["lines"]), known)
    for key, want in (case.get("expect") or {}).items():
        value = getattr(got, key)
        assert (value.value if hasattr(value, "value") else value) == want, f"{key}: {value!r}, want {want!r} ({got.provenance.get(key)})"
    for word in case.get("title_has") or []:
        assert word.lower() in got.title.lower(), f"title {got.title!r} lacks {word!r} ({got.provenance.get('title')})"
    for bad in case.get("title_not") or []:
        assert bad.lower() not in got.title.lower(), f"title {got.title!r} holds {bad!r}"
