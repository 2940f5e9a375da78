"""A measured value against a checkpoint's threshold proposes a verdict."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor_app.audit.measures import (
    Proposal,
    format_number,
    format_percent,
    format_value,
    measure_from_dates,
    propose_verdict,
)
from auditor_app.audit.verdicts import Verdict
from auditor_app.referential.model import Direction, Measure, Unit


def measure(unit: Unit, threshold: float, direction: Direction, label: str = "Mesure") -> Measure:
    return Measure(
        unit=unit, threshold=threshold, direction=direction, label=label, source="default"
    )


RINGS = measure(Unit.RINGS, 5, Direction.AT_MOST, "Décroché avant 5 sonneries")
EMAIL_DELAY = measure(Unit.WORKING_DAYS, 5, Direction.AT_MOST, "Réponse aux courriels")
MAIL_DELAY = measure(Unit.CALENDAR_DAYS, 15, Direction.AT_MOST, "Réponse aux courriers")
PICKUP_RATE = measure(Unit.PERCENT, 85, Direction.AT_LEAST, "Taux de décroché")
ONLINE_SCORE = measure(Unit.SCORE_10, 8, Direction.AT_LEAST, "Note des démarches en ligne")
WAIT = measure(Unit.MINUTES, 20, Direction.AT_MOST, "Attente au guichet")


def test_too_many_rings_is_a_proposed_minor_nonconformity() -> None:
    assert propose_verdict(RINGS, 7) == Proposal(
        verdict=Verdict.NC_MINEURE,
        met=False,
        explanation="7 sonneries pour un seuil de 5 au plus : seuil dépassé",
    )


def test_threshold_itself_meets_an_at_most_measure() -> None:
    assert propose_verdict(RINGS, 5) == Proposal(
        Verdict.CONFORME, True, "5 sonneries pour un seuil de 5 au plus : seuil respecté"
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0 sonnerie"), (1, "1 sonnerie"), (2, "2 sonneries")],
)
def test_singular_below_two(value: float, text: str) -> None:
    assert propose_verdict(RINGS, value).explanation.startswith(f"{text} pour")


def test_at_least_measures() -> None:
    below = propose_verdict(PICKUP_RATE, 84.5)
    assert below.verdict is Verdict.NC_MINEURE and not below.met
    assert below.explanation == "84,5 % pour un seuil de 85 % au moins : seuil non atteint"
    exact = propose_verdict(PICKUP_RATE, 85)
    assert exact.verdict is Verdict.CONFORME and exact.met
    assert exact.explanation == "85 % pour un seuil de 85 % au moins : seuil atteint"
    assert propose_verdict(PICKUP_RATE, 100).met
    score = propose_verdict(ONLINE_SCORE, 8)
    assert score.explanation == "8/10 pour un seuil de 8/10 au moins : seuil atteint"
    assert not propose_verdict(ONLINE_SCORE, 7.9).met


def test_rounding_noise_does_not_flip_the_proposal() -> None:
    # 17 calls answered out of 20 = 85 %, computed in floating point.
    rate = 17 / 20 * 100
    assert propose_verdict(PICKUP_RATE, rate).met
    assert propose_verdict(PICKUP_RATE, 85 - 1e-12).met
    assert propose_verdict(WAIT, 20 + 1e-12).met
    assert not propose_verdict(PICKUP_RATE, 84.99).met


def test_delays_and_durations() -> None:
    assert propose_verdict(EMAIL_DELAY, 6).explanation == (
        "6 jours ouvrés pour un seuil de 5 au plus : seuil dépassé"
    )
    assert propose_verdict(EMAIL_DELAY, 1).explanation == (
        "1 jour ouvré pour un seuil de 5 au plus : seuil respecté"
    )
    assert propose_verdict(MAIL_DELAY, 15).met
    assert propose_verdict(WAIT, 12.5).explanation == (
        "12,5 minutes pour un seuil de 20 au plus : seuil respecté"
    )


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_not_a_number_is_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="Valeur mesurée invalide pour « Réponse aux courriels »"):
        propose_verdict(EMAIL_DELAY, bad)


@pytest.mark.parametrize("m", [RINGS, EMAIL_DELAY, MAIL_DELAY, WAIT, PICKUP_RATE])
def test_negative_values_are_refused(m: Measure) -> None:
    with pytest.raises(ValueError, match="Valeur négative pour"):
        propose_verdict(m, -1)


def test_out_of_scale_and_fractional_rings_are_refused() -> None:
    with pytest.raises(ValueError, match="120 % dépasse le maximum de 100 %"):
        propose_verdict(PICKUP_RATE, 120)
    with pytest.raises(ValueError, match="dépasse le maximum de 10/10"):
        propose_verdict(ONLINE_SCORE, 11)
    with pytest.raises(ValueError, match="Nombre de sonneries non entier"):
        propose_verdict(RINGS, 2.5)


def test_measure_from_dates_in_working_days_follows_the_department() -> None:
    sent, received = date(2026, 4, 2), date(2026, 4, 8)  # across Easter 2026
    paris = measure_from_dates(EMAIL_DELAY, sent, received)
    strasbourg = measure_from_dates(EMAIL_DELAY, sent, received, "67")
    assert (paris, strasbourg) == (3.0, 2.0)
    assert isinstance(paris, float)
    two_days = measure(Unit.WORKING_DAYS, 2, Direction.AT_MOST, "Accusé de réception")
    assert not propose_verdict(two_days, paris).met
    assert propose_verdict(two_days, strasbourg).met


def test_measure_from_dates_in_calendar_days() -> None:
    assert measure_from_dates(MAIL_DELAY, date(2026, 4, 2), date(2026, 4, 17)) == 15.0
    assert measure_from_dates(MAIL_DELAY, date(2026, 4, 2), date(2026, 4, 2)) == 0.0


def test_measure_from_dates_refuses_other_units_and_reversed_dates() -> None:
    with pytest.raises(ValueError, match="est en sonneries : elle ne se calcule pas"):
        measure_from_dates(RINGS, date(2026, 4, 2), date(2026, 4, 3))
    with pytest.raises(ValueError, match="précède la date de début"):
        measure_from_dates(EMAIL_DELAY, date(2026, 4, 3), date(2026, 4, 2))


def test_formatting() -> None:
    assert format_number(7.0) == "7"
    assert format_number(7.25) == "7,25"
    assert format_number(7.5) == "7,5"
    assert format_number(-0.0001) == "0"
    assert format_number(2 / 3) == "0,67"
    assert format_percent(0.8399) == "84,0 %"
    assert format_percent(0.58, signed=True) == "+58,0 %"
    assert format_percent(-0.125, signed=True) == "-12,5 %"
    assert format_percent(-0.00001, signed=True) == "0,0 %"
    assert format_percent(0.69, decimals=0) == "69 %"
    assert format_value(3, Unit.SECONDS) == "3 secondes"
    assert format_value(1, Unit.CALENDAR_DAYS) == "1 jour"
    assert format_value(8.5, Unit.SCORE_10) == "8,5/10"


@given(
    st.sampled_from([Unit.RINGS, Unit.WORKING_DAYS, Unit.MINUTES, Unit.PERCENT]),
    st.sampled_from(list(Direction)),
    st.integers(min_value=0, max_value=100),
    st.integers(min_value=0, max_value=100),
)
def test_verdict_follows_the_direction(
    unit: Unit, direction: Direction, threshold: int, value: int
) -> None:
    proposal = propose_verdict(measure(unit, threshold, direction), value)
    expected = value <= threshold if direction is Direction.AT_MOST else value >= threshold
    assert proposal.met is expected
    assert proposal.verdict is (Verdict.CONFORME if expected else Verdict.NC_MINEURE)
    assert f"pour un seuil de {threshold}" in proposal.explanation
