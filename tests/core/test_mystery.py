"""A mystery test's measures, and the verdicts it proposes for the checkpoints it serves."""

from __future__ import annotations

from datetime import date

import pytest

from auditor_app.audit.model import MysteryTest
from auditor_app.audit.mystery import (
    TestProposal,
    applied_note,
    channel_of,
    holidays_in_delay,
    measures_of_test,
    problems_of_test,
    propose_for_test,
)
from auditor_app.audit.verdicts import Verdict
from auditor_app.referential.loader import load_bundled
from auditor_app.referential.model import Referential, Unit

SENT, REPLIED = date(2026, 4, 2), date(2026, 4, 7)  # Thursday before Easter → Tuesday after


@pytest.fixture(scope="module")
def ref() -> Referential:
    return load_bundled()


def call(**kw: object) -> MysteryTest:
    return MysteryTest(id="t", audit_id="a", kind="call", **kw)  # type: ignore[arg-type]


def email(**kw: object) -> MysteryTest:
    return MysteryTest(id="t", audit_id="a", kind="email", **kw)  # type: ignore[arg-type]


def test_a_call_gives_its_rings_and_wait() -> None:
    assert measures_of_test(call(rings=7, wait_seconds=90)) == {
        "rings": 7.0, "wait_seconds": 90.0, "wait_minutes": 1.5,
    }  # fmt: skip


def test_easter_delays_depend_on_the_department() -> None:
    test = email(sent_on=SENT, acknowledged_on=date(2026, 4, 3), replied_on=REPLIED)
    strasbourg = measures_of_test(test, "67")  # Good Friday and Easter Monday off
    nancy = measures_of_test(test, "54")  # only Easter Monday off
    assert strasbourg["reply_calendar_days"] == nancy["reply_calendar_days"] == 5
    assert strasbourg["reply_working_days"] == 1  # Tuesday 7 only
    assert nancy["reply_working_days"] == 2  # Friday 3 and Tuesday 7
    assert strasbourg["acknowledgement_working_days"] == 0  # Good Friday is off in 67
    assert nancy["acknowledgement_working_days"] == 1
    assert strasbourg["acknowledgement_calendar_days"] == 1


def test_missing_or_inverted_dates_measure_nothing() -> None:
    assert measures_of_test(email(sent_on=SENT)) == {}
    assert measures_of_test(email(replied_on=REPLIED)) == {}
    assert measures_of_test(email(sent_on=REPLIED, replied_on=SENT)) == {}


def test_problems_name_the_dates() -> None:
    assert problems_of_test(email(sent_on=SENT, replied_on=REPLIED)) == []
    assert problems_of_test(email(sent_on=REPLIED, replied_on=SENT)) == [
        "La réponse (02/04/2026) précède l'envoi (07/04/2026)."
    ]
    assert "date d'envoi" in problems_of_test(email(acknowledged_on=SENT))[0]
    assert problems_of_test(call(rings=-1))


def test_seven_rings_exceed_the_five_ring_threshold(ref: Referential) -> None:
    [proposal] = propose_for_test(call(rings=7), ref)
    assert proposal.checkpoint_code == "E2.2.1"
    assert proposal.channel == "phone"
    assert proposal.value == 7
    assert proposal.proposal.verdict is Verdict.NC_MINEURE
    assert "seuil dépassé" in proposal.proposal.explanation


def test_a_call_wait_serves_the_agent_checkpoint_only_when_an_agent_answered(
    ref: Referential,
) -> None:
    reached = propose_for_test(call(rings=3, wait_seconds=200, reached_agent=True), ref)
    assert [(p.checkpoint_code, p.unit, p.proposal.met) for p in reached] == [
        ("E2.2.1", Unit.RINGS, True), ("E2.2.3", Unit.SECONDS, False),
    ]  # fmt: skip
    unreached = propose_for_test(call(rings=3, wait_seconds=200, reached_agent=False), ref)
    assert [p.checkpoint_code for p in unreached] == ["E2.2.1"]


def test_an_email_serves_acknowledgement_and_reply_checkpoints(ref: Referential) -> None:
    test = email(sent_on=SENT, acknowledged_on=date(2026, 4, 3), replied_on=REPLIED)
    by_code = {p.checkpoint_code: p for p in propose_for_test(test, ref, "67")}
    assert set(by_code) == {"E4.1.1", "E4.2.2"}
    assert by_code["E4.1.1"].unit is Unit.CALENDAR_DAYS  # « accusé de réception » in its label
    assert by_code["E4.1.1"].value == 1
    assert by_code["E4.2.2"].unit is Unit.WORKING_DAYS
    assert by_code["E4.2.2"].value == 1
    assert by_code["E4.2.2"].proposal.explanation.startswith("1 jour ouvré")


def test_a_late_letter_is_a_proposed_nonconformity(ref: Referential) -> None:
    letter = MysteryTest(
        id="t", audit_id="a", kind="letter", sent_on=SENT, replied_on=date(2026, 4, 27)
    )
    [proposal] = propose_for_test(letter, ref, "57")
    assert (proposal.checkpoint_code, proposal.value) == ("E4.2.3", 25)
    assert proposal.proposal.verdict is Verdict.NC_MINEURE


def test_a_visit_wait_in_minutes(ref: Referential) -> None:
    visit = MysteryTest(id="t", audit_id="a", kind="visit", wait_seconds=25 * 60)
    [proposal] = propose_for_test(visit, ref)
    assert (proposal.checkpoint_code, proposal.channel, proposal.value) == ("E1.4.7", "counter", 25)


def test_a_named_checkpoint_is_the_only_one_served(ref: Referential) -> None:
    test = call(rings=7, wait_seconds=30, checkpoint_code="E2.2.3")
    assert [p.checkpoint_code for p in propose_for_test(test, ref)] == ["E2.2.3"]
    assert propose_for_test(call(rings=7, checkpoint_code="E1.1.1"), ref) == []
    assert propose_for_test(call(rings=7, checkpoint_code="NOPE"), ref) == []


def test_a_test_without_figures_proposes_nothing(ref: Referential) -> None:
    assert propose_for_test(call(), ref) == []
    assert propose_for_test(email(sent_on=SENT), ref) == []


def test_the_channel_follows_the_kind_unless_given() -> None:
    assert channel_of(call()) == "phone"
    assert channel_of(MysteryTest(id="t", audit_id="a", kind="letter")) == "mail"
    assert channel_of(call(channel="counter")) == "counter"


def test_holidays_left_out_of_a_delay() -> None:
    assert holidays_in_delay(SENT, REPLIED, "67") == [
        (date(2026, 4, 3), "Vendredi saint"), (date(2026, 4, 6), "Lundi de Pâques"),
    ]  # fmt: skip
    assert holidays_in_delay(SENT, REPLIED, "54") == [(date(2026, 4, 6), "Lundi de Pâques")]
    # 26 December 2026 is a Saturday: not a working day anyway.
    assert holidays_in_delay(date(2026, 12, 20), date(2027, 1, 4), "68") == [
        (date(2026, 12, 25), "Noël"), (date(2027, 1, 1), "Jour de l'an"),
    ]  # fmt: skip


def test_applied_note_keeps_the_auditors_words(ref: Referential) -> None:
    test = call(rings=7, performed_at="2026-11-16T10:05:00")
    [proposal] = propose_for_test(test, ref)
    assert isinstance(proposal, TestProposal)
    line = "Test mystère du 16/11/2026 : 7 sonneries pour un seuil de 5 au plus : seuil dépassé."
    assert applied_note("", test, proposal) == line
    assert applied_note("Standard saturé.", test, proposal) == f"Standard saturé.\n{line}"
    assert applied_note(f"Vu.\n{line}", test, proposal) == f"Vu.\n{line}"  # not twice
    assert applied_note("", call(rings=7), proposal).startswith("Test mystère : 7")
