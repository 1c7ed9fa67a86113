"""Load and validate the theme taxonomy (YAML an officer can edit).

Errors name the file, the theme and the key, and say what to do.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ingest.configfile import load_yaml
from ingest.errors import ConfigError
from ingest.patterncheck import pattern_problem

REQUIRED_THEMES = ("missing-children", "corporate-parenting", "permanence", "workforce")
_LIST_KEYS = ("phrases", "supporting", "exact", "patterns", "not_with", "keep_with", "concepts")
_THEME_KEYS = {"label", "definition", *_LIST_KEYS}
_ID = re.compile(r"[a-z][a-z0-9-]{1,60}")
# A theme's page is themes/<id>.md: these ids would replace a page the site makes itself.
RESERVED_IDS = ("index",)
# How a table row is tagged: by its own words only, or also by the heading its table sits under.
TABLE_ROWS = ("own-words", "inherit")


@dataclass
class Theme:
    id: str
    label: str
    definition: str
    phrases: list[str] = field(default_factory=list)
    supporting: list[str] = field(default_factory=list)
    exact: list[str] = field(default_factory=list)
    patterns: list[list[dict[str, Any]]] = field(default_factory=list)
    not_with: list[str] = field(default_factory=list)
    keep_with: list[str] = field(default_factory=list)
    concepts: list[str] = field(default_factory=list)


@dataclass
class Taxonomy:
    path: str
    themes: dict[str, Theme]
    concepts: dict[str, list[str]]
    digest: str
    table_rows: str = "own-words"  # one of TABLE_ROWS

    def label(self, theme_id: str) -> str:
        return self.themes[theme_id].label if theme_id in self.themes else theme_id


def taxonomy_path(corpus: Path | None) -> Path:
    if corpus is not None:
        for name in ("taxonomy.yaml", "taxonomy.yml"):
            if (corpus / name).is_file():
                return corpus / name
    return Path(str(resources.files("ingest") / "data" / "taxonomy.yaml"))


def load_taxonomy_file(path: Path) -> Taxonomy:
    name = path.name
    # The loader refuses aliases that would expand the file (the digest below walks every value).
    raw = load_yaml(path, "E021")
    if not isinstance(raw, dict) or not isinstance(raw.get("themes"), dict):
        raise ConfigError("E020", file=name, theme="(top level)", key="themes", problem="must be a mapping of theme ids to themes")
    themes: dict[str, Theme] = {}
    concepts_raw = raw.get("concepts") or {}
    if not isinstance(concepts_raw, dict):
        raise ConfigError("E020", file=name, theme="(top level)", key="concepts", problem="must be a mapping of concept ids to lists of phrases")
    concepts: dict[str, list[str]] = {}
    for cid, words in concepts_raw.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ConfigError("E020", file=name, theme=f"(concept {cid})", key="concepts", problem="must be a list of phrases")
        concepts[str(cid)] = words
    for tid, body in raw["themes"].items():
        tid = str(tid)
        if not _ID.fullmatch(tid):
            raise ConfigError("E020", file=name, theme=tid, key="id", problem="must be lower-case letters, digits and hyphens, starting with a letter")
        if tid in RESERVED_IDS:
            raise ConfigError("E020", file=name, theme=tid, key="id",
                              problem=f"is '{tid}', the name of the site's own page themes/{tid}, which the theme's page would replace; give the theme another id")
        if not isinstance(body, dict):
            raise ConfigError("E020", file=name, theme=tid, key="label", problem="is missing: a theme is a mapping with label, definition and phrases")
        unknown = set(body) - _THEME_KEYS
        if unknown:
            raise ConfigError("E020", file=name, theme=tid, key=sorted(unknown, key=str)[0], problem=f"is not a known key (known: {', '.join(sorted(_THEME_KEYS))})")
        for key in ("label", "definition"):
            if not isinstance(body.get(key), str) or not body[key].strip():
                raise ConfigError("E020", file=name, theme=tid, key=key, problem="is missing or empty")
        lists: dict[str, list[Any]] = {}
        for key in _LIST_KEYS:
            value = body.get(key) or []
            if not isinstance(value, list):
                raise ConfigError("E020", file=name, theme=tid, key=key, problem="must be a list")
            if key == "patterns":
                for n, pat in enumerate(value, start=1):
                    if not isinstance(pat, list) or not all(isinstance(t, dict) for t in pat) or not pat:
                        raise ConfigError("E020", file=name, theme=tid, key=key, problem="must be a list of token patterns, each a list of {ATTR: value} mappings")
                    problem = pattern_problem(pat)
                    if problem:
                        raise ConfigError("E020", file=name, theme=tid, key=key, problem=f"pattern {n}: {problem}")
            elif not all(isinstance(v, str) and v.strip() for v in value):
                raise ConfigError("E020", file=name, theme=tid, key=key, problem="must be a list of non-empty phrases")
            lists[key] = value
        for cid in lists["concepts"]:
            if cid not in concepts:
                raise ConfigError("E020", file=name, theme=tid, key="concepts", problem=f"names concept '{cid}', which is not defined under 'concepts'")
        if not lists["phrases"] and not lists["exact"] and not lists["patterns"]:
            raise ConfigError("E020", file=name, theme=tid, key="phrases", problem="is empty: give at least one phrase, exact term or pattern")
        themes[tid] = Theme(id=tid, label=body["label"].strip(), definition=body["definition"].strip(), **lists)
    for required in REQUIRED_THEMES:
        if required not in themes:
            raise ConfigError("E020", file=name, theme=required, key="id", problem="is required and missing (its id is part of the public data)")
    table_rows = raw.get("table_rows", "own-words")
    if table_rows not in TABLE_ROWS:
        raise ConfigError("E020", file=name, theme="(top level)", key="table_rows",
                          problem=f"is {table_rows!r}; it must be one of: {', '.join(TABLE_ROWS)}")
    digest = hashlib.sha256(json.dumps(raw, sort_keys=True, default=str).encode()).hexdigest()
    return Taxonomy(path=str(path), themes=themes, concepts=concepts, digest=digest, table_rows=table_rows)
