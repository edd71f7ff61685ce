"""Other ways to write the same DATE and QUANTITY: ``15 October 2024`` <-> ``October 15, 2024`` <->
``15/10/2024``; ``119,7 km`` <-> ``119.7 km``; ``1.258 km`` <-> ``1 258 km``.

Every candidate is parsed back with :mod:`borderie.values` (in the
document's language, against its date) and kept only when it denotes exactly
what the original does, so a rewrite never changes the meaning of a mention
(and ``Entity.value`` stays valid).
"""

from __future__ import annotations

import random
import re
from decimal import Decimal

from ..document import Document, Entity
from ..values import parse_date, parse_number, parse_quantity
from ..values.lexicon import month_name
from .edits import Rewrite, replace_spans

__all__ = ["date_variants", "quantity_variants", "reformat_dates", "reformat_quantities"]

_YEAR_RANGE = re.compile(r"(\d{4})\s*[-\u2013\u2014]\s*(\d{4})")


def _same_date(a, b) -> bool:
    return a is not None and b is not None and (a.start, a.end, a.iso, a.granularity) == (b.start, b.end, b.iso,
                                                                                            b.granularity)


def date_variants(text: str, *, lang: str | None = None, ref=None) -> list[str]:
    """Other spellings of the DATE mention ``text`` that denote the same dates (the original excluded)."""
    value = parse_date(text, lang=lang, ref=ref)
    if value is None:
        return []
    lang2 = "fr" if lang == "fr" else "en"
    out: list[str] = []
    m = _YEAR_RANGE.fullmatch(text.strip())
    if m:
        a, b = m.groups()
        out += [f"{a}\u2013{b}", f"{a}-{b}", f"{a} - {b}", f"{a} \u2013 {b}"]
    elif value.granularity == "day" and value.month is not None and value.day is not None and value.weekday is None:
        month, day = value.month, value.day
        name = month_name(month, lang2)
        day_fr = "1er" if (lang2 == "fr" and day == 1) else str(day)
        if value.year is not None:
            y = value.year
            if lang2 == "fr":
                out += [f"{day_fr} {name} {y}", f"{day:02d}/{month:02d}/{y}", f"{day}/{month}/{y}"]
            else:
                out += [f"{day} {name} {y}", f"{name} {day}, {y}", f"{day:02d}/{month:02d}/{y}", f"{name[:3]}. {day}, {y}"
                        if month != 5 else f"{name} {day}, {y}"]
        else:
            out += [f"{day_fr} {name}"] if lang2 == "fr" else [f"{day} {name}", f"{name} {day}"]
    elif value.granularity == "month" and value.year is not None and value.month is not None:
        name = month_name(value.month, lang2)
        out += [f"{name} {value.year}", f"{value.month:02d}/{value.year}"]
    keep = []
    for candidate in out:
        if candidate != text and candidate not in keep and _same_date(parse_date(candidate, lang=lang, ref=ref), value):
            keep.append(candidate)
    return keep


_NUMBER = re.compile(r"\d{1,3}(?:(?:[ .,\u00a0\u202f']|, )\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?")
_UNIT_WORDS = {
    "en": {"km": ("km", "kilometres", "kilometers"), "ha": ("ha", "hectares"), "kg": ("kg", "kilograms"),
           "m": ("m", "metres")},
    "fr": {"km": ("km", "kilomètres"), "ha": ("ha", "hectares"), "kg": ("kg", "kilogrammes"), "m": ("m", "mètres")},
}


def _render(number: Decimal, decimal_mark: str, thousands: str) -> str:
    sign, digits = ("-", -number) if number < 0 else ("", number)
    whole, _, frac = f"{digits:f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sign + thousands.join(groups)
    return out + (decimal_mark + frac if frac else "")


def quantity_variants(text: str, *, lang: str | None = None) -> list[str]:
    """Other spellings of the QUANTITY mention ``text`` with the same number, unit and range (original excluded)."""
    value = parse_quantity(text, lang=lang)
    m = _NUMBER.search(text)
    if value is None or m is None:
        return []
    number = parse_number(m.group(), lang=lang)
    if number is None:
        return []
    numbers = {_render(number, dm, th) for dm, th in ((",", ""), (".", ""), (",", "."), (",", " "), (",", "\u202f"),
                                                       (".", ","), (".", " "))}
    candidates = [text[:m.start()] + n + text[m.end():] for n in sorted(numbers)]
    unit_m = re.search(r"(?<=[\d\s])(km|ha|kg|m)$", text)
    words = _UNIT_WORDS["fr" if lang == "fr" else "en"]
    if unit_m and unit_m.group(1) in words:
        for alt in words[unit_m.group(1)]:
            base = text[:unit_m.start()].rstrip()
            candidates += [f"{base} {alt}", f"{base}{alt}" if len(alt) <= 2 else f"{base} {alt}"]
    keep = []
    for c in candidates:
        v = parse_quantity(c, lang=lang)
        if c != text and c not in keep and v is not None and (v.number, v.unit, v.upper, v.qualifier) == \
                (value.number, value.unit, value.upper, value.qualifier):
            keep.append(c)
    return keep


def _reformat(doc: Document, rng: random.Random, label: str, variants) -> Document:
    replacements: dict[int, Rewrite] = {}
    for i, e in enumerate(doc.entities):
        if e.label != label:
            continue
        options = variants(e)
        if options:
            replacements[i] = Rewrite(rng.choice(options))
    return replace_spans(doc, replacements) if replacements else doc


def reformat_dates(doc: Document, rng: random.Random) -> Document:
    """``doc`` with each DATE mention that has another spelling rewritten in one chosen at random."""
    def variants(e: Entity) -> list[str]:
        return date_variants(e.text, lang=doc.lang, ref=doc.date)
    return _reformat(doc, rng, "DATE", variants)


def reformat_quantities(doc: Document, rng: random.Random) -> Document:
    """``doc`` with each QUANTITY mention rewritten with another number or unit format."""
    def variants(e: Entity) -> list[str]:
        return quantity_variants(e.text, lang=doc.lang)
    return _reformat(doc, rng, "QUANTITY", variants)
