"""Which papers follow which: the consecutive reviews of a series, the pairs linking compares.

The one place that says what a series step is. The linker links each pair's findings, the site
draws a follow-through register for each, officers' decisions are checked against them at build
time, and `ingest decide` checks a decision against the same pairs as read back from the built
site's open data: each passes its own kind of paper (a `Document`, or a published document record)
to `series_pairs`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Protocol, TypeVar

from ingest.model import series_order


class InSeries(Protocol):
    """What pairing reads of a paper: its series, where it stands in it, and whether it has findings
    (a paper with none has nothing to link, so the series goes from its predecessor to its successor)."""

    @property
    def id(self) -> str: ...
    @property
    def series(self) -> str | None: ...
    @property
    def period(self) -> str | None: ...
    @property
    def date(self) -> str | None: ...
    @property
    def findings(self) -> object: ...  # a list of findings, or their count: only whether any is read


P = TypeVar("P", bound=InSeries)


def series_pairs(docs: Iterable[P]) -> list[tuple[P, P]]:
    """(earlier, later) for every two consecutive papers with findings of one series, in the
    order `series_order` gives (the period reported on, else the date, then the id); the series
    in the order their first paper comes in `docs`."""
    by_series: dict[str, list[P]] = defaultdict(list)
    for d in docs:
        if d.series and d.findings:
            by_series[d.series].append(d)
    pairs: list[tuple[P, P]] = []
    for members in by_series.values():
        members.sort(key=lambda d: series_order(d.period, d.date, d.id))
        pairs += list(zip(members, members[1:]))
    return pairs


def later_in_series(docs: Iterable[P]) -> dict[str, P]:
    """Paper id -> the paper after it in its series, for every paper that has one."""
    return {earlier.id: later for earlier, later in series_pairs(docs)}
