"""The schema layer of the files officers edit (issue 19, item 2): every mistake is today's one
line naming the file, the entry and the key (labelled cases recorded from the hand-written
validators it replaced), no value makes a loader fail any other way, and the JSON Schemas
published for officers' editors are those of the models.

Regenerate the published schemas after an intended change with:
python -m pytest tests/test_config_schema.py --update-golden
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.config.manifest import load_manifest
from ingest.config.schema_json import SCHEMAS, json_schemas
from ingest.config.siteconfig import load_site_config
from ingest.config.taxonomy import load_taxonomy_file, taxonomy_path
from ingest.errors import ConfigError
from ingest.officer.decisions import DECISIONS_FILE, load_decisions

from .conftest import CORPUS, LABELLED, ROOT

LABELS = yaml.safe_load((LABELLED / "config_errors.yaml").read_text(encoding="utf-8"))
SCHEMA_DIR = ROOT / "schemas"
FILES = {"manifest": "manifest.yaml", "site": "site.yaml", "decisions": DECISIONS_FILE, "taxonomy": "taxonomy.yaml"}


def _load(folder: Path, kind: str, body: str) -> Any:
    """What loading `body` as the `kind` file gives, in a corpus folder holding a.txt and b.txt."""
    (folder / "a.txt").write_text("Report\n\n1. A paragraph.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Report\n\n1. B paragraph.\n", encoding="utf-8")
    (folder / FILES[kind]).write_text(body, encoding="utf-8")
    if kind == "manifest":
        return load_manifest(folder)
    if kind == "site":
        return load_site_config(folder)
    if kind == "decisions":
        return load_decisions(folder)
    return load_taxonomy_file(folder / FILES[kind])


def _body(case: dict[str, Any]) -> str:
    if case["file"] != "taxonomy":
        return str(case["body"])
    base = LABELS["base_taxonomy"]
    assert base.count(case["replace"]) == 1, case["replace"]
    return str(base.replace(case["replace"], case["with"]))


@pytest.mark.parametrize("case", LABELS["cases"], ids=lambda c: f"{c['file']}:{(c.get('body') or c.get('with') or '')[:40]!r}")
def test_each_mistake_is_the_labelled_message(tmp_path: Path, case: dict[str, Any]) -> None:
    try:
        _load(tmp_path, case["file"], _body(case))
    except ConfigError as exc:
        assert str(exc) == case["error"]
        return
    assert case["error"] is None, f"loaded, but the label says: {case['error']}"


def test_an_empty_kind_is_not_given_and_no_longer_a_traceback(tmp_path: Path) -> None:
    """Regression: `kind: ''` passed the old checks and then failed pydantic's (a traceback)."""
    entry = _load(tmp_path, "manifest", "documents:\n  - file: a.txt\n    kind: ''\n    title: A\n").entry("a.txt")
    assert entry is not None and entry.kind is None and entry.title == "A"


def test_a_value_with_a_line_break_is_quoted_on_one_line(tmp_path: Path) -> None:
    """Regression (found by the hypothesis test below on a clean clone): a value holding a line
    break ("0\\n") was quoted as it is, so the one-line message broke in two."""
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, "decisions", 'decisions:\n  - source: a/1\n    target: b/1\n    decision: "0\\n"\n')
    assert str(caught.value) == ("[E040] link-decisions.yaml: decision 1: key 'decision' is '0\\n': write confirm or reject. "
                                 "Fix the decision and rebuild.")


def test_the_seed_files_load_as_before() -> None:
    manifest = load_manifest(CORPUS)
    assert manifest.publisher == "City of York Council" and len(manifest.entries) >= 7
    assert all(e.kind is not None and e.date for e in manifest.entries.values())
    taxonomy = load_taxonomy_file(taxonomy_path(None))
    assert taxonomy.domains and taxonomy.names.roles and taxonomy.themes["workforce"].patterns


# Values of every shape YAML gives: what an officer may write under any key.
# The values the checks turn on (empty, blank, valid, nearly valid) are drawn as often as all others.
_EDGES = st.sampled_from(["", " ", "a.txt", "2011-04-11", "2011-02-30", "letter", "confirm", "reject", "https://x.org/"])
_SCALARS = st.one_of(_EDGES, st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12))
_VALUES = _EDGES | st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                       max_leaves=6)
_KEYS = {
    "manifest": ["file", "id", "title", "date", "kind", "url", "series", "period", "titel"],
    "site": ["publisher", "site_title", "site_url", "owner"],
    "decisions": ["source", "target", "decision", "by", "note", "who"],
}
_VALID: dict[str, dict[str, str]] = {"manifest": {"file": "a.txt"}, "site": {},
                                     "decisions": {"source": "a", "target": "b", "decision": "confirm"}}


@pytest.mark.parametrize("kind", sorted(_KEYS))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_value_loads_or_is_one_config_error(kind: str, data: st.DataObject) -> None:
    """Whatever an entry holds, the loader gives the file's data or one ConfigError naming the
    file, never another exception."""
    # A valid entry with some keys given other values, so the later checks are reached too.
    entry = {**_VALID[kind], **data.draw(st.dictionaries(st.sampled_from(_KEYS[kind]), _VALUES, max_size=3))}
    doc: Any = {"documents": [entry]} if kind == "manifest" else {"decisions": [entry]} if kind == "decisions" else entry
    with tempfile.TemporaryDirectory() as folder:
        try:
            _load(Path(folder), kind, yaml.safe_dump(doc))
        except ConfigError as exc:
            assert f"{FILES[kind]}: " in str(exc) and "\n" not in str(exc)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_published_json_schemas_are_the_models(name: str, update_golden: bool) -> None:
    text = json_schemas()[name]
    path = SCHEMA_DIR / name
    if update_golden:
        SCHEMA_DIR.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file() and path.read_text(encoding="utf-8") == text, (
        f"{path} is stale: regenerate with python -m pytest tests/test_config_schema.py --update-golden")


def test_the_schemas_describe_every_key_and_use_spacy_for_patterns() -> None:
    """An editor offers every key with its description, and checks a pattern's tokens with
    spaCy's own schema (LOWER, LEMMA, OP ...)."""
    manifest = json.loads(json_schemas()["manifest.schema.json"])
    entry = manifest["$defs"]["ManifestEntryFile"]
    assert entry["additionalProperties"] is False and entry["required"] == ["file"]
    assert all(p.get("description") for p in entry["properties"].values())
    assert "agenda pack" in entry["properties"]["kind"]["enum"]
    taxonomy = json.loads(json_schemas()["taxonomy.schema.json"])
    token = taxonomy["$defs"]["TokenPattern"]
    assert {"LOWER", "LEMMA", "OP"} <= set(token["properties"]) and token["additionalProperties"] is False
    decisions = json.loads(json_schemas()["link-decisions.schema.json"])
    assert decisions["$defs"]["DecisionSpec"]["properties"]["decision"]["enum"] == ["confirm", "reject"]
