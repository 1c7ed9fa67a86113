"""Manifest and taxonomy errors name the file, the entry (or theme) and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.config.manifest import load_manifest
from ingest.config.taxonomy import load_taxonomy_file, taxonomy_path
from ingest.errors import ConfigError


def _manifest(tmp_path: Path, body: str) -> Path:
    (tmp_path / "a.txt").write_text("Report of the Director\n\n1. A paragraph.\n", encoding="utf-8")
    (tmp_path / "manifest.yaml").write_text(body, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("body", "words"), [
    ("documents:\n  - file: a.txt\n    date: 11/04/2011\n", ["manifest.yaml", "#1 (a.txt)", "'date'", "ISO date"]),
    ("documents:\n  - file: a.txt\n    date: 2011-02-30\n", ["#1 (a.txt)", "'date'", "not a real date"]),
    ("documents:\n  - file: a.txt\n    kind: memo\n", ["#1 (a.txt)", "'kind'", "agenda pack"]),
    ("documents:\n  - file: a.txt\n    titel: A\n", ["#1 (a.txt)", "'titel'", "not a known key"]),
    ("documents:\n  - file: missing.pdf\n", ["#1 (missing.pdf)", "missing.pdf", "not in the corpus folder"]),
    ("documents:\n  - title: no file\n", ["#1", "'file'"]),
    ("documents: [\n", ["manifest.yaml", "not valid YAML"]),
    ("documents:\n  - file: a.txt\n    id: Has Spaces\n", ["'id'", "lower-case"]),
])
def test_manifest_errors_name_file_entry_and_key(tmp_path: Path, body: str, words: list[str]) -> None:
    with pytest.raises(ConfigError) as err:
        load_manifest(_manifest(tmp_path, body))
    for w in words:
        assert w in str(err.value)


def test_manifest_valid(tmp_path: Path) -> None:
    m = load_manifest(_manifest(tmp_path, "publisher: Example Council\ndocuments:\n  - file: a.txt\n    date: 2011-04-11\n    kind: letter\n"))
    entry = m.entry("a.txt")
    assert m.publisher == "Example Council" and entry is not None and entry.date == "2011-04-11"


TAXONOMY = """
themes:
  missing-children: {label: Missing children, definition: d, phrases: [missing children]}
  corporate-parenting: {label: Corporate parenting, definition: d, phrases: [corporate parenting]}
  permanence: {label: Permanence, definition: d, phrases: [permanence]}
  workforce: {label: Workforce, definition: d, phrases: [caseload]}
"""


@pytest.mark.parametrize(("edit", "words"), [
    (lambda t: t.replace("phrases: [caseload]", "phrases: caseload"), ["theme workforce", "'phrases'", "must be a list"]),
    (lambda t: t.replace("label: Permanence, ", ""), ["theme permanence", "'label'"]),
    (lambda t: t.replace("  missing-children: {label: Missing children, definition: d, phrases: [missing children]}\n", ""), ["theme missing-children", "required"]),
    (lambda t: t.replace("phrases: [permanence]", "phrases: [permanence], colour: red"), ["theme permanence", "'colour'"]),
    (lambda t: t.replace("phrases: [permanence]", "phrases: [permanence], concepts: [nope]"), ["theme permanence", "'concepts'", "nope"]),
    (lambda t: t + "  :\n", ["not valid YAML"]),
    (lambda t: "table_rows: headings\n" + t, ["'table_rows'", "'headings'", "own-words, inherit"]),
])
def test_taxonomy_errors_name_theme_and_key(tmp_path: Path, edit, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "taxonomy.yaml"
    path.write_text(edit(TAXONOMY), encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_taxonomy_file(path)
    for w in words:
        assert w in str(err.value)


def test_packaged_taxonomy_is_valid_and_corpus_copy_wins(tmp_path: Path) -> None:
    tax = load_taxonomy_file(taxonomy_path(None))
    assert {"missing-children", "corporate-parenting", "permanence", "workforce"} <= set(tax.themes)
    assert all(t.definition for t in tax.themes.values())
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    assert taxonomy_path(tmp_path) == tmp_path / "taxonomy.yaml"
