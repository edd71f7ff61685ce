"""Person names for the augmenter: hand-written name parts, combined at random, swapped in consistently.

:func:`swap_persons` replaces every PER mention with a made-up name of the
same origin (Vietnamese, Lao, Chinese or Cambodian, guessed from the family
name), written like the original (diacritics style, capitals). One person
keeps one new name across the document, including short forms: if
``Trần Quốc Cường`` becomes ``Lê Minh Khoa``, a later ``Cường`` becomes ``Khoa``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping

from ..document import Document
from .diacritics import apply_style, diacritic_style, strip_diacritics
from .edits import Rewrite, replace_spans

__all__ = ["ORIGINS", "PersonName", "name_parts", "make_name", "guess_origin", "swap_persons"]

ORIGINS = ("vi", "lo", "zh", "km")
"""Name origins: Vietnamese, Lao, Chinese, Cambodian (Khmer)."""

_FILES = {"vi": ("vi_family", "vi_middle", "vi_given"), "lo": ("lo_given", "lo_family"),
          "zh": ("zh_family", "zh_given"), "km": ("km_family", "km_given")}


@lru_cache(maxsize=None)
def name_parts(stem: str) -> tuple[str, ...]:
    """The entries of ``borderie/data/names/<stem>.txt`` (comments and blank lines skipped)."""
    raw = resources.files("borderie.data").joinpath("names", f"{stem}.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in raw.splitlines() if line.strip() and not line.lstrip().startswith("#"))


@dataclass(frozen=True)
class PersonName:
    """A made-up name: its words in writing order, the index of the word used alone, and its origin."""

    words: tuple[str, ...]
    short_index: int
    origin: str

    @property
    def full(self) -> str:
        return " ".join(self.words)

    @property
    def short(self) -> str:
        return self.words[self.short_index]


def make_name(origin: str, rng: random.Random) -> PersonName:
    """A random name of ``origin`` (one of :data:`ORIGINS`).

    Vietnamese: family + one or two middle names + given name (short form: the
    given name, last); Lao: given + family (short form: the given name, first);
    Chinese: family + given (short form: the family name); Khmer: family +
    given (short form: the given name).
    """
    files = _FILES[origin]
    if origin == "vi":
        middles = rng.sample(name_parts(files[1]), rng.choice((1, 1, 2)))
        words = (rng.choice(name_parts(files[0])), *middles, rng.choice(name_parts(files[2])))
        return PersonName(words, len(words) - 1, origin)
    words = (rng.choice(name_parts(files[0])), rng.choice(name_parts(files[1])))
    return PersonName(words, {"lo": 0, "zh": 0, "km": 1}[origin], origin)


@lru_cache(maxsize=None)
def _folded_parts(stem: str) -> frozenset[str]:
    return frozenset(strip_diacritics(p).lower() for p in name_parts(stem))


def guess_origin(name: str) -> str | None:
    """The likely origin of a person name from its words, or ``None`` when nothing fits."""
    words = [strip_diacritics(w).lower() for w in name.replace("-", " ").split()]
    if not words:
        return None
    if len(words) >= 3 and words[0] in _folded_parts("vi_family"):
        return "vi"
    if len(words) == 2 and words[0] in _folded_parts("km_family") and words[0] not in _folded_parts("vi_family"):
        return "km"
    if len(words) == 2 and words[0] in _folded_parts("zh_family") and len(words[1]) <= 8 \
            and words[0] not in _folded_parts("vi_family"):
        return "zh"
    if words[0] in _folded_parts("vi_family") or words[-1] in _folded_parts("vi_given"):
        return "vi"
    if len(words) == 2 and (len(words[1]) >= 7 or words[0] in _folded_parts("lo_given")):
        return "lo"
    return None


def _write_like(new: str, original: str) -> str:
    """``new`` in the diacritics style and capitalisation of ``original``."""
    out = apply_style(new, diacritic_style(original))
    if original.isupper() and len(original) > 1:
        out = out.upper()
    return out


def swap_persons(doc: Document, rng: random.Random, *, origins: Mapping[str, float] | None = None) -> Document:
    """``doc`` with every PER mention replaced by a made-up name (see the module docstring).

    ``origins`` weighs the origin used when a name's own cannot be guessed
    (default: equal weights).
    """
    weights = dict(origins or MappingProxyType({o: 1.0 for o in ORIGINS}))
    persons: dict[str, tuple[tuple[str, ...], PersonName]] = {}  # folded full name -> (old words, new name)
    by_word: dict[str, tuple[int, tuple[str, ...], PersonName]] = {}
    replacements: dict[int, Rewrite] = {}

    def key(text: str) -> str:
        return " ".join(strip_diacritics(text).lower().split())

    def new_person(text: str) -> PersonName:
        origin = guess_origin(text) or rng.choices(list(weights), weights=list(weights.values()))[0]
        return make_name(origin, rng)

    people = [(i, e) for i, e in enumerate(doc.entities) if e.label == "PER"]
    # full names first, so that short forms can find their person
    for i, e in sorted(people, key=lambda ie: -len(ie[1].text.split())):
        words = tuple(e.text.split())
        k = key(e.text)
        if len(words) > 1:
            if k not in persons:
                persons[k] = (words, new_person(e.text))
                for pos, w in enumerate(words):
                    by_word.setdefault(key(w), (pos, words, persons[k][1]))
            new = persons[k][1].full
        else:
            hit = by_word.get(k)
            if hit is not None:
                pos, old_words, person = hit
                new = person.words[-1] if pos == len(old_words) - 1 else person.words[min(pos, len(person.words) - 1)]
            else:
                if k not in persons:
                    persons[k] = (words, new_person(e.text))
                new = persons[k][1].short
        replacements[i] = Rewrite(_write_like(new, e.text), value=None)
    return replace_spans(doc, replacements) if replacements else doc
