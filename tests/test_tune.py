"""Relation thresholds: the pure selection rule, the scan on gold articles, and storing the choice in a model."""

from __future__ import annotations

import pytest

from borderie import UsageError
from borderie.cli.main import main
from borderie.evaluate import evaluate
from borderie.model import load
from borderie.model.pairs import RELATION_CLASSES, select_relations
from borderie.model.tiny import tiny_extractor
from borderie.training.select import scan_relation_thresholds, set_relation_threshold


def probs(**by_label):
    p = [0.0] * len(RELATION_CLASSES)
    for label, value in by_label.items():
        p[RELATION_CLASSES.index(label)] = value
    return p


def test_select_relations_argmax_and_threshold():
    pairs = [(0, 1), (2, 3)]
    table = [probs(NONE=0.5, BORDERS=0.3, TWINNED_WITH=0.2),   # "no relation" wins the argmax...
             probs(NONE=0.1, PARTY_TO=0.9)]
    assert select_relations(pairs, table) == [(2, 3, "PARTY_TO", 0.9)]
    # ...but half the mass says "some relation": a threshold of 0.5 keeps the most probable label
    assert select_relations(pairs, table, 0.5) == [(0, 1, "BORDERS", 0.3), (2, 3, "PARTY_TO", 0.9)]
    assert select_relations(pairs, table, 0.95) == []


def test_one_direction_per_label_and_pair():
    chosen = select_relations([(0, 1), (1, 0)], [probs(NONE=0.2, LOCATED_IN=0.8), probs(NONE=0.1, LOCATED_IN=0.9)])
    assert chosen == [(1, 0, "LOCATED_IN", 0.9)]


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory, gold_docs):
    nlp = tiny_extractor([d.text for d in gold_docs], seed=5)
    return nlp.save_pretrained(tmp_path_factory.mktemp("tiny") / "model")


def test_scan_scores_every_threshold_like_the_pipeline(tiny_dir, gold_docs):
    nlp = load(tiny_dir, precision="float32")
    scan = scan_relation_thresholds(nlp, gold_docs, (None, 0.3, 0.6))
    assert [s.threshold for s in scan.scores] == [None, 0.3, 0.6]
    assert scan.scores[0].f1 == pytest.approx(evaluate(gold_docs, list(nlp.pipe(gold_docs))).relations.micro.f1)
    assert scan.best in scan.scores and "<- best" in scan.format_table()
    with pytest.raises(UsageError):
        scan_relation_thresholds(nlp, gold_docs, (1.5,))


def test_threshold_is_stored_and_used(tiny_dir, gold_path, capsys):
    set_relation_threshold(tiny_dir, 0.35)
    nlp = load(tiny_dir, precision="float32")
    assert nlp.config.relation_threshold == 0.35
    with pytest.raises(UsageError):
        set_relation_threshold(tiny_dir, 0.0)
    assert main(["tune", "--model", str(tiny_dir), "--gold", str(gold_path), "--thresholds", "0.4", "--write"]) == 0
    out = capsys.readouterr().out
    assert "argmax" in out and "written to" in out
    assert load(tiny_dir).config.relation_threshold in (None, 0.4)


def test_best_keeps_argmax_unless_a_threshold_clearly_gains():
    from borderie.training.select import ThresholdScan, ThresholdScore

    close = ThresholdScan((ThresholdScore(None, 0.7, 0.6, 0.650), ThresholdScore(0.5, 0.6, 0.7, 0.652)))
    assert close.best.threshold is None
    clear = ThresholdScan((ThresholdScore(None, 0.7, 0.6, 0.650), ThresholdScore(0.4, 0.6, 0.75, 0.670)))
    assert clear.best.threshold == 0.4
