"""The one MkDocs hook (named in the generated mkdocs.yml by site/engine.py).

1. Pre-rendered HTML goes into pages as they are written (see `ingest.site.fragments`). A page with
   placeholders but no sidecar file stops the build: the generated sources are out of step, and
   publishing a page with holes would be worse.
2. The site name is marked as HTML (the build writes it escaped: see site/engine.py), so
   Material's `{{ config.site_name | e }}` in the logo's title does not escape it a second time.
3. Material's unused search files (lunr and its worker) are left out of the site.
4. Hard links are broken before a file is written. An incremental build starts from the last
   published site hard-linked into the staging folder (copying a site of thousands of papers took
   longer than rebuilding the changed pages); MkDocs writes files in place, which would change the
   live site's copy through the link. Each file MkDocs is about to write is unlinked first, so it
   gets a new file of its own and the published site stays untouched until the swap.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ingest.site import fragments


def detach(path: str | Path) -> None:
    """Remove `path` if other names share its file, so writing it cannot change theirs."""
    try:
        if os.stat(path).st_nlink > 1:
            os.unlink(path)
    except FileNotFoundError:
        pass


def link_or_copy(src: str | Path, dst: str | Path) -> None:
    """A hard link where the file system allows one, else a copy (shutil.copytree's copy_function)."""
    try:
        os.link(src, dst)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(src, dst)


def on_config(config: Any) -> Any:
    config["site_name"] = Markup(config["site_name"])  # escaped already, by html.title_text
    return config


# Material's own search (lunr and its worker, 1.2 MB) ships with the theme whether or not its
# search plugin runs; this site searches with Pagefind, so those files are not published.
_UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


def on_files(files: Any, config: Any) -> Any:
    for f in list(files):
        if not f.is_documentation_page() and f.src_uri.startswith(_UNUSED_THEME_FILES):
            files.remove(f)
    # A dirty build copies a static file when its source is newer than the copy (MkDocs's rule).
    for f in files:
        if not f.is_documentation_page() and f.abs_src_path and os.path.exists(f.abs_dest_path) and f.is_modified():
            detach(f.abs_dest_path)
    return files


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Fill in the page's pre-rendered HTML as it is written, not earlier: MkDocs keeps every
    page's content in memory until the build ends, and with the HTML in it that was gigabytes at
    5,000 papers. Anchor validation runs after all pages are written, so registering them here
    is in time."""
    detach(page.file.abs_dest_path)
    if "<!--ingest:fragment" not in output:
        return output
    path = fragments.sidecar_path(Path(config["docs_dir"]), page.file.src_uri)
    try:
        pieces = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RuntimeError(f"{page.file.src_uri}: its pre-rendered HTML ({path}) is missing or damaged; "
                           "build again from nothing (delete the cache's render folder).") from exc
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= fragments.anchors(pieces)
    return fragments.fill(output, pieces)


def on_post_template(output: str, template_name: str, config: Any) -> str:
    target = os.path.join(config["site_dir"], template_name)
    detach(target)
    detach(target + ".gz")  # sitemap.xml.gz is written beside sitemap.xml
    return output
