"""Normalised values for DATE mentions: :class:`DateValue` and :func:`parse_date`.

:func:`parse_date` reads one DATE mention (French or English) and returns what
it denotes as a :class:`DateValue`: a first and last day, a granularity, and
an ISO 8601 string. It is a pure function: it never looks at the clock. Dates
that need a year (``October 15``, ``Wednesday``, ``this year``, ``Tết``) are
resolved against ``ref``, the article's publication date, with these rules:

* a month and day without a year (``October 15``, ``15/10``) is the latest
  such day not after ``ref`` + :data:`LOOKAHEAD_DAYS` (news mostly reports
  what has happened; the few days of slack keep "on October 18" in an article
  of October 16 in the same year). A weekday given with it
  (``Wednesday (December 25)``) picks, among the neighbouring years, one where
  that day really is a Wednesday when there is one;
* a month alone (``in May``) is the latest such month starting not after
  ``ref`` + :data:`LOOKAHEAD_DAYS`;
* a weekday alone (``Wednesday``) is the closest such day on or before
  ``ref``; ``last Wednesday``/``mercredi dernier`` the one strictly before,
  ``next Wednesday``/``mercredi prochain`` the one strictly after;
* ``this year``/``cette année``, ``last year``, ``next year``, ``today``,
  ``yesterday``, ``this month``, ``last week``… are counted from ``ref``;
* a holiday without a year (``Tết``, ``Christmas``) is the occurrence closest
  to ``ref``.

Without ``ref`` none of these is guessed: the value keeps only what the text
says (``October 15`` -> month 10, day 15, ISO ``--10-15``, no start/end).

Numeric dates are day first (``09/05/2025`` is 9 May 2025); only when the
second number cannot be a month (``05/25/2025``) is it read month first.
``YYYY-MM`` is read as an ISO month, not as a range of years.

Other forms: years (``2024``, ``the year 2024``), months (``May 2025``,
``mai 2025``), ranges (``2025–2027``, ``2025-27``, ``from 2022 to 2024``,
``du 3 au 5 mai 2024``, ``October 10-12, 2024``, ``janvier-mars 2025``),
parts of a period (``early 2025``, ``mid-October``, ``fin 2024``: thirds of
the year or month), quarters and halves (``Q1 2025``, ``premier semestre
2025``), decades (``the 1990s``, ``les années 1990``), open ranges
(``since 2020``, ``depuis 2020``), and holidays (``Tết``, ``Nouvel An
lunaire``, ``Lunar New Year 2025``, ``Bunpimay``, ``Christmas``).
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass, replace
from typing import Any, Callable, Mapping

from ..coerce import as_date
from ..errors import UsageError
from ._text import simplify
from .holidays import HOLIDAYS, holiday_span
from .lexicon import MONTHS, NUMBER_WORDS, WEEKDAYS

__all__ = ["DateValue", "parse_date", "LOOKAHEAD_DAYS", "GRANULARITIES", "as_ref_date"]

LOOKAHEAD_DAYS = 7
"""How far after the article date a yearless date may still fall (see the module docstring)."""

GRANULARITIES = ("day", "week", "month", "quarter", "half", "year", "decade", "range", "holiday")
"""The values :attr:`DateValue.granularity` takes."""

_ONE_DAY = _dt.timedelta(days=1)


@dataclass(frozen=True)
class DateValue:
    """What a DATE mention denotes.

    ``start``/``end`` are the first and last day covered (both included;
    ``end`` is ``None`` for an open range such as ``since 2020``; both are
    ``None`` when the year is unknown). ``iso`` is an ISO 8601 string at the
    precision of the text: ``2025-10-15``, ``2025-10``, ``2025``, a range
    ``2025/2027`` or ``2024-05-03/2024-05-05``, an open range ``2020/..``,
    or for a yearless date ``--10-15`` / ``--10``; it is ``None`` when not
    even a month is known (``Wednesday`` without a reference date).
    ``resolved_with_ref`` says whether the article date was needed to get the
    value. ``year``/``month``/``day``/``weekday`` (Monday = 0) keep what the
    text itself says for single dates, known or not; ``holiday`` names the
    holiday (``"lunar_new_year"``, ``"lao_new_year"``, ``"christmas"``,
    ``"new_year"``, ``"mid_autumn"``, ``"khmer_new_year"``) when the mention is one.
    """

    start: _dt.date | None
    end: _dt.date | None
    granularity: str
    iso: str | None
    resolved_with_ref: bool = False
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    holiday: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able mapping (``Entity.value``); ``type`` is ``"date"``; unknown fields are left out."""
        out: dict[str, Any] = {
            "type": "date",
            "iso": self.iso,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "granularity": self.granularity,
            "resolved_with_ref": self.resolved_with_ref,
        }
        for key in ("year", "month", "day", "weekday", "holiday"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "DateValue":
        """Inverse of :meth:`to_dict`; raises :class:`~borderie.errors.UsageError` on a non-date mapping."""
        if not isinstance(data, Mapping) or data.get("type", "date") != "date":
            raise UsageError(f"not a date value: {data!r}")
        try:
            granularity = data["granularity"]
            start = as_date(data.get("start"), what="start")
            end = as_date(data.get("end"), what="end")
        except (KeyError, UsageError) as exc:
            raise UsageError(f"bad date value {dict(data)!r}: {exc}") from None
        if granularity not in GRANULARITIES:
            raise UsageError(f"bad date value: unknown granularity {granularity!r} (known: {', '.join(GRANULARITIES)})")
        return cls(start=start, end=end, granularity=granularity, iso=data.get("iso"),
                   resolved_with_ref=bool(data.get("resolved_with_ref", False)),
                   year=data.get("year"), month=data.get("month"), day=data.get("day"),
                   weekday=data.get("weekday"), holiday=data.get("holiday"))


def as_ref_date(ref: Any) -> _dt.date | None:
    """``ref`` as a :class:`datetime.date` (:func:`borderie.coerce.as_date`; ``None`` stays ``None``)."""
    return as_date(ref, what="ref")


# --------------------------------------------------------------------------------------------------
# Points: what one side of a date expression says (any field may be missing)


@dataclass(frozen=True)
class _Point:
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None


def _alt(words: Mapping[str, int]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_MONTH = rf"(?P<month>{_alt(MONTHS)})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|re|e|eme)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = rf"(?:{_alt(WEEKDAYS)})\.?"

_POINT_PATTERNS = [re.compile(p) for p in (
    rf"(?:the )?{_DAY}(?: of| de)? {_MONTH}(?:,? {_YEAR})?",            # 18 aout 2013, the 15th of October
    rf"{_MONTH} (?:the )?{_DAY}(?:,? {_YEAR})?",                        # October 15, November 24, 2024
    rf"(?:the month of |le mois de |le mois d'){_MONTH}(?:,? {_YEAR})?",
    rf"{_MONTH}(?: of| de| d')?,? {_YEAR}",                             # May 2025, mai 2025
    rf"{_MONTH}",                                                       # May
    rf"(?:the year |year |l'annee |annee |l'an |an ){_YEAR}",           # the year 2024, l'an 2024
    rf"{_YEAR}",                                                        # 2024
    rf"nam {_YEAR}",                                                    # năm 2024 (Vietnamese)
    r"thang (?P<month>\d{1,2})(?:(?: nam |/)(?P<year>\d{4}))?",          # tháng 7 năm 2025
    r"ngay (?P<day>\d{1,2}) thang (?P<month>\d{1,2})(?: nam (?P<year>\d{4}))?",
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})",             # 2025-10-15 (ISO)
    r"(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])",                         # 2025-10 (ISO month)
    r"(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4}|\d{2})",  # 09/05/2025 (day first)
    r"(?P<day>\d{1,2})/(?P<month>\d{1,2})",                             # 15/10
    r"(?P<month>\d{1,2})/(?P<year>\d{4})",                              # 05/2025
)]
# Partial points, only accepted as one side of a range: "du [3] au 5 mai", "October 10-[12, 2024]"
_RANGE_SIDE_PATTERNS = [re.compile(p) for p in (
    rf"{_DAY}(?:,? {_YEAR})?",
    r"(?P<year>\d{2})",
)]
_LEADING_WEEKDAY = re.compile(rf"(?P<wd>{_WEEKDAY}),? (?:the )?(?P<rest>.+)")
_WEEKDAY_PAREN = re.compile(rf"(?P<wd>{_WEEKDAY}),? ?\((?P<rest>[^()]+)\)")
_PAREN_WEEKDAY = re.compile(rf"(?P<rest>[^()]+?),? ?\((?P<wd>{_WEEKDAY})\)")
_ONLY_WEEKDAY = re.compile(rf"(?P<wd>{_WEEKDAY})")


def _weekday_of(word: str) -> int:
    return WEEKDAYS[word.rstrip(".")]


def _int_year(text: str) -> int:
    y = int(text)
    if len(text) == 2:  # two-digit years: 00-69 -> 2000s, 70-99 -> 1900s
        y += 2000 if y < 70 else 1900
    return y


def _valid(p: _Point) -> bool:
    if p.month is not None and not 1 <= p.month <= 12:
        return False
    if p.day is not None:
        if p.month is None:
            return 1 <= p.day <= 31
        last = calendar.monthrange(p.year if p.year is not None else 2000, p.month)[1]  # 2000: leap year
        if not 1 <= p.day <= last:
            return False
    if p.year is not None and not 1000 <= p.year <= 2999:
        return False
    return True


def _match_point(s: str, patterns: list[re.Pattern[str]]) -> _Point | None:
    for pattern in patterns:
        m = pattern.fullmatch(s)
        if not m:
            continue
        g = m.groupdict()
        month = g.get("month")
        month_n = None if month is None else (int(month) if month.isdigit() else MONTHS[month])
        p = _Point(year=_int_year(g["year"]) if g.get("year") else None, month=month_n,
                   day=int(g["day"]) if g.get("day") else None)
        if not _valid(p) and g.get("day") and month is not None and month.isdigit():
            # 05/25/2025: the second number cannot be a month, so the writer put the month first
            p = _Point(p.year, int(g["day"]), int(month))
        if _valid(p):
            return p
    return None


def _parse_point(s: str, *, partial: bool = False) -> _Point | None:
    """A point from ``s`` (simplified), with an optional weekday; ``partial`` also allows ``3`` or ``12, 2024``."""
    patterns = _POINT_PATTERNS + (_RANGE_SIDE_PATTERNS if partial else [])
    for rx in (_WEEKDAY_PAREN, _PAREN_WEEKDAY, _LEADING_WEEKDAY):
        m = rx.fullmatch(s)
        if m:
            inner = _match_point(m["rest"].strip(" ,"), patterns)
            if inner is not None and inner.day is not None:
                return replace(inner, weekday=_weekday_of(m["wd"]))
    m = _ONLY_WEEKDAY.fullmatch(s)
    if m:
        return _Point(weekday=_weekday_of(m["wd"]))
    return _match_point(s, patterns)


# --------------------------------------------------------------------------------------------------
# Resolution against the article date


def _month_span(year: int, month: int) -> tuple[_dt.date, _dt.date]:
    return _dt.date(year, month, 1), _dt.date(year, month, calendar.monthrange(year, month)[1])


def _year_for_month_day(month: int, day: int, weekday: int | None, ref: _dt.date) -> int:
    """The year of ``month``/``day`` for an article of ``ref`` (rule in the module docstring)."""
    limit = ref + _dt.timedelta(days=LOOKAHEAD_DAYS)
    candidates = []
    for year in range(limit.year, limit.year - 9, -1):  # 29 February may be up to 8 years back
        if day <= calendar.monthrange(year, month)[1] and _dt.date(year, month, day) <= limit:
            candidates.append(year)
    if weekday is not None:
        near = [y for y in candidates[:2] if _dt.date(y, month, day).weekday() == weekday]
        if near:
            return near[0]
    return candidates[0]


def _year_for_month(month: int, ref: _dt.date) -> int:
    limit = ref + _dt.timedelta(days=LOOKAHEAD_DAYS)
    return limit.year if _dt.date(limit.year, month, 1) <= limit else limit.year - 1


def _weekday_on_or_before(weekday: int, ref: _dt.date) -> _dt.date:
    return ref - _dt.timedelta(days=(ref.weekday() - weekday) % 7)


def _iso_point(p: _Point) -> str | None:
    if p.year is None:
        if p.month is None:
            return None
        return f"--{p.month:02d}" + (f"-{p.day:02d}" if p.day is not None else "")
    out = f"{p.year:04d}"
    if p.month is not None:
        out += f"-{p.month:02d}"
        if p.day is not None:
            out += f"-{p.day:02d}"
    return out


def _resolve_point(p: _Point, ref: _dt.date | None) -> DateValue | None:
    """A single point as a value; a missing year is filled from ``ref`` when there is one."""
    used_ref = False
    full = p
    if p.year is None and p.month is not None and ref is not None:
        year = _year_for_month_day(p.month, p.day, p.weekday, ref) if p.day is not None else _year_for_month(p.month, ref)
        full, used_ref = replace(p, year=year), True
    if p.year is None and p.month is None and p.day is None and p.weekday is not None:
        if ref is None:
            return DateValue(None, None, "day", None, False, weekday=p.weekday)
        d = _weekday_on_or_before(p.weekday, ref)
        return DateValue(d, d, "day", d.isoformat(), True, weekday=p.weekday)
    if p.day is not None and p.month is None:
        return None
    if full.year is None:
        if p.month is None:
            return None
        return DateValue(None, None, "day" if p.day is not None else "month", _iso_point(p), False,
                         month=p.month, day=p.day, weekday=p.weekday)
    if full.month is None:
        start, end, gran = _dt.date(full.year, 1, 1), _dt.date(full.year, 12, 31), "year"
    elif full.day is None:
        (start, end), gran = _month_span(full.year, full.month), "month"
    else:
        start = end = _dt.date(full.year, full.month, full.day)
        gran = "day"
    return DateValue(start, end, gran, _iso_point(full), used_ref, year=p.year, month=p.month, day=p.day,
                     weekday=p.weekday)


# --------------------------------------------------------------------------------------------------
# Relative expressions, parts of periods, quarters, decades, holidays


def _week_of(d: _dt.date) -> tuple[_dt.date, _dt.date]:
    monday = d - _dt.timedelta(days=d.weekday())
    return monday, monday + _dt.timedelta(days=6)


def _shift_month(d: _dt.date, months: int) -> tuple[int, int]:
    n = d.year * 12 + d.month - 1 + months
    return n // 12, n % 12 + 1


def _rel_day(offset: int) -> Callable[[_dt.date], DateValue]:
    def f(ref: _dt.date) -> DateValue:
        d = ref + _dt.timedelta(days=offset)
        return DateValue(d, d, "day", d.isoformat(), True)
    return f


def _rel_year(offset: int) -> Callable[[_dt.date], DateValue]:
    def f(ref: _dt.date) -> DateValue:
        y = ref.year + offset
        return DateValue(_dt.date(y, 1, 1), _dt.date(y, 12, 31), "year", f"{y:04d}", True)
    return f


def _rel_month(offset: int) -> Callable[[_dt.date], DateValue]:
    def f(ref: _dt.date) -> DateValue:
        y, m = _shift_month(ref, offset)
        start, end = _month_span(y, m)
        return DateValue(start, end, "month", f"{y:04d}-{m:02d}", True)
    return f


def _rel_week(offset: int) -> Callable[[_dt.date], DateValue]:
    def f(ref: _dt.date) -> DateValue:
        start, end = _week_of(ref + _dt.timedelta(weeks=offset))
        return DateValue(start, end, "week", f"{start.isoformat()}/{end.isoformat()}", True)
    return f


_RELATIVE: dict[str, Callable[[_dt.date], DateValue]] = {}
for _words, _fn in (
    ("today|aujourd'hui|this morning|this afternoon|this evening|tonight|ce matin|cet apres-midi|ce soir|"
     "ce jour", _rel_day(0)),
    ("yesterday|hier|yesterday morning|yesterday afternoon|hier matin|hier soir|la veille", _rel_day(-1)),
    ("tomorrow|demain|demain matin", _rel_day(1)),
    ("the day before yesterday|avant-hier", _rel_day(-2)),
    ("this year|cette annee|cette annee-ci|l'annee en cours|the current year|this year's|de cette annee|"
     "current year|nam nay", _rel_year(0)),
    ("last year|l'annee derniere|l'an dernier|l'annee passee|l'an passe|the previous year|the past year|"
     "l'annee precedente|last year's|past year|previous year|an dernier|annee derniere|annee precedente|"
     "annee passee|nam ngoai|nam truoc", _rel_year(-1)),
    ("next year|l'annee prochaine|l'an prochain|the coming year|the following year|l'annee suivante|"
     "next year's", _rel_year(1)),
    ("this month|ce mois|ce mois-ci|le mois en cours|the current month", _rel_month(0)),
    ("last month|le mois dernier|le mois passe|the previous month|the past month", _rel_month(-1)),
    ("next month|le mois prochain|the coming month|the following month", _rel_month(1)),
    ("this week|cette semaine", _rel_week(0)),
    ("last week|la semaine derniere|la semaine passee|the previous week|the past week", _rel_week(-1)),
    ("next week|la semaine prochaine|the coming week", _rel_week(1)),
):
    for _w in _words.split("|"):
        _RELATIVE[_w] = _fn

_RELATIVE_WEEKDAY = [
    (re.compile(rf"(?:last|this past|past) (?P<wd>{_WEEKDAY})|(?P<wd2>{_WEEKDAY}) (?:dernier|passe)"), -1),
    (re.compile(rf"(?:next|this coming|coming) (?P<wd>{_WEEKDAY})|(?P<wd2>{_WEEKDAY}) prochain"), 1),
]

# Parts of a year or month: (first month or day fraction, last) as thirds
def _prefixes(words: str) -> str:
    return "|".join(sorted(words.split("|"), key=len, reverse=True))


_PART_PREFIXES = [
    (re.compile(rf"(?:{_prefixes(words)})[ -]?(?P<rest>.+)"), third) for words, third in (
        ("early|early in|the beginning of|the start of|the early part of|at the beginning of|beginning of|"
         "start of|at the start of|debut|au debut de|au debut d'|le debut de|le debut d'|debut de|debut d'|dau", 0),
        ("mid|the middle of|the mid|in the middle of|middle of|mi|milieu|au milieu de|au milieu d'|le milieu de|"
         "le milieu d'|milieu de|milieu d'|vers le milieu de|giua", 1),
        ("late|late in|the end of|the late part of|at the end of|end of|towards the end of|toward the end of|fin|"
         "a la fin de|a la fin d'|la fin de|la fin d'|fin de|fin d'|vers la fin de|by the end of|cuoi", 2),
    )
]

_THIS_PERIOD = {"l'annee": "this year", "the year": "this year", "annee": "this year", "de l'annee": "this year",
                "nam": "this year", "nam nay": "this year", "du mois": "this month", "le mois": "this month",
                "the month": "this month", "mois": "this month", "du mois en cours": "this month"}
"""What "the year"/"le mois" mean after a part word (``fin de l'année``, ``début du mois``): the current one."""

_QUARTER_WORDS = {"first": 1, "1st": 1, "premier": 1, "1er": 1, "second": 2, "2nd": 2, "deuxieme": 2, "2e": 2,
                  "third": 3, "3rd": 3, "troisieme": 3, "3e": 3, "fourth": 4, "4th": 4, "quatrieme": 4, "4e": 4,
                  "last": 4, "dernier": 4}
_PERIOD_YEAR = (r"(?:(?: of| de| d'|,)? ?(?:(?P<year>\d{4})|(?P<rel>this year|last year|next year|the year|"
                r"cette annee|l'annee derniere|l'an dernier|l'annee prochaine|l'annee|de l'annee)))?")
_QUARTER = re.compile(r"(?:the |le )?(?:q(?P<qn>[1-4])|(?P<qw>\w+) (?:quarter|trimestre))" + _PERIOD_YEAR)
_HALF = re.compile(r"(?:the |le )?(?:h(?P<hn>[12])|(?P<hw>\w+) (?:half|semestre))" + _PERIOD_YEAR)
_FIRST_MONTHS = re.compile(r"(?:the )?first (?P<n>\w+) months" + _PERIOD_YEAR
                           + r"|(?:les |des )?(?P<n2>\w+) premiers mois" + _PERIOD_YEAR.replace("?P<year>", "?P<year2>")
                           .replace("?P<rel>", "?P<rel2>"))
_PAST_SPAN = re.compile(r"(?:the |over the |in the |during the )?(?:past|last|previous) (?P<n>\w+) (?P<unit>years|months)"
                        r"|(?:ces |les |au cours des )?(?P<n2>\w+) (?P<unit2>dernieres annees|derniers mois)"
                        r"|(?P<decade>(?:the )?(?:past|last) decade|la derniere decennie)")
_MONTH_RELATIVE = (re.compile(rf"(?P<dir>last|next|this past|this coming) {_MONTH}"),
                   re.compile(rf"{_MONTH} (?P<dir>dernier|prochain)"))
_DECADE = re.compile(r"(?:the (?P<a>\d{3}0)'?s|les annees (?P<b>\d{3}0)|les annees (?P<c>[1-9]0)|the '?(?P<d>[1-9]0)s)")

_HOLIDAY_PATTERNS = [
    (re.compile(r"(?:the )?(?:traditional |vietnamese )?(?:lunar new year|tet(?: nguyen dan)?|"
                r"nouvel an (?:lunaire|vietnamien|traditionnel)|fete du tet|la fete du tet|le tet|"
                r"le nouvel an lunaire|spring festival)(?: festival| holidays?| celebrations?| lunaire)?"
                r"(?:,? (?P<year>\d{4}))?"), "lunar_new_year"),
    (re.compile(r"(?:the )?(?:(?:traditional )?(?:lao new year|nouvel an lao)(?: bunpimay| pi mai)?|bunpimay|"
                r"boun pi mai|pi mai(?: lao)?)(?: festival| holidays?)?(?:,? (?P<year>\d{4}))?"), "lao_new_year"),
    (re.compile(r"(?:the )?(?:(?:traditional )?(?:khmer new year|nouvel an khmer)(?: chol chnam thmay| chol chnam thmey)?|"
                r"chol chnam thmay|chol chnam thmey|choul chnam thmey)(?: festival| holidays?)?(?:,? (?P<year>\d{4}))?"),
     "khmer_new_year"),
    (re.compile(r"(?:the )?(?:mid-autumn festival|mid autumn festival|(?:la )?fete de la mi-automne|tet trung thu|"
                r"(?:la )?fete de la lune|moon festival)(?:,? (?P<year>\d{4}))?"), "mid_autumn"),
    (re.compile(r"(?:christmas(?: day)?|noel|le jour de noel)(?:,? (?P<year>\d{4}))?"), "christmas"),
    (re.compile(r"(?:new year's day|le jour de l'an|jour de l'an|le nouvel an|nouvel an)(?:,? (?P<year>\d{4}))?"),
     "new_year"),
]


def _year_value(y: int, used_ref: bool) -> DateValue:
    return DateValue(_dt.date(y, 1, 1), _dt.date(y, 12, 31), "year", f"{y:04d}", used_ref, year=y)


def _relative_year(word: str, ref: _dt.date | None) -> tuple[int, bool] | None:
    fn = _RELATIVE.get(word)
    if fn is None or ref is None:
        return None
    v = fn(ref)
    return (v.start.year, True) if v.granularity == "year" and v.start else None


def _parse_holiday(s: str, ref: _dt.date | None) -> DateValue | None:
    for rx, key in _HOLIDAY_PATTERNS:
        m = rx.fullmatch(s)
        if not m:
            continue
        if m["year"]:
            span = holiday_span(key, int(m["year"]))
            used_ref = False
        elif ref is not None:
            spans = [holiday_span(key, y) for y in (ref.year - 1, ref.year, ref.year + 1)]
            known = [sp for sp in spans if sp is not None]
            span = min(known, key=lambda sp: abs((sp[0] - ref).days)) if known else None
            used_ref = True
        else:
            h = HOLIDAYS[key]
            return DateValue(None, None, "holiday", _iso_point(_Point(month=h.month, day=h.day)) if h.month else None,
                             False, month=h.month, day=h.day, holiday=key)
        if span is None:
            return DateValue(None, None, "holiday", None, False, year=int(m["year"]) if m["year"] else None, holiday=key)
        start, end = span
        iso = start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"
        return DateValue(start, end, "holiday", iso, used_ref, year=start.year, holiday=key)
    return None


def _parse_part(s: str, ref: _dt.date | None) -> DateValue | None:
    """``early 2025``, ``mid-October``, ``fin 2024``, ``late last year``: a third of a year or month."""
    for rx, third in _PART_PREFIXES:
        m = rx.fullmatch(s)
        if not m:
            continue
        rest = m["rest"].strip()
        rest = re.sub(r"^(?:l'annee|the year|l'an|annee) (?=\d{4}$)", "", rest)
        rest = _THIS_PERIOD.get(rest, rest)
        base = _parse_simple(rest, ref)
        if base is None or base.start is None or base.granularity not in ("year", "month"):
            continue
        if base.granularity == "year":
            y = base.start.year
            first, last = 1 + 4 * third, 4 + 4 * third
            start, end = _dt.date(y, first, 1), _month_span(y, last)[1]
            iso = f"{y:04d}-{first:02d}/{y:04d}-{last:02d}"
        else:
            y, mo = base.start.year, base.start.month
            last_day = calendar.monthrange(y, mo)[1]
            bounds = ((1, 10), (11, 20), (21, last_day))[third]
            start, end = _dt.date(y, mo, bounds[0]), _dt.date(y, mo, bounds[1])
            iso = f"{start.isoformat()}/{end.isoformat()}"
        return DateValue(start, end, "range", iso, base.resolved_with_ref)
    return None


def _parse_quarter_or_half(s: str, ref: _dt.date | None) -> DateValue | None:
    for rx, months, gran in ((_QUARTER, 3, "quarter"), (_HALF, 6, "half")):
        m = rx.fullmatch(s)
        if not m:
            continue
        g = m.groupdict()
        number = g.get("qn") or g.get("hn")
        word = g.get("qw") or g.get("hw") or ""
        n = int(number) if number else (12 // months if word in ("last", "dernier") else _QUARTER_WORDS.get(word))
        if n is None or n > 12 // months:
            return None
        got = _year_of(g["year"], g["rel"], ref)
        if got is None:
            return None
        y, used_ref = got
        first, last = (n - 1) * months + 1, n * months
        return DateValue(_dt.date(y, first, 1), _month_span(y, last)[1], gran,
                         f"{y:04d}-{first:02d}/{y:04d}-{last:02d}", used_ref)
    return None


def _year_of(year: str | None, rel: str | None, ref: _dt.date | None) -> tuple[int, bool] | None:
    """The year given by digits, by a relative word, or (neither) the year of ``ref``."""
    if year:
        return int(year), False
    return _relative_year(_THIS_PERIOD.get(rel or "", rel or "this year"), ref)


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def _parse_first_months(s: str, ref: _dt.date | None) -> DateValue | None:
    """``the first eight months of 2025``, ``les huit premiers mois de l'année``: January to month N."""
    m = _FIRST_MONTHS.fullmatch(s)
    if not m:
        return None
    n = _count(m["n"] or m["n2"])
    got = _year_of(m["year"] or m["year2"], m["rel"] or m["rel2"], ref)
    if n is None or not 1 <= n <= 12 or got is None:
        return None
    y, used_ref = got
    return DateValue(_dt.date(y, 1, 1), _month_span(y, n)[1], "range", f"{y:04d}-01/{y:04d}-{n:02d}", used_ref)


def _parse_past_span(s: str, ref: _dt.date | None) -> DateValue | None:
    """``the past five years``, ``ces dix dernières années``, ``the past decade``: up to ``ref``."""
    m = _PAST_SPAN.fullmatch(s)
    if not m or ref is None:
        return None
    if m["decade"]:
        n, unit = 10, "years"
    else:
        n = _count(m["n"] or m["n2"])
        unit = "years" if (m["unit"] or m["unit2"] or "").endswith(("years", "annees")) else "months"
    if n is None or n < 1:
        return None
    months = n * 12 if unit == "years" else n
    y, mo = _shift_month(ref, -months)
    start = _dt.date(y, mo, min(ref.day, calendar.monthrange(y, mo)[1]))
    return DateValue(start, ref, "range", f"{start.isoformat()}/{ref.isoformat()}", True)


def _parse_month_relative(s: str, ref: _dt.date | None) -> DateValue | None:
    """``last October`` / ``octobre dernier``: the latest October before the article's month; ``next``: after."""
    m = _MONTH_RELATIVE[0].fullmatch(s) or _MONTH_RELATIVE[1].fullmatch(s)
    if not m or ref is None:
        return None
    month = MONTHS[m["month"].rstrip(".")]
    back = m["dir"] in ("last", "this past", "dernier")
    if back:
        y = ref.year if month < ref.month else ref.year - 1
    else:
        y = ref.year if month > ref.month else ref.year + 1
    start, end = _month_span(y, month)
    return DateValue(start, end, "month", f"{y:04d}-{month:02d}", True, month=month)


def _parse_decade(s: str) -> DateValue | None:
    m = _DECADE.fullmatch(s)
    if not m:
        return None
    if m["a"] or m["b"]:
        y = int(m["a"] or m["b"])
    else:
        y = 1900 + int(m["c"] or m["d"])
    return DateValue(_dt.date(y, 1, 1), _dt.date(y + 9, 12, 31), "decade", f"{y:04d}/{y + 9:04d}", False)


def _parse_relative(s: str, ref: _dt.date | None) -> DateValue | None:
    if s in _RELATIVE:
        return _RELATIVE[s](ref) if ref is not None else None
    for rx, direction in _RELATIVE_WEEKDAY:
        m = rx.fullmatch(s)
        if m:
            wd = _weekday_of(m["wd"] or m["wd2"])
            if ref is None:
                return DateValue(None, None, "day", None, False, weekday=wd)
            delta = (ref.weekday() - wd) % 7 or 7
            d = ref - _dt.timedelta(days=delta) if direction < 0 else ref + _dt.timedelta(days=(wd - ref.weekday()) % 7 or 7)
            return DateValue(d, d, "day", d.isoformat(), True, weekday=wd)
    return None


# --------------------------------------------------------------------------------------------------
# Ranges


_RANGE_PREFIX = re.compile(r"(?:from|du|de|d'|des|between|entre|over|sur la periode|in the period|the period|"
                           r"la periode|period|periode)\s+")
_RANGE_SPLIT = re.compile(r"\s*-\s*|\s*/\s*|\s+(?:to|till|until|through|thru|au|a|and|et|jusqu'(?:a|au|en))\s+")
_OPEN_START = re.compile(r"(?:since|depuis|as of|starting from|starting|a partir de|a compter de|from) (?P<rest>.+)")
_OPEN_END = re.compile(r"(?:until|till|up to|by|jusqu'(?:a|au|en)|d'ici|d'ici a) (?P<rest>.+)")


def _fill(left: _Point, right: _Point) -> tuple[_Point, _Point] | None:
    """Share what one side of a range leaves out with the other (``3 - 5 mai 2024``, ``2025-27``)."""
    if left.month is not None and right.month is None and right.day is not None:
        right = replace(right, month=left.month, year=right.year if right.year is not None else left.year)
    if left.day is not None and left.month is None and right.month is not None:
        left = replace(left, month=right.month)
    if left.year is None and right.year is not None and left.month is not None:
        left = replace(left, year=right.year)
        if (left.month, left.day or 1) > (right.month or 12, right.day or 31):  # 28 December - 3 January 2025
            left = replace(left, year=right.year - 1)
    if left.day is None and left.month is None and left.year is None:
        return None
    if right.day is None and right.month is None and right.year is None:
        return None
    if (left.month is None) != (right.month is None) and (left.year is None or right.year is None):
        return None
    return left, right


def _parse_range(s: str, ref: _dt.date | None) -> DateValue | None:
    s = _RANGE_PREFIX.sub("", s, count=1) if _RANGE_PREFIX.match(s) else s
    for m in _RANGE_SPLIT.finditer(s):
        left_s, right_s = s[:m.start()].strip(" ,"), s[m.end():].strip(" ,")
        if not left_s or not right_s:
            continue
        left = _parse_point(left_s, partial=True)
        right = _parse_point(right_s, partial=True)
        if left is None or right is None:
            continue
        if "/" in m.group() and not (left.month is None and left.day is None and left.year and right.year):
            continue  # a slash only joins two years: 2024/2025
        if re.fullmatch(r"\d{2}", right_s):  # "2025-27" (end year) or "October 10-12" (end day)
            if left.year is not None and left.month is None and left.day is None:
                right = _Point(year=left.year - left.year % 100 + int(right_s))
            elif left.month is None and left.day is None:
                continue
        filled = _fill(left, right)
        if filled is None:
            continue
        left, right = filled
        if left.year is None and right.year is None:
            if ref is None:
                continue
            rv = _resolve_point(right, ref)
            if rv is None or rv.start is None:
                continue
            right = replace(right, year=rv.start.year)
            left = replace(left, year=right.year if (left.month or 0, left.day or 0) <= (right.month or 0, right.day or 0)
                           else right.year - 1)
            used_ref = True
        else:
            used_ref = False
        lv, rv = _resolve_point(left, None), _resolve_point(right, None)
        if lv is None or rv is None or lv.start is None or rv.end is None or lv.start > rv.end:
            continue
        return DateValue(lv.start, rv.end, "range", f"{lv.iso}/{rv.iso}", used_ref)
    return None


def _parse_open(s: str, ref: _dt.date | None) -> DateValue | None:
    m = _OPEN_START.fullmatch(s)
    if m:
        v = _parse_simple(_strip_leading(m["rest"], ref), ref)
        if v is not None and v.start is not None and v.iso is not None:
            return DateValue(v.start, None, "range", f"{v.iso.split('/')[0]}/..", v.resolved_with_ref)
    m = _OPEN_END.fullmatch(s)
    if m:
        v = _parse_simple(_strip_leading(m["rest"], ref), ref)
        if v is not None and v.end is not None and v.iso is not None:
            return DateValue(None, v.end, "range", f"../{v.iso.split('/')[-1]}", v.resolved_with_ref)
    return None


# --------------------------------------------------------------------------------------------------
# Entry point

_LEADING_WORDS = ("on|in|at|the|during|le|en|ngay|vao|au cours de|durant|pendant|dans|for|pour|the morning of|"
                  "the afternoon of|the evening of|the night of|le matin du|l'apres-midi du|le soir du|la nuit du|"
                  "dans la matinee du|dans l'apres-midi du|dans la soiree du|la matinee du")
_LEADING = re.compile(rf"(?:{_prefixes(_LEADING_WORDS)})\s+")
_TRAILING = re.compile(r"\s+(?:period|periode|term|mandate)$")


def _parse_simple(s: str, ref: _dt.date | None) -> DateValue | None:
    """Everything but ranges and parts: relative words, holidays, quarters, decades, single points."""
    v = (_parse_relative(s, ref) or _parse_holiday(s, ref) or _parse_quarter_or_half(s, ref) or _parse_decade(s)
         or _parse_first_months(s, ref) or _parse_past_span(s, ref) or _parse_month_relative(s, ref))
    if v is not None:
        return v
    if s in _RELATIVE:  # a relative word without a reference date: nothing is known
        return None
    p = _parse_point(s)
    return _resolve_point(p, ref) if p is not None else None


def parse_date(text: str, *, lang: str | None = None, ref: _dt.date | str | None = None) -> DateValue | None:
    """The value of one DATE mention, or ``None`` when it is not a date this parser can read.

    ``lang`` (``"en"``, ``"fr"`` or ``None``) is accepted for symmetry with
    :func:`parse_quantity`: French and English forms are recognised either
    way, since the press mixes them. ``ref`` is the article's publication
    date (a ``datetime.date`` or an ISO string); without it, nothing is
    resolved that needs it (see the module docstring for the rules).

    >>> parse_date("October 15", ref=datetime.date(2025, 10, 16)).iso
    '2025-10-15'
    >>> parse_date("2025–2027").iso
    '2025/2027'
    """
    if not isinstance(text, str):
        raise UsageError(f"parse_date expects a string, got {type(text).__name__}")
    if lang is not None and not isinstance(lang, str):
        raise UsageError(f"lang must be a language code or None, got {lang!r}")
    ref_date = as_ref_date(ref)
    s = simplify(text).strip(" .,;:")
    if s.startswith("(") and s.endswith(")") and s.count("(") == 1:
        s = s[1:-1].strip()
    return _parse_any(_strip_leading(s, ref_date), ref_date) if s else None


def _strip_leading(s: str, ref: _dt.date | None) -> str:
    """``s`` without leading prepositions (``on``, ``le``, ``in the morning of``…) and a trailing ``period``,
    unless ``s`` already parses with them (``the 1990s``)."""
    while True:
        m = _LEADING.match(s)
        if not m or m.end() >= len(s) or _parse_any(s, ref) is not None:
            break
        s = s[m.end():]
    return _TRAILING.sub("", s)


def _parse_any(s: str, ref: _dt.date | None) -> DateValue | None:
    return (_parse_simple(s, ref) or _parse_part(s, ref) or _parse_range(s, ref) or _parse_open(s, ref))
