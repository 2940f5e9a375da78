"""Survey indicators: Wilson interval, net satisfaction, national reference."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor_app.audit.model import SurveyCounts
from auditor_app.audit.surveys import (
    GLOBAL_SATISFACTION_QUESTION,
    NATIONAL_NET_2025,
    NATIONAL_REFERENCE_SOURCE,
    NATIONAL_SATISFIED_2025,
    Z_95,
    Indicator,
    combine,
    compare_to_reference,
    format_indicator,
    is_global_satisfaction,
    net_satisfaction,
    share_satisfied,
    wilson_interval,
)

GLOBAL = GLOBAL_SATISFACTION_QUESTION


def counts(sat: int, neutral: int, dissat: int, question: str = GLOBAL) -> SurveyCounts:
    return SurveyCounts(question=question, satisfied=sat, neutral=neutral, dissatisfied=dissat)


def test_national_reference_values() -> None:
    assert NATIONAL_SATISFIED_2025 == 0.69
    assert pytest.approx(0.69 - 0.11) == NATIONAL_NET_2025
    assert pytest.approx(1.959964, abs=1e-6) == Z_95


def test_wilson_84_of_100_by_hand() -> None:
    # z² = 3.841459; 1 + z²/n = 1.0384146
    # centre = (0.84 + 3.841459/200) / 1.0384146 = 0.8592073 / 1.0384146 = 0.8274218
    # half   = 1.959964 × √(0.84×0.16/100 + 3.841459/40000) / 1.0384146
    #        = 1.959964 × √0.0014400365 / 1.0384146 = 0.0716245
    low, high = wilson_interval(84, 100)
    assert low == pytest.approx(0.7557973, abs=1e-6)
    assert high == pytest.approx(0.8990463, abs=1e-6)


def test_wilson_half_and_extremes() -> None:
    # p = 0.5: the centre stays at 0.5;
    # half = 1.959964 × √(0.0025 + 0.0000960) / 1.0384146 = 1.959964 × 0.0509513 / 1.0384146
    low, high = wilson_interval(50, 100)
    assert (low + high) / 2 == pytest.approx(0.5)
    assert high - 0.5 == pytest.approx(0.0961685, abs=1e-6)
    # 0 of 10: [0, z²/(n+z²)] = [0, 3.841459/13.841459]
    low, high = wilson_interval(0, 10)
    assert low == 0.0
    assert high == pytest.approx(0.2775328, abs=1e-6)
    low, high = wilson_interval(10, 10)
    assert low == pytest.approx(0.7224672, abs=1e-6)
    assert high == 1.0
    with pytest.raises(ValueError, match="Effectifs incohérents"):
        wilson_interval(3, 2)
    with pytest.raises(ValueError):
        wilson_interval(0, 0)


def test_share_satisfied_on_the_global_question() -> None:
    indicator = share_satisfied(counts(84, 10, 6))
    assert indicator.value == pytest.approx(0.84)
    assert indicator.low == pytest.approx(0.7557973, abs=1e-6)
    assert indicator.high == pytest.approx(0.8990463, abs=1e-6)
    assert indicator.n == 100
    assert indicator.reference == NATIONAL_SATISFIED_2025
    assert indicator.reference_source == NATIONAL_REFERENCE_SOURCE
    assert indicator.label == "Part d'usagers satisfaits"
    assert indicator.kind == "share"
    assert indicator.question == GLOBAL
    assert format_indicator(indicator) == "84,0 % [75,6 % ; 89,9 %], n = 100"


def test_net_satisfaction_by_hand() -> None:
    # p1 = 0.84, p3 = 0.06, d = 0.78; var = (0.90 − 0.78²)/100 = 0.002916; √ = 0.054
    # half = 1.959964 × 0.054 = 0.1058381
    indicator = net_satisfaction(counts(84, 10, 6))
    assert indicator.value == pytest.approx(0.78)
    assert indicator.low == pytest.approx(0.78 - 0.1058381, abs=1e-6)
    assert indicator.high == pytest.approx(0.78 + 0.1058381, abs=1e-6)
    assert indicator.reference == pytest.approx(0.58)
    assert indicator.kind == "net"
    assert indicator.label == "Taux net de satisfaction des usagers"
    assert format_indicator(indicator) == "+78,0 % [+67,4 % ; +88,6 %], n = 100"


def test_net_satisfaction_is_clipped_to_minus_one_one() -> None:
    # 1 satisfied, 0 neutral, 1 dissatisfied: d = 0, var = 1/2, half = 1.386 → clipped.
    indicator = net_satisfaction(counts(1, 0, 1))
    assert (indicator.low, indicator.value, indicator.high) == (-1.0, 0.0, 1.0)
    # 0 / 2 / 8: d = −0.8, var = (0.8 − 0.64)/10 = 0.016, half = 1.959964 × 0.1264911
    negative = net_satisfaction(counts(0, 2, 8))
    assert negative.value == pytest.approx(-0.8)
    assert negative.low == -1.0  # −1.0479 clipped
    assert negative.high == pytest.approx(-0.8 + 0.2479180, abs=1e-6)


def test_compare_above_below_and_inside() -> None:
    above = compare_to_reference(share_satisfied(counts(84, 10, 6)))
    assert above == (
        "Au-dessus de la référence nationale (69 %) : l'intervalle de confiance à 95 % "
        "[75,6 % ; 89,9 %] est entièrement au-dessus."
    )
    below = compare_to_reference(share_satisfied(counts(50, 30, 20)))
    assert below.startswith("En dessous de la référence nationale (69 %)")
    assert "[40,4 % ; 59,6 %] est entièrement en dessous." in below
    inside = compare_to_reference(share_satisfied(counts(69, 20, 11)))
    assert inside.startswith("Pas d'écart significatif avec la référence nationale (69 %)")
    assert inside.endswith("la contient.")
    # A small sample cannot tell 84 % from 69 %.
    assert compare_to_reference(share_satisfied(counts(8, 1, 1))).startswith("Pas d'écart")
    net = compare_to_reference(net_satisfaction(counts(84, 10, 6)))
    assert net.startswith("Au-dessus de la référence nationale (+58 %)")


def test_interval_touching_the_reference_counts_as_including_it() -> None:
    indicator = Indicator(0.8, 0.69, 0.9, 50, 0.69, "Part d'usagers satisfaits")
    assert compare_to_reference(indicator).startswith("Pas d'écart significatif")


def test_no_answer_gives_an_empty_indicator() -> None:
    share = share_satisfied(counts(0, 0, 0))
    assert share == Indicator(
        None,
        None,
        None,
        0,
        NATIONAL_SATISFIED_2025,
        "Part d'usagers satisfaits",
        "share",
        GLOBAL,
        NATIONAL_REFERENCE_SOURCE,
    )
    net = net_satisfaction(counts(0, 0, 0))
    assert (net.value, net.low, net.high, net.n) == (None, None, None, 0)
    assert compare_to_reference(share) == "Aucune réponse : comparaison impossible."
    assert format_indicator(net) == "non calculable (aucune réponse)"


def test_reference_only_for_the_global_user_question() -> None:
    other = share_satisfied(counts(80, 10, 10, question="Les horaires vous conviennent-ils ?"))
    assert other.reference is None and other.reference_source == ""
    assert compare_to_reference(other) == "Pas de référence nationale pour cet indicateur."
    agents = SurveyCounts(GLOBAL, 30, 5, 5, population="agent")
    indicator = share_satisfied(agents)
    assert indicator.reference is None
    assert indicator.label == "Part d'agents satisfaits"
    assert net_satisfaction(agents).label == "Taux net de satisfaction des agents"


def test_reference_can_be_given_or_removed() -> None:
    c = counts(80, 10, 10, question="Accueil au guichet")
    assert share_satisfied(c, reference=0.71).reference == 0.71
    assert share_satisfied(counts(80, 10, 10), reference=None).reference is None
    assert net_satisfaction(c, reference=0.6).reference == 0.6


@pytest.mark.parametrize(
    ("question", "population", "expected"),
    [
        (GLOBAL, "user", True),
        ("GLOBALEMENT, êtes-vous satisfait du service rendu ?", "user", True),
        ("Satisfaction globale", "user", True),
        ("satisfaction_globale", "user", True),
        ("global", "user", True),
        ("Délais de traitement", "user", False),
        (GLOBAL, "agent", False),
    ],
)
def test_global_question_detection(question: str, population: str, expected: bool) -> None:
    assert is_global_satisfaction(SurveyCounts(question, 1, 1, 1, population)) is expected


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="ne peuvent pas être négatifs"):
        share_satisfied(counts(-1, 5, 5))
    with pytest.raises(ValueError, match="ne peuvent pas être négatifs"):
        net_satisfaction(counts(5, 5, -2))


def test_combine_pools_sites() -> None:
    metz = SurveyCounts(GLOBAL, 40, 5, 5, site_id="metz")
    nancy = SurveyCounts(GLOBAL, 44, 5, 1, site_id="nancy")
    pooled = combine([metz, nancy])
    assert pooled == SurveyCounts(GLOBAL, 84, 10, 6)
    assert share_satisfied(pooled).n == 100
    with pytest.raises(ValueError, match="Impossible de regrouper"):
        combine([metz, SurveyCounts("Autre question", 1, 1, 1)])
    with pytest.raises(ValueError, match="Aucune réponse"):
        combine([])


answers = st.integers(min_value=0, max_value=5000)


@given(answers, answers, answers)
def test_share_interval_holds_the_value(sat: int, neutral: int, dissat: int) -> None:
    indicator = share_satisfied(counts(sat, neutral, dissat))
    if sat + neutral + dissat == 0:
        assert indicator.value is None
        return
    assert indicator.value is not None and indicator.low is not None
    assert indicator.high is not None
    assert 0.0 <= indicator.low <= indicator.value <= indicator.high <= 1.0
    assert indicator.n == sat + neutral + dissat


@given(answers, answers, answers)
def test_net_interval_holds_the_value(sat: int, neutral: int, dissat: int) -> None:
    indicator = net_satisfaction(counts(sat, neutral, dissat))
    if sat + neutral + dissat == 0:
        assert indicator.value is None
        return
    assert indicator.value is not None and indicator.low is not None
    assert indicator.high is not None
    assert -1.0 <= indicator.low <= indicator.value <= indicator.high <= 1.0


@given(st.integers(min_value=1, max_value=3000), st.data())
def test_wilson_is_symmetric(n: int, data: st.DataObject) -> None:
    x = data.draw(st.integers(min_value=0, max_value=n))
    low, high = wilson_interval(x, n)
    mirror_low, mirror_high = wilson_interval(n - x, n)
    assert math.isclose(low, 1 - mirror_high, abs_tol=1e-12)
    assert math.isclose(high, 1 - mirror_low, abs_tol=1e-12)
