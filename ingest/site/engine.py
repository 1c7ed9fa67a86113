"""The engine that turns the staged Markdown into HTML pages: MkDocs with Material, in-process.

The only module that knows which engine builds the pages (with the hook it loads,
mkdocs_hook.py, and the theme overrides in overrides/). It writes one `mkdocs.yml` beside the
staged pages that INHERITs the web team's (their theme and options) and adds the generated
navigation, the site's address and the output folder, then runs MkDocs' own build through its
Python API (`mkdocs.commands.build.build`, as `mkdocs build --strict` does). In-process, not a
subprocess: MkDocs' warnings and errors are caught as they are logged and raised as one
message naming what to fix (E340-E342), not the tail of a subprocess's stderr, and the build
does not pay for starting Python and importing MkDocs again.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

from ingest import PIPELINE_VERSION
from ingest.cache import code_digest, remove
from ingest.errors import Errors, RenderError
from ingest.site import mkdocs_hook
from ingest.site.html import title_text

OVERRIDES = Path(__file__).resolve().parent / "overrides"
_SHOWN = 10  # warnings quoted in a failed build's message


def config(root: Path, site_title: str, docs: Path, out_dir: Path, nav: list, full_url: str | None) -> dict[str, object]:
    """The generated configuration: the project's `mkdocs.yml` with the generated pages added."""
    cfg: dict[str, object] = {
        "INHERIT": str((root / "mkdocs.yml").resolve()),
        # Printed unescaped by Material (the <title> of every page, the header): escaped here,
        # and marked as HTML by the hook so `| e` in an attribute does not escape it twice.
        "site_name": title_text(site_title),
        "docs_dir": str(docs.resolve()),
        "site_dir": str(out_dir.resolve()),
        "nav": nav,
        "hooks": [*_project_hooks(root), str(Path(mkdocs_hook.__file__).resolve())],
        # Material's <meta name="description"> for pages without their own (hand-written ones, 404),
        # printed unescaped like the site name.
        "site_description": title_text(f"{site_title}: the committee papers as findings to search, follow across the years and cite."),
        # Material's own templates, overridden where the site needs more: a search box in every
        # page's header, a 404 page that helps, and a policy that loads no outside script
        # (overrides/; see README "Search" and "The site").
        "theme": {"custom_dir": str(OVERRIDES.resolve())},
    }
    if full_url:
        cfg["site_url"] = full_url
    return cfg


def fingerprint(cfg: dict[str, object], root: Path, published_to: Path) -> str:
    """What every page depends on besides its own Markdown: navigation, configuration, theme,
    the hook, and the site folder published to (not this build's staging folder, which is new
    every build). Pages built under another fingerprint are all built again."""
    published = yaml.safe_dump({**cfg, "site_dir": str(published_to.resolve())}, sort_keys=False, allow_unicode=True)
    theme_code = code_digest(*(f"site/overrides/{p.relative_to(OVERRIDES).as_posix()}" for p in sorted(OVERRIDES.rglob("*.html"))),
                             "site/mkdocs_hook.py", "site/engine.py")
    return hashlib.sha256((published + (root / "mkdocs.yml").read_text(encoding="utf-8") + PIPELINE_VERSION + theme_code).encode()).hexdigest()


def build(cfg: dict[str, object], folder: Path, dirty: bool) -> None:
    """Write `folder`/mkdocs.yml and build the pages from it, strict: any warning stops the build.
    `dirty`: rebuild only the pages whose Markdown is newer than their HTML (the rest of the site
    is already in the output folder)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    cfg_path = folder / "mkdocs.yml"
    remove(cfg_path)  # made again every build; so is anything in its place
    cfg_path.write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding="utf-8")
    project = Path(str(cfg["INHERIT"]))
    with _mkdocs_log() as said, _environ(SOURCE_DATE_EPOCH="0"):  # reproducible sitemap.xml.gz
        try:
            mk = load_config(config_file=str(cfg_path), strict=True)
        except (ConfigurationError, Abort) as exc:  # MkDocs logs each bad key, then aborts
            raise RenderError(Errors.E341, file=project, detail=_detail(str(exc), said)) from exc
        mk.plugins.on_startup(command="build", dirty=dirty)
        try:
            mkdocs_build(mk, dirty=dirty)
        except OSError:
            raise  # the site could not be written: the caller says so (E104)
        except Abort as exc:
            raise RenderError(Errors.E340, file=project, count=len(said) or "some", detail=_detail(str(exc), said)) from exc
        except Exception as exc:  # noqa: BLE001 - a hook, a template or a plugin failed: say which and how
            raise RenderError(Errors.E342, file=project, detail=_detail(f"{type(exc).__name__}: {exc}", said)) from exc
        finally:
            mk.plugins.on_shutdown()


def serve(site: Path, port: int, watched: list[Path], rebuild: Callable[[], None], interval: float) -> None:
    """Serve `site` on localhost until Ctrl+C with MkDocs' own live-reload server: it watches
    `watched` (with watchdog, polling every `interval` seconds), calls `rebuild` after a change
    and reloads the pages open in a browser."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=port, root=str(site), polling_interval=interval)
    for path in watched:
        server.watch(str(path.resolve()))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


def _detail(error: str, said: list[str]) -> str:
    """What MkDocs logged, and the error it stopped with if that says more."""
    lines = said[:_SHOWN]
    if not any(error in line for line in lines) and not error.startswith("Abort"):
        lines.append(error)
    more = f" (and {len(said) - _SHOWN} more)" if len(said) > _SHOWN else ""
    return "; ".join(" ".join(line.split()) for line in lines) + more


@contextlib.contextmanager
def _mkdocs_log() -> Iterator[list[str]]:
    """MkDocs' errors, kept for the message instead of printed. Its level is ERROR, as
    `mkdocs build --strict --quiet` (the command this replaces) set it: strict mode counts only
    what reaches the logger, so warnings (the open data's links, which the build writes after
    MkDocs) have never stopped a build, and do not now."""
    said: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append(record.getMessage())

    logger = logging.getLogger("mkdocs")
    handler = Keep(logging.ERROR)
    old = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.ERROR)
    logger.propagate = False
    try:
        yield said
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old[0])
        logger.propagate = old[1]


@contextlib.contextmanager
def _environ(**values: str) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _project_hooks(root: Path) -> list[str]:
    """The web team's own MkDocs hooks, if any: the generated config's `hooks` list replaces the
    inherited one, so theirs are carried over, resolved against their mkdocs.yml."""
    try:
        own = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    except yaml.YAMLError:
        return []  # MkDocs itself reports a broken mkdocs.yml, with its line
    return [str((root / h).resolve()) for h in own.get("hooks") or [] if isinstance(h, str)]
