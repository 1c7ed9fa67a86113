"""The `ingest` logger: one channel for warnings, shown by the command line and counted by --strict.

Every module logs under `logging.getLogger(__name__)`, a child of "ingest". The command line
shows them through rich (`shown`); a build counts them (`counted`), so `--strict` fails a build
that logged any warning, as MkDocs's `--strict` does. A library caller that sets up no logging
sees them on stderr, as Python shows them by default.

A job in a worker process logs where the build's handlers are not: `kept_warnings` keeps what a
job logs, the job returns it, and the main process logs it again under the file's name.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

ROOT = "ingest"


class WarningCounter(logging.Handler):
    """Counts the warnings (and errors) logged; `--strict` fails the build if there were any."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        self.messages.append(record.getMessage())


@contextmanager
def kept_warnings() -> Iterator[list[str]]:
    """Within the block, warnings logged under "ingest" are kept in the list yielded instead of
    shown: the caller passes them on (a worker's job result) to be logged once, naming the file."""
    logger = logging.getLogger(ROOT)
    keeper = WarningCounter()
    saved = logger.handlers[:], logger.propagate
    logger.handlers, logger.propagate = [keeper], False
    try:
        yield keeper.messages
    finally:
        logger.handlers, logger.propagate = saved


@contextmanager
def counted() -> Iterator[WarningCounter]:
    """Count the warnings logged under "ingest" within the block (a build's, for --strict)."""
    logger = logging.getLogger(ROOT)
    counter = WarningCounter()
    # With no handler anywhere, Python shows warnings on stderr (its last resort); the counter
    # alone would silence that, so a library caller that set up no logging keeps seeing them.
    shown = [] if logger.hasHandlers() or logging.lastResort is None else [logging.lastResort]
    for h in (counter, *shown):
        logger.addHandler(h)
    try:
        yield counter
    finally:
        for h in (counter, *shown):
            logger.removeHandler(h)


@contextmanager
def shown(console: Any, quiet: bool = False) -> Iterator[None]:
    """Within the block, show the "ingest" logger's records through rich on `console`: warnings,
    and with `quiet` off the notes logged at info level too. Put back as it was afterwards."""
    from rich.logging import RichHandler

    logger = logging.getLogger(ROOT)
    handler = RichHandler(console=console, show_time=False, show_path=False, markup=False,
                          level=logging.WARNING if quiet else logging.INFO)
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
