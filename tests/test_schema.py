from borderie.schema import (ENTITY_LABELS, RELATION_LABELS, RELATION_TYPES, SYMMETRIC_RELATIONS,
                             allowed_relations, relation_allowed)


def test_labels_match_the_guidelines():
    assert set(ENTITY_LABELS) == {"PER", "ORG", "LOC", "FAC", "DATE", "QUANTITY", "AGREEMENT", "TITLE"}
    assert len(RELATION_LABELS) == 9
    assert SYMMETRIC_RELATIONS == {"BORDERS", "TWINNED_WITH", "COOPERATES_WITH"}


def test_type_rules():
    assert relation_allowed("HAS_TITLE", "PER", "TITLE")
    assert not relation_allowed("HAS_TITLE", "TITLE", "PER")  # directed
    assert relation_allowed("COOPERATES_WITH", "ORG", "PER")
    assert relation_allowed("LOCATED_IN", "FAC", "LOC")
    assert not relation_allowed("LOCATED_IN", "LOC", "FAC")
    assert not relation_allowed("NOT_A_LABEL", "PER", "ORG")
    assert set(allowed_relations("PER", "ORG")) == {"COOPERATES_WITH", "AFFILIATED_WITH"}
    assert allowed_relations("DATE", "DATE") == ()


def test_every_relation_type_uses_known_labels():
    for rtype in RELATION_TYPES.values():
        assert rtype.heads <= set(ENTITY_LABELS) and rtype.tails <= set(ENTITY_LABELS)
