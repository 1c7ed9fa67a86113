"""The JSON Schemas of the files officers edit, made from their models, for editors that check a
YAML file as it is typed (VS Code's YAML extension, with `# yaml-language-server: $schema=...`).

They are published in the repository's `schemas/` folder (tests/test_config_schema.py fails when
they are stale; `pytest --update-golden` writes them again). A schema can only say what a key may
hold: the checks that need the corpus folder or the rest of the file (a paper that is not there,
a concept that is not defined) are made by the build, in the same words.
"""

from __future__ import annotations

import json
from typing import Any

from ingest.config.schema import ConfigFile
from ingest.config.schema_decisions import DecisionsFile
from ingest.config.schema_manifest import ManifestFile, SiteSettingsFile
from ingest.config.schema_taxonomy import TaxonomyFile

# Each file officers edit, by the name of its published schema.
SCHEMAS: dict[str, type[ConfigFile]] = {
    "manifest.schema.json": ManifestFile,
    "site.schema.json": SiteSettingsFile,
    "taxonomy.schema.json": TaxonomyFile,
    "link-decisions.schema.json": DecisionsFile,
}
_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(model: type[ConfigFile]) -> dict[str, Any]:
    """The JSON Schema of one file (its keys as written, by alias)."""
    schema = {"$schema": _DIALECT, **model.model_json_schema(by_alias=True, mode="validation")}
    spacy = _SPACY_TOKEN in json.dumps(schema)
    schema = _spacy_refs(schema)
    if spacy:
        schema["$defs"] = {**schema.get("$defs", {}), **_spacy_token_defs()}
    return schema


# Where a model's schema stands for spaCy's schema of a token (schema_taxonomy.Token); pydantic
# resolves every "$ref" itself, so the reference to spaCy's schema is put in afterwards.
_SPACY_TOKEN = '{"x-spacy": "TokenPattern"}'


def _spacy_refs(node: Any) -> Any:
    if node == {"x-spacy": "TokenPattern"}:
        return {"$ref": "#/$defs/TokenPattern"}
    if isinstance(node, dict):
        return {k: _spacy_refs(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_spacy_refs(v) for v in node]
    return node


def json_schemas() -> dict[str, str]:
    """Every published schema's text, by file name."""
    return {name: json.dumps(json_schema(model), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
            for name, model in SCHEMAS.items()}


def _spacy_token_defs() -> dict[str, Any]:
    """spaCy's own schema of one token of a Matcher pattern (attributes in capitals, as written),
    with the schemas it refers to, as definitions of the file's schema."""
    from spacy.schemas import TokenPattern

    token = TokenPattern.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
    defs = token.pop("$defs", {})
    return {"TokenPattern": token, **defs}
