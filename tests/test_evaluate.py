import json

import pytest

from borderie import Document, Entity, Relation, evaluate
from borderie.cli.main import main

TEXT = "Colonel Tran Quang Tung met Lao Cai officials; Lao Cai borders Yunnan."


def ent(surface, label, occurrence=1):
    start = -1
    for _ in range(occurrence):
        start = TEXT.index(surface, start + 1)
    return Entity(start, start + len(surface), label, surface)


TITLE, PER = ent("Colonel", "TITLE"), ent("Tran Quang Tung", "PER")
LC1, LC2, YN = ent("Lao Cai", "LOC"), ent("Lao Cai", "LOC", 2), ent("Yunnan", "LOC")
GOLD = Document("d1", TEXT, lang="en", entities=(TITLE, PER, LC1, LC2, YN),
                relations=(Relation(PER, TITLE, "HAS_TITLE"), Relation(LC2, YN, "BORDERS")))


def doc(entities, relations=(), id="d1", lang="en"):
    return Document(id, TEXT, lang=lang, entities=tuple(entities), relations=tuple(relations))


def test_perfect():
    r = evaluate([GOLD], [GOLD])
    assert (r.entities.micro.p, r.entities.micro.r, r.entities.micro.f1) == (1.0, 1.0, 1.0)
    assert r.relations.micro.tp == 2 and r.relations.micro.f1 == 1.0


def test_empty_prediction_and_empty_gold():
    r = evaluate([GOLD], [doc([])])
    assert (r.entities.micro.tp, r.entities.micro.fp, r.entities.micro.fn) == (0, 0, 5)
    assert r.entities.micro.f1 == 0.0 and r.relations.micro.fn == 2
    both_empty = evaluate([doc([])], [doc([])])
    assert both_empty.entities.micro.f1 == 1.0 and both_empty.relations.micro.f1 == 1.0


def test_partial():
    # 3 right entities, 1 wrong span, 1 spurious; 1 right relation
    wrong_span = Entity(PER.start, PER.end - 5, "PER", TEXT[PER.start:PER.end - 5])
    spurious = ent("officials", "ORG")
    pred = doc([TITLE, wrong_span, LC1, LC2, YN, spurious], [Relation(LC2, YN, "BORDERS")])
    r = evaluate([GOLD], [pred])
    e = r.entities.micro
    assert (e.tp, e.fp, e.fn) == (4, 2, 1)
    assert e.p == pytest.approx(4 / 6) and e.r == pytest.approx(4 / 5)
    assert e.f1 == pytest.approx(2 * (4 / 6) * (4 / 5) / (4 / 6 + 4 / 5))
    assert r.entities.per_label["PER"].to_dict() == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 1, "fn": 1}
    assert r.entities.per_label["LOC"].f1 == 1.0
    rel = r.relations.micro
    assert (rel.tp, rel.fp, rel.fn) == (1, 0, 1) and rel.r == 0.5
    assert r.relations.per_label["HAS_TITLE"].fn == 1


def test_symmetric_relation_in_the_other_order_matches_but_directed_does_not():
    pred = doc(GOLD.entities, [Relation(YN, LC2, "BORDERS"), Relation(TITLE, PER, "HAS_TITLE")])
    r = evaluate([GOLD], [pred])
    assert r.relations.per_label["BORDERS"].tp == 1
    assert (r.relations.per_label["HAS_TITLE"].fp, r.relations.per_label["HAS_TITLE"].fn) == (1, 1)


def test_wrong_label():
    pred = doc([TITLE, PER, LC1, LC2, Entity(YN.start, YN.end, "ORG", YN.text)],
               [Relation(PER, TITLE, "HAS_TITLE"), Relation(LC2, YN, "COOPERATES_WITH")])
    r = evaluate([GOLD], [pred])
    assert (r.entities.micro.tp, r.entities.micro.fp, r.entities.micro.fn) == (4, 1, 1)
    assert r.entities.per_label["ORG"].fp == 1 and r.entities.per_label["LOC"].fn == 1
    assert r.relations.per_label["COOPERATES_WITH"].fp == 1 and r.relations.per_label["BORDERS"].fn == 1


def test_missing_document_counts_as_misses_and_per_language():
    gold_fr = doc(GOLD.entities, GOLD.relations, id="d2", lang="fr")
    r = evaluate([GOLD, gold_fr], [GOLD, Document("other", "Another article.", lang="en")])
    assert r.missing_predictions == ("d2",) and r.unmatched_predictions == ("other",)
    assert r.entities.per_lang["en"].f1 == 1.0
    assert r.entities.per_lang["fr"].to_dict()["fn"] == 5 and r.entities.per_lang["fr"].f1 == 0.0
    assert (r.entities.micro.tp, r.entities.micro.fn) == (5, 5)
    assert r.relations.micro.r == 0.5


def test_cli_json_on_seeds(gold_path, capsys):
    assert main(["evaluate", "--gold", str(gold_path), "--pred", str(gold_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["entities"]["micro"]["f1"] == 1.0 and report["relations"]["micro"]["f1"] == 1.0
    assert report["entities"]["micro"]["tp"] == 217 and report["relations"]["micro"]["tp"] == 138
    assert set(report["entities"]["per_lang"]) == {"en", "fr"}
    assert {"p", "r", "f1", "tp", "fp", "fn"} == set(report["relations"]["per_label"]["BORDERS"])


def test_cli_table(gold_path, capsys):
    assert main(["evaluate", "--gold", str(gold_path), "--pred", str(gold_path)]) == 0
    out = capsys.readouterr().out
    assert "Entities" in out and "Relations" in out and "lang=fr" in out
