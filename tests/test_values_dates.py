"""DATE values: a table of French and English forms, the gold seeds, and the value round trip."""

from __future__ import annotations

import datetime as dt

import pytest

from borderie.errors import UsageError
from borderie.values import DateValue, parse_date, value_for

D = dt.date
REF = D(2025, 10, 16)  # a Thursday (seed-002's publication date)

# (text, ref, expected iso, expected start, expected end, granularity, resolved_with_ref)
TABLE = [
    # single days
    ("18 août 2013", None, "2013-08-18", D(2013, 8, 18), D(2013, 8, 18), "day", False),
    ("le 18 août 2013", None, "2013-08-18", D(2013, 8, 18), D(2013, 8, 18), "day", False),
    ("1er janvier 2024", None, "2024-01-01", D(2024, 1, 1), D(2024, 1, 1), "day", False),
    ("mercredi 25 décembre 2024", None, "2024-12-25", D(2024, 12, 25), D(2024, 12, 25), "day", False),
    ("November 24, 2024", None, "2024-11-24", D(2024, 11, 24), D(2024, 11, 24), "day", False),
    ("15 October 2024", None, "2024-10-15", D(2024, 10, 15), D(2024, 10, 15), "day", False),
    ("the 15th of October, 2024", None, "2024-10-15", D(2024, 10, 15), D(2024, 10, 15), "day", False),
    ("Oct. 15, 2024", None, "2024-10-15", D(2024, 10, 15), D(2024, 10, 15), "day", False),
    ("09/05/2025", None, "2025-05-09", D(2025, 5, 9), D(2025, 5, 9), "day", False),
    ("9.5.2025", None, "2025-05-09", D(2025, 5, 9), D(2025, 5, 9), "day", False),
    ("05/25/2025", None, "2025-05-25", D(2025, 5, 25), D(2025, 5, 25), "day", False),
    ("2025-10-15", None, "2025-10-15", D(2025, 10, 15), D(2025, 10, 15), "day", False),
    ("on the morning of October 15", REF, "2025-10-15", D(2025, 10, 15), D(2025, 10, 15), "day", True),
    # yearless days, resolved against the article date
    ("October 15", REF, "2025-10-15", D(2025, 10, 15), D(2025, 10, 15), "day", True),
    ("October 20", REF, "2025-10-20", D(2025, 10, 20), D(2025, 10, 20), "day", True),   # within the lookahead
    ("November 3", REF, "2024-11-03", D(2024, 11, 3), D(2024, 11, 3), "day", True),     # beyond it: last year
    ("December 30", D(2025, 1, 5), "2024-12-30", D(2024, 12, 30), D(2024, 12, 30), "day", True),
    ("15 octobre", REF, "2025-10-15", D(2025, 10, 15), D(2025, 10, 15), "day", True),
    ("15/10", REF, "2025-10-15", D(2025, 10, 15), D(2025, 10, 15), "day", True),
    ("Wednesday (December 25)", D(2025, 1, 3), "2024-12-25", D(2024, 12, 25), D(2024, 12, 25), "day", True),
    # weekdays and relative days
    ("Wednesday", REF, "2025-10-15", D(2025, 10, 15), D(2025, 10, 15), "day", True),
    ("Thursday", REF, "2025-10-16", D(2025, 10, 16), D(2025, 10, 16), "day", True),     # the ref day itself
    ("vendredi", REF, "2025-10-10", D(2025, 10, 10), D(2025, 10, 10), "day", True),
    ("last Thursday", REF, "2025-10-09", D(2025, 10, 9), D(2025, 10, 9), "day", True),
    ("mercredi dernier", REF, "2025-10-15", D(2025, 10, 15), D(2025, 10, 15), "day", True),
    ("next Monday", REF, "2025-10-20", D(2025, 10, 20), D(2025, 10, 20), "day", True),
    ("yesterday", REF, "2025-10-15", D(2025, 10, 15), D(2025, 10, 15), "day", True),
    ("aujourd’hui", REF, "2025-10-16", D(2025, 10, 16), D(2025, 10, 16), "day", True),
    ("last week", REF, "2025-10-06/2025-10-12", D(2025, 10, 6), D(2025, 10, 12), "week", True),
    # months and years
    ("May 2025", None, "2025-05", D(2025, 5, 1), D(2025, 5, 31), "month", False),
    ("mai 2025", None, "2025-05", D(2025, 5, 1), D(2025, 5, 31), "month", False),
    ("février 2024", None, "2024-02", D(2024, 2, 1), D(2024, 2, 29), "month", False),
    ("in May", REF, "2025-05", D(2025, 5, 1), D(2025, 5, 31), "month", True),
    ("décembre", REF, "2024-12", D(2024, 12, 1), D(2024, 12, 31), "month", True),
    ("this month", REF, "2025-10", D(2025, 10, 1), D(2025, 10, 31), "month", True),
    ("le mois dernier", REF, "2025-09", D(2025, 9, 1), D(2025, 9, 30), "month", True),
    ("2024", None, "2024", D(2024, 1, 1), D(2024, 12, 31), "year", False),
    ("l’année 2024", None, "2024", D(2024, 1, 1), D(2024, 12, 31), "year", False),
    ("this year", REF, "2025", D(2025, 1, 1), D(2025, 12, 31), "year", True),
    ("cette année", REF, "2025", D(2025, 1, 1), D(2025, 12, 31), "year", True),
    ("last year", REF, "2024", D(2024, 1, 1), D(2024, 12, 31), "year", True),
    ("l'an dernier", REF, "2024", D(2024, 1, 1), D(2024, 12, 31), "year", True),
    ("l’année prochaine", REF, "2026", D(2026, 1, 1), D(2026, 12, 31), "year", True),
    # ranges
    ("2025–2027", None, "2025/2027", D(2025, 1, 1), D(2027, 12, 31), "range", False),
    ("2022-2024", None, "2022/2024", D(2022, 1, 1), D(2024, 12, 31), "range", False),
    ("2021-25", None, "2021/2025", D(2021, 1, 1), D(2025, 12, 31), "range", False),
    ("2022 to 2024", None, "2022/2024", D(2022, 1, 1), D(2024, 12, 31), "range", False),
    ("from 2022 to 2024", None, "2022/2024", D(2022, 1, 1), D(2024, 12, 31), "range", False),
    ("de 2022 à 2024", None, "2022/2024", D(2022, 1, 1), D(2024, 12, 31), "range", False),
    ("between 2020 and 2025", None, "2020/2025", D(2020, 1, 1), D(2025, 12, 31), "range", False),
    ("the 2025–2027 period", None, "2025/2027", D(2025, 1, 1), D(2027, 12, 31), "range", False),
    ("du 3 au 5 mai 2024", None, "2024-05-03/2024-05-05", D(2024, 5, 3), D(2024, 5, 5), "range", False),
    ("3-5 mai 2024", None, "2024-05-03/2024-05-05", D(2024, 5, 3), D(2024, 5, 5), "range", False),
    ("October 10-12, 2024", None, "2024-10-10/2024-10-12", D(2024, 10, 10), D(2024, 10, 12), "range", False),
    ("du 28 décembre 2024 au 3 janvier 2025", None, "2024-12-28/2025-01-03", D(2024, 12, 28), D(2025, 1, 3),
     "range", False),
    ("28 December - 3 January 2025", None, "2024-12-28/2025-01-03", D(2024, 12, 28), D(2025, 1, 3), "range", False),
    ("janvier-mars 2025", None, "2025-01/2025-03", D(2025, 1, 1), D(2025, 3, 31), "range", False),
    ("from January to March 2025", None, "2025-01/2025-03", D(2025, 1, 1), D(2025, 3, 31), "range", False),
    ("October 10-12", REF, "2025-10-10/2025-10-12", D(2025, 10, 10), D(2025, 10, 12), "range", True),
    ("since 2020", None, "2020/..", D(2020, 1, 1), None, "range", False),
    ("depuis le 1er janvier 2024", None, "2024-01-01/..", D(2024, 1, 1), None, "range", False),
    # parts, quarters, halves, decades
    ("early 2025", None, "2025-01/2025-04", D(2025, 1, 1), D(2025, 4, 30), "range", False),
    ("mid-2025", None, "2025-05/2025-08", D(2025, 5, 1), D(2025, 8, 31), "range", False),
    ("fin 2024", None, "2024-09/2024-12", D(2024, 9, 1), D(2024, 12, 31), "range", False),
    ("début octobre 2025", None, "2025-10-01/2025-10-10", D(2025, 10, 1), D(2025, 10, 10), "range", False),
    ("late last year", REF, "2024-09/2024-12", D(2024, 9, 1), D(2024, 12, 31), "range", True),
    ("Q1 2025", None, "2025-01/2025-03", D(2025, 1, 1), D(2025, 3, 31), "quarter", False),
    ("the third quarter of 2024", None, "2024-07/2024-09", D(2024, 7, 1), D(2024, 9, 30), "quarter", False),
    ("premier semestre 2025", None, "2025-01/2025-06", D(2025, 1, 1), D(2025, 6, 30), "half", False),
    ("the 1990s", None, "1990/1999", D(1990, 1, 1), D(1999, 12, 31), "decade", False),
    ("les années 1990", None, "1990/1999", D(1990, 1, 1), D(1999, 12, 31), "decade", False),
    ("first half of the year", REF, "2025-01/2025-06", D(2025, 1, 1), D(2025, 6, 30), "half", True),
    ("premier trimestre", REF, "2025-01/2025-03", D(2025, 1, 1), D(2025, 3, 31), "quarter", True),
    ("the first eight months of 2025", None, "2025-01/2025-08", D(2025, 1, 1), D(2025, 8, 31), "range", False),
    ("les huit premiers mois de l'année", REF, "2025-01/2025-08", D(2025, 1, 1), D(2025, 8, 31), "range", True),
    ("the past five years", REF, "2020-10-16/2025-10-16", D(2020, 10, 16), REF, "range", True),
    ("last October", D(2026, 1, 20), "2025-10", D(2025, 10, 1), D(2025, 10, 31), "month", True),
    ("octobre dernier", REF, "2024-10", D(2024, 10, 1), D(2024, 10, 31), "month", True),
    ("début du mois", REF, "2025-10-01/2025-10-10", D(2025, 10, 1), D(2025, 10, 10), "range", True),
    ("fin de l’année", REF, "2025-09/2025-12", D(2025, 9, 1), D(2025, 12, 31), "range", True),
    # Vietnamese forms met in quotes and captions
    ("năm 2017", None, "2017", D(2017, 1, 1), D(2017, 12, 31), "year", False),
    ("đầu năm 2025", None, "2025-01/2025-04", D(2025, 1, 1), D(2025, 4, 30), "range", False),
    ("ngày 15/10/2025", None, "2025-10-15", D(2025, 10, 15), D(2025, 10, 15), "day", False),
    # holidays
    ("Mid-Autumn Festival", D(2024, 9, 10), "2024-09-17", D(2024, 9, 17), D(2024, 9, 17), "holiday", True),
    ("Chôl Chnăm Thmây", D(2019, 4, 13), "2019-04-14/2019-04-16", D(2019, 4, 14), D(2019, 4, 16), "holiday", True),
    ("Nouvel An lao Bunpimay", None, "--04-14", None, None, "holiday", False),
    ("Tết", D(2025, 2, 3), "2025-01-29/2025-01-31", D(2025, 1, 29), D(2025, 1, 31), "holiday", True),
    ("Têt", D(2024, 12, 20), "2025-01-29/2025-01-31", D(2025, 1, 29), D(2025, 1, 31), "holiday", True),
    ("Nouvel An lunaire", D(2024, 3, 1), "2024-02-10/2024-02-12", D(2024, 2, 10), D(2024, 2, 12), "holiday", True),
    ("Lunar New Year 2026", None, "2026-02-17/2026-02-19", D(2026, 2, 17), D(2026, 2, 19), "holiday", False),
    ("Tết Nguyên Đán", D(2023, 1, 10), "2023-01-22/2023-01-24", D(2023, 1, 22), D(2023, 1, 24), "holiday", True),
    ("Bunpimay", D(2025, 4, 1), "2025-04-14/2025-04-16", D(2025, 4, 14), D(2025, 4, 16), "holiday", True),
]


@pytest.mark.parametrize("text, ref, iso, start, end, granularity, used_ref", TABLE,
                         ids=[f"{row[0]}@{row[1]}" for row in TABLE])
def test_date_table(text, ref, iso, start, end, granularity, used_ref):
    v = parse_date(text, ref=ref)
    assert v is not None, text
    assert (v.iso, v.start, v.end, v.granularity, v.resolved_with_ref) == (iso, start, end, granularity, used_ref)


def test_table_is_large_and_bilingual():
    assert len(TABLE) >= 40
    assert len({row[0] for row in TABLE}) == len(TABLE)


@pytest.mark.parametrize("text, month, day, iso", [
    ("October 15", 10, 15, "--10-15"),
    ("15 octobre", 10, 15, "--10-15"),
    ("December 25", 12, 25, "--12-25"),
    ("mai", 5, None, "--05"),
])
def test_without_ref_the_year_stays_unknown(text, month, day, iso):
    v = parse_date(text)
    assert v is not None
    assert (v.start, v.end, v.year, v.month, v.day, v.iso, v.resolved_with_ref) == (None, None, None, month, day, iso,
                                                                                    False)


def test_weekday_without_ref_keeps_only_the_weekday():
    v = parse_date("Wednesday")
    assert v is not None and v.start is None and v.iso is None and v.weekday == 2
    v = parse_date("Wednesday (December 25)")
    assert v is not None and (v.month, v.day, v.weekday, v.year) == (12, 25, 2, None)


def test_weekday_picks_a_consistent_year():
    # 25 December was a Wednesday in 2024, not in 2025: the weekday decides
    assert parse_date("Wednesday (December 25)", ref=D(2026, 1, 2)).start == D(2024, 12, 25)
    assert parse_date("December 25", ref=D(2026, 1, 2)).start == D(2025, 12, 25)


def test_february_29_goes_back_to_a_leap_year():
    assert parse_date("29 February", ref=D(2025, 6, 1)).start == D(2024, 2, 29)
    assert parse_date("February 30") is None


@pytest.mark.parametrize("text", ["this year", "cette année", "yesterday", "Tết"])
def test_relative_without_ref_is_not_guessed(text):
    v = parse_date(text)
    assert v is None or v.start is None


@pytest.mark.parametrize("text", ["", "Điện Biên", "every six months", "one-year", "32 October 2024",
                                  "2027–2025", "13/13/2025", "the committee"])
def test_not_dates(text):
    assert parse_date(text) is None


def test_no_clock_is_read():
    # the same input gives the same value whatever today is: ref is the only time source
    assert parse_date("October 15", ref="2030-10-20").start == D(2030, 10, 15)


def test_bad_arguments_raise_usage_errors():
    with pytest.raises(UsageError, match="E300"):
        parse_date(20251015)  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="not an ISO date"):
        parse_date("October 15", ref="15/10/2025")
    with pytest.raises(UsageError):
        DateValue.from_dict({"type": "quantity", "number": 1})


def test_to_dict_round_trip_and_json():
    import json

    for text, ref, *_ in TABLE:
        v = parse_date(text, ref=ref)
        d = v.to_dict()
        assert json.loads(json.dumps(d)) == d
        assert d["type"] == "date"
        assert DateValue.from_dict(d) == v


def _article_context(doc, entity):
    return doc.text[max(0, entity.start - 60):entity.start]


GOLD_DATES = {
    # (doc id, mention) -> expected iso (None: yearless without an article date)
    ("seed-001", "18 août 2013"): "2013-08-18",
    ("seed-002", "October 15"): "2025-10-15",
    ("seed-003", "Wednesday"): None,
    ("seed-003", "December 25"): "--12-25",
    ("seed-003", "2022 to 2024"): "2022/2024",
    ("seed-003", "2022–2024"): "2022/2024",
    ("seed-003", "2025–2027"): "2025/2027",
    ("seed-004", "2024"): "2024",
    ("seed-004", "November 24, 2024"): "2024-11-24",
}


def test_every_gold_date_gets_its_value(gold_docs):
    seen = set()
    for doc in gold_docs:
        for e in doc.entities_by_label("DATE"):
            value = value_for("DATE", e.text, lang=doc.lang, ref=doc.date)
            assert value is not None, (doc.id, e.text)
            assert value["iso"] == GOLD_DATES[(doc.id, e.text)], (doc.id, e.text, value)
            seen.add((doc.id, e.text))
    assert seen == set(GOLD_DATES)


def test_value_for_other_labels():
    assert value_for("LOC", "Điện Biên") is None
    assert value_for("DATE", "Điện Biên") is None
    with pytest.raises(UsageError, match="unknown entity label"):
        value_for("TIME", "October 15")
