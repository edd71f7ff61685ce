"""What the figures draw, as plain records (no plotting library needed).

* :func:`document_border`: which of Vietnam's land borders (China, Laos, Cambodia) an article is about;
* :func:`mapped_places`: the linked places below country level, with their mentions;
* :func:`agreements`: AGREEMENT mentions merged into agreements (one row per signing, across articles);
* :func:`actor_network`: actors merged by place id and normalised organisation name, and the links between them
  (cooperates, twinned, parties to one agreement).

The figures of :mod:`borderie.plot` are drawn from these records, and a notebook can show them as tables.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, replace
from itertools import combinations
from typing import Iterable, Sequence

from ..aggregate import canonical_entities
from ..conventions import DETERMINERS
from ..document import Document, Entity
from ..text import fold, fold_words

BORDERS: dict[str, str] = {"CN": "China", "LA": "Laos", "KH": "Cambodia"}
"""Vietnam's land neighbours (ISO code -> English name), north to south: the borders the figures know."""

BORDER_NAMES: dict[str, str] = {code: f"Vietnam–{name}" for code, name in BORDERS.items()}
"""Border code -> its display name ("Vietnam–Laos")."""

RELATION_STYLES: dict[str, str] = {
    "COOPERATES_WITH": "cooperates",
    "TWINNED_WITH": "twinned",
    "PARTY_TO": "party to the same agreement",
}
"""The actor-network link kinds: relation label -> the name a figure shows (PARTY_TO pairs two parties)."""

AGREEMENT_WORDS: frozenset[str] = frozenset(fold_words(w) for w in (
    "agreement", "agreements", "accord", "accords", "treaty", "treaties", "traité", "traités", "memorandum",
    "memoranda", "memorandums", "mou", "mous", "protocol", "protocols", "protocole", "protocoles", "convention",
    "conventions", "minutes", "procès-verbal", "procès-verbaux", "charter", "charte", "declaration", "déclaration",
    "arrangement", "arrangements", "pact", "pacte", "hiệp định", "thỏa thuận", "biên bản", "hiệp ước",
    "nghị định thư",
))
"""Folded words (or word pairs) that name a kind of agreement: an AGREEMENT mention without one ("meeting",
"talks") is not an agreement and stays off the timeline."""

_ORG_DROPPED_WORDS = frozenset({"provincial", "province", "tinh"})
_TRAILING_NUMBER = re.compile(r"\s\d+$")


def _date(value) -> dt.date | None:
    """The first day of a normalised DATE value (a day, month, year or range), or None."""
    if not value or value.get("type") != "date" or not value.get("start"):
        return None
    try:
        return dt.date.fromisoformat(str(value["start"])[:10])
    except ValueError:
        return None


def is_agreement_name(text: str) -> bool:
    """Whether an AGREEMENT mention names an agreement (it holds one of :data:`AGREEMENT_WORDS`)."""
    words = fold_words(text).split()
    pairs = {" ".join(words[i:i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)}
    return bool(pairs & AGREEMENT_WORDS)


def organisation_key(name: str) -> str:
    """The merge key of an organisation name: folded, without a leading article, 's, spaces or 'provincial'.

    "the Lao Cai Provincial Border Guard Command", "Lào Cai Border Guard Command" and "Lao Cai border guard
    command" share one key; so do "Xiengkhouang ..." and "Xiêng Khouang ...".
    """
    words = fold_words(name.replace("’", "'").replace("'s ", " ")).split()
    while words and words[0] in DETERMINERS:
        words = words[1:]
    kept = [w for w in words if w not in _ORG_DROPPED_WORDS] or words
    return fold(" ".join(kept))


def document_border(doc: Document) -> str | None:
    """The land border an article is about: the neighbour (CN, LA, KH) its linked places name most, else None.

    Every linked place mention counts, a country's name included; ties go to the neighbour named first.
    """
    counts = Counter(e.place.country for e in doc.entities if e.place is not None and e.place.country in BORDERS)
    if not counts:
        return None
    first = {}
    for e in sorted(doc.entities, key=lambda e: e.start):
        if e.place is not None and e.place.country in BORDERS:
            first.setdefault(e.place.country, e.start)
    return max(counts, key=lambda c: (counts[c], -first[c]))


def _place_name(place, surfaces: Counter) -> str:
    """A place's display name: the gazetteer's, unless it ends in a number ("Móng Cái 1"), then as written."""
    if _TRAILING_NUMBER.search(place.name) and surfaces:
        return surfaces.most_common(1)[0][0]
    return place.name


# -- places ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MappedPlace:
    """One linked place below country level, with coordinates, and how often the articles name it."""

    place_id: str
    name: str
    country: str
    level: str
    lat: float
    lon: float
    mentions: int
    documents: tuple[str, ...]


def mapped_places(documents: Iterable[Document]) -> list[MappedPlace]:
    """The linked places with coordinates (countries left out), most mentioned first."""
    found: dict[str, list] = {}
    for doc in documents:
        for e in doc.entities:
            p = e.place
            if p is None or p.level == "country" or p.lat is None or p.lon is None:
                continue
            found.setdefault(p.id, [p, Counter(), []])
            found[p.id][1][e.text] += 1
            found[p.id][2].append(doc.id)
    out = [MappedPlace(p.id, _place_name(p, surfaces), p.country, p.level, float(p.lat), float(p.lon),
                       sum(surfaces.values()), tuple(dict.fromkeys(docs)))
           for p, surfaces, docs in found.values()]
    return sorted(out, key=lambda m: (-m.mentions, m.name))


# -- agreements ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Agreement:
    """One agreement (one signing), merged across the articles that report it.

    ``signed_on`` is the signing date the text gives (a ``SIGNED_ON`` relation), else None; ``reported_on``
    the earliest date of the articles that mention it (None when none is dated). ``parties`` are canonical
    names (a linked place by its gazetteer name). ``border`` is a code of :data:`BORDERS` or None.
    """

    name: str
    parties: tuple[str, ...]
    border: str | None
    signed_on: dt.date | None
    reported_on: dt.date | None
    documents: tuple[str, ...]
    mentions: int

    @property
    def when(self) -> dt.date | None:
        """Where the agreement stands on a timeline: its signing date, else its first article's date."""
        return self.signed_on or self.reported_on

    @property
    def title(self) -> str:
        """A row label: the parties (or the agreement's name when none is found) and the border."""
        who = ", ".join(self.parties) if self.parties else f"{self.name} (parties not named)"
        return f"{who} · {BORDER_NAMES[self.border]}" if self.border else who


@dataclass
class _Record:  # one agreement in one article, before merging (mutable while it is gathered)
    name: str
    key: str
    parties: set
    border: str | None
    signed_on: dt.date | None
    date: dt.date | None
    doc_ids: list
    mentions: int


def _agreement_records(doc: Document) -> list[_Record]:
    canon = canonical_entities(doc)
    records: dict[str, _Record] = {}
    key_of: dict[int, str] = {}
    border = document_border(doc)
    for e in doc.entities:
        if e.label != "AGREEMENT" or not is_agreement_name(e.text):
            continue
        key = canon[id(e)].key if id(e) in canon else fold_words(e.text)
        key_of[id(e)] = key
        rec = records.setdefault(key, _Record(e.text, key, set(), None, None, doc.date, [doc.id], 0))
        rec.mentions += 1
        if len(e.text) > len(rec.name):
            rec.name = e.text
    countries: dict[str, set] = {k: set() for k in records}
    for r in doc.relations:
        if r.label == "PARTY_TO" and id(r.tail) in key_of:
            key = key_of[id(r.tail)]
            c = canon.get(id(r.head))
            records[key].parties.add(c.name if c else r.head.text)
            if r.head.place is not None and r.head.place.country in BORDERS:
                countries[key].add(r.head.place.country)
        elif r.label == "SIGNED_ON" and id(r.head) in key_of:
            records[key_of[id(r.head)]].signed_on = records[key_of[id(r.head)]].signed_on or _date(r.tail.value)
    for key, rec in records.items():
        rec.border = next(iter(countries[key])) if len(countries[key]) == 1 else border
    return list(records.values())


def _mergeable(a: _Record, b: _Record) -> bool:
    """One signing: same agreement name and, when both are dated, the same date; else shared parties.

    Within one article, two names with the same parties (two or more) and no conflicting date are one
    agreement too ("memorandum of understanding" ... "the MoU").
    """
    dates_agree = not (a.signed_on and b.signed_on) or a.signed_on == b.signed_on
    if a.key != b.key:
        same_article = bool(set(a.doc_ids) & set(b.doc_ids))
        return same_article and dates_agree and len(a.parties) >= 2 and a.parties == b.parties
    if a.signed_on and b.signed_on:
        return dates_agree
    return bool(a.parties & b.parties)


def agreements(documents: Iterable[Document]) -> list[Agreement]:
    """The agreements the documents mention, merged across articles, in date order (undated last).

    Only AGREEMENT mentions that name an agreement (:func:`is_agreement_name`) count. Within an article, the
    mentions of one agreement are grouped by canonical name; across articles, two are one signing when they
    share a name and a signing date, or a name and a party when either lacks the date.
    """
    merged: list[_Record] = []
    for doc in documents:
        for rec in _agreement_records(doc):
            into = next((m for m in merged if _mergeable(m, rec)), None)
            if into is None:
                merged.append(rec)
                continue
            into.parties |= rec.parties
            into.signed_on = into.signed_on or rec.signed_on
            into.date = min((d for d in (into.date, rec.date) if d), default=None)
            into.border = into.border or rec.border
            into.doc_ids += [d for d in rec.doc_ids if d not in into.doc_ids]
            into.mentions += rec.mentions
    out = [Agreement(m.name, tuple(sorted(m.parties)), m.border, m.signed_on, m.date, tuple(m.doc_ids), m.mentions)
           for m in merged]
    return sorted(out, key=lambda a: (a.when is None, a.when or dt.date.min, a.title))


# -- the actor network -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Actor:
    """One node of the actor network: a place (by id), an organisation (by normalised name) or a person."""

    key: str
    name: str
    kind: str  # the entity label: LOC, FAC, ORG, PER
    border: str | None
    mentions: int
    documents: tuple[str, ...]
    level: str | None = None  # a linked place's gazetteer level (province, district, ...)


@dataclass(frozen=True)
class Link:
    """One edge of the actor network: two actor keys (sorted) and a relation of :data:`RELATION_STYLES`."""

    a: str
    b: str
    relation: str
    count: int
    documents: tuple[str, ...]


@dataclass(frozen=True)
class ActorNetwork:
    actors: tuple[Actor, ...]
    links: tuple[Link, ...]


def _actor_key(e: Entity, canon) -> tuple[str, str] | None:
    c = canon.get(id(e))
    if c is None:
        return None
    if e.place is not None:
        return c.key, c.name
    if c.label == "ORG":
        return f"ORG:{organisation_key(c.name)}", c.name
    return c.key, c.name


def actor_network(documents: Iterable[Document], kinds: Sequence[str] = ("LOC", "FAC", "ORG")) -> ActorNetwork:
    """Actors of the given entity ``kinds`` and the links between them, across ``documents``.

    Nodes merge by place id (linked places) and :func:`organisation_key` (organisations); a node's name is its
    most frequent form (ties: the longest), a place's its gazetteer name. Links: ``COOPERATES_WITH``,
    ``TWINNED_WITH``, and ``PARTY_TO`` for two parties of one agreement of one article. A node's ``border`` is
    its own country when that is a neighbour, else the border its articles are most often about. Two places of
    one name ("Điện Biên" province and district) are told apart by their level.
    """
    kinds = frozenset(kinds)
    names: dict[str, Counter] = {}
    kind_of: dict[str, str] = {}
    docs_of: dict[str, list] = {}
    place_country: dict[str, str] = {}
    place_level: dict[str, str] = {}
    borders_of: dict[str, Counter] = {}
    surfaces: dict[str, Counter] = {}
    links: dict[tuple[str, str, str], list] = {}
    for doc in documents:
        canon = canonical_entities(doc)
        border = document_border(doc)
        key_of: dict[int, str] = {}
        for e in doc.entities:
            if e.label not in kinds or (found := _actor_key(e, canon)) is None:
                continue
            key, name = found
            key_of[id(e)] = key
            names.setdefault(key, Counter())[name] += 1
            surfaces.setdefault(key, Counter())[e.text] += 1
            kind_of.setdefault(key, e.label)
            docs_of.setdefault(key, [])
            if doc.id not in docs_of[key]:
                docs_of[key].append(doc.id)
                if border:
                    borders_of.setdefault(key, Counter())[border] += 1
            if e.place is not None:
                place_country[key] = e.place.country
                place_level[key] = e.place.level
        parties: dict[int, set] = {}
        for r in doc.relations:
            if r.label == "PARTY_TO" and id(r.head) in key_of and is_agreement_name(r.tail.text):
                parties.setdefault(id(r.tail), set()).add(key_of[id(r.head)])
                continue
            if r.label not in RELATION_STYLES or r.label == "PARTY_TO":
                continue
            a, b = key_of.get(id(r.head)), key_of.get(id(r.tail))
            if a and b and a != b:
                links.setdefault((*sorted((a, b)), r.label), []).append(doc.id)
        for agreement_parties in parties.values():
            for a, b in combinations(sorted(agreement_parties), 2):
                links.setdefault((a, b, "PARTY_TO"), []).append(doc.id)
    actors = []
    for key, counter in names.items():
        if key.startswith("place:"):
            name = counter.most_common(1)[0][0]
            name = surfaces[key].most_common(1)[0][0] if _TRAILING_NUMBER.search(name) else name
        else:
            name = max(counter, key=lambda n: (counter[n], len(n)))
        country = place_country.get(key)
        border = country if country in BORDERS else (
            borders_of[key].most_common(1)[0][0] if key in borders_of else None)
        actors.append(Actor(key, name, kind_of[key], border, sum(counter.values()), tuple(docs_of[key]),
                            place_level.get(key)))
    shared = Counter(a.name for a in actors)
    actors = [replace(a, name=f"{a.name} ({a.level})") if shared[a.name] > 1 and a.level else a for a in actors]
    return ActorNetwork(
        tuple(sorted(actors, key=lambda a: (-a.mentions, a.name))),
        tuple(Link(a, b, rel, len(ds), tuple(dict.fromkeys(ds))) for (a, b, rel), ds in sorted(links.items())),
    )
