"""The audit grid (référentiel) as validated data.

Structure: grid → engagements → criteria → checkpoints. A checkpoint says how it is
checked (methods), where (channels, scope), at which label level, and optionally which
measure proposes a verdict. Every value that is ours rather than published carries
``source: default``; published values carry ``source: published`` and a ``reference``.
The rule that proposes a level (bronze / argent / or) is part of the grid too.
"""

from __future__ import annotations

import os
from enum import StrEnum
from typing import Literal

# We use no pydantic plugin; without this, the first model scans every installed
# distribution's entry points looking for one (tens of ms at start-up).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Channel(StrEnum):
    COUNTER = "counter"
    PHONE = "phone"
    MAIL = "mail"
    EMAIL = "email"
    WEBSITE = "website"
    ONLINE_PROCEDURE = "online_procedure"


class Method(StrEnum):
    OBSERVATION = "observation"
    DOCUMENT = "document"
    INTERVIEW = "interview"
    MYSTERY_TEST = "mystery_test"
    USER_SURVEY = "user_survey"
    AGENT_SURVEY = "agent_survey"


class Scope(StrEnum):
    SITE = "site"
    ORGANISATION = "organisation"
    AID_SCHEME = "aid_scheme"


class Level(StrEnum):
    BRONZE = "bronze"
    ARGENT = "argent"
    OR = "or"

    @property
    def rank(self) -> int:
        return LEVEL_ORDER.index(self)


LEVEL_ORDER: tuple[Level, ...] = (Level.BRONZE, Level.ARGENT, Level.OR)


class Unit(StrEnum):
    RINGS = "rings"
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    MINUTES = "minutes"
    SECONDS = "seconds"
    PERCENT = "percent"
    SCORE_10 = "score_10"


class Direction(StrEnum):
    """``at_most``: the measured value must not exceed the threshold; ``at_least``: reach it."""

    AT_MOST = "at_most"
    AT_LEAST = "at_least"


Source = Literal["published", "default"]

CHANNEL_LABELS: dict[Channel, str] = {
    Channel.COUNTER: "Accueil physique",
    Channel.PHONE: "Téléphone",
    Channel.MAIL: "Courrier",
    Channel.EMAIL: "Courriel",
    Channel.WEBSITE: "Site internet",
    Channel.ONLINE_PROCEDURE: "Démarche en ligne",
}

UNIT_LABELS: dict[Unit, str] = {
    Unit.RINGS: "sonneries",
    Unit.WORKING_DAYS: "jours ouvrés",
    Unit.CALENDAR_DAYS: "jours",
    Unit.MINUTES: "minutes",
    Unit.SECONDS: "secondes",
    Unit.PERCENT: "%",
    Unit.SCORE_10: "/10",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Measure(_Strict):
    """A measured value and the threshold that proposes a verdict (the auditor decides)."""

    unit: Unit
    threshold: float = Field(strict=True)
    direction: Direction
    label: str = Field(min_length=1)
    source: Source
    reference: str = ""

    @field_validator("threshold", mode="before")
    @classmethod
    def _int_is_a_number(cls, value: object) -> object:
        # YAML gives ints for "5"; a bool or a string is not a threshold.
        if isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        return value


class Checkpoint(_Strict):
    code: str = Field(min_length=1, pattern=r"^[A-Za-z0-9._-]+$")
    text: str = Field(min_length=1)
    guidance: str = ""
    methods: tuple[Method, ...] = Field(min_length=1)
    channels: tuple[Channel, ...] = ()
    scope: Scope
    level: Level
    mandatory: bool
    photo_required_on_nc: bool = False
    measure: Measure | None = None
    source: Source
    reference: str = ""


class Criterion(_Strict):
    code: str = Field(min_length=1, pattern=r"^[A-Za-z0-9._-]+$")
    title: str = Field(min_length=1)
    checkpoints: tuple[Checkpoint, ...] = Field(min_length=1)


class Engagement(_Strict):
    number: int = Field(ge=1, strict=True)
    title: str = Field(min_length=1)
    title_confirmed: bool
    title_note: str = ""
    pillar: str = ""
    source: Source
    reference: str = ""
    criteria: tuple[Criterion, ...] = Field(min_length=1)


class LevelRequirement(_Strict):
    """What an audit must show to be proposed at ``level`` (and every level below it)."""

    level: Level
    min_conformity_rate: float = Field(ge=0, le=1)
    max_nc_majeure: int = Field(ge=0, strict=True)
    max_nc_mineure: int | None = Field(default=None, ge=0, strict=True)
    mandatory_checkpoints_met: bool = True
    min_user_satisfaction: float | None = Field(default=None, ge=0, le=1)


class LevelRule(_Strict):
    """Levels are proposed in order: a level needs its own requirements and those below it.

    The conformity rate counted for a level covers the checkpoints of that level and
    below (N/A and unanswered excluded).
    """

    source: Source
    note: str = ""
    requirements: tuple[LevelRequirement, ...] = Field(min_length=1)


class Referential(_Strict):
    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9._-]+$")
    version: str = Field(min_length=1)
    title: str = Field(min_length=1)
    publisher: str = ""
    description: str = ""
    language: str = "fr"
    engagements: tuple[Engagement, ...] = Field(min_length=1)
    level_rule: LevelRule

    def checkpoints(self) -> list[tuple[Engagement, Criterion, Checkpoint]]:
        """Every checkpoint with its engagement and criterion, in grid order."""
        return [
            (engagement, criterion, checkpoint)
            for engagement in self.engagements
            for criterion in engagement.criteria
            for checkpoint in criterion.checkpoints
        ]

    def checkpoint(self, code: str) -> Checkpoint:
        for _, _, checkpoint in self.checkpoints():
            if checkpoint.code == code:
                return checkpoint
        raise KeyError(code)

    def locate(self, code: str) -> tuple[Engagement, Criterion, Checkpoint]:
        for item in self.checkpoints():
            if item[2].code == code:
                return item
        raise KeyError(code)

    @property
    def key(self) -> str:
        """The grid and its version, as stored with an audit (e.g. ``sp-plus@2023.1``)."""
        return f"{self.id}@{self.version}"
