"""Linking a place mention to the gazetteer.

:func:`candidates` finds every gazetteer row one of whose spellings folds to
the mention (:func:`borderie.text.fold`: no case, diacritics, spaces or
hyphens), then scores each with the evidence around it:

* **spelling** - exact spelling > same letters and tones (tone placement
  forgiven) > same folded letters (``Nâm Pô`` for ``Nậm Pồ``);
* **designators** in the mention or the context: ``district de X``,
  ``X Province``, ``huyện X``, ``cửa khẩu X``, ``X border gate``, also across
  lists (``districts de A, B et C``, ``A and B districts``): they name the level;
* **country cues** next to the mention: ``la province laotienne de X``,
  ``X (China)``, ``X District in Laos``;
* **the date** (ISO string or :class:`datetime.date`): the version valid on that
  day wins (``district de Nâm Pô`` in 2024 is the district abolished on
  2025-07-01). Without a date the pre-reform era (before 2025-07-01) is
  preferred, weakly: most border news in archives predates the reform, and
  districts, which the press keeps citing, only exist then;
* **support**: the candidate's parent or grandparent is named in the context or
  among ``others`` (the document's other place mentions);
* a **level prior** (country > province > prefecture > district > commune).

* **spelling families and typos** when no spelling matches exactly
  (:mod:`borderie.gazetteer.spelling`), scored lower;
* **twins**: where places of several countries share the name, the country of
  the province or district named next to the mention.

:func:`link` returns the best place, or ``None`` when nothing is found, when
the best score is weak, or when two different places are too close to call
(``explain=True`` says which). Communes, towns and border gates are linked with
a designator or a parent in context; without either, only when no other place
bears the name that day and the document names no other province of their
country (with a low score). A gate named without a gate designator gives way to
the unit it is named after. :func:`link_all` links a document's mentions
together: one name, one place.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass, replace
from typing import Sequence

from ..coerce import as_date
from ..errors import UsageError
from ..text import fold, fold_words, tone_key
from . import store
from .spelling import family_key
from .place import Place

__all__ = ["Candidate", "Explanation", "candidates", "link", "link_all", "MIN_SCORE", "MARGIN"]

MIN_SCORE = 0.55
"""Raw score below which the best candidate is not linked."""
MARGIN = 0.2
"""Raw score gap required between the best and the next *different* place."""
TYPO_UNSUPPORTED = 1.0
"""Further score taken off a typo match below province level when no parent place is named nearby."""
GATE_NAMESAKE = 0.4
"""Score taken off a border gate named without a gate designator when a unit of the same country bears its name."""
UNIQUE_PENALTY = 0.45
"""Score taken off a commune, gate or town named without designator or parent when no other place
of the gazetteer bears that name on the day (a smaller doubt than the usual 1.0)."""
REFORM_DAY = "2025-07-01"
UNDATED_DAY = "2025-06-30"

LEVEL_PRIOR = {
    "country": 0.55, "province": 0.5, "prefecture": 0.35, "river": 0.3, "landmark": 0.3,
    "district": 0.2, "town": 0.1, "border_gate": 0.0, "commune": 0.0, "marker": 0.0, "region": 0.1,
}

# Designator words (matched on fold keys, or on tone keys where the unaccented
# form is a common name syllable) -> designator class.
_DESIG_FOLD = {
    "province": "province", "provinces": "province", "tinh": "province", "khoueng": "province",
    "khaet": "province", "sheng": "province", "provincial": "province",
    "district": "district", "districts": "district", "huyen": "district", "muang": "district_lao",
    "srok": "district", "county": "district", "counties": "district", "xian": "district",
    "commune": "commune", "communes": "commune", "ward": "commune", "wards": "commune",
    "city": "city", "ville": "city", "cities": "city", "villes": "city", "municipality": "city",
    "prefecture": "prefecture", "prefectures": "prefecture",
    "gate": "border_gate", "gates": "border_gate", "checkpoint": "border_gate", "crossing": "border_gate",
    "river": "river", "fleuve": "river", "riviere": "river",
    "village": "village", "villages": "village", "hamlet": "village", "ban": "village_maybe",
    "town": "town", "towns": "town", "bourg": "town", "bourgs": "town", "zhen": "town", "township": "town",
    "townships": "town",
    "region": "region", "regions": "region",
}
_DESIG_TONE = {"xa4": "commune", "phương2": "commune", "quân5": "district", "sông": "river", "bản3": "village"}
_DESIG_PAIRS = {
    ("thi", "xa"): "city", ("thanh", "pho"): "city", ("thi", "tran"): "town", ("cua", "khau"): "border_gate",
    ("poste", "frontiere"): "border_gate", ("porte", "frontaliere"): "border_gate", ("dac", "khu"): "commune",
    ("autonomous", "region"): "province", ("region", "autonome"): "province", ("border", "gate"): "border_gate",
    ("border", "gates"): "border_gate", ("porte", "frontiere"): "border_gate", ("portes", "frontieres"): "border_gate",
    ("portes", "frontalieres"): "border_gate", ("poste", "frontalier"): "border_gate", ("postes", "frontieres"): "border_gate",
    ("postes", "frontaliers"): "border_gate", ("border", "crossing"): "border_gate", ("border", "checkpoint"): "border_gate",
    ("garde", "frontiere"): "post", ("gardes", "frontieres"): "post", ("garde", "frontieres"): "post",
    ("border", "guard"): "post", ("border", "post"): "post", ("border", "posts"): "post", ("bien", "phong"): "post",
    ("guard", "station"): "post", ("guard", "post"): "post",
}
_DESIG_TRIPLES = {("poste", "de", "controle"): "border_gate", ("postes", "de", "controle"): "border_gate",
                  ("control", "post", None): "border_gate"}
_GATE_QUALIFIERS = {"international", "internationale", "main", "secondary", "auxiliary", "principal", "principale",
                    "secondaire", "pair", "paire", "border", "frontalier", "frontaliere", "quôc1", "tê1", "chinh1", "phu5",
                    "road", "rail", "railway"}
_COUNTRY_CUES = {
    "laos": "LA", "lao": "LA", "laotien": "LA", "laotienne": "LA", "laotiens": "LA", "laotiennes": "LA", "lào": "LA",
    "china": "CN", "chine": "CN", "chinese": "CN", "chinois": "CN", "chinoise": "CN", "chinoises": "CN", "trungquoc": "CN",
    "cambodia": "KH", "cambodge": "KH", "cambodian": "KH", "cambodgien": "KH", "cambodgienne": "KH",
    "cambodgiennes": "KH", "cambodgiens": "KH", "campuchia": "KH",
    "vietnam": "VN", "vietnamese": "VN", "vietnamien": "VN", "vietnamienne": "VN", "vietnamiennes": "VN",
    "vietnamiens": "VN", "vietnams": "VN",
}
_PARTICLES = {"de", "du", "des", "d", "la", "le", "l", "of", "the", "in", "en", "a"}
_CONJ = {"et", "and", "va", ",", "&", "or", "ou"}
_STOP = {".", ";", ":", "!", "?", "(", ")", "\"", "«", "»", "-", "–", "—"}
_DASHES = re.compile(r"\s+[-–—]\s+|\s*[–—]\s*")
_TOKEN = re.compile(r"[\w\u0300-\u036f\u0e00-\u0eff\u1780-\u17ff]+|(?<=\s)-(?=\s)|[^\w\s\-\u2010\u2011]")
_PLURAL = {"provinces", "districts", "communes", "counties", "villes", "cities", "gates", "wards", "prefectures", "villages",
           "frontieres", "frontalieres", "frontaliers", "towns", "bourgs", "townships", "posts", "stations", "checkpoints",
           "crossings", "regions", "controle"}
_LIST_WORDS = {"que", "sont", "are", "namely", "including", "include", "includes", "such", "as", "notamment", "dont",
               "comme", "incluant", "gom", "terrestres", "terrestre", "land", "bordering", "limitrophes", "frontaliers",
               "frontalieres", "neighbouring", "neighboring", "voisines", "voisins"}
"""Words that may stand between a plural designator and the list of names it governs
("six postes-frontières terrestres que sont A, B...", "provinces including A, B...")."""


@dataclass(frozen=True)
class Candidate:
    """One possible referent of a mention: the place (with ``score`` set), the score in 0..1, and why."""

    place: Place
    score: float
    reason: str
    raw: float = 0.0


@dataclass(frozen=True)
class _Tok:
    text: str
    key: str
    tone: str
    upper: bool
    start: int = 0


@lru_cache(maxsize=65536)
def _word_keys(word: str) -> tuple[str, str]:
    """The fold and tone keys of one context word (cached: the same words recur in every mention's context)."""
    return fold(word) or word, tone_key(word) or word


def _tokens(text: str) -> list[_Tok]:
    """The words of ``text`` with their keys (a fresh list; the tokens themselves are shared and never changed)."""
    return list(_cached_tokens(text))


@lru_cache(maxsize=4096)
def _cached_tokens(text: str) -> tuple[_Tok, ...]:
    """Cached: a sentence is the context of each place mention in it, and names recur through a document."""
    text = unicodedata.normalize("NFC", text)
    return tuple(_Tok(m.group(), *_word_keys(m.group()), m.group()[:1].isupper() or m.group()[:1].isdigit(), m.start())
                 for m in _TOKEN.finditer(text))


def _desig_at(toks: list[_Tok], i: int) -> tuple[str | None, int]:
    """The designator class starting at token ``i`` and its length in tokens (or ``(None, 0)``)."""
    if i + 2 < len(toks) and (toks[i].key, toks[i + 1].key, toks[i + 2].key) in _DESIG_TRIPLES:
        return _DESIG_TRIPLES[(toks[i].key, toks[i + 1].key, toks[i + 2].key)], 3
    if i + 1 < len(toks) and (toks[i].key, toks[i + 1].key, None) in _DESIG_TRIPLES:
        return _DESIG_TRIPLES[(toks[i].key, toks[i + 1].key, None)], 2
    if i + 1 < len(toks) and (toks[i].key, toks[i + 1].key) in _DESIG_PAIRS:
        return _DESIG_PAIRS[(toks[i].key, toks[i + 1].key)], 2
    if toks[i].tone in _DESIG_TONE:
        return _DESIG_TONE[toks[i].tone], 1
    if toks[i].key in ("tinh", "huyen") and (toks[i].upper and toks[i].tone in ("tinh", "huyen")
                                             or toks[i].tone not in ("tinh", "huyen", "tinh3", "huyên5")):
        return None, 0  # "Tinh Bien" without diacritics, "Tịnh Biên": a name, not the designator tỉnh/huyện
    if toks[i].key in _DESIG_FOLD and toks[i].key not in ("xa", "quan"):
        return _DESIG_FOLD[toks[i].key], 1
    return None, 0


def _desig_ending_at(toks: list[_Tok], i: int) -> tuple[str | None, int]:
    """The designator class ending at token ``i`` (for backward scans)."""
    if i >= 2:
        d, n = _desig_at(toks, i - 2)
        if n == 3:
            return d, 3
    if i >= 1:
        d, n = _desig_at(toks, i - 1)
        if n == 2:
            return d, 2
    d, n = _desig_at(toks, i)
    return (d, 1) if n == 1 else (None, 0)


@dataclass
class _Cues:
    level: str | None = None
    country: str | None = None
    gate: bool = False


def _strip_mention(toks: list[_Tok], cues: _Cues) -> list[_Tok]:
    """Remove designators, gate qualifiers, particles and country words around the name itself."""
    lo, hi = 0, len(toks)
    gate_words = any(_desig_at(toks, k)[0] == "border_gate" for k in range(len(toks)))
    quals = _GATE_QUALIFIERS if gate_words else set()
    changed = True
    while changed and lo < hi:
        changed = False
        d, n = _desig_at(toks, lo)
        if d and d not in ("village_maybe", "district_lao") and lo + n < hi:
            cues.level = cues.level or d
            lo += n
            changed = True
            continue
        k = toks[lo].key
        if lo + 1 < hi and (k in _PARTICLES or k in quals or toks[lo].tone in quals or k in _COUNTRY_CUES) and not toks[lo].upper:
            if k in _COUNTRY_CUES:
                cues.country = cues.country or _COUNTRY_CUES[k]
            lo += 1
            changed = True
            continue
        if toks[lo].text in ("(", ")", ",") and lo + 1 < hi:
            lo += 1
            changed = True
            continue
        d, n = _desig_ending_at(toks, hi - 1)
        if d and d not in ("village_maybe", "district_lao") and hi - n > lo:
            cues.level = cues.level or d
            hi -= n
            changed = True
            continue
        k = toks[hi - 1].key
        if hi - 1 > lo and (k in quals or toks[hi - 1].tone in quals or toks[hi - 1].text in (")", "(", ",", "’", "'")):
            hi -= 1
            changed = True
            continue
        if hi - 1 > lo and k in _COUNTRY_CUES and hi - 2 >= lo and toks[hi - 2].text in ("(", ","):
            cues.country = cues.country or _COUNTRY_CUES[k]
            hi -= 1
            changed = True
            continue
    if cues.level == "border_gate" or any(t.key in ("gate", "gates") for t in toks):
        cues.gate = True
    return toks[lo:hi]


def _find(ctx: list[_Tok], name: list[_Tok], at: int | None = None) -> int:
    """Index of the occurrence of ``name`` (by fold keys) in ``ctx`` nearest to character ``at``, or -1."""
    keys = [t.key for t in name]
    n = len(keys)
    if not n:
        return -1
    first = keys[0]
    found = [i for i in range(len(ctx) - n + 1) if ctx[i].key == first and [t.key for t in ctx[i:i + n]] == keys]
    if found:
        if at is None:
            return found[0]
        return min(found, key=lambda i: abs(ctx[i].start - at))
    joined = "".join(keys)
    for i in range(len(ctx)):  # spelled with other spacing in the context
        acc = ""
        for j in range(i, min(len(ctx), i + 6)):
            acc += ctx[j].key
            if acc == joined:
                return i
            if not joined.startswith(acc):
                break
    return -1


def _context_cues(ctx: list[_Tok], start: int, end: int, cues: _Cues) -> None:
    """Read designators and country cues around ``ctx[start:end]`` into ``cues``."""
    # Backwards: "districts de A, B et [C]", "la province laotienne de [X]", "huyện [X]".
    back_level = None
    i = start - 1
    steps = 0
    over_names = False
    opened = False
    while i >= 0 and steps < 16:
        t = ctx[i]
        d, n = _desig_ending_at(ctx, i)
        if d and d != "village_maybe" and not (d == "district_lao" and t.upper):
            before = ctx[i - n] if i - n >= 0 else None
            names_before = before is not None and before.upper and before.key not in _COUNTRY_CUES and not before.key.isdigit()
            if (not over_names or t.key in _PLURAL) and not (opened and names_before):
                back_level = d if d != "district_lao" else "district"
            break
        if t.upper and t.key not in _COUNTRY_CUES or t.key in _CONJ:
            over_names = True
        if t.key in _COUNTRY_CUES and not (i + 1 < len(ctx) and ctx[i + 1].upper and t.upper):
            cues.country = cues.country or _COUNTRY_CUES[t.key]
        elif (t.key in _LIST_WORDS and not t.upper) or (t.text in ("(", ":") and not opened):
            opened = opened or t.text in ("(", ":")
            over_names = True
        elif t.text in _STOP or not (t.upper or t.key in _PARTICLES or t.key in _CONJ or t.text in ("’", "'")
                                     or t.tone in _GATE_QUALIFIERS or t.key in _GATE_QUALIFIERS):
            break
        i -= 1
        steps += 1
    # Forwards: "[X] Province", "[A] and B districts", "[X] (China)", "[X] District in Laos".
    i = end
    steps = 0
    seen_desig = False
    fwd_level = None
    while i < len(ctx) and steps < 8:
        t = ctx[i]
        d, n = _desig_at(ctx, i)
        if d and d not in ("village_maybe", "district_lao"):
            if not seen_desig and (i == end or ctx[i + n - 1].key in _PLURAL):
                fwd_level = d
            seen_desig = True
            i += n
            steps += 1
            continue
        if t.key in _COUNTRY_CUES and (seen_desig or (i > 0 and ctx[i - 1].text in ("(", ",")) or (i > 0 and ctx[i - 1].key in ("of", "in", "du", "de"))):
            cues.country = cues.country or _COUNTRY_CUES[t.key]
            break
        if t.text in (".", ";", ":", "-", "–", "—") or (t.key in ("and", "et", "va") and seen_desig):
            break
        if t.key in ("of", "in", "de", "du", "en") and i + 1 < len(ctx) and ctx[i + 1].key in _COUNTRY_CUES:
            # "X de Chine", "X in Laos"
            cues.country = cues.country or _COUNTRY_CUES[ctx[i + 1].key]
            break
        if not (t.upper or t.key in _CONJ or t.text in ("(", ")") or (seen_desig and t.key in ("in", "of", "de", "du", "en"))):
            break
        if t.upper and seen_desig and t.key not in _COUNTRY_CUES:
            break
        i += 1
        steps += 1
    if cues.level is None:
        cues.level = fwd_level or back_level


def _level_fits(row: dict, desig: str) -> bool:
    lvl = row["level"]
    if desig == "town":
        return lvl == "town" or (lvl == "commune" and row.get("unit_type") == "thị trấn")
    if desig == "post":  # "X border guard station", "poste de garde-frontière de X": named after a local unit
        return lvl in ("commune", "district", "town", "border_gate")
    if desig == "city":
        ut = row.get("unit_type") or ""
        return (lvl == "province" and ut == "thành phố trung ương") or (lvl == "district" and ut in (
            "thành phố thuộc tỉnh", "thị xã", "shi")) or lvl in ("prefecture", "town")
    if desig == "province":
        return lvl in ("province", "prefecture") and not (row["country"] == "CN" and lvl == "prefecture")
    if desig == "district_lao":
        return lvl == "district"
    return lvl == desig


def _as_day(date: _dt.date | _dt.datetime | str | None) -> str | None:
    day = as_date(date)
    return day.isoformat() if day is not None else None


def _valid(row: dict, day: str) -> bool:
    return (row.get("valid_from") is None or row["valid_from"] <= day) and (row.get("valid_to") is None or day <= row["valid_to"])


def _squash(raw: float) -> float:
    return round(1.0 / (1.0 + math.exp(-2.5 * (raw - 0.8))), 3)


_LAO_PREFIXES = ("muang", "muong", "meuang", "ban", "xa", "phum")
FAMILY_PENALTY = 0.2
"""Score taken off a match found only through a transliteration family (:func:`spelling.family_key`)."""
TYPO_PENALTY = 0.35
"""Score taken off a match found only one letter away (a typo)."""


def _name_key(toks: list[_Tok]) -> str:
    """The fold key of a run of tokens, apostrophes inside the name ignored (``Ia R’ve`` = ``Ia Rvê``)."""
    return "".join(t.key for t in toks if t.text not in ("’", "'", "‘", "-", "–", "—"))


def _lookup(g: store.Gazetteer, name_toks: list[_Tok]) -> list[tuple[int, int, float, str]]:
    """(row, text index, penalty, how) for rows matching the name, trying in turn: the exact fold key,
    the key without a Lao ``Muang``/``Ban`` prefix, the transliteration family, a one-letter typo."""
    key = _name_key(name_toks)
    tries = [(key, 0.0, "")]
    if len(name_toks) > 1 and name_toks[0].key in _LAO_PREFIXES:
        tries.append((_name_key(name_toks[1:]), 0.15, "without the prefix"))
    for k, pen, how in tries:
        hits = g.lookup(k)
        if hits:
            return [(i, j, pen, how) for i, j in hits]
    words = " ".join(t.text for t in name_toks if t.text not in ("’", "'", "‘"))
    hits = g.lookup_family(family_key(words))
    if hits:
        return [(i, j, FAMILY_PENALTY, "same transliteration family") for i, j in hits]
    hits = g.lookup_typo(key)
    return [(i, j, TYPO_PENALTY, "one letter away (typo?)") for i, j in hits]


def _near_country(g: store.Gazetteer, ctx: list[_Tok], start: int, end: int) -> str | None:
    """The country of the nearest unambiguous province/district/country named within a few words of
    ``ctx[start:end]`` ("X village of Lao's Salavan Province", "Y's X"): decides cross-border twins."""
    best: tuple[int, str] | None = None
    spans = [(k, n) for k in range(max(0, start - 6), start) for n in (1, 2, 3) if k + n <= start]
    spans += [(k, n) for k in range(end, min(len(ctx), end + 8)) for n in (1, 2, 3) if k + n <= len(ctx)]
    for k, n in spans:
        run = ctx[k:k + n]
        if not all(t.upper for t in run) or any(t.text in _STOP for t in ctx[min(k, end):max(k, start)]):
            continue
        rows = [g.rows[i] for i, _ in g.lookup(_name_key(run))]
        countries = {r["country"] for r in rows if r["level"] in ("country", "province", "district", "prefecture")}
        if len(countries) == 1:
            dist = start - (k + n) if k < start else k - end
            if best is None or dist < best[0]:
                best = (dist, countries.pop())
    return best[1] if best else None


def candidates(
    mention: str,
    context: str | None = None,
    date: _dt.date | str | None = None,
    *,
    lang: str | None = None,
    others: Sequence[str] = (),
    at: int | None = None,
    gazetteer: store.Gazetteer | None = None,
) -> list[Candidate]:
    """All gazetteer places the mention may refer to, best first, with scores and reasons.

    ``mention`` is the place name as written (a designator inside it, as in
    ``"district de Nâm Pô"`` or ``"Ban Vuoc secondary border gate"``, is read
    and removed); ``context`` the sentence or window around it; ``date`` the
    document date; ``others`` the document's other place mentions; ``at`` the
    character offset of the mention in ``context`` when it occurs there more than
    once (default: its first occurrence). ``lang`` is
    accepted for the pipeline's convenience; the linker reads French, English
    and Vietnamese designators whatever it says.
    """
    if not isinstance(mention, str):
        raise UsageError(f"mention must be a str, got {type(mention).__name__}")
    g = gazetteer or store.default()
    day = _as_day(date)
    cues = _Cues()
    mtoks = _tokens(mention)
    if not mtoks:
        return []
    parts = _DASHES.split(unicodedata.normalize("NFC", mention))
    counterpart_keys: set[str] = set()
    whole_name = bool(g.lookup("".join(t.key for t in mtoks)))  # "Bà Rịa - Vũng Tàu" is one name, not a pair
    if len(parts) == 2 and all(fold(p) for p in parts) and not whole_name:  # "Lao Bao - Densavan border gate pair"
        mtoks = _tokens(parts[0])
        rest = _strip_mention(_tokens(parts[1]), cues)
        counterpart_keys.add("".join(t.key for t in rest))
    name_toks = _strip_mention(mtoks, cues)
    hits = _lookup(g, name_toks)
    if name_toks is not mtoks:
        seen = {(i, j) for i, j, _, _ in hits}
        hits += [(i, j, 0.0, "") for i, j in g.lookup(_name_key(_tokens(mention))) if (i, j) not in seen]
    if not hits:
        return []
    ctx_keys = ""
    near = None
    if context:
        ctx = _tokens(context)
        pos = _find(ctx, name_toks, at)
        if pos < 0:
            pos = _find(ctx, mtoks, at)
            n = len(mtoks)
        else:
            n = len(name_toks)
        if pos >= 0:
            _context_cues(ctx, pos, pos + n, cues)
            if len({g.rows[i]["country"] for i, *_ in hits}) > 1:
                near = _near_country(g, ctx, pos, pos + n)
        ctx_keys = " " + " ".join(t.key for t in ctx) + " "
    other_keys = {fold(o) for o in others if o} - {""}
    other_words = " " + " ".join(fold_words(o) for o in others if o) + " "
    mention_nfc = unicodedata.normalize("NFC", " ".join(t.text for t in name_toks)).casefold()
    mention_tone = "".join(t.tone for t in name_toks)
    name_key = _name_key(name_toks)
    check_day = day or UNDATED_DAY
    # Rows that could be meant on that day (for the unique-name rule): one name, one place?
    alive = {i for i, *_ in hits if _valid(g.rows[i], check_day)}
    named_provinces: dict[str, set[str]] = {}  # country -> ids of the provinces the document names
    for k in other_keys:
        for i, _ in g.lookup(k):
            r = g.rows[i]
            if r["level"] == "province" and _valid(r, check_day):
                named_provinces.setdefault(r["country"], set()).add(r["id"])

    def named_nearby(arow: dict) -> bool:
        akeys = set(arow["_keys"]["fold"])
        words = {fold_words(t) for t in store.row_texts(arow)}
        return bool(other_keys & akeys) or any(w and f" {w} " in ctx_keys.replace("  ", " ") for w in words if len(w) > 2) \
            or any(w and f" {w} " in other_words for w in words if len(w) > 2)

    best: dict[int, tuple[float, str]] = {}
    for i, j, penalty, how in hits:
        row = g.rows[i]
        text = store.row_texts(row)[j]
        why = []
        if unicodedata.normalize("NFC", text).casefold() == mention_nfc:
            raw, why = 1.0, [f"exact spelling {text!r}"]
        elif row["_keys"]["tone"][j] == mention_tone:
            raw, why = 0.9, [f"same letters and tones as {text!r}"]
        elif how:
            raw, why = 0.75, [f"{how}: {text!r}"]
        else:
            raw, why = 0.75, [f"folded match of {text!r}"]
        kind = (row.get("variants") or [{}] * (j or 1))[j - 1].get("kind") if j else "name"
        if kind == "abbreviation" and text != " ".join(t.text for t in name_toks):
            raw -= 0.6
            why.append("abbreviation needs exact case")
        raw -= penalty
        lvl = row["level"]
        raw += LEVEL_PRIOR.get(lvl, 0.0)
        supported = False
        if cues.level:
            if _level_fits(row, cues.level):
                raw += 0.8
                why.append(f"designator says {cues.level}")
            elif lvl != "country":
                raw -= 0.8
                why.append(f"designator says {cues.level}, not {lvl}")
        if cues.country:
            if row["country"] == cues.country:
                raw += 0.5
                why.append(f"country cue {cues.country}")
            elif lvl != "country":
                raw -= 0.5
                why.append(f"country cue {cues.country} but place is in {row['country']}")
        elif near and lvl != "country":
            if row["country"] == near:
                raw += 0.3
                why.append(f"named next to a place in {near}")
            else:
                raw -= 0.3
                why.append(f"named next to a place in {near}, not {row['country']}")
        if day:
            if _valid(row, day):
                raw += 0.3
                why.append(f"valid on {day}")
            else:
                raw -= 0.6
                why.append(f"not valid on {day}")
        else:
            if _valid(row, UNDATED_DAY):
                raw += 0.15
                why.append("pre-reform default (no date)")
            else:
                raw -= 0.15
        # Parent / grandparent named in context or among the other mentions (gates: also the pre-2025 province).
        gate = row.get("gate")
        chain = [(d, a) for d, a in enumerate(g.ancestors(i), 1)]
        if gate and gate.get("parent_before_2025") in g:
            chain.insert(1, (1, g.by_id[gate["parent_before_2025"]]))
        chain_ids = {g.rows[a]["id"] for _, a in chain}
        for depth, a in chain:
            arow = g.rows[a]
            if arow["level"] == "country":
                if other_keys & set(arow["_keys"]["fold"]):
                    raw += 0.1
                break
            if name_key in set(arow["_keys"]["fold"]):  # a city named like its province is not supported by its own name
                continue
            if named_nearby(arow):
                raw += 0.5 if depth == 1 else 0.3
                supported = True
                why.append(f"{arow['name']} ({arow['level']}) named nearby")
                break
        if gate:
            crow = g.row(gate["counterpart_id"])
            if crow and counterpart_keys & set(crow["_keys"]["fold"]):
                raw += 0.5
                supported = True
                why.append(f"counterpart {crow['name']} named")
            elif crow and other_keys & set(crow["_keys"]["fold"]):
                raw += 0.3
                supported = True
                why.append(f"counterpart {crow['name']} named in the document")
        if lvl == "border_gate" and not (cues.level and _level_fits(row, cues.level)) and any(
                g.rows[k]["level"] != "border_gate" and g.rows[k]["country"] == row["country"] for k in alive):
            raw -= GATE_NAMESAKE
            why.append("no gate designator: the place the gate is named after comes first")
        if how == "one letter away (typo?)" and lvl not in ("country", "province") and not supported:
            raw -= TYPO_UNSUPPORTED
            why.append("a typo guess needs a parent place named nearby")
        if lvl in ("commune", "border_gate", "town") and not (cues.level and _level_fits(row, cues.level)) and not supported:
            rivals = alive - {i} if lvl == "border_gate" else {k for k in alive - {i} if g.rows[k]["level"] != "border_gate"}
            elsewhere = named_provinces.get(row["country"], set()) - set(chain_ids)
            if i in alive and not rivals and not elsewhere:
                raw -= UNIQUE_PENALTY
                why.append(f"no designator or parent, but the only place so named{' on ' + day if day else ''}")
            else:
                raw -= 1.0
                why.append(f"{lvl} needs a designator or a parent in context")
        if i not in best or raw > best[i][0]:
            best[i] = (raw, "; ".join(why))
    out = []
    for i, (raw, why) in best.items():
        s = _squash(raw)
        out.append(Candidate(replace(g.place(i), score=s), s, why, raw))
    out.sort(key=lambda c: (-c.raw, c.place.id))
    return out


def _same_unit(g: store.Gazetteer, a: Place, b: Place) -> bool:
    """Whether two places are versions of one unit (linked by a full-share predecessor/successor)."""
    return any(l.id == b.id and l.share == "full" for l in a.predecessors + a.successors) or \
        any(l.id == a.id and l.share == "full" for l in b.predecessors + b.successors)


@dataclass(frozen=True)
class Explanation:
    """Why :func:`link` linked what it did, or nothing.

    ``verdict`` is ``linked``, ``unknown`` (no gazetteer spelling matches),
    ``weak`` (the best candidate scores too low), ``ambiguous`` (two places too
    close to call: ``rivals``) or ``not_valid`` (the places of that name did not
    exist on the document date). ``reason`` says it in a sentence; ``candidates``
    are the scored candidates (best first).
    """

    place: Place | None
    verdict: str
    reason: str
    candidates: tuple[Candidate, ...] = ()
    rivals: tuple[Place, ...] = ()

    def __str__(self) -> str:
        return self.reason


def _describe(c: Candidate) -> str:
    p = c.place
    era = "" if p.valid_from is None and p.valid_to is None else f", {p.valid_from or '…'}..{p.valid_to or '…'}"
    return f"{p.name} ({p.level}, {p.country}{era}, {p.id})"


def _decide(mention: str, cands: list[Candidate], day: str | None, g: store.Gazetteer) -> Explanation:
    if not cands:
        return Explanation(None, "unknown", f"no gazetteer place is spelled like {mention!r} (nor one letter away)")
    top = cands[0]
    if top.raw < MIN_SCORE:
        if day and not any(_valid(g.rows[g.by_id[c.place.id]], day) for c in cands):
            names = "; ".join(_describe(c) for c in cands[:3])
            return Explanation(None, "not_valid", f"no place named {mention!r} existed on {day}: {names}", tuple(cands))
        return Explanation(None, "weak", f"best candidate {_describe(top)} scores too low ({top.reason})", tuple(cands))
    rivals = []
    for c in cands[1:]:
        if top.raw - c.raw >= MARGIN:
            break
        if not _same_unit(g, top.place, c.place):
            rivals.append(c)
    if rivals:
        names = " and ".join(_describe(c) for c in [top] + rivals[:3])
        return Explanation(None, "ambiguous", f"ambiguous between {names}; a designator, a parent place or the date "
                           "would decide", tuple(cands), tuple(c.place for c in [top] + rivals))
    return Explanation(top.place, "linked", f"linked to {_describe(top)}: {top.reason}", tuple(cands))


def link(
    mention: str,
    context: str | None = None,
    date: _dt.date | str | None = None,
    *,
    lang: str | None = None,
    others: Sequence[str] = (),
    at: int | None = None,
    gazetteer: store.Gazetteer | None = None,
    explain: bool = False,
) -> Place | None | Explanation:
    """The place ``mention`` refers to, or ``None`` if unknown or too ambiguous (see :func:`candidates`).

    With ``explain=True`` an :class:`Explanation` comes back instead, saying
    why: the place and the evidence, or why nothing was linked (unknown name,
    weak evidence, ambiguous between which places, not valid on that date).
    """
    g = gazetteer or store.default()
    cands = candidates(mention, context, date, lang=lang, others=others, at=at, gazetteer=g)
    result = _decide(mention, cands, _as_day(date), g)
    return result if explain else result.place


def link_all(
    mentions: Sequence[tuple[str, str | None, int | None]],
    date: _dt.date | str | None = None,
    *,
    others: Sequence[str] = (),
    gazetteer: store.Gazetteer | None = None,
) -> list[Place | None]:
    """Link the place mentions of one document: ``(mention, context, at)`` each, as :func:`link` does,
    then one name, one place: a mention left ambiguous takes the place another mention of the same
    name (same fold key) in the document was linked to, when that place is one of its close rivals
    ("Longzhou's Shuikou town ... representatives of Ta Lung and Shuikou")."""
    g = gazetteer or store.default()
    day = _as_day(date)
    results = [_decide(m, candidates(m, ctx, date, others=others, at=at, gazetteer=g), day, g) for m, ctx, at in mentions]
    names = [_name_key(_strip_mention(_tokens(m), _Cues())) for m, _, _ in mentions]
    settled: dict[str, set[str]] = {}
    for name, r in zip(names, results):
        if r.place is not None:
            settled.setdefault(name, set()).add(r.place.id)
    out = []
    for name, r in zip(names, results):
        place = r.place
        if place is None and r.verdict == "ambiguous":
            ids = settled.get(name, set())
            chosen = [p for p in r.rivals if p.id in ids]
            if len(chosen) == 1:
                place = chosen[0]
        out.append(place)
    return out
