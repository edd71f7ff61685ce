"""The annotation schema: entity labels, relation labels and their type rules.

This module is the single place where the schema of
``annotation-guidelines.md`` (gold format v1) is declared. Everything else in
borderie (validation, the evaluator, the model heads, the converters) reads
it from here.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 1
"""Version of the gold JSONL format and label set (``annotation-guidelines.md``)."""

ENTITY_LABELS: tuple[str, ...] = (
    "PER",
    "ORG",
    "LOC",
    "FAC",
    "DATE",
    "QUANTITY",
    "AGREEMENT",
    "TITLE",
)

ENTITY_DESCRIPTIONS: dict[str, str] = {
    "PER": "a person's name, without title or rank",
    "ORG": "a specific organisation, force, unit, committee, party, ministry, company, station",
    "LOC": "a named place: country, province, district, commune, village, city, river, region",
    "FAC": "a named built place or landmark: border gate, border marker, museum, hill",
    "DATE": "a date, year, day or period",
    "QUANTITY": "a measured amount with its unit (length, area, money, weight)",
    "AGREEMENT": "a specific agreement, memorandum, protocol or accord",
    "TITLE": "a position or rank held by a person",
}


@dataclass(frozen=True)
class RelationType:
    """One relation label and the entity labels its arguments may carry."""

    label: str
    heads: frozenset[str]
    tails: frozenset[str]
    symmetric: bool
    description: str

    def allows(self, head_label: str, tail_label: str) -> bool:
        """Whether ``head_label -> tail_label`` obeys the type rule.

        Symmetric relations are accepted in either direction.
        """
        if head_label in self.heads and tail_label in self.tails:
            return True
        return self.symmetric and tail_label in self.heads and head_label in self.tails


def _rel(label: str, heads: str, tails: str, symmetric: bool, description: str) -> RelationType:
    return RelationType(label, frozenset(heads.split("/")), frozenset(tails.split("/")), symmetric, description)


RELATION_TYPES: dict[str, RelationType] = {
    r.label: r
    for r in (
        _rel("BORDERS", "LOC", "LOC", True, "the two places share a border"),
        _rel("BORDER_LENGTH", "LOC", "QUANTITY", False, "the length of that place's border"),
        _rel("PARTY_TO", "PER/ORG/LOC", "AGREEMENT", False, "signatory or party of the agreement"),
        _rel("SIGNED_ON", "AGREEMENT", "DATE", False, "when the agreement was signed or made"),
        _rel("TWINNED_WITH", "LOC/ORG", "LOC/ORG", True, "twinning between the two"),
        _rel("COOPERATES_WITH", "LOC/ORG/PER", "LOC/ORG/PER", True, "the two interact: cooperate, meet, patrol jointly"),
        _rel("HAS_TITLE", "PER", "TITLE", False, "the person holds that position or rank"),
        _rel("AFFILIATED_WITH", "PER", "ORG/LOC", False, "the person belongs to, leads or represents it"),
        _rel("LOCATED_IN", "LOC/FAC/ORG", "LOC", False, "the first lies inside the second"),
    )
}

RELATION_LABELS: tuple[str, ...] = tuple(RELATION_TYPES)
SYMMETRIC_RELATIONS: frozenset[str] = frozenset(r.label for r in RELATION_TYPES.values() if r.symmetric)
NO_RELATION = "NONE"
"""The relation head's class for a mention pair that holds no relation (class 0, before the labels)."""

# -- label roles: what the rest of borderie does with each entity label ------------------------
VALUE_LABELS: frozenset[str] = frozenset({"DATE", "QUANTITY"})
"""Labels whose mentions get a normalised ``Entity.value`` (:mod:`borderie.values`)."""
PLACE_LABELS: frozenset[str] = frozenset({"LOC", "FAC"})
"""Labels whose mentions are linked to the gazetteer (``Entity.place``)."""
ACTOR_LABELS: frozenset[str] = frozenset({"PER", "ORG", "LOC", "FAC", "AGREEMENT"})
"""Labels that become nodes of the actor graph and the aggregated tables (:mod:`borderie.aggregate`)."""
DESIGNATOR_FREE_LABELS: frozenset[str] = frozenset({"LOC"})
"""Labels whose spans leave administrative designators outside (``[Điện Biên] Province``, guidelines)."""


def relation_allowed(label: str, head_label: str, tail_label: str) -> bool:
    """Whether a relation ``label`` may link a ``head_label`` mention to a ``tail_label`` one."""
    rtype = RELATION_TYPES.get(label)
    return rtype is not None and rtype.allows(head_label, tail_label)


def allowed_relations(head_label: str, tail_label: str) -> tuple[str, ...]:
    """All relation labels that may link ``head_label`` -> ``tail_label`` (in this direction)."""
    return tuple(
        r.label for r in RELATION_TYPES.values() if head_label in r.heads and tail_label in r.tails
    )
