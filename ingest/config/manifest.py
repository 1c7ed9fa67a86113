"""The corpus manifest: an officer-editable YAML file giving each paper its metadata.

Every key is optional except `file`; anything not given is inferred from the text. Errors name
the manifest file, the entry (its position and file) and the key, and say what to do.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from pydantic import BaseModel, Field

from ingest.config.configfile import GuardedLoader, load_yaml
from ingest.config.siteconfig import apply_site_config
from ingest.document.inputs import is_paper_name
from ingest.document.metadata.kinds import DocumentKind, parse_kind
from ingest.errors import ConfigError, Errors
from ingest.site.html import url_problem

MANIFEST_NAMES = ("manifest.yaml", "manifest.yml")

KINDS = tuple(k.value for k in DocumentKind)

_ENTRY_KEYS = {"file", "id", "title", "short_title", "date", "kind", "body", "publisher", "subject", "url", "series", "period"}


class ManifestEntry(BaseModel):
    file: str
    id: str | None = None
    title: str | None = None
    short_title: str | None = None
    date: str | None = None
    kind: DocumentKind | None = None
    body: str | None = None
    publisher: str | None = None  # who issued this paper, where it is not the site's publisher
    subject: str | None = None  # the body it is about (the council an inspection inspected)
    url: str | None = None
    series: str | None = None
    period: str | None = None


class Manifest(BaseModel):
    path: str | None = None
    # The site's publisher, for papers that do not name their own: set once by the council
    # (`publisher:` at the top of the manifest). Never assumed: unknown, citations leave it out.
    publisher: str | None = None
    site_title: str = "Council papers: children's services"
    site_url: str | None = None
    entries: dict[str, ManifestEntry] = Field(default_factory=dict)

    def entry(self, file_name: str) -> ManifestEntry | None:
        """The entry for a file, by its path from the corpus folder (`sub/paper.pdf`)."""
        return self.entries.get(file_name)


class _TextDates(GuardedLoader):
    """YAML without implicit dates: 2011-02-30 stays text, so we can say what is wrong with it."""


_TextDates.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def corpus_relative(value: str) -> str | None:
    """A manifest `file` as a path from the corpus folder ('sub/paper.pdf', written with / or \\),
    or None if it leads out of the folder (an absolute path, '..')."""
    text = value.strip().replace("\\", "/")
    if text.startswith("/") or re.match(r"[A-Za-z]:/", text):
        return None
    parts = [p for p in PurePosixPath(text).parts if p != "."]
    return "/".join(parts) if parts and ".." not in parts else None


def _file_problem(corpus: Path, name: str) -> str | None:
    """Why a file named in the manifest would never be read as a paper, if so."""
    if not is_paper_name(name):
        return f"'{name}' is a hidden or configuration file, not a paper"
    parts = name.split("/")
    for n in range(1, len(parts)):
        if (corpus.joinpath(*parts[:n])).is_symlink():
            return f"'{name}' is inside '{'/'.join(parts[:n])}', a link to a folder, which the build does not follow"
    return None


def find_manifest(corpus: Path) -> Path | None:
    for name in MANIFEST_NAMES:
        if (corpus / name).is_file():
            return corpus / name
    return None


def load_manifest(corpus: Path) -> Manifest:
    path = find_manifest(corpus)
    if path is None:
        return apply_site_config(Manifest(), corpus)
    raw: Any = load_yaml(path, Errors.E011, _TextDates) or {}  # empty or only comments: no entries
    if not isinstance(raw, dict):
        raise ConfigError(Errors.E010, file=path.name, entry="(top level)", key="documents", problem="must be a mapping with a 'documents' list")
    manifest = Manifest(path=str(path))
    for key in ("publisher", "site_title", "site_url"):
        if key in raw:
            if not isinstance(raw[key], str):
                raise ConfigError(Errors.E010, file=path.name, entry="(top level)", key=key, problem="must be text")
            if key == "site_url":
                problem = url_problem(raw[key], absolute=True)
                if problem:
                    raise ConfigError(Errors.E010, file=path.name, entry="(top level)", key=key,
                                      problem=f"'{raw[key]}' {problem}: it must be the full http:// or https:// address the site is published at, like https://example.gov.uk/papers/")
            setattr(manifest, key, raw[key])
    docs = raw.get("documents") or []
    if not isinstance(docs, list):
        raise ConfigError(Errors.E010, file=path.name, entry="(top level)", key="documents", problem="must be a list of entries, each starting with '- file:'")
    listed: dict[str, str] = {}  # file -> the entry that names it
    for n, item in enumerate(docs, start=1):
        where = f"#{n}"
        if not isinstance(item, dict):
            raise ConfigError(Errors.E010, file=path.name, entry=where, key="file", problem="is missing: each entry is a mapping starting with '- file: NAME'")
        if "file" not in item or not isinstance(item["file"], str) or not item["file"].strip():
            raise ConfigError(Errors.E010, file=path.name, entry=where, key="file", problem="is missing or not a file name")
        where = f"#{n} ({item['file']})"
        unknown = set(item) - _ENTRY_KEYS
        if unknown:
            raise ConfigError(Errors.E010, file=path.name, entry=where, key=sorted(unknown, key=str)[0], problem=f"is not a known key (known: {', '.join(sorted(_ENTRY_KEYS))})")
        clean: dict[str, Any] = {}
        for key, value in item.items():
            if isinstance(value, dt.date):
                value = value.isoformat()
            if value is not None and not isinstance(value, str):
                raise ConfigError(Errors.E010, file=path.name, entry=where, key=key, problem=f"must be text, not {type(value).__name__}")
            clean[key] = value
        if clean.get("date") and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", clean["date"]):
            raise ConfigError(Errors.E010, file=path.name, entry=where, key="date", problem=f"'{clean['date']}' is not an ISO date like 2011-04-11")
        if clean.get("date"):
            try:
                dt.date.fromisoformat(clean["date"])
            except ValueError as exc:
                raise ConfigError(Errors.E010, file=path.name, entry=where, key="date", problem=f"'{clean['date']}' is not a real date") from exc
        if clean.get("kind"):
            kind = parse_kind(clean["kind"])
            if kind is None:
                raise ConfigError(Errors.E010, file=path.name, entry=where, key="kind", problem=f"'{clean['kind']}' is not one of: {', '.join(KINDS)}")
            clean["kind"] = kind
        if clean.get("id") and not re.fullmatch(r"[a-z0-9][a-z0-9-]{2,100}", clean["id"]):
            raise ConfigError(Errors.E010, file=path.name, entry=where, key="id", problem="must be lower-case letters, digits and hyphens")
        if clean.get("url") and (problem := url_problem(clean["url"])):
            raise ConfigError(Errors.E010, file=path.name, entry=where, key="url",
                              problem=f"'{clean['url']}' {problem}: a link must be an http:// or https:// address or a path relative to the site")
        name = corpus_relative(clean["file"])
        if name is None:
            raise ConfigError(Errors.E010, file=path.name, entry=where, key="file", problem=(
                f"'{clean['file']}' is outside the corpus folder: name a paper in it by its path from the folder, such as sub/paper.pdf"))
        problem = _file_problem(corpus, name)
        if problem:
            raise ConfigError(Errors.E010, file=path.name, entry=where, key="file", problem=problem)
        if not (corpus / name).is_file():
            raise ConfigError(Errors.E012, file=path.name, entry=where, target=clean["file"])
        if name in listed:
            raise ConfigError(Errors.E010, file=path.name, entry=where, key="file", problem=(
                f"names the same file as entry {listed[name]}: keep one of the two entries"))
        listed[name] = where
        manifest.entries[name] = ManifestEntry(**{**clean, "file": name})
    return apply_site_config(manifest, corpus)


def check_site_url(value: str | None, where: str) -> None:
    """Refuse a site address that is not a full http(s) one (`where` names where it was given:
    the --site-url option, or the manifest). MkDocs puts it in every page's links."""
    if value and (problem := url_problem(value, absolute=True)):
        raise ConfigError(Errors.E120, option=where, value=value, problem=problem)
