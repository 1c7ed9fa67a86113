"""What an officer pastes (an id, a permalink, a key) names one finding, or the message says why not."""

from __future__ import annotations

import pytest

from ingest.officer.permalinks import UnknownFinding, resolve

IDS = {"2020-02-26-cypic-regional-peer-review/p7", "2020-02-26-overview-of-childrens-services/p7",
       "2011-04-11-safeguarding-peer-review/consider-looked-after-children-1"}


@pytest.mark.parametrize(("given", "expected"), [
    ("2020-02-26-overview-of-childrens-services/p7", "2020-02-26-overview-of-childrens-services/p7"),
    # Regression: `explain` matched any id ending in the permalink's key, so the overview's
    # paragraph 7 was explained as the peer review's (the first document with a p7).
    ("https://example.gov.uk/papers/documents/2020-02-26-overview-of-childrens-services/#p7",
     "2020-02-26-overview-of-childrens-services/p7"),
    ("2020-02-26-cypic-regional-peer-review/#p7", "2020-02-26-cypic-regional-peer-review/p7"),
    ("2020-02-26-cypic-regional-peer-review#p7", "2020-02-26-cypic-regional-peer-review/p7"),
    ("  consider-looked-after-children-1 ", "2011-04-11-safeguarding-peer-review/consider-looked-after-children-1"),
    ("#consider-looked-after-children-1", "2011-04-11-safeguarding-peer-review/consider-looked-after-children-1"),
])
def test_resolves_ids_permalinks_and_unique_keys(given: str, expected: str) -> None:
    assert resolve(given, IDS) == expected


@pytest.mark.parametrize(("given", "words"), [
    ("p7", ["in 2 documents", "2020-02-26-cypic-regional-peer-review/p7", "whole id"]),
    ("2020-02-26-work-plan/p7", ["No finding '2020-02-26-work-plan/p7'", "permalink"]),
    ("p99", ["No finding 'p99'"]),
])
def test_an_unknown_or_ambiguous_finding_says_what_to_give(given: str, words: list[str]) -> None:
    with pytest.raises(UnknownFinding) as err:
        resolve(given, IDS)
    for w in words:
        assert w in str(err.value)
