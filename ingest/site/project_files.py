"""Where the web team's MkDocs project (mkdocs.yml and the hand-written docs/) is read from."""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

log = logging.getLogger(__name__)

# mkdocs.yml and docs/ bundled with the package (`ingest/site/project/`: links to the repository's
# own, which a wheel carries as files, listed in pyproject's package-data), for a folder that has
# none of its own.
PACKAGED_PROJECT = Path(str(resources.files("ingest") / "site" / "project"))


def project_root() -> Path:
    """The folder holding mkdocs.yml and docs/: the current one, or the packaged defaults."""
    cwd = Path.cwd()
    if (cwd / "mkdocs.yml").is_file():
        return cwd
    if cwd not in _TOLD:  # once, not at each of the calls that ask
        _TOLD.add(cwd)
        log.info("no mkdocs.yml in %s: the site uses the packaged theme and pages (%s); put a mkdocs.yml "
                 "and docs/ there to change them", cwd, PACKAGED_PROJECT)
    return PACKAGED_PROJECT


_TOLD: set[Path] = set()
