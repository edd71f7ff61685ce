"""Words the value parsers recognise: month and weekday names, number words, scale words.

Every key is in the simplified form of :func:`borderie.values._text.simplify`
(lower case, no diacritics): ``"aout"``, not ``"août"``.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

__all__ = ["MONTHS", "WEEKDAYS", "NUMBER_WORDS", "SCALES", "month_name", "weekday_name"]

_MONTH_FORMS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "janvier", "janv"),
    2: ("february", "feb", "fevrier", "fevr", "fev"),
    3: ("march", "mar", "mars"),
    4: ("april", "apr", "avril", "avr"),
    5: ("may", "mai"),
    6: ("june", "jun", "juin"),
    7: ("july", "jul", "juillet", "juil"),
    8: ("august", "aug", "aout"),
    9: ("september", "sept", "sep", "septembre"),
    10: ("october", "oct", "octobre"),
    11: ("november", "nov", "novembre"),
    12: ("december", "dec", "decembre"),
}
MONTHS: Mapping[str, int] = MappingProxyType({form: m for m, forms in _MONTH_FORMS.items() for form in forms})
"""Month name or abbreviation (English, French) -> month number 1..12."""

_WEEKDAY_FORMS: dict[int, tuple[str, ...]] = {
    0: ("monday", "mon", "lundi"),
    1: ("tuesday", "tue", "tues", "mardi"),
    2: ("wednesday", "wed", "mercredi"),
    3: ("thursday", "thu", "thur", "thurs", "jeudi"),
    4: ("friday", "fri", "vendredi"),
    5: ("saturday", "sat", "samedi"),
    6: ("sunday", "sun", "dimanche"),
}
WEEKDAYS: Mapping[str, int] = MappingProxyType({f: d for d, forms in _WEEKDAY_FORMS.items() for f in forms})
"""Weekday name or abbreviation -> ``datetime.date.weekday()`` number (Monday = 0)."""

_EN_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
             "sixteen seventeen eighteen nineteen").split()
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
            "ninety": 90}
_FR_UNITS = ("zero un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize "
             "dix-sept dix-huit dix-neuf").split()
_FR_TENS = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "soixante-dix": 70,
            "quatre-vingt": 80, "quatre-vingts": 80, "quatre-vingt-dix": 90}


def _number_words() -> dict[str, int]:
    words: dict[str, int] = {}
    for n, w in enumerate(_EN_UNITS):
        words[w] = n
    for n, w in enumerate(_FR_UNITS):
        words[w] = n
    words.update(a=1, an=1, une=1, dozen=12, douzaine=12, hundred=100, cent=100, thousand=1000, mille=1000)
    for tens_words in (_EN_TENS, _FR_TENS):
        for w, n in tens_words.items():
            words[w] = n
    for w, n in _EN_TENS.items():
        for u in range(1, 10):
            words[f"{w}-{_EN_UNITS[u]}"] = n + u
            words[f"{w} {_EN_UNITS[u]}"] = n + u
    for w, n in (("vingt", 20), ("trente", 30), ("quarante", 40), ("cinquante", 50), ("soixante", 60)):
        words[f"{w} et un"] = words[f"{w}-et-un"] = n + 1
        for u in range(2, 10):
            words[f"{w}-{_FR_UNITS[u]}"] = n + u
    return words


NUMBER_WORDS: Mapping[str, int] = MappingProxyType(_number_words())
"""Number words up to ninety-nine (English, French), plus ``hundred``/``cent``, ``thousand``/``mille``."""

SCALES: Mapping[str, Mapping[str, int]] = MappingProxyType({
    # English short scale
    "en": MappingProxyType({"thousand": 10**3, "million": 10**6, "millions": 10**6, "mn": 10**6,
                            "billion": 10**9, "billions": 10**9, "bn": 10**9, "trillion": 10**12,
                            "trillions": 10**12}),
    # French long scale: "billion" is 10**12 in French
    "fr": MappingProxyType({"mille": 10**3, "milliers": 10**3, "million": 10**6, "millions": 10**6,
                            "milliard": 10**9, "milliards": 10**9, "mds": 10**9, "md": 10**9,
                            "billion": 10**12, "billions": 10**12}),
    # Vietnamese words that appear in both (in simplified form)
    "vi": MappingProxyType({"nghin": 10**3, "ngan": 10**3, "trieu": 10**6, "ty": 10**9}),
})
"""Scale words by language: ``55 million`` = 55 * 10**6; French ``billion`` = 10**12."""

_MONTH_NAMES = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
}
_WEEKDAY_NAMES = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
}


def month_name(month: int, lang: str = "en") -> str:
    """The written name of ``month`` (1..12) in ``lang`` (``"en"`` or ``"fr"``; others fall back to English)."""
    return _MONTH_NAMES.get(lang, _MONTH_NAMES["en"])[month - 1]


def weekday_name(weekday: int, lang: str = "en") -> str:
    """The written name of ``weekday`` (Monday = 0) in ``lang``."""
    return _WEEKDAY_NAMES.get(lang, _WEEKDAY_NAMES["en"])[weekday]
