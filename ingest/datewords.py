"""Date vocabulary shared by the rules that read dates in a paper's text: the English month
names, one owner. The rules build their own patterns from it (a month and year on a cover, a
plan's "Adopted May 2014" stamp, a month word among a cover line's words)."""

from __future__ import annotations

# The month names as printed, January first: a month's number is its index + 1.
MONTH_NAMES: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                                "October", "November", "December")
# The names as a regular expression's alternation: "January|February|...|December".
MONTH_NAME = "|".join(MONTH_NAMES)
# Their three-letter stems, lower case, as an alternation: "jan|feb|...|dec" (a pattern that
# takes any ending after the stem reads "Sept", "Sept." and "September" alike).
MONTH_STEM = "|".join(name[:3].lower() for name in MONTH_NAMES)
