"""The corpus manifest: an officer-editable YAML file giving each paper its metadata.

Every key is optional except `file`; anything not given is inferred from the text. Errors name
the manifest file, the entry (its position and file) and the key, and say what to do.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field

from ingest.configfile import GuardedLoader, load_yaml
from ingest.errors import ConfigError

MANIFEST_NAMES = ("manifest.yaml", "manifest.yml")

KINDS = (
    "agenda pack", "committee report", "peer-review letter", "peer-review report", "annual report",
    "minutes", "letter", "work plan", "report",
)

_ENTRY_KEYS = {"file", "id", "title", "short_title", "date", "kind", "body", "url", "series", "period"}


class ManifestEntry(BaseModel):
    file: str
    id: str | None = None
    title: str | None = None
    short_title: str | None = None
    date: str | None = None
    kind: str | None = None
    body: str | None = None
    url: str | None = None
    series: str | None = None
    period: str | None = None


class Manifest(BaseModel):
    path: str | None = None
    publisher: str = "City of York Council"
    site_title: str = "Council papers: children's services"
    site_url: str | None = None
    entries: dict[str, ManifestEntry] = Field(default_factory=dict)

    def entry(self, file_name: str) -> ManifestEntry | None:
        return self.entries.get(file_name)


class _TextDates(GuardedLoader):
    """YAML without implicit dates: 2011-02-30 stays text, so we can say what is wrong with it."""


_TextDates.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def find_manifest(corpus: Path) -> Path | None:
    for name in MANIFEST_NAMES:
        if (corpus / name).is_file():
            return corpus / name
    return None


def load_manifest(corpus: Path) -> Manifest:
    path = find_manifest(corpus)
    if path is None:
        return Manifest()
    raw: Any = load_yaml(path, "E011", _TextDates) or {}  # empty or only comments: no entries
    if not isinstance(raw, dict):
        raise ConfigError("E010", file=path.name, entry="(top level)", key="documents", problem="must be a mapping with a 'documents' list")
    manifest = Manifest(path=str(path))
    for key in ("publisher", "site_title", "site_url"):
        if key in raw:
            if not isinstance(raw[key], str):
                raise ConfigError("E010", file=path.name, entry="(top level)", key=key, problem="must be text")
            setattr(manifest, key, raw[key])
    docs = raw.get("documents") or []
    if not isinstance(docs, list):
        raise ConfigError("E010", file=path.name, entry="(top level)", key="documents", problem="must be a list of entries, each starting with '- file:'")
    for n, item in enumerate(docs, start=1):
        where = f"#{n}"
        if not isinstance(item, dict):
            raise ConfigError("E010", file=path.name, entry=where, key="file", problem="is missing: each entry is a mapping starting with '- file: NAME'")
        if "file" not in item or not isinstance(item["file"], str):
            raise ConfigError("E010", file=path.name, entry=where, key="file", problem="is missing or not a file name")
        where = f"#{n} ({item['file']})"
        unknown = set(item) - _ENTRY_KEYS
        if unknown:
            raise ConfigError("E010", file=path.name, entry=where, key=sorted(unknown, key=str)[0], problem=f"is not a known key (known: {', '.join(sorted(_ENTRY_KEYS))})")
        clean: dict[str, Any] = {}
        for key, value in item.items():
            if isinstance(value, dt.date):
                value = value.isoformat()
            if value is not None and not isinstance(value, str):
                raise ConfigError("E010", file=path.name, entry=where, key=key, problem=f"must be text, not {type(value).__name__}")
            clean[key] = value
        if clean.get("date") and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", clean["date"]):
            raise ConfigError("E010", file=path.name, entry=where, key="date", problem=f"'{clean['date']}' is not an ISO date like 2011-04-11")
        if clean.get("date"):
            try:
                dt.date.fromisoformat(clean["date"])
            except ValueError as exc:
                raise ConfigError("E010", file=path.name, entry=where, key="date", problem=f"'{clean['date']}' is not a real date") from exc
        if clean.get("kind") and clean["kind"] not in KINDS:
            raise ConfigError("E010", file=path.name, entry=where, key="kind", problem=f"'{clean['kind']}' is not one of: {', '.join(KINDS)}")
        if clean.get("id") and not re.fullmatch(r"[a-z0-9][a-z0-9-]{2,100}", clean["id"]):
            raise ConfigError("E010", file=path.name, entry=where, key="id", problem="must be lower-case letters, digits and hyphens")
        if not (corpus / clean["file"]).is_file():
            raise ConfigError("E012", file=path.name, entry=where, target=clean["file"])
        manifest.entries[clean["file"]] = ManifestEntry(**clean)
    return manifest
