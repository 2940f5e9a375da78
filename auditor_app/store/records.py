"""Conversions between database rows and domain records."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from auditor_app.audit.model import (
    AidScheme,
    Audit,
    Finding,
    MysteryTest,
    Site,
    SurveyCounts,
    TeamMember,
)
from auditor_app.audit.verdicts import Verdict
from auditor_app.referential.model import Channel, Level

VERDICTS: dict[str | None, Verdict | None] = {None: None, **{v.value: v for v in Verdict}}


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _channels(text: str) -> tuple[Channel, ...]:
    return tuple(Channel(c) for c in json.loads(text))


def channels_json(channels: tuple[Channel, ...] | list[Channel]) -> str:
    return json.dumps([Channel(c).value for c in channels])


def audit_to_row(audit: Audit) -> dict[str, Any]:
    return {
        "id": audit.id,
        "referential_key": audit.referential_key,
        "organisation": audit.organisation,
        "reference": audit.reference,
        "client": audit.client,
        "objectives": audit.objectives,
        "scope": audit.scope,
        "start_date": _iso(audit.start_date),
        "end_date": _iso(audit.end_date),
        "team": json.dumps([m.__dict__ for m in audit.team], ensure_ascii=False),
        "target_level": audit.target_level.value if audit.target_level else None,
        "status": audit.status,
        "channels": channels_json(audit.channels),
        "cloned_from": audit.cloned_from,
    }


def audit_from_row(row: dict[str, Any]) -> Audit:
    return Audit(
        id=row["id"],
        referential_key=row["referential_key"],
        organisation=row["organisation"],
        reference=row["reference"],
        client=row["client"],
        objectives=row["objectives"],
        scope=row["scope"],
        start_date=_date(row["start_date"]),
        end_date=_date(row["end_date"]),
        team=tuple(TeamMember(**m) for m in json.loads(row["team"])),
        target_level=Level(row["target_level"]) if row["target_level"] else None,
        status=row["status"],
        channels=_channels(row["channels"]),
        cloned_from=row["cloned_from"],
        rev=row["rev"],
    )


def site_to_row(site: Site) -> dict[str, Any]:
    return {
        "id": site.id,
        "audit_id": site.audit_id,
        "name": site.name,
        "kind": site.kind,
        "department": site.department,
        "address": site.address,
        "channels": channels_json(site.channels),
        "position": site.position,
    }


def site_from_row(row: dict[str, Any]) -> Site:
    return Site(
        id=row["id"], audit_id=row["audit_id"], name=row["name"], kind=row["kind"],
        department=row["department"], address=row["address"],
        channels=_channels(row["channels"]), position=row["position"],
    )  # fmt: skip


def aid_scheme_to_row(scheme: AidScheme) -> dict[str, Any]:
    return {
        "id": scheme.id,
        "audit_id": scheme.audit_id,
        "name": scheme.name,
        "description": scheme.description,
        "channels": channels_json(scheme.channels),
        "position": scheme.position,
    }


def aid_scheme_from_row(row: dict[str, Any]) -> AidScheme:
    return AidScheme(
        id=row["id"], audit_id=row["audit_id"], name=row["name"],
        description=row["description"], channels=_channels(row["channels"]),
        position=row["position"],
    )  # fmt: skip


FINDING_COLUMNS = (
    "id, audit_id, checkpoint_code, site_id, aid_scheme_id, channel, verdict,"
    " measured_value, note, author, updated_at, rev"
)


def finding_from_tuple(row: tuple[Any, ...], evidence_count: int) -> Finding:
    """Build a Finding from a FINDING_COLUMNS tuple (the hot path: positional, no dict)."""
    return Finding(
        row[0], row[1], row[2], row[3], row[4], row[5], VERDICTS[row[6]],
        row[7], row[8], row[9], evidence_count, row[10], row[11],
    )  # fmt: skip


def finding_to_row(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id,
        "audit_id": finding.audit_id,
        "checkpoint_code": finding.checkpoint_code,
        "site_id": finding.site_id,
        "aid_scheme_id": finding.aid_scheme_id,
        "channel": finding.channel,
        "verdict": finding.verdict.value if finding.verdict else None,
        "measured_value": finding.measured_value,
        "note": finding.note,
        "author": finding.author,
    }


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def mystery_test_to_row(test: MysteryTest) -> dict[str, Any]:
    return {
        "id": test.id,
        "audit_id": test.audit_id,
        "kind": test.kind,
        "site_id": test.site_id,
        "channel": test.channel,
        "checkpoint_code": test.checkpoint_code,
        "performed_at": test.performed_at,
        "rings": test.rings,
        "wait_seconds": test.wait_seconds,
        "reached_agent": _flag(test.reached_agent),
        "agent_identified": _flag(test.agent_identified),
        "answer_correct": _flag(test.answer_correct),
        "sent_on": _iso(test.sent_on),
        "acknowledged_on": _iso(test.acknowledged_on),
        "replied_on": _iso(test.replied_on),
        "note": test.note,
        "author": test.author,
        "extra": json.dumps(test.extra, ensure_ascii=False, sort_keys=True),
    }


def mystery_test_from_row(row: dict[str, Any]) -> MysteryTest:
    return MysteryTest(
        id=row["id"], audit_id=row["audit_id"], kind=row["kind"], site_id=row["site_id"],
        channel=row["channel"], checkpoint_code=row["checkpoint_code"],
        performed_at=row["performed_at"], rings=row["rings"], wait_seconds=row["wait_seconds"],
        reached_agent=_bool(row["reached_agent"]),
        agent_identified=_bool(row["agent_identified"]),
        answer_correct=_bool(row["answer_correct"]),
        sent_on=_date(row["sent_on"]), acknowledged_on=_date(row["acknowledged_on"]),
        replied_on=_date(row["replied_on"]), note=row["note"], author=row["author"],
        extra=json.loads(row["extra"]),
    )  # fmt: skip


def survey_from_row(row: dict[str, Any]) -> SurveyCounts:
    return SurveyCounts(
        question=row["question"], satisfied=row["satisfied"], neutral=row["neutral"],
        dissatisfied=row["dissatisfied"], population=row["population"], site_id=row["site_id"],
    )  # fmt: skip
