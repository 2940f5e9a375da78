"""What a mystery test measured, and the verdicts it proposes for the checkpoints it serves.

A call gives its rings and the wait before reaching an agent; a visit its wait at the
counter; an e-mail or a letter the delays from sending to acknowledgement and to reply,
in calendar days and in the site's working days (Alsace-Moselle rests on Good Friday).
The proposals are only proposals: the auditor applies them to a finding, or not.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from auditor_app.audit.calendar import (
    calendar_days_between,
    public_holidays,
    working_days_between,
)
from auditor_app.audit.measures import Proposal, propose_verdict
from auditor_app.audit.model import MysteryTest
from auditor_app.referential.model import Channel, Checkpoint, Method, Referential, Unit

# The channel a test exercises when it does not name one.
KIND_CHANNELS: dict[str, str] = {
    "call": Channel.PHONE.value,
    "email": Channel.EMAIL.value,
    "letter": Channel.MAIL.value,
    "visit": Channel.COUNTER.value,
    "website": Channel.WEBSITE.value,
}

RINGS = "rings"
WAIT_SECONDS = "wait_seconds"
WAIT_MINUTES = "wait_minutes"
ACK_CALENDAR_DAYS = "acknowledgement_calendar_days"
ACK_WORKING_DAYS = "acknowledgement_working_days"
REPLY_CALENDAR_DAYS = "reply_calendar_days"
REPLY_WORKING_DAYS = "reply_working_days"

# Measure unit → the key of :func:`measures_of_test` that gives it ("{}" = ack or reply).
_UNIT_KEYS: dict[Unit, str] = {
    Unit.RINGS: RINGS,
    Unit.SECONDS: WAIT_SECONDS,
    Unit.MINUTES: WAIT_MINUTES,
    Unit.CALENDAR_DAYS: "{}_calendar_days",
    Unit.WORKING_DAYS: "{}_working_days",
}


@dataclass(frozen=True)
class TestProposal:
    """The value a test gives for one checkpoint's measure, and the verdict it suggests."""

    __test__ = False  # not a pytest test class, whatever its name

    checkpoint_code: str
    channel: str
    measure_label: str
    unit: Unit
    value: float
    proposal: Proposal


def channel_of(test: MysteryTest) -> str:
    return test.channel or KIND_CHANNELS.get(test.kind, "")


def _delays(sent: date | None, end: date | None, department: str, prefix: str) -> dict[str, float]:
    if sent is None or end is None or end < sent:
        return {}  # not measured yet, or inconsistent (see problems_of_test)
    return {
        f"{prefix}_calendar_days": float(calendar_days_between(sent, end)),
        f"{prefix}_working_days": float(working_days_between(sent, end, department)),
    }


def measures_of_test(test: MysteryTest, department: str = "") -> dict[str, float]:
    """Every value the test measured, by key (only those it has).

    Keys: ``rings``, ``wait_seconds``, ``wait_minutes``, ``acknowledgement_calendar_days``,
    ``acknowledgement_working_days``, ``reply_calendar_days``, ``reply_working_days``.
    Working days follow the holidays of ``department``.
    """
    values: dict[str, float] = {}
    if test.rings is not None:
        values[RINGS] = float(test.rings)
    if test.wait_seconds is not None:
        values[WAIT_SECONDS] = float(test.wait_seconds)
        values[WAIT_MINUTES] = test.wait_seconds / 60
    values.update(_delays(test.sent_on, test.acknowledged_on, department, "acknowledgement"))
    values.update(_delays(test.sent_on, test.replied_on, department, "reply"))
    return values


def problems_of_test(test: MysteryTest) -> list[str]:
    """What makes the test's figures impossible (French, for the auditor)."""
    problems = []
    if test.rings is not None and test.rings < 0:
        problems.append("Le nombre de sonneries ne peut pas être négatif.")
    if test.wait_seconds is not None and test.wait_seconds < 0:
        problems.append("Le temps d'attente ne peut pas être négatif.")
    for end, what in ((test.acknowledged_on, "L'accusé de réception"),
                      (test.replied_on, "La réponse")):  # fmt: skip
        if end is not None and test.sent_on is None:
            problems.append(f"{what} est datée mais pas l'envoi : indiquez la date d'envoi.")
        elif end is not None and test.sent_on is not None and end < test.sent_on:
            problems.append(f"{what} ({end:%d/%m/%Y}) précède l'envoi ({test.sent_on:%d/%m/%Y}).")
    return problems


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _value_key(checkpoint: Checkpoint) -> str | None:
    measure = checkpoint.measure
    if measure is None or measure.unit not in _UNIT_KEYS:
        return None
    key = _UNIT_KEYS[measure.unit]
    if "{}" in key:
        # An acknowledgement delay says so (« accusé de réception »); any other is a reply.
        said = _plain(f"{measure.label} {checkpoint.text}")
        key = key.format("acknowledgement" if "accus" in said else "reply")
    return key


def _serves(checkpoint: Checkpoint, channel: str) -> bool:
    return Method.MYSTERY_TEST in checkpoint.methods and any(
        c.value == channel for c in checkpoint.channels
    )


def propose_for_test(
    test: MysteryTest, ref: Referential, department: str = ""
) -> list[TestProposal]:
    """A proposal for each checkpoint the test serves and has a value for, in grid order.

    The test serves its own ``checkpoint_code`` when it names one; otherwise every
    mystery-test checkpoint of its channel whose measure it can give. A wait that never
    ended with an agent (``reached_agent`` False) proposes nothing: it is no time to reach one.
    """
    channel = channel_of(test)
    values = measures_of_test(test, department)
    if test.reached_agent is False:
        values.pop(WAIT_SECONDS, None)
        values.pop(WAIT_MINUTES, None)
    if test.checkpoint_code:
        try:
            candidates = [ref.checkpoint(test.checkpoint_code)]
        except KeyError:
            return []
    else:
        candidates = [cp for _, _, cp in ref.checkpoints() if _serves(cp, channel)]
    result = []
    for checkpoint in candidates:
        key = _value_key(checkpoint)
        if checkpoint.measure is None or key is None or key not in values:
            continue
        value = values[key]
        result.append(TestProposal(
            checkpoint.code, channel, checkpoint.measure.label, checkpoint.measure.unit, value,
            propose_verdict(checkpoint.measure, value),
        ))  # fmt: skip
    return result


def holidays_in_delay(start: date, end: date, department: str = "") -> list[tuple[date, str]]:
    """The public holidays on weekdays after ``start`` up to ``end``: the days a delay in
    working days leaves out besides weekends."""
    days = []
    for year in range(start.year, end.year + 1):
        for day, name in public_holidays(year, department).items():
            if start < day <= end and day.weekday() < 5:
                days.append((day, name))
    return sorted(days)


def applied_note(existing: str, test: MysteryTest, proposal: TestProposal) -> str:
    """The finding's note once a proposal is applied: its own note kept, the measure added."""
    try:
        source = f"Test mystère du {date.fromisoformat(test.performed_at[:10]):%d/%m/%Y}"
    except ValueError:
        source = "Test mystère"
    line = f"{source} : {proposal.proposal.explanation}."
    if line in existing:
        return existing
    return f"{existing.rstrip()}\n{line}" if existing.strip() else line
