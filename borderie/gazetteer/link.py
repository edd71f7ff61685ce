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

:func:`link` returns the best place, or ``None`` when nothing is found, when
the best score is weak, or when two different places are too close to call.
Commune-level units and border gates are only linked with a designator or a
parent in context: their names repeat too often to guess.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Sequence

from ..coerce import as_date
from ..errors import UsageError
from ..text import fold, fold_words, tone_key
from . import store
from .place import Place

__all__ = ["Candidate", "candidates", "link", "MIN_SCORE", "MARGIN"]

MIN_SCORE = 0.55
"""Raw score below which the best candidate is not linked."""
MARGIN = 0.2
"""Raw score gap required between the best and the next *different* place."""
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
    "commune": "commune", "communes": "commune", "ward": "commune", "wards": "commune", "township": "commune",
    "city": "city", "ville": "city", "cities": "city", "villes": "city", "municipality": "city",
    "prefecture": "prefecture", "prefectures": "prefecture",
    "gate": "border_gate", "gates": "border_gate", "checkpoint": "border_gate", "crossing": "border_gate",
    "river": "river", "fleuve": "river", "riviere": "river",
    "village": "village", "villages": "village", "hamlet": "village", "ban": "village_maybe",
}
_DESIG_TONE = {"xa4": "commune", "phương2": "commune", "quân5": "district", "sông": "river", "bản3": "village"}
_DESIG_PAIRS = {
    ("thi", "xa"): "city", ("thanh", "pho"): "city", ("thi", "tran"): "commune", ("cua", "khau"): "border_gate",
    ("poste", "frontiere"): "border_gate", ("porte", "frontaliere"): "border_gate", ("dac", "khu"): "commune",
    ("autonomous", "region"): "province", ("region", "autonome"): "province", ("border", "gate"): "border_gate",
}
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
_STOP = {".", ";", ":", "!", "?", "(", ")", "\"", "«", "»"}
_DASHES = re.compile(r"\s+[-–—]\s+|\s*[–—]\s*")
_TOKEN = re.compile(r"[\w\u0300-\u036f\u0e00-\u0eff\u1780-\u17ff]+|[^\w\s\-\u2010\u2011]")
_PLURAL = {"provinces", "districts", "communes", "counties", "villes", "cities", "gates", "wards", "prefectures", "villages"}


@dataclass(frozen=True)
class Candidate:
    """One possible referent of a mention: the place (with ``score`` set), the score in 0..1, and why."""

    place: Place
    score: float
    reason: str
    raw: float = 0.0


@dataclass
class _Tok:
    text: str
    key: str
    tone: str
    upper: bool
    start: int = 0


def _tokens(text: str) -> list[_Tok]:
    text = unicodedata.normalize("NFC", text)
    out = []
    for m in _TOKEN.finditer(text):
        t = m.group()
        out.append(_Tok(t, fold(t) or t, tone_key(t) or t, t[:1].isupper() or t[:1].isdigit(), m.start()))
    return out


def _desig_at(toks: list[_Tok], i: int) -> tuple[str | None, int]:
    """The designator class starting at token ``i`` and its length in tokens (or ``(None, 0)``)."""
    if i + 1 < len(toks) and (toks[i].key, toks[i + 1].key) in _DESIG_PAIRS:
        return _DESIG_PAIRS[(toks[i].key, toks[i + 1].key)], 2
    if toks[i].tone in _DESIG_TONE:
        return _DESIG_TONE[toks[i].tone], 1
    if toks[i].key in ("tinh", "huyen") and toks[i].upper and toks[i].tone in ("tinh", "huyen"):
        return None, 0  # "Tinh Bien", "Huyen ..." written without diacritics: a name, not a designator
    if toks[i].key in _DESIG_FOLD and toks[i].key not in ("xa", "quan"):
        return _DESIG_FOLD[toks[i].key], 1
    return None, 0


def _desig_ending_at(toks: list[_Tok], i: int) -> tuple[str | None, int]:
    """The designator class ending at token ``i`` (for backward scans)."""
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
    while i >= 0 and steps < 14:
        t = ctx[i]
        d, n = _desig_ending_at(ctx, i)
        if d and d != "village_maybe" and not (d == "district_lao" and t.upper):
            if not over_names or t.key in _PLURAL:
                back_level = d if d != "district_lao" else "district"
            break
        if t.upper and t.key not in _COUNTRY_CUES or t.key in _CONJ:
            over_names = True
        if t.key in _COUNTRY_CUES and not (i + 1 < len(ctx) and ctx[i + 1].upper and t.upper):
            cues.country = cues.country or _COUNTRY_CUES[t.key]
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
        if t.text in (".", ";", ":") or (t.key in ("and", "et", "va") and seen_desig):
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


def _lookup(g: store.Gazetteer, name_toks: list[_Tok]) -> list[tuple[int, int, float]]:
    """(row, text index, penalty) for rows matching the name; retries without a Lao ``Muang``/``Ban`` prefix."""
    key = "".join(t.key for t in name_toks)
    hits = [(i, j, 0.0) for i, j in g.lookup(key)]
    if not hits and len(name_toks) > 1 and name_toks[0].key in ("muang", "muong", "meuang", "ban", "xa", "phum"):
        hits = [(i, j, 0.15) for i, j in g.lookup("".join(t.key for t in name_toks[1:]))]
    return hits


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
    full_hits = _lookup(g, _tokens(mention)) if name_toks is not mtoks else []
    seen = {(i, j) for i, j, _ in hits}
    hits += [(i, j, p) for i, j, p in full_hits if (i, j) not in seen]
    if not hits:
        return []
    ctx_keys = ""
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
        ctx_keys = " " + " ".join(t.key for t in ctx) + " "
    other_keys = {fold(o) for o in others if o} - {""}
    other_words = " " + " ".join(fold_words(o) for o in others if o) + " "
    mention_nfc = unicodedata.normalize("NFC", " ".join(t.text for t in name_toks)).casefold()
    mention_tone = "".join(t.tone for t in name_toks)
    name_key = "".join(t.key for t in name_toks)

    best: dict[int, tuple[float, str]] = {}
    for i, j, penalty in hits:
        row = g.rows[i]
        text = store.row_texts(row)[j]
        why = []
        if unicodedata.normalize("NFC", text).casefold() == mention_nfc:
            raw, why = 1.0, [f"exact spelling {text!r}"]
        elif row["_keys"]["tone"][j] == mention_tone:
            raw, why = 0.9, [f"same letters and tones as {text!r}"]
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
        # Parent / grandparent named in context or among the other mentions.
        for depth, a in enumerate(g.ancestors(i), 1):
            arow = g.rows[a]
            if arow["level"] == "country":
                if other_keys & set(arow["_keys"]["fold"]):
                    raw += 0.1
                break
            akeys = set(arow["_keys"]["fold"])
            if name_key in akeys:  # a city named like its province is not supported by its own name
                continue
            words = {fold_words(t) for t in store.row_texts(arow)}
            if (other_keys & akeys) or any(w and f" {w} " in ctx_keys.replace("  ", " ") for w in words if len(w) > 2) \
                    or any(w and f" {w} " in other_words for w in words if len(w) > 2):
                raw += 0.5 if depth == 1 else 0.3
                supported = True
                why.append(f"{arow['name']} ({arow['level']}) named nearby")
                break
        gate = row.get("gate")
        if gate and counterpart_keys:
            crow = g.row(gate["counterpart_id"])
            if crow and counterpart_keys & set(crow["_keys"]["fold"]):
                raw += 0.5
                supported = True
                why.append(f"counterpart {crow['name']} named")
        if lvl in ("commune", "border_gate") and not (cues.level and _level_fits(row, cues.level)) and not supported:
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


def link(
    mention: str,
    context: str | None = None,
    date: _dt.date | str | None = None,
    *,
    lang: str | None = None,
    others: Sequence[str] = (),
    at: int | None = None,
    gazetteer: store.Gazetteer | None = None,
) -> Place | None:
    """The place ``mention`` refers to, or ``None`` if unknown or too ambiguous (see :func:`candidates`)."""
    cands = candidates(mention, context, date, lang=lang, others=others, at=at, gazetteer=gazetteer)
    if not cands or cands[0].raw < MIN_SCORE:
        return None
    top = cands[0]
    for c in cands[1:]:
        if top.raw - c.raw >= MARGIN:
            break
        if not _same_unit(gazetteer or store.default(), top.place, c.place):
            return None
    return top.place
