"""The schema of `link-decisions.yaml`, the officers' decisions on follow-through links: what each
key may hold, and the words for a value that does not fit (E040, naming the decision and key)."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, Field, WithJsonSchema, model_validator

from ingest.config.schema import ConfigFile, FileModel, NonBlank, Says, Where, refuse, says_key
from ingest.errors import ErrorCode, Errors

DECISIONS = ("confirm", "reject")
_ID = Annotated[NonBlank, Says("is missing or not text")]
_NOTE = Annotated[str | None, Says("must be text, not {type}")]


def _decision(value: str) -> str:
    if value not in DECISIONS:
        raise refuse(f"is '{value}': write confirm or reject")
    return value


class DecisionSpec(FileModel):
    """One decision on the link from a finding of an earlier review to one of the next."""

    SAYS: ClassVar[Says] = Says("is missing: each decision is a mapping starting with '- source: FINDING-ID'", key="source")

    source: _ID = Field(description="The earlier review's finding (its id, from its permalink on the site).")
    target: _ID = Field(description="The later review's finding (its id, from its permalink on the site).")
    decision: Annotated[_ID, AfterValidator(_decision), WithJsonSchema({"type": "string", "enum": list(DECISIONS)})] = Field(
        description="confirm (a link the rules made, a possible match, or one they missed) or reject (a wrong link).")
    by: _NOTE = Field(None, description="Who decided (name, role).")
    note: _NOTE = Field(None, description="Why, in a sentence: shown with the link.")


class DecisionsFile(ConfigFile):
    """`link-decisions.yaml`: officers' decisions, kept over the rules at every build."""

    model_config = {**FileModel.model_config, "extra": "ignore", "title": "council-ingest link-decisions.yaml"}
    CODE: ClassVar[ErrorCode] = Errors.E040
    SAYS: ClassVar[Says] = Says("must be a list of decisions, each starting with '- source:'", key="decisions")

    decisions: Annotated[list[DecisionSpec], Says("must be a list of decisions, each starting with '- source:'")] = Field(
        description="The decisions, each starting with '- source: FINDING-ID'.")

    @model_validator(mode="after")
    def _no_contradiction(self) -> DecisionsFile:
        seen: dict[tuple[str, str], int] = {}
        for n, d in enumerate(self.decisions):
            pair = (d.source.strip(), d.target.strip())
            first = seen.setdefault(pair, n)
            if first != n and self.decisions[first].decision != d.decision:
                raise refuse(f"contradicts decision {first + 1} on the same link: keep one of them", key="decision", at=("decisions", n))
        return self

    @classmethod
    def where(cls, loc: tuple[Any, ...], raw: Any, key: str | None) -> Where:
        if len(loc) >= 2 and loc[0] == "decisions" and isinstance(loc[1], int):
            key = key or says_key(cls, loc) or (str(loc[2]) if len(loc) > 2 else "source")
            return Where({"entry": f"decision {loc[1] + 1}", "key": key}, (1, loc[1]))
        return Where({"entry": "(top level)", "key": key or says_key(cls, loc) or "decisions"}, (0,))
