"""Working days with French public holidays, by department.

Alsace-Moselle (departments 57, 67 and 68) also rests on Good Friday and 26 December;
overseas departments have their own days (e.g. abolition of slavery). Holidays come from
the ``holidays`` package and are cached per (regime, year).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

ALSACE_MOSELLE_DEPARTMENTS = frozenset({"57", "67", "68"})

# INSEE department / collectivity code → subdivision of ``holidays.France``.
_SUBDIVISIONS: dict[str, str] = {
    "57": "57",
    "67": "57",
    "68": "57",
    "971": "971",
    "972": "972",
    "973": "973",
    "974": "974",
    "975": "PM",
    "976": "976",
    "977": "BL",
    "978": "MF",
    "984": "TF",
    "986": "WF",
    "987": "PF",
    "988": "NC",
}

METROPOLE = ""


def regime(department: str = "") -> str:
    """The holiday regime of a department: ``""`` for the general (metropolitan) calendar,
    ``"57"`` for Alsace-Moselle, or the overseas subdivision. Unknown codes are general."""
    return _SUBDIVISIONS.get(department.strip().upper(), METROPOLE)


@lru_cache(maxsize=256)
def _holidays(regime_key: str, year: int) -> Mapping[date, str]:
    import holidays  # ~0.4 s with its French names: only when a delay is first computed

    calendar = holidays.country_holidays(
        "FR", subdiv=regime_key or None, years=year, expand=False, language="fr"
    )
    return MappingProxyType({day: str(name) for day, name in calendar.items()})


def public_holidays(year: int, department: str = "") -> Mapping[date, str]:
    """Public holidays of ``year`` for ``department`` (date → French name)."""
    return _holidays(regime(department), year)


def holiday_name(day: date, department: str = "") -> str | None:
    """The French name of the public holiday on ``day``, or None on an ordinary day."""
    return public_holidays(day.year, department).get(day)


def is_working_day(day: date, department: str = "") -> bool:
    """Monday to Friday and not a public holiday of the department."""
    return day.weekday() < 5 and day not in public_holidays(day.year, department)


def _format(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _check_order(start: date, end: date) -> None:
    if end < start:
        raise ValueError(
            f"La date de fin ({_format(end)}) précède la date de début ({_format(start)})."
        )


def _weekdays_through(day: date) -> int:
    # Ordinal 1 (0001-01-01) is a Monday: each full week holds 5 weekdays.
    ordinal = day.toordinal()
    return (ordinal // 7) * 5 + min(ordinal % 7, 5)


def working_days_between(start: date, end: date, department: str = "") -> int:
    """Working days after ``start`` up to and including ``end``.

    A request sent on Friday and answered on Monday took 1 working day; the same day is 0.
    """
    _check_order(start, end)
    weekdays = _weekdays_through(end) - _weekdays_through(start)
    key = regime(department)
    off = 0
    for year in range(start.year, end.year + 1):
        for day in _holidays(key, year):
            if start < day <= end and day.weekday() < 5:
                off += 1
    return weekdays - off


def add_working_days(start: date, n: int, department: str = "") -> date:
    """The first day that is ``n`` working days after ``start`` (``start`` itself for 0)."""
    if n < 0:
        raise ValueError(f"Nombre de jours ouvrés négatif ({n}) : il doit être positif ou nul.")
    day = start
    remaining = n
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day, department):
            remaining -= 1
    return day


def calendar_days_between(start: date, end: date) -> int:
    """Calendar days from ``start`` to ``end`` (same day: 0)."""
    _check_order(start, end)
    return (end - start).days
