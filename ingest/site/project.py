"""Where the web team's MkDocs project (mkdocs.yml and the hand-written docs/) is read from."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

# mkdocs.yml and docs/ bundled with the package, for a folder that has none of its own
PACKAGED_PROJECT = Path(str(resources.files("ingest") / "site" / "project"))


def project_root() -> Path:
    """The folder holding mkdocs.yml and docs/: the current one, or the packaged defaults."""
    cwd = Path.cwd()
    if (cwd / "mkdocs.yml").is_file():
        return cwd
    return PACKAGED_PROJECT
