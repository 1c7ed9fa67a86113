"""Resource bounds on the work one input file may cause, and the tools that hold them.

A hostile or broken paper (a 200 MB text file, a PDF whose streams inflate to gigabytes, a
paragraph of a million characters, a taxonomy regex that backtracks for minutes) must cost only
itself: each bound, when crossed, is one line in the build report naming the file and what to do,
and the rest of the corpus builds. The defaults sit far above any real council paper (the seed
papers' longest finding is under 4,000 characters) and are listed in the README.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

MB = 1 << 20


@dataclass(frozen=True)
class Bounds:
    """Per-file limits (BuildOptions.bounds). Frozen and picklable: sent to worker processes."""

    max_text_bytes: int = 20 * MB  # a .txt/.md file larger than this is not read
    max_pdf_pages: int = 2000
    # What a PDF's streams (other than images, which text extraction never decodes) inflate to,
    # in all: checked before pdfium parses them, because pdfium needs about twice that in memory.
    max_inflated_bytes: int = 512 * MB
    max_finding_chars: int = 20_000  # a longer finding is split at sentence or line boundaries
    time_limit: float | None = 300.0  # seconds for each per-file stage (reading; tagging)
    # Address space one file's conversion may add to a worker process (RLIMIT_AS): pdfium aborts
    # the process when it cannot allocate, so the limit is applied only in worker processes.
    memory_limit: int | None = 2048 * MB


class TimeLimitExceeded(BaseException):
    """Raised inside work that ran past its time limit. A BaseException, like KeyboardInterrupt,
    so that the `except Exception` which turns one file's failure into a report line cannot
    mistake it for a bug in that file's stage. Internal, not an IngestError: the pipeline reports
    it as the file's E183, naming the file and the stage."""


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TimeLimitExceeded in this (main) thread after `seconds` of wall-clock time.

    SIGALRM interrupts Python code and the regex engine (which checks for signals as it
    backtracks); a call into C that never returns is stopped from outside, by the worker pool.
    Outside the main thread (a Dask worker) signals cannot be used and no limit applies here."""
    if not seconds or not _can_alarm():
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    outer, interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # someone else's timer was running: it goes on
            signal.setitimer(signal.ITIMER_REAL, max(0.001, outer - (time.monotonic() - started)), interval)


def format_mb(n: int) -> str:
    return f"{n / MB:,.1f} MB" if n < 10 * MB else f"{n / MB:,.0f} MB"


# Where a long text may be cut, best first: a paragraph break, a line break, the end of a
# sentence (a full stop, question or exclamation mark, or semicolon, and any closing quote or
# bracket, before a space), then any space.
_SENTENCE_END = re.compile(r"""[.!?;]["'’”)\]]*\s+""")


def _cut(text: str, lo: int, hi: int) -> int:
    """The best place to end a piece that starts before `lo` and may not pass `hi`."""
    for sep in ("\n\n", "\n"):
        at = text.rfind(sep, lo, hi)
        if at >= 0:
            return at + len(sep)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, hi)]
    if ends:
        return ends[-1]
    at = text.rfind(" ", lo, hi)
    return at + 1 if at >= 0 else hi


def pieces(text: str, limit: int) -> list[str]:
    """`text` cut into pieces of at most `limit` characters, each ending at the best boundary in
    the second half of its room (so no piece is tiny), stripped of the spaces at the cut. A text
    within the limit is returned as it is."""
    if len(text) <= limit:
        return [text]
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start + limit // 2, start + limit)
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = end
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out
