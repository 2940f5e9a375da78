"""A measured value against a checkpoint's threshold: a proposed verdict, never a decision."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from auditor_app.audit.calendar import calendar_days_between, working_days_between
from auditor_app.audit.verdicts import Verdict
from auditor_app.referential.model import UNIT_LABELS, Direction, Measure, Unit

# Values that differ from the threshold by less than this are taken as equal to it, so a
# rate computed as 84.99999999 meets a threshold of 85.
_TOLERANCE = 1e-9

_SINGULAR: dict[Unit, str] = {
    Unit.RINGS: "sonnerie",
    Unit.WORKING_DAYS: "jour ouvré",
    Unit.CALENDAR_DAYS: "jour",
    Unit.MINUTES: "minute",
    Unit.SECONDS: "seconde",
}

_MAXIMUM: dict[Unit, float] = {Unit.PERCENT: 100.0, Unit.SCORE_10: 10.0}


@dataclass(frozen=True)
class Proposal:
    """What the measure suggests; the auditor keeps the last word."""

    verdict: Verdict
    met: bool
    explanation: str


def format_number(value: float, decimals: int = 2) -> str:
    """French writing of a number: decimal comma, no useless zeros (``7``, ``7,5``)."""
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(".", ",")


def format_percent(share: float, decimals: int = 1, signed: bool = False) -> str:
    """A share in [0, 1] (or a difference of shares) as a French percentage: ``75,6 %``."""
    text = f"{share * 100:.{decimals}f}".replace(".", ",")
    if text.lstrip("-").strip("0,") == "":
        text = text.lstrip("-")  # no "-0,0 %" nor "+0,0 %"
    elif signed and not text.startswith("-"):
        text = "+" + text
    return f"{text} %"


def format_value(value: float, unit: Unit) -> str:
    """A value with its unit, in French: ``7 sonneries``, ``1 jour ouvré``, ``85 %``, ``8/10``."""
    number = format_number(value)
    if unit is Unit.PERCENT:
        return f"{number} %"
    if unit is Unit.SCORE_10:
        return f"{number}/10"
    label = _SINGULAR[unit] if abs(value) < 2 else UNIT_LABELS[unit]
    return f"{number} {label}"


def _threshold_text(measure: Measure) -> str:
    number = format_number(measure.threshold)
    if measure.unit is Unit.PERCENT:
        return f"{number} %"
    if measure.unit is Unit.SCORE_10:
        return f"{number}/10"
    return number


def check_value(measure: Measure, value: float) -> None:
    """Raise ValueError (French) when ``value`` cannot be a measure in this unit."""
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"Valeur mesurée invalide pour « {measure.label} » : {value}.")
    if value < 0:
        raise ValueError(
            f"Valeur négative pour « {measure.label} » ({format_number(value)}) : "
            "une durée, un nombre ou un taux ne peut pas être négatif."
        )
    maximum = _MAXIMUM.get(measure.unit)
    if maximum is not None and value > maximum:
        raise ValueError(
            f"Valeur hors échelle pour « {measure.label} » : {format_value(value, measure.unit)} "
            f"dépasse le maximum de {format_value(maximum, measure.unit)}."
        )
    if measure.unit is Unit.RINGS and value != int(value):
        raise ValueError(
            f"Nombre de sonneries non entier pour « {measure.label} » : {format_number(value)}."
        )


def propose_verdict(measure: Measure, value: float) -> Proposal:
    """Conforme when the value meets the threshold, NC mineure otherwise (a proposal only).

    ``at_most``: value ≤ threshold meets it; ``at_least``: value ≥ threshold.
    """
    check_value(measure, value)
    close = math.isclose(value, measure.threshold, rel_tol=_TOLERANCE, abs_tol=_TOLERANCE)
    if measure.direction is Direction.AT_MOST:
        met = value <= measure.threshold or close
        bound = "au plus"
        outcome = "seuil respecté" if met else "seuil dépassé"
    else:
        met = value >= measure.threshold or close
        bound = "au moins"
        outcome = "seuil atteint" if met else "seuil non atteint"
    explanation = (
        f"{format_value(value, measure.unit)} pour un seuil de {_threshold_text(measure)} "
        f"{bound} : {outcome}"
    )
    return Proposal(
        verdict=Verdict.CONFORME if met else Verdict.NC_MINEURE,
        met=met,
        explanation=explanation,
    )


def measure_from_dates(measure: Measure, sent: date, received: date, department: str = "") -> float:
    """The delay between sending and receiving, in the measure's unit.

    Working days follow the holidays of ``department`` (Alsace-Moselle: 57, 67, 68).
    """
    if measure.unit is Unit.WORKING_DAYS:
        return float(working_days_between(sent, received, department))
    if measure.unit is Unit.CALENDAR_DAYS:
        return float(calendar_days_between(sent, received))
    raise ValueError(
        f"La mesure « {measure.label} » est en {UNIT_LABELS[measure.unit]} : "
        "elle ne se calcule pas à partir de deux dates."
    )
