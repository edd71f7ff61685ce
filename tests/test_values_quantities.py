"""QUANTITY values: number conventions, units, money, qualifiers, and the gold seeds."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from borderie.errors import UsageError
from borderie.values import QuantityValue, parse_number, parse_quantity, value_for

# (text, lang, context_before, number, unit, kind, qualifier)
TABLE = [
    # lengths, French conventions
    ("119,7 km", "fr", "", 119.7, "km", "length", None),
    ("1.258 km", "fr", "", 1258, "km", "length", None),
    ("1 258 km", "fr", "", 1258, "km", "length", None),
    ("1\u202f258 km", "fr", "", 1258, "km", "length", None),
    ("468, 281 km", "fr", "", 468.281, "km", "length", None),
    ("119.7 km", "fr", "", 119.7, "km", "length", None),
    ("1.258,5 km", "fr", "", 1258.5, "km", "length", None),
    ("130 kilomètres", "fr", "", 130, "km", "length", None),
    ("vingt-cinq kilomètres", "fr", "", 25, "km", "length", None),
    # lengths, English conventions
    ("2,067 km", "en", "", 2067, "km", "length", None),
    ("18.6 km", "en", "", 18.6, "km", "length", None),
    ("1,258.5 km", "en", "", 1258.5, "km", "length", None),
    ("182km", "en", "", 182, "km", "length", None),
    ("500 metres", "en", "", 500, "m", "length", None),
    ("twenty-five kilometres", "en", "", 25, "km", "length", None),
    ("40-metre", "en", "", 40, "m", "length", None),
    # areas
    ("350 ha", "en", "", 350, "ha", "area", None),
    ("1.200 hectares", "fr", "", 1200, "ha", "area", None),
    ("5 km²", "fr", "", 5, "km2", "area", None),
    ("1,200 square kilometres", "en", "", 1200, "km2", "area", None),
    # money
    ("55 million VND", "en", "", 55_000_000, "VND", "money", None),
    ("1.5 billion VND", "en", "", 1_500_000_000, "VND", "money", None),
    ("USD 2 million", "en", "", 2_000_000, "USD", "money", None),
    ("US$2 million", "en", "", 2_000_000, "USD", "money", None),
    ("$350,000", "en", "", 350_000, "USD", "money", None),
    ("VND 55 billion", "en", "", 55_000_000_000, "VND", "money", None),
    ("55 millions de dongs", "fr", "", 55_000_000, "VND", "money", None),
    ("1,5 milliard de VND", "fr", "", 1_500_000_000, "VND", "money", None),
    ("2 billions de dollars", "fr", "", 2_000_000_000_000, "USD", "money", None),  # French long scale
    ("10 millions d'euros", "fr", "", 10_000_000, "EUR", "money", None),
    ("55 triệu đồng", "fr", "", 55_000_000, "VND", "money", None),
    ("3 million yuan", "en", "", 3_000_000, "CNY", "money", None),
    # weights and volumes
    ("three tonnes", "en", "", 3, "tonne", "weight", None),
    ("trois tonnes", "fr", "", 3, "tonne", "weight", None),
    ("1,500 kg", "en", "", 1500, "kg", "weight", None),
    ("2,5 tấn", "fr", "", 2.5, "tonne", "weight", None),
    ("1,200 m3", "en", "", 1200, "m3", "volume", None),
    # qualifiers inside the span
    ("more than 182 km", "en", "", 182, "km", "length", "more_than"),
    ("plus de 100 km", "fr", "", 100, "km", "length", "more_than"),
    ("about 20 tonnes", "en", "", 20, "tonne", "weight", "about"),
    ("nearly 1,300 km", "en", "", 1300, "km", "length", "nearly"),
    ("près de 119,7 km", "fr", "", 119.7, "km", "length", "nearly"),
    ("over 300 ha", "en", "", 300, "ha", "area", "more_than"),
    ("at least 5 tonnes", "en", "", 5, "tonne", "weight", "at_least"),
    ("up to 10 km", "en", "", 10, "km", "length", "at_most"),
    ("119,7 km environ", "fr", "", 119.7, "km", "length", "about"),
    # qualifiers standing before the span (guidelines: more than [182 km])
    ("182 km", "en", "a border length of more than ", 182, "km", "length", "more_than"),
    ("119,7 km", "fr", "Nâm Pô partage près de ", 119.7, "km", "length", "nearly"),
    ("468, 281 km", "fr", "une frontière d’environ ", 468.281, "km", "length", "about"),
    ("182 km", "en", "the border stretches over ", 182, "km", "length", None),
    ("182 km", "en", "a border of ", 182, "km", "length", None),
]


@pytest.mark.parametrize("text, lang, context, number, unit, kind, qualifier", TABLE,
                         ids=[f"{row[0]}|{row[1]}|{row[2]}" for row in TABLE])
def test_quantity_table(text, lang, context, number, unit, kind, qualifier):
    v = parse_quantity(text, lang=lang, context_before=context)
    assert v is not None, text
    assert (v.number, v.unit, v.kind, v.qualifier) == (number, unit, kind, qualifier)
    assert type(v.number) is type(number)  # whole numbers come back as int


def test_table_is_large():
    assert len(TABLE) >= 25


@pytest.mark.parametrize("text, lang, expected", [
    ("1.258", "fr", Decimal("1258")),
    ("1.258", "en", Decimal("1.258")),
    ("1.258", None, Decimal("1.258")),
    ("2,067", "en", Decimal("2067")),
    ("2,067", "fr", Decimal("2.067")),
    ("119,7", None, Decimal("119.7")),
    ("468, 281", "en", Decimal("468.281")),
    ("1.258.000", "en", Decimal("1258000")),
    ("1,258,000", "fr", Decimal("1258000")),
    ("1 258 000", "fr", Decimal("1258000")),
    ("1.258,75", "en", Decimal("1258.75")),
    ("three", "en", Decimal(3)),
    ("1.25.8", "en", None),
    ("12,34,567", "en", None),
])
def test_parse_number(text, lang, expected):
    assert parse_number(text, lang=lang) == expected


@pytest.mark.parametrize("text", ["10-15 km", "from 10 to 15 km", "de 10 à 15 km", "between 10 and 15 km"])
def test_ranges(text):
    v = parse_quantity(text, lang="fr" if "à" in text else "en")
    assert v is not None and (v.number, v.upper, v.unit) == (10, 15, "km")


def test_scaled_range_shares_its_scale():
    v = parse_quantity("10-15 million VND", lang="en")
    assert (v.number, v.upper, v.unit) == (10_000_000, 15_000_000, "VND")


@pytest.mark.parametrize("text", ["8 communes", "69 delegations", "15%", "15 per cent", "km", "", "Điện Biên",
                                  "every six months", "2 billion"])
def test_not_quantities(text):
    assert parse_quantity(text, lang="en") is None


def test_round_trip_and_json():
    for text, lang, context, *_ in TABLE:
        v = parse_quantity(text, lang=lang, context_before=context)
        d = v.to_dict()
        assert json.loads(json.dumps(d)) == d
        assert d["type"] == "quantity"
        assert QuantityValue.from_dict(d) == v


def test_bad_arguments():
    with pytest.raises(UsageError, match="E300"):
        parse_quantity(182)  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="context_before"):
        parse_quantity("182 km", context_before=None)  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="unknown kind"):
        QuantityValue.from_dict({"number": 1, "unit": "km", "kind": "speed"})


GOLD_QUANTITIES = {
    ("seed-000", "119,7 km"): (119.7, "km", "nearly"),       # "partage près de 119,7 km"
    ("seed-001", "468, 281 km"): (468.281, "km", None),      # "une frontière de 468, 281 km"
    ("seed-004", "182 km"): (182, "km", "more_than"),        # "a border length of more than 182 km"
    ("seed-004", "18.6 km"): (18.6, "km", None),             # "a frontal border of 18.6 km long"
}


def test_every_gold_quantity_gets_its_value(gold_docs):
    seen = set()
    for doc in gold_docs:
        for e in doc.entities_by_label("QUANTITY"):
            value = value_for("QUANTITY", e.text, lang=doc.lang, context_before=doc.text[:e.start])
            assert value is not None, (doc.id, e.text)
            assert (value["number"], value["unit"], value["qualifier"]) == GOLD_QUANTITIES[(doc.id, e.text)]
            assert value["kind"] == "length"
            seen.add((doc.id, e.text))
    assert seen == set(GOLD_QUANTITIES)
