"""scripts/dump_extraction.py, the check that a speed-up changed nothing, must itself be
deterministic: two dumps of the same PDFs are the same bytes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import dump_extraction  # noqa: E402


def test_two_dumps_are_byte_identical_and_hold_every_page(tmp_path: Path) -> None:
    pdf = ROOT / "corpus" / "2011-04-11-safeguarding-peer-review-letter.pdf"
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert dump_extraction.main(["-o", str(first), str(pdf)]) == 0
    assert dump_extraction.main(["-o", str(second), str(pdf)]) == 0
    assert first.read_bytes() == second.read_bytes()
    [paper] = json.loads(first.read_text(encoding="utf-8"))
    assert len(paper["layouts"]) == paper["page_count"] > 0
    assert paper["blocks"] and paper["normalised"]
    assert any(b["type"] == "table" and b["rows"] for b in paper["blocks"])  # the letter's bordered table
