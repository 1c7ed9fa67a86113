"""The real-paper scorer's publisher and committee comparisons (scripts/evaluate_real.py `same_name`,
`same_body`): one body's names as papers print them count as one; another body's never does."""

from __future__ import annotations

import evaluate_real
import pytest


@pytest.mark.parametrize(("got", "labelled"), [
    ("Manordeilo & Salem Community Council", "Manordeilo and Salem Community Council"),
    ("London Borough of Southwark", "Southwark Council"),  # batch 4's Southwark panel notes: the cover's name, the venue's
    ("Southwark London Borough Council", "Southwark Council"),
    ("KENT COUNTY COUNCIL", "Kent County Council"),
])
def test_one_bodys_names_are_the_same_name(got: str, labelled: str) -> None:
    assert evaluate_real.same_name(got, labelled)


@pytest.mark.parametrize(("got", "labelled"), [
    ("London Borough of Barnet", "Southwark Council"),
    ("Kent County Council", "Kent Council"),
    ("Royal Borough of Greenwich", "Greenwich London Borough"),
    (None, "Ofsted"),
])
def test_other_bodies_are_not(got: str | None, labelled: str) -> None:
    assert not evaluate_real.same_name(got, labelled)


@pytest.mark.parametrize(("got", "labelled", "right"), [
    (None, None, True),
    ("Local Area Partnership", None, False),  # an inspection has no committee: the meetings page would list it
    ("Tintern Community Council", "Community Council", True),
    ("Amenities, Leisure and Community Services", "Amenities, Leisure and Community Services Committee", True),
    ("Manordeilo & Salem Community Council", "Manordeilo and Salem Community Council", True),
    ("Council", "Cabinet", False),
    (None, "Cabinet", False),
    ("Cabinet", "Executive", False),
])
def test_a_committee_is_compared_by_its_name_with_or_without_the_council(got: str | None, labelled: str | None, right: bool) -> None:
    assert evaluate_real.same_body(got, labelled) is right
