"""`corpus/site.yaml`: the settings a council sets once for its whole site, beside the manifest.

    publisher: Example Borough Council   # for papers that do not name their own publisher
    site_title: Example Borough Council: committee papers
    site_url: https://example.gov.uk/papers/

The same three keys may stand at the top of the manifest instead (where the first manifests put
them); a key set in both files must say the same in both, since only one can count. The file is
read with the same guards as the manifest (size, UTF-8, nesting, aliases, repeated keys).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingest.config.configfile import load_yaml
from ingest.errors import ConfigError, Errors
from ingest.site.html import url_problem

if TYPE_CHECKING:
    from ingest.config.manifest import Manifest

SITE_NAMES = ("site.yaml", "site.yml")
KEYS = ("publisher", "site_title", "site_url")


def find_site_config(corpus: Path) -> Path | None:
    return next((corpus / n for n in SITE_NAMES if (corpus / n).is_file()), None)


def load_site_config(corpus: Path) -> dict[str, str]:
    """The settings `corpus/site.yaml` gives (none: an empty mapping)."""
    path = find_site_config(corpus)
    if path is None:
        return {}
    raw: Any = load_yaml(path, Errors.E222)
    if raw is None:
        return {}  # empty or only comments
    if not isinstance(raw, dict):
        raise ConfigError(Errors.E220, file=path.name, key="(top level)", problem=f"must be a mapping of settings ({', '.join(KEYS)})")
    out: dict[str, str] = {}
    for key, value in raw.items():
        if key not in KEYS:
            raise ConfigError(Errors.E220, file=path.name, key=key, problem=f"is not a known setting (known: {', '.join(KEYS)})")
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(Errors.E220, file=path.name, key=key, problem="must be text")
        if key == "site_url" and (problem := url_problem(value, absolute=True)):
            raise ConfigError(Errors.E220, file=path.name, key=key,
                              problem=f"'{value}' {problem}: it must be the full http:// or https:// address the site is published at")
        out[key] = value.strip()
    return out


def apply_site_config(manifest: Manifest, corpus: Path) -> Manifest:
    """The manifest with the site settings of `corpus/site.yaml` filled in."""
    settings = load_site_config(corpus)
    if not settings:
        return manifest
    path = find_site_config(corpus)
    assert path is not None
    given = _manifest_top_level(manifest)
    for key, value in settings.items():
        if key in given and given[key] != value:
            raise ConfigError(Errors.E221, file=path.name, key=key, value=value, other=given[key],
                              manifest=Path(manifest.path).name if manifest.path else "the manifest")
        setattr(manifest, key, value)
    return manifest


def _manifest_top_level(manifest: Manifest) -> dict[str, str]:
    """The site settings the manifest itself sets (the defaults of a missing key do not count)."""
    defaults = type(manifest)()
    return {k: getattr(manifest, k) for k in KEYS if getattr(manifest, k) is not None and getattr(manifest, k) != getattr(defaults, k)}
