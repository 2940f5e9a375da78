"""Domain records shared by the store and the rules (plain frozen dataclasses, no I/O).

``site_id``, ``aid_scheme_id`` and ``channel`` are ``""`` where they do not apply, so a
finding's place is always a plain tuple (see :func:`finding_id`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from auditor_app.audit.verdicts import Verdict
from auditor_app.referential.model import Channel, Level

AUDIT_STATUSES = ("draft", "in_progress", "submitted", "in_review", "approved")

# Namespace for deterministic finding ids: two auditors who start from the same audit
# produce the same id for the same place, so their packages merge row by row.
_FINDING_NAMESPACE = uuid.UUID("5b0f7a52-3c1e-4d1f-9a51-2f6c0e7d8a10")


def new_id() -> str:
    return str(uuid.uuid4())


def finding_id(
    audit_id: str, checkpoint_code: str, site_id: str, aid_scheme_id: str, channel: str
) -> str:
    key = "|".join((audit_id, checkpoint_code, site_id, aid_scheme_id, channel))
    return str(uuid.uuid5(_FINDING_NAMESPACE, key))


@dataclass(frozen=True)
class TeamMember:
    name: str
    role: str  # "lead" or "auditor"
    email: str = ""


@dataclass(frozen=True)
class Audit:
    id: str
    referential_key: str
    organisation: str
    reference: str
    objectives: str = ""
    scope: str = ""
    start_date: date | None = None
    end_date: date | None = None
    team: tuple[TeamMember, ...] = ()
    target_level: Level | None = None
    status: str = "draft"
    channels: tuple[Channel, ...] = ()  # organisation-level channels (website, online procedures…)
    client: str = ""
    cloned_from: str = ""
    rev: int = 1


@dataclass(frozen=True)
class Site:
    id: str
    audit_id: str
    name: str
    kind: str = ""
    department: str = ""  # "57", "67", "68" put the site under the Alsace-Moselle calendar
    address: str = ""
    channels: tuple[Channel, ...] = ()
    position: int = 0


@dataclass(frozen=True)
class AidScheme:
    id: str
    audit_id: str
    name: str
    description: str = ""
    channels: tuple[Channel, ...] = ()
    position: int = 0


@dataclass(frozen=True)
class Finding:
    id: str
    audit_id: str
    checkpoint_code: str
    site_id: str = ""
    aid_scheme_id: str = ""
    channel: str = ""
    verdict: Verdict | None = None
    measured_value: float | None = None
    note: str = ""
    author: str = ""
    evidence_count: int = 0
    updated_at: str = ""
    rev: int = 0

    @property
    def answered(self) -> bool:
        return self.verdict is not None


@dataclass(frozen=True)
class SurveyCounts:
    """Answers to one survey question: satisfied = top-2 boxes of a 5-point scale."""

    question: str
    satisfied: int
    neutral: int
    dissatisfied: int
    population: str = "user"  # "user" or "agent"
    site_id: str = ""

    @property
    def total(self) -> int:
        return self.satisfied + self.neutral + self.dissatisfied


@dataclass(frozen=True)
class MysteryTest:
    id: str
    audit_id: str
    kind: str  # "call", "email", "letter", "visit", "website"
    site_id: str = ""
    channel: str = ""
    checkpoint_code: str = ""
    performed_at: str = ""
    rings: int | None = None
    wait_seconds: float | None = None
    reached_agent: bool | None = None
    agent_identified: bool | None = None
    answer_correct: bool | None = None
    sent_on: date | None = None
    acknowledged_on: date | None = None
    replied_on: date | None = None
    note: str = ""
    author: str = ""
    extra: dict[str, object] = field(default_factory=dict)
