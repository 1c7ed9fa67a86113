"""Golden files for extraction and segmentation on every real seed (and the PDF twins).

Regenerate after an intended change with: python -m pytest tests/test_golden.py --update-golden
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.config.manifest import load_manifest
from ingest.document.convert import convert_file, extract
from ingest.document.normalise import normalise_blocks
from ingest.model import Block

from .conftest import CORPUS

INPUTS = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".pdf", ".txt", ".md"))


def _block(b: Block) -> dict[str, object]:
    out: dict[str, object] = {"type": b.type, "page": b.page}
    if b.type == "table":
        out["rows"] = [[[("• " if p.bullet else "") + p.text for p in c.parts] for c in r.cells] for r in b.rows]
        out["caption"] = b.caption
    else:
        out["text"] = b.text
    return out


@pytest.mark.parametrize("name", INPUTS)
def test_extraction_golden(name: str, golden) -> None:  # type: ignore[no-untyped-def]
    ex = extract(CORPUS / name)
    blocks = normalise_blocks(ex.blocks, plain=ex.format == "plain")
    golden(f"extract/{name}.json", {"format": ex.format, "pages": ex.page_count, "blocks": [_block(b) for b in blocks]})


@pytest.mark.parametrize("name", INPUTS)
def test_segmentation_golden(name: str, golden) -> None:  # type: ignore[no-untyped-def]
    entry = load_manifest(CORPUS).entry(name)
    docs = convert_file(Path(CORPUS / name), entry).documents
    golden(f"segment/{name}.json", [
        {"id": d.id, "title": d.title, "date": d.date, "kind": d.kind,
         "findings": [{"id": f.id, "kind": f.kind, "label": f.label, "section": f.section, "page": f.page,
                       "side": f.side, "text": f.text} for f in d.findings]}
        for d in docs
    ])
