"""The README's figures are what the rules reach now (tools/readme_figures.py makes them).

The table between the README's markers is made from the corpus the product builds; when a change
to the rules moves a figure, this fails until `python scripts/readme_figures.py --write` rewrites
it, so the README never quotes a figure the code no longer reaches.
"""

from __future__ import annotations

import pytest

from tools.readme_figures import QUALITY, block, quality_table, strong_match_figures, with_block

from .conftest import LABELLED, ROOT

README = ROOT / "README.md"


def test_quality_table_is_current(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    text = README.read_text(encoding="utf-8")
    assert block(text, QUALITY) == quality_table(seed_corpus, LABELLED), (
        "README.md's quality figures are not what the rules reach now: run python scripts/readme_figures.py --write")


def test_strong_and_possible_match_figures_are_current(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    said = " ".join(README.read_text(encoding="utf-8").split())
    assert strong_match_figures(seed_corpus, LABELLED) in said, (
        "README.md, Adding papers: the strong/possible match figures changed; write these: "
        + strong_match_figures(seed_corpus, LABELLED))


def test_block_is_replaced_between_its_markers_only() -> None:
    from tools.readme_figures import begin_marker, end_marker

    text = f"before\n{begin_marker(QUALITY)}\nold | table\n{end_marker(QUALITY)}\nafter\n"
    new = with_block(text, QUALITY, "new | table")
    assert block(new, QUALITY) == "new | table" and block(text, QUALITY) == "old | table"
    assert new.startswith("before\n") and new.endswith("after\n")
    assert with_block(new, QUALITY, "new | table") == new
    with pytest.raises(ValueError, match="markers of figures:quality are missing"):
        with_block("no markers here", QUALITY, "x")
