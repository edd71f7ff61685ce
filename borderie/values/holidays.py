"""Named holidays that the press writes as dates: Tết (lunar new year), the Mid-Autumn Festival, the Lao
and Khmer new years, Christmas, 1 January.

Tết falls on the first day of the first lunar month, computed for Vietnam's
time zone (UTC+7); in some years that is a day before China's Spring Festival
(2007: 17 February in Vietnam, 18 February in China; 2030: 2 and 3 February). The table below is the
Vietnamese date; a Tết mention resolves to the three official festival days
(mùng 1 to mùng 3). The Lao (Bunpimay) and Khmer (Chôl Chnăm Thmây) new years
are given their nominal official days, 14 to 16 April (the Khmer one starts on
13 April in some years).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

__all__ = ["LUNAR_NEW_YEAR", "MID_AUTUMN", "Holiday", "HOLIDAYS", "holiday_span"]

LUNAR_NEW_YEAR: Mapping[int, _dt.date] = MappingProxyType({y: _dt.date(y, m, d) for y, m, d in (
    (1990, 1, 27), (1991, 2, 15), (1992, 2, 4), (1993, 1, 23), (1994, 2, 10), (1995, 1, 31), (1996, 2, 19),
    (1997, 2, 7), (1998, 1, 28), (1999, 2, 16), (2000, 2, 5), (2001, 1, 24), (2002, 2, 12), (2003, 2, 1),
    (2004, 1, 22), (2005, 2, 9), (2006, 1, 29), (2007, 2, 17), (2008, 2, 7), (2009, 1, 26), (2010, 2, 14),
    (2011, 2, 3), (2012, 1, 23), (2013, 2, 10), (2014, 1, 31), (2015, 2, 19), (2016, 2, 8), (2017, 1, 28),
    (2018, 2, 16), (2019, 2, 5), (2020, 1, 25), (2021, 2, 12), (2022, 2, 1), (2023, 1, 22), (2024, 2, 10),
    (2025, 1, 29), (2026, 2, 17), (2027, 2, 6), (2028, 1, 26), (2029, 2, 13), (2030, 2, 2), (2031, 1, 23),
    (2032, 2, 11), (2033, 1, 31), (2034, 2, 19), (2035, 2, 8),
)})
"""Gregorian date of Tết Nguyên Đán (Vietnamese lunar new year's day), 1990-2035."""


MID_AUTUMN: Mapping[int, _dt.date] = MappingProxyType({y: _dt.date(y, m, d) for y, m, d in (
    (2010, 9, 22), (2011, 9, 12), (2012, 9, 30), (2013, 9, 19), (2014, 9, 8), (2015, 9, 27), (2016, 9, 15),
    (2017, 10, 4), (2018, 9, 24), (2019, 9, 13), (2020, 10, 1), (2021, 9, 21), (2022, 9, 10), (2023, 9, 29),
    (2024, 9, 17), (2025, 10, 6), (2026, 9, 25), (2027, 9, 15), (2028, 10, 3),
)})
"""Gregorian date of the Mid-Autumn Festival (Tết Trung Thu, 15th day of the 8th lunar month), 2010-2028."""

_LUNAR_TABLES = {"lunar_new_year": LUNAR_NEW_YEAR, "mid_autumn": MID_AUTUMN}


@dataclass(frozen=True)
class Holiday:
    """A named holiday: ``key`` is stable (``"lunar_new_year"``); ``days`` how many days it covers.

    ``month``/``day`` give the fixed Gregorian start for solar holidays and are
    ``None`` for the lunar new year, whose start comes from :data:`LUNAR_NEW_YEAR`.
    """

    key: str
    days: int
    month: int | None = None
    day: int | None = None


HOLIDAYS: Mapping[str, Holiday] = MappingProxyType({h.key: h for h in (
    Holiday("lunar_new_year", 3),
    Holiday("mid_autumn", 1),
    Holiday("lao_new_year", 3, 4, 14),
    Holiday("khmer_new_year", 3, 4, 14),
    Holiday("christmas", 1, 12, 25),
    Holiday("new_year", 1, 1, 1),
)})


def holiday_span(key: str, year: int) -> tuple[_dt.date, _dt.date] | None:
    """First and last day of holiday ``key`` in Gregorian ``year`` (``None`` outside the table)."""
    h = HOLIDAYS[key]
    if h.month is None:
        start = _LUNAR_TABLES[key].get(year)
        if start is None:
            return None
    else:
        start = _dt.date(year, h.month, h.day or 1)
    return start, start + _dt.timedelta(days=h.days - 1)
