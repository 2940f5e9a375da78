"""Survey indicators with their 95 % confidence intervals, against the national reference.

Share of satisfied users: Wilson score interval. Net satisfaction (share satisfied minus
share dissatisfied): normal approximation with the multinomial variance
``(p_sat + p_dissat - (p_sat - p_dissat)²) / n``, clipped to [-1, 1].
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import NormalDist
from typing import Literal

from auditor_app.audit.measures import format_percent
from auditor_app.audit.model import SurveyCounts

Z_95 = NormalDist().inv_cdf(0.975)  # 1.959963984540054

# Baromètre des services publics (DITP, June 2025): 69 % satisfied, 20 % neutral,
# 11 % dissatisfied, on the global-satisfaction question.
NATIONAL_SATISFIED_2025 = 0.69
NATIONAL_DISSATISFIED_2025 = 0.11
NATIONAL_NET_2025 = 0.58
NATIONAL_REFERENCE_SOURCE = "Baromètre des services publics 2025 (DITP)"

GLOBAL_SATISFACTION_QUESTION = "Globalement, êtes-vous satisfait de la qualité de service ?"
_GLOBAL_KEYS = frozenset({"global", "globale", "satisfaction globale", "satisfaction global"})

Kind = Literal["share", "net"]
_AUTO: Literal["auto"] = "auto"


@dataclass(frozen=True)
class Indicator:
    """A survey indicator; ``value``, ``low`` and ``high`` are None when nobody answered."""

    value: float | None
    low: float | None
    high: float | None
    n: int
    reference: float | None
    label: str
    kind: Kind = "share"
    question: str = ""
    reference_source: str = ""


def _normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.lower().replace("_", " ").replace("-", " ").split())


def is_global_satisfaction(counts: SurveyCounts) -> bool:
    """A user survey question on global satisfaction (« Globalement, êtes-vous satisfait… »)."""
    if counts.population != "user":
        return False
    question = _normalise(counts.question)
    return question in _GLOBAL_KEYS or question.startswith("globalement")


def _check(counts: SurveyCounts) -> None:
    if min(counts.satisfied, counts.neutral, counts.dissatisfied) < 0:
        raise ValueError(
            f"Enquête « {counts.question} » : les effectifs ne peuvent pas être négatifs."
        )


def wilson_interval(successes: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval of a proportion ``successes / n`` (n > 0)."""
    if n <= 0 or not 0 <= successes <= n:
        raise ValueError(f"Effectifs incohérents : {successes} sur {n}.")
    p = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    # Guard against rounding at p = 0 or 1: the interval always holds p and stays in [0, 1].
    return max(0.0, min(centre - half, p)), min(1.0, max(centre + half, p))


def _reference(
    counts: SurveyCounts, reference: float | Literal["auto"] | None, national: float
) -> tuple[float | None, str]:
    if reference == _AUTO:
        if is_global_satisfaction(counts):
            return national, NATIONAL_REFERENCE_SOURCE
        return None, ""
    return reference, ""


def _who(counts: SurveyCounts) -> str:
    return "agents" if counts.population == "agent" else "usagers"


def share_satisfied(
    counts: SurveyCounts, reference: float | Literal["auto"] | None = _AUTO
) -> Indicator:
    """Share of satisfied respondents with its Wilson 95 % interval.

    ``reference`` defaults to the national 69 % for the global-satisfaction question of a
    user survey, and to none otherwise; pass a value (or None) to override.
    """
    _check(counts)
    ref, source = _reference(counts, reference, NATIONAL_SATISFIED_2025)
    label = f"Part d'{_who(counts)} satisfaits"
    n = counts.total
    if n == 0:
        return Indicator(None, None, None, 0, ref, label, "share", counts.question, source)
    low, high = wilson_interval(counts.satisfied, n)
    return Indicator(
        counts.satisfied / n, low, high, n, ref, label, "share", counts.question, source
    )


def net_satisfaction(
    counts: SurveyCounts, reference: float | Literal["auto"] | None = _AUTO
) -> Indicator:
    """Share satisfied minus share dissatisfied, with its 95 % interval (normal approximation)."""
    _check(counts)
    ref, source = _reference(counts, reference, NATIONAL_NET_2025)
    label = f"Taux net de satisfaction des {_who(counts)}"
    n = counts.total
    if n == 0:
        return Indicator(None, None, None, 0, ref, label, "net", counts.question, source)
    p_sat = counts.satisfied / n
    p_dissat = counts.dissatisfied / n
    value = p_sat - p_dissat
    variance = max(0.0, (p_sat + p_dissat - value * value) / n)
    half = Z_95 * math.sqrt(variance)
    low = max(-1.0, min(value - half, value))
    high = min(1.0, max(value + half, value))
    return Indicator(value, low, high, n, ref, label, "net", counts.question, source)


def combine(counts: Iterable[SurveyCounts]) -> SurveyCounts:
    """The answers of several sites to one question, pooled (site ``""``)."""
    items = list(counts)
    if not items:
        raise ValueError("Aucune réponse d'enquête à regrouper.")
    first = items[0]
    for item in items[1:]:
        if (item.question, item.population) != (first.question, first.population):
            raise ValueError(
                "Impossible de regrouper des questions ou des populations différentes : "
                f"« {first.question} » et « {item.question} »."
            )
    return SurveyCounts(
        question=first.question,
        satisfied=sum(item.satisfied for item in items),
        neutral=sum(item.neutral for item in items),
        dissatisfied=sum(item.dissatisfied for item in items),
        population=first.population,
    )


def format_indicator(indicator: Indicator) -> str:
    """``84,0 % [75,6 % ; 90,0 %], n = 100`` (French), or a plain statement when n = 0."""
    if indicator.value is None or indicator.low is None or indicator.high is None:
        return "non calculable (aucune réponse)"
    signed = indicator.kind == "net"
    return (
        f"{format_percent(indicator.value, signed=signed)} "
        f"[{format_percent(indicator.low, signed=signed)} ; "
        f"{format_percent(indicator.high, signed=signed)}], n = {indicator.n}"
    )


def compare_to_reference(indicator: Indicator) -> str:
    """Whether the 95 % interval lies above, below or around the reference (French)."""
    if indicator.value is None or indicator.low is None or indicator.high is None:
        return "Aucune réponse : comparaison impossible."
    if indicator.reference is None:
        return "Pas de référence nationale pour cet indicateur."
    signed = indicator.kind == "net"
    reference = format_percent(indicator.reference, decimals=0, signed=signed)
    interval = (
        f"[{format_percent(indicator.low, signed=signed)} ; "
        f"{format_percent(indicator.high, signed=signed)}]"
    )
    if indicator.low > indicator.reference:
        return (
            f"Au-dessus de la référence nationale ({reference}) : l'intervalle de confiance "
            f"à 95 % {interval} est entièrement au-dessus."
        )
    if indicator.high < indicator.reference:
        return (
            f"En dessous de la référence nationale ({reference}) : l'intervalle de confiance "
            f"à 95 % {interval} est entièrement en dessous."
        )
    return (
        f"Pas d'écart significatif avec la référence nationale ({reference}) : "
        f"l'intervalle de confiance à 95 % {interval} la contient."
    )
