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
from ingest.config.schema import validated
from ingest.config.schema_manifest import SITE_KEYS as KEYS
from ingest.config.schema_manifest import SiteSettingsFile
from ingest.errors import ConfigError, Errors

if TYPE_CHECKING:
    from ingest.config.manifest import Manifest

SITE_NAMES = ("site.yaml", "site.yml")


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
    given = validated(SiteSettingsFile, raw, path.name)
    return {k: getattr(given, k).strip() for k in raw if getattr(given, k) is not None}  # in the order written


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
