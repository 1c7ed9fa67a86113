"""MkDocs hook (named in the generated mkdocs.yml): puts pre-rendered HTML back into pages.

See `ingest.render.fragments`. A page with placeholders but no sidecar file stops the build:
the generated sources are out of step, and publishing a page with holes would be worse.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ingest.render import fragments


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if "<!--ingest:fragment" not in html:
        return html
    path = fragments.sidecar_path(Path(config["docs_dir"]), page.file.src_uri)
    try:
        pieces = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RuntimeError(f"{page.file.src_uri}: its pre-rendered HTML ({path}) is missing or damaged; "
                           "build again from nothing (delete the cache's render folder).") from exc
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= fragments.anchors(pieces)
    return fragments.fill(html, pieces)
