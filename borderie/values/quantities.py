"""Normalised values for QUANTITY mentions: :class:`QuantityValue` and :func:`parse_quantity`.

A QUANTITY mention is a number with a unit: a length (``119,7 km``), an area
(``350 ha``), an amount of money (``55 million VND``, ``USD 2 million``), a
weight (``three tonnes``) or a volume (``1,200 m3``). :func:`parse_quantity`
returns the number, the normalised unit, the kind, and a qualifier
(``more than`` -> ``"more_than"``). It is a pure function.

How numbers are read (``lang`` is the article's language):

* French (``lang="fr"``; also ``"vi"``): the comma is the decimal mark
  (``119,7`` = 119.7), a dot or space followed by exactly three digits
  separates thousands (``1.258`` = ``1 258`` = 1258); a dot followed by other
  than three digits is a decimal point (``119.7``, as the press sometimes
  writes in French too).
* English (``lang="en"``) and unknown language: the dot is the decimal mark
  (``18.6``, ``1.258`` = 1.258), a comma followed by exactly three digits
  separates thousands (``2,067`` = 2067); a comma followed by other than three
  digits is a decimal comma (``119,7`` = 119.7).
* With both marks present the last one is the decimal mark (``1.258,5``,
  ``1,258.5``); repeated marks are thousands separators (``1.258.000``).
* ``468, 281 km`` (a comma, a space, three digits) is the Vietnamese press's
  decimal comma with a stray space: 468.281, in every language.
* Scale words multiply: ``million``, ``billion`` (10**9 in English, 10**12
  in French), ``milliard`` (10**9), and the Vietnamese ``triệu``/``tỷ``.
* Number words up to ninety-nine (``three tonnes``, ``trois tonnes``).

The qualifier may stand in the mention or just before it (the guidelines
leave ``more than`` outside the span: ``more than [182 km]``); pass the text
before the mention as ``context_before`` to pick it up. ``over`` after a
verb of extent (``stretches over 182 km``) is not a qualifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from ..errors import UsageError
from ._text import simplify
from .lexicon import NUMBER_WORDS, SCALES

__all__ = ["QuantityValue", "parse_quantity", "parse_number", "UNITS", "KINDS", "QUALIFIERS"]

KINDS = ("length", "area", "money", "weight", "volume")
"""The values :attr:`QuantityValue.kind` takes."""

QUALIFIERS = ("more_than", "at_least", "less_than", "at_most", "about", "nearly")
"""The values :attr:`QuantityValue.qualifier` takes (besides ``None``)."""


@dataclass(frozen=True)
class QuantityValue:
    """What a QUANTITY mention denotes.

    ``number`` is an ``int`` when whole, else a ``float``; ``unit`` is the
    normalised unit (``km``, ``m``, ``ha``, ``km2``, ``VND``, ``USD``,
    ``tonne``…, see :data:`UNITS`); ``kind`` one of :data:`KINDS`;
    ``qualifier`` one of :data:`QUALIFIERS` or ``None``; ``upper`` the end of
    a range (``10-15 km``: number 10, upper 15), else ``None``.
    """

    number: int | float
    unit: str
    kind: str
    qualifier: str | None = None
    upper: int | float | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able mapping (``Entity.value``); ``type`` is ``"quantity"``."""
        out: dict[str, Any] = {"type": "quantity", "number": self.number, "unit": self.unit, "kind": self.kind,
                               "qualifier": self.qualifier}
        if self.upper is not None:
            out["upper"] = self.upper
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "QuantityValue":
        """Inverse of :meth:`to_dict`; raises :class:`~borderie.errors.UsageError` on a non-quantity mapping."""
        if not isinstance(data, Mapping) or data.get("type", "quantity") != "quantity":
            raise UsageError(f"not a quantity value: {data!r}")
        try:
            number, unit, kind = data["number"], data["unit"], data["kind"]
        except KeyError as exc:
            raise UsageError(f"bad quantity value {dict(data)!r}: missing {exc}") from None
        if kind not in KINDS:
            raise UsageError(f"bad quantity value: unknown kind {kind!r} (known: {', '.join(KINDS)})")
        qualifier = data.get("qualifier")
        if qualifier is not None and qualifier not in QUALIFIERS:
            raise UsageError(f"bad quantity value: unknown qualifier {qualifier!r}")
        return cls(number=number, unit=unit, kind=kind, qualifier=qualifier, upper=data.get("upper"))


def _units() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for kind, unit, forms in (
        ("length", "km", "km|kms|kilometre|kilometres|kilometer|kilometers|kilo-metres"),
        ("length", "m", "m|metre|metres|meter|meters|mets"),
        ("length", "cm", "cm|centimetre|centimetres|centimeter|centimeters"),
        ("length", "mi", "mile|miles"),
        ("length", "nmi", "nautical mile|nautical miles|mille nautique|milles nautiques|nm"),
        ("area", "km2", "km2|km²|sq km|sq. km|sq.km|square kilometre|square kilometres|square kilometer|"
                        "square kilometers|kilometre carre|kilometres carres"),
        ("area", "m2", "m2|m²|sq m|sq. m|square metre|square metres|square meter|square meters|metre carre|"
                       "metres carres"),
        ("area", "ha", "ha|hectare|hectares"),
        ("money", "VND", "vnd|vnđ|dong|dongs|₫|d vnd|vietnamese dong|dong vietnamiens|dongs vietnamiens"),
        ("money", "USD", "usd|us$|$|us dollar|us dollars|dollar|dollars|dollars americains|dollars us|"
                         "dollar americain|dollars des etats-unis"),
        ("money", "EUR", "eur|€|euro|euros"),
        ("money", "CNY", "cny|rmb|yuan|yuans|renminbi|nhan dan te"),
        ("money", "LAK", "lak|kip|kips"),
        ("money", "KHR", "khr|riel|riels"),
        ("money", "THB", "thb|baht|bahts"),
        ("weight", "kg", "kg|kgs|kilo|kilos|kilogram|kilograms|kilogramme|kilogrammes"),
        ("weight", "g", "g|gram|grams|gramme|grammes"),
        ("weight", "tonne", "t|tonne|tonnes|ton|tons|metric ton|metric tons|metric tonne|metric tonnes|tan"),
        ("volume", "m3", "m3|m³|cubic metre|cubic metres|cubic meter|cubic meters|metre cube|metres cubes"),
        ("volume", "l", "l|litre|litres|liter|liters"),
    ):
        for form in forms.split("|"):
            table[form] = (unit, kind)
    return table


UNITS: Mapping[str, tuple[str, str]] = _units()
"""Unit as written (simplified: lower case, no diacritics) -> (normalised unit, kind)."""

_PREFIX_CURRENCIES = {"usd": "USD", "us$": "USD", "$": "USD", "eur": "EUR", "€": "EUR", "vnd": "VND",
                      "vnđ": "VND", "cny": "CNY", "rmb": "CNY", "lak": "LAK", "khr": "KHR", "thb": "THB"}


def _alt(words: Any) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_ALL_SCALES = {w for table in SCALES.values() for w in table}
_NUMBER_WORD_ALT = _alt(NUMBER_WORDS)
_NUM = (rf"(?:\d{{1,3}}(?:(?:[ .,']|, )\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?|(?:{_NUMBER_WORD_ALT})"
        rf"(?: (?:hundred|cent|cents))?)")
_SCALE = rf"(?:{_alt(_ALL_SCALES)})"
_UNIT = rf"(?:{_alt(UNITS)})"
_CUR = rf"(?:{_alt(_PREFIX_CURRENCIES)})"

_AMOUNT = rf"(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE}))?"
_SUFFIX_FORM = re.compile(rf"{_AMOUNT}(?:\s|-)?(?:(?:de |d'|of )?(?P<unit>{_UNIT}))")
_PREFIX_FORM = re.compile(rf"(?P<cur>{_CUR})\s?{_AMOUNT}")
_RANGE_FORM = re.compile(rf"(?:from |de |between |entre )?(?P<lo>{_NUM})(?:\s?(?P<lo_scale>{_SCALE}))?"
                         rf"(?:\s?-\s?|\s(?:to|a|and|et|ou|or)\s)(?P<rest>.+)")

_QUALIFIER_WORDS: dict[str, str] = {}
for _q, _words in (
    ("more_than", "more than|over|above|upwards of|in excess of|plus de|plus d'|au-dela de|au-dessus de|"
                  "superieur a|superieure a|>|well over|bien plus de|greater than"),
    ("at_least", "at least|au moins|no less than|not less than|pas moins de|a minimum of|au minimum|minimum|"
                 "au bas mot"),
    ("less_than", "less than|under|below|fewer than|moins de|moins d'|inferieur a|inferieure a|<"),
    ("at_most", "up to|at most|no more than|not more than|jusqu'a|au plus|au maximum|a maximum of|maximum|"
                "pas plus de"),
    ("about", "about|around|approximately|approx.|approx|roughly|some|an estimated|estimated|environ|quelque|"
              "autour de|approximativement|a peu pres|~|circa|ca.|d'environ|un peu plus de|un peu moins de|"
              "slightly more than|slightly less than|just over"),
    ("nearly", "nearly|almost|close to|just under|pres de|presque|quasiment|pratiquement|pas loin de|"
               "a pres de|de pres de|nearly some"),
):
    for _w in _words.split("|"):
        _QUALIFIER_WORDS[_w] = _q
_QUAL = _alt(_QUALIFIER_WORDS)
_QUAL_PREFIX = re.compile(rf"(?P<q>{_QUAL})\s?(?P<rest>.+)")
_QUAL_SUFFIX = re.compile(r"(?P<rest>.+?),?\s(?P<q>environ|or more|ou plus|at least|au moins|at most|au plus|"
                          r"approximately|or so)")
_QUAL_SUFFIX_WORDS = {"environ": "about", "or more": "at_least", "ou plus": "at_least", "at least": "at_least",
                      "au moins": "at_least", "at most": "at_most", "au plus": "at_most",
                      "approximately": "about", "or so": "about"}
_QUAL_AT_END = re.compile(rf"(?:^|[^\w])(?P<q>{_QUAL})\s*$")
_EXTENT_VERB = re.compile(r"(?:stretch|stretches|stretching|stretched|extend|extends|extending|extended|spread|"
                          r"spreads|spreading|run|runs|running|span|spans|spanning|spanned)\s*$")


def parse_number(text: str, *, lang: str | None = None) -> Decimal | None:
    """The number written in ``text`` (digits with separators, or a number word), as an exact ``Decimal``.

    The separator rules are those of the module docstring.

    >>> parse_number("1.258", lang="fr"), parse_number("2,067", lang="en"), parse_number("468, 281")
    (Decimal('1258'), Decimal('2067'), Decimal('468.281'))
    """
    s = simplify(text)
    if s in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[s])
    m = re.fullmatch(rf"({_NUMBER_WORD_ALT}) (hundred|cent|cents)", s)
    if m and m.group(1) in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[m.group(1)] * 100)
    if not re.fullmatch(r"\d[\d.,' ]*", s) or not s[-1].isdigit():
        return None
    if re.fullmatch(r"\d+, \d{3}", s):  # "468, 281": a decimal comma with a stray space
        s = s.replace(", ", ".")
        return _decimal(s)
    if ", " in s:
        return None
    s = s.replace(" ", "").replace("'", "")
    commas, dots = s.count(","), s.count(".")
    comma_decimal = lang in ("fr", "vi")
    if commas and dots:
        decimal_mark = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        if s.count(decimal_mark) > 1:
            return None
        s = s.replace(thousands, "").replace(decimal_mark, ".")
    elif commas > 1 or dots > 1:
        mark = "," if commas else "."
        if not re.fullmatch(rf"\d{{1,3}}(?:{re.escape(mark)}\d{{3}})+", s):
            return None
        s = s.replace(mark, "")
    elif commas == 1:
        three = re.fullmatch(r"\d{1,3},\d{3}", s) is not None
        s = s.replace(",", ".") if (comma_decimal or not three) else s.replace(",", "")
    elif dots == 1:
        three = re.fullmatch(r"\d{1,3}\.\d{3}", s) is not None
        if comma_decimal and three:
            s = s.replace(".", "")
    return _decimal(s)


def _decimal(s: str) -> Decimal | None:
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _scale(word: str | None, lang: str | None) -> int | None:
    if word is None:
        return 1
    order = {"fr": ("fr", "vi", "en"), "vi": ("vi", "fr", "en")}.get(lang or "", ("en", "fr", "vi"))
    for table in order:
        if word in SCALES[table]:
            return SCALES[table][word]
    return None


def _plain(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


def _amount(num: str, scale: str | None, lang: str | None) -> Decimal | None:
    n = parse_number(num, lang=lang)
    factor = _scale(scale, lang)
    if n is None or factor is None:
        return None
    return n * factor


def _parse_core(s: str, lang: str | None) -> QuantityValue | None:
    """A quantity without qualifier: ``119,7 km``, ``USD 2 million``, ``10-15 km``."""
    m = _SUFFIX_FORM.fullmatch(s)
    if m:
        n = _amount(m["num"], m["scale"], lang)
        if n is not None:
            unit, kind = UNITS[m["unit"]]
            return QuantityValue(_plain(n), unit, kind)
    m = _PREFIX_FORM.fullmatch(s)
    if m:
        n = _amount(m["num"], m["scale"], lang)
        if n is not None:
            unit = _PREFIX_CURRENCIES[m["cur"]]
            return QuantityValue(_plain(n), unit, "money")
    m = _RANGE_FORM.fullmatch(s)
    if m:
        upper = _parse_core(m["rest"], lang)
        lo = parse_number(m["lo"], lang=lang)
        if upper is not None and upper.upper is None and lo is not None:
            factor = _scale(m["lo_scale"], lang) if m["lo_scale"] else None
            hi = Decimal(str(upper.number))
            if factor is None:  # "10-15 million VND": the scale of the end applies to the start too
                factor = 1
                for word in _ALL_SCALES:
                    if re.search(rf"\b{re.escape(word)}\b", m["rest"]):
                        factor = _scale(word, lang) or 1
                        break
            low = lo * factor
            if low <= hi:
                return QuantityValue(_plain(low), upper.unit, upper.kind, upper=upper.number)
    return None


def _qualifier_before(context: str) -> str | None:
    m = _QUAL_AT_END.search(context)
    if not m:
        return None
    word = m["q"]
    if word == "over" and _EXTENT_VERB.search(context[:m.start("q")]):
        return None
    return _QUALIFIER_WORDS[word]


def parse_quantity(text: str, *, lang: str | None = None, context_before: str = "") -> QuantityValue | None:
    """The value of one QUANTITY mention, or ``None`` when ``text`` is not an amount with a unit.

    ``lang`` picks the number conventions (module docstring); ``context_before``
    is the text just before the mention, where a qualifier such as ``more
    than`` may stand. Percentages and plain counts (``8 communes``) give ``None``.

    >>> parse_quantity("119,7 km", lang="fr")
    QuantityValue(number=119.7, unit='km', kind='length', qualifier=None, upper=None)
    >>> parse_quantity("182 km", lang="en", context_before="a border length of more than ").qualifier
    'more_than'
    """
    if not isinstance(text, str):
        raise UsageError(f"parse_quantity expects a string, got {type(text).__name__}")
    if not isinstance(context_before, str):
        raise UsageError(f"context_before must be a string, got {type(context_before).__name__}")
    if lang is not None and not isinstance(lang, str):
        raise UsageError(f"lang must be a language code or None, got {lang!r}")
    lang = lang.lower().split("-")[0] if lang else None
    s = simplify(text).strip(" .,;:()")
    qualifier = None
    value = _parse_core(s, lang)
    if value is None:
        m = _QUAL_PREFIX.fullmatch(s)
        if m:
            word = m["q"]
            if not (word == "over" and _EXTENT_VERB.search(simplify(context_before))):
                value = _parse_core(m["rest"].strip(), lang)
                qualifier = _QUALIFIER_WORDS[word] if value is not None else None
    if value is None:
        m = _QUAL_SUFFIX.fullmatch(s)
        if m:
            value = _parse_core(m["rest"].strip(), lang)
            qualifier = _QUAL_SUFFIX_WORDS[m["q"]] if value is not None else None
    if value is None:
        return None
    if qualifier is None and context_before:
        qualifier = _qualifier_before(simplify(context_before[-60:]))
    return QuantityValue(value.number, value.unit, value.kind, qualifier, value.upper)
