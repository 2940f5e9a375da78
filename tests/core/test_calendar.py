"""Working days with French public holidays, including Alsace-Moselle and overseas."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor_app.audit.calendar import (
    add_working_days,
    calendar_days_between,
    holiday_name,
    is_working_day,
    public_holidays,
    regime,
    working_days_between,
)

PARIS = "75"
STRASBOURG = "67"
METZ = "57"
MULHOUSE = "68"


def naive_working_days(start: date, end: date, department: str) -> int:
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day, department)
    return count


@pytest.mark.parametrize(
    ("department", "expected"),
    [("", 2), (PARIS, 2), (STRASBOURG, 1), (METZ, 1), (MULHOUSE, 1)],
)
def test_good_friday_2026_only_in_alsace_moselle(department: str, expected: int) -> None:
    # Thu 2 Apr → Tue 7 Apr 2026: Fri 3 (Good Friday), Mon 6 (Easter Monday), Tue 7.
    assert working_days_between(date(2026, 4, 2), date(2026, 4, 7), department) == expected


def test_friday_to_monday_is_one_working_day() -> None:
    assert date(2026, 3, 6).weekday() == 4
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 9)) == 1
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 7)) == 0  # Saturday
    assert working_days_between(date(2026, 3, 9), date(2026, 3, 9)) == 0  # same day


def test_christmas() -> None:
    # 2026: 25 Dec is a Friday, 26 Dec a Saturday: same count everywhere.
    assert working_days_between(date(2026, 12, 24), date(2026, 12, 28)) == 1
    assert working_days_between(date(2026, 12, 24), date(2026, 12, 28), METZ) == 1
    # 2025: Fri 26 Dec (Saint-Étienne) is off in Alsace-Moselle only.
    assert working_days_between(date(2025, 12, 24), date(2025, 12, 29), PARIS) == 2
    assert working_days_between(date(2025, 12, 24), date(2025, 12, 29), STRASBOURG) == 1


@pytest.mark.parametrize(
    ("start", "end", "expected", "holiday"),
    [
        (date(2026, 4, 30), date(2026, 5, 4), 1, date(2026, 5, 1)),  # Fête du Travail, Fri
        (date(2026, 7, 13), date(2026, 7, 15), 1, date(2026, 7, 14)),  # Fête nationale, Tue
        (date(2026, 5, 13), date(2026, 5, 15), 1, date(2026, 5, 14)),  # Ascension, Thu
        (date(2026, 5, 22), date(2026, 5, 26), 1, date(2026, 5, 25)),  # Lundi de Pentecôte
        (date(2026, 12, 31), date(2027, 1, 4), 1, date(2027, 1, 1)),  # Jour de l'an, Fri
    ],
)
def test_national_holidays(start: date, end: date, expected: int, holiday: date) -> None:
    assert working_days_between(start, end) == expected
    assert not is_working_day(holiday)
    assert holiday_name(holiday) is not None


def test_a_plain_fortnight() -> None:
    # Mon 2 Mar → Mon 16 Mar 2026: ten weekdays, no holiday.
    assert working_days_between(date(2026, 3, 2), date(2026, 3, 16)) == 10


def test_end_before_start_is_refused_in_french() -> None:
    with pytest.raises(ValueError, match="La date de fin \\(01/04/2026\\) précède"):
        working_days_between(date(2026, 4, 2), date(2026, 4, 1))
    with pytest.raises(ValueError, match="précède la date de début \\(02/04/2026\\)"):
        calendar_days_between(date(2026, 4, 2), date(2026, 4, 1))


def test_is_working_day() -> None:
    good_friday = date(2026, 4, 3)
    assert is_working_day(good_friday)
    assert is_working_day(good_friday, PARIS)
    assert not is_working_day(good_friday, STRASBOURG)
    assert not is_working_day(date(2026, 4, 4))  # Saturday
    assert not is_working_day(date(2026, 4, 5))  # Sunday
    assert not is_working_day(date(2026, 4, 6))  # Easter Monday
    assert is_working_day(date(2025, 12, 26))
    assert not is_working_day(date(2025, 12, 26), MULHOUSE)


def test_holiday_names_are_french() -> None:
    assert holiday_name(date(2026, 4, 3), STRASBOURG) == "Vendredi saint"
    assert holiday_name(date(2026, 4, 3)) is None
    assert holiday_name(date(2025, 12, 26), METZ) == "Saint-Étienne"
    assert holiday_name(date(2026, 7, 14)) == "Fête nationale"
    assert holiday_name(date(2026, 3, 10)) is None


def test_overseas_departments_have_their_own_days() -> None:
    abolition = date(2026, 5, 27)  # Guadeloupe: abolition of slavery, a Wednesday
    assert is_working_day(abolition)
    assert not is_working_day(abolition, "971")
    assert working_days_between(date(2026, 5, 26), date(2026, 5, 28), "971") == 1
    assert working_days_between(date(2026, 5, 26), date(2026, 5, 28)) == 2


def test_regime() -> None:
    assert regime("67") == regime("68") == regime(" 57 ") == "57"
    assert regime("75") == regime("") == regime("2A") == regime("inconnu") == ""
    assert regime("974") == "974"
    assert regime("988") == "NC"


def test_holidays_are_cached_per_regime_and_year() -> None:
    assert public_holidays(2026, STRASBOURG) is public_holidays(2026, METZ)
    assert public_holidays(2026, PARIS) is public_holidays(2026, "")
    assert public_holidays(2026, PARIS) is not public_holidays(2026, METZ)
    assert date(2026, 4, 3) in public_holidays(2026, METZ)
    assert date(2026, 4, 3) not in public_holidays(2026, PARIS)
    # Another year is not mixed in (the mapping is not expanded on lookup).
    assert date(2027, 1, 1) not in public_holidays(2026, PARIS)
    assert len(public_holidays(2026, PARIS)) == 11
    assert len(public_holidays(2026, METZ)) == 13


def test_add_working_days() -> None:
    thursday = date(2026, 4, 2)
    assert add_working_days(thursday, 1) == date(2026, 4, 3)
    assert add_working_days(thursday, 1, STRASBOURG) == date(2026, 4, 7)
    assert add_working_days(thursday, 2) == date(2026, 4, 7)
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)  # Friday + 1 = Monday
    saturday = date(2026, 3, 7)
    assert add_working_days(saturday, 0) == saturday
    assert add_working_days(saturday, 1) == date(2026, 3, 9)
    with pytest.raises(ValueError, match="négatif"):
        add_working_days(thursday, -1)


def test_calendar_days_between() -> None:
    assert calendar_days_between(date(2026, 4, 2), date(2026, 4, 7)) == 5
    assert calendar_days_between(date(2026, 4, 2), date(2026, 4, 2)) == 0
    assert calendar_days_between(date(2025, 12, 31), date(2026, 3, 1)) == 60


# --- properties ------------------------------------------------------------------

dates = st.dates(min_value=date(1995, 1, 1), max_value=date(2060, 12, 31))
departments = st.sampled_from(["", PARIS, METZ, STRASBOURG, MULHOUSE, "971", "974", "2B"])


def ordered(a: date, b: date) -> tuple[date, date]:
    return (a, b) if a <= b else (b, a)


@settings(deadline=None)
@given(dates, st.integers(min_value=0, max_value=400), departments)
def test_matches_a_day_by_day_count(start: date, span: int, department: str) -> None:
    end = start + timedelta(days=span)
    assert working_days_between(start, end, department) == naive_working_days(
        start, end, department
    )


@settings(deadline=None)
@given(dates, dates, departments)
def test_never_negative_and_at_most_calendar_days(a: date, b: date, department: str) -> None:
    start, end = ordered(a, b)
    count = working_days_between(start, end, department)
    assert 0 <= count <= calendar_days_between(start, end)


@settings(deadline=None)
@given(dates, dates, dates, departments)
def test_additive_over_a_split_point(a: date, b: date, c: date, department: str) -> None:
    start, mid, end = sorted((a, b, c))
    assert working_days_between(start, end, department) == working_days_between(
        start, mid, department
    ) + working_days_between(mid, end, department)


@settings(deadline=None)
@given(dates, st.integers(min_value=0, max_value=600), departments)
def test_add_working_days_is_the_inverse(start: date, n: int, department: str) -> None:
    end = add_working_days(start, n, department)
    assert working_days_between(start, end, department) == n
    if n > 0:
        # The first such day: a working day, and the day before falls short.
        assert is_working_day(end, department)
        assert working_days_between(start, end - timedelta(days=1), department) == n - 1


@settings(deadline=None)
@given(dates, st.integers(min_value=0, max_value=3000))
def test_alsace_moselle_never_has_more_working_days(start: date, span: int) -> None:
    end = start + timedelta(days=span)
    assert working_days_between(start, end, METZ) <= working_days_between(start, end, PARIS)
