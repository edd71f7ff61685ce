"""Who and where, across mentions: cluster the mentions of one place, person or organisation.

Each entity gets a *canonical key* and a *canonical name*:

* LOC/FAC linked to the gazetteer: the place id and its canonical name, so
  "Diên Biên", "Dien Bien" and "Điện Biên" are one node;
* LOC/FAC without a link, ORG, AGREEMENT: the label and the folded surface
  (case, diacritics, spacing and hyphens forgiven);
* PER: a short form ("Cường", "Khamphoy") joins the one full name of the same
  document that starts or ends with it; full names are then keyed by their
  folded form, across documents.

DATE, QUANTITY and TITLE mentions are values, not actors: they get no cluster.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from .document import Document, Entity
from .schema import ACTOR_LABELS
from .text import fold_words


@dataclass(frozen=True)
class Canonical:
    """The cluster an entity belongs to: a stable ``key``, a display ``name`` and the ``label``."""

    key: str
    name: str
    label: str


def _person_clusters(doc: Document) -> dict[int, Entity]:
    """For each PER mention (by position), the full-name mention it stands for."""
    people = [(e, fold_words(e.text).split()) for e in doc.entities if e.label == "PER"]
    full: dict[int, Entity] = {}
    for e, words in people:
        n = len(words)
        matches = {" ".join(other): o for o, other in people
                   if len(other) > n and (other[-n:] == words or other[:n] == words)}
        full[id(e)] = next(iter(matches.values())) if len(matches) == 1 else e
    return full


def canonical_entities(doc: Document) -> dict[int, Canonical]:
    """``{id(entity): Canonical}`` for the actor mentions of one document."""
    people = _person_clusters(doc)
    out: dict[int, Canonical] = {}
    for e in doc.entities:
        if e.label not in ACTOR_LABELS:
            continue
        if e.place is not None:
            out[id(e)] = Canonical(f"place:{e.place.id}", e.place.name, e.label)
        elif e.label == "PER":
            head = people[id(e)]
            out[id(e)] = Canonical(f"PER:{fold_words(head.text)}", head.text, "PER")
        else:
            out[id(e)] = Canonical(f"{e.label}:{fold_words(e.text)}", e.text, e.label)
    return out


@dataclass(frozen=True)
class Cluster:
    """One real-world thing and every mention of it across the documents."""

    key: str
    name: str
    label: str
    mentions: tuple[tuple[str, Entity], ...]  # (document id, entity)

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(doc_id for doc_id, _ in self.mentions))


def cluster_mentions(documents: Iterable[Document]) -> list[Cluster]:
    """Clusters of actor mentions within and across documents, largest first.

    A cluster's name is its most frequent canonical name (ties: the longest).
    """
    members: dict[str, list[tuple[str, Entity]]] = {}
    names: dict[str, dict[str, int]] = {}
    labels: dict[str, str] = {}
    for doc in documents:
        canon = canonical_entities(doc)
        for e in doc.entities:
            c = canon.get(id(e))
            if c is None:
                continue
            members.setdefault(c.key, []).append((doc.id, e))
            names.setdefault(c.key, {})
            names[c.key][c.name] = names[c.key].get(c.name, 0) + 1
            labels.setdefault(c.key, c.label)
    clusters = [Cluster(key, max(names[key], key=lambda n: (names[key][n], len(n))), labels[key], tuple(ms))
                for key, ms in members.items()]
    return sorted(clusters, key=lambda c: (-len(c.mentions), c.key))


def canonical_names(clusters: Iterable[Cluster]) -> Mapping[str, str]:
    return {c.key: c.name for c in clusters}
