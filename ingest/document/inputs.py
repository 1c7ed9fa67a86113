"""What the corpus holds: the papers a build reads, and a report line for anything else in the
folder that looks like one but is not read.

A paper is named everywhere (the build report, its sources, the manifest) by its path from the
corpus folder, `sub1/same.txt`, so two papers with one file name in two subfolders stay apart.
The build reads only what the folder holds: a link whose target is outside it (an `/etc/passwd`
named `.txt`, someone's private PDF) would otherwise be read and published on the site, so it is
refused and reported, like a link to nothing. Links to folders are not followed (a loop, or a
way out of the folder); a link to a file inside the folder is read like that file.
"""

from __future__ import annotations

import os
from pathlib import Path

from ingest.errors import ErrorCode, Errors, IngestError
from ingest.model import InputReport

# Read by their own loaders, not as papers. The settings files count only in the corpus folder
# itself: one in a subfolder is reported, since its entries would otherwise be silently unused.
SETTINGS_FILES = {"manifest.yaml", "manifest.yml", "taxonomy.yaml", "taxonomy.yml", "link-decisions.yaml", "site.yaml", "site.yml"}
CONFIG_FILES = SETTINGS_FILES | {"readme.md", "readme.txt"}


def input_name(corpus: Path, path: Path) -> str:
    """The name a paper goes by: its path from the corpus folder, with '/' between folders."""
    try:
        return path.relative_to(corpus).as_posix()
    except ValueError:
        return path.name


def is_paper_name(name: str) -> bool:
    """Whether the build reads a file of this corpus-relative name as a paper at all."""
    parts = name.split("/")
    return not any(p.startswith(".") for p in parts) and parts[-1].lower() not in CONFIG_FILES


def survey(corpus: Path) -> tuple[list[Path], list[InputReport]]:
    """The papers to read (sorted by path, as paths under `corpus`), and a skipped line for each
    file or link in the folder that is not read and should be: refused links, special files,
    settings files in subfolders. Hidden files and folders (.git, .DS_Store) are passed over."""
    root = corpus.resolve()
    files: list[Path] = []
    refused: list[InputReport] = []
    folders = [corpus]
    while folders:
        with os.scandir(folders.pop()) as listing:
            entries = sorted(listing, key=lambda e: e.name)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            name = input_name(corpus, path)
            nested = "/" in name
            if entry.name.lower() in CONFIG_FILES:
                if nested and entry.name.lower() in SETTINGS_FILES:
                    refused.append(_refused(name, Errors.E149, settings=entry.name))
                continue
            if entry.is_symlink():
                code = _link_problem(root, path)
                if code:
                    refused.append(_refused(name, code))
                else:
                    files.append(path)
            elif entry.is_dir(follow_symlinks=False):
                folders.append(path)
            elif entry.is_file(follow_symlinks=False):
                files.append(path)
            else:
                refused.append(_refused(name, Errors.E148))
    files.sort()  # as sorted(rglob) gave them: folder by folder, by path parts
    refused.sort(key=lambda r: r.file)
    return files, refused


def _link_problem(root: Path, link: Path) -> ErrorCode | None:
    """Why a link is not read (an error code), or None for a link to a file in the corpus."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # a link to nothing, or a loop of links (RuntimeError before 3.13)
        return Errors.E146
    if not target.is_relative_to(root):
        return Errors.E145
    if target.is_dir():
        return Errors.E147
    return None if target.is_file() else Errors.E148


def _refused(name: str, error: ErrorCode, **fields: str) -> InputReport:
    reason = str(IngestError(error, file=name, **fields))
    return InputReport(file=name, status="skipped", stage="discover", reason=reason, code=error.code)
