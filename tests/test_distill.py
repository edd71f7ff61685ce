"""Distillation: a shallower student keeps the teacher's heads and chosen layers, trains on soft targets, reloads."""

import pytest
import torch

import borderie
from borderie.cli.main import main
from borderie.errors import UsageError
from borderie.training.data import prepare_examples
from borderie.training.distill import shallow_student, soft_targets


@pytest.fixture(scope="module")
def teacher(gold_docs):
    from borderie.model.tiny import tiny_extractor

    return tiny_extractor([d.text for d in gold_docs], layers=3, seed=0)


def test_student_keeps_the_chosen_layers_and_the_heads(teacher):
    student = shallow_student(teacher, (0, 2))
    assert student.network.encoder.config.num_hidden_layers == 2 == student.config.encoder["num_hidden_layers"]
    t_layers, s_layers = teacher.network.encoder.encoder.layer, student.network.encoder.encoder.layer
    assert torch.equal(s_layers[1].output.dense.weight, t_layers[2].output.dense.weight)
    assert torch.equal(student.network.tagger.weight, teacher.network.tagger.weight)
    assert s_layers[0].output.dense.weight is not t_layers[0].output.dense.weight  # a copy, the teacher untouched
    with pytest.raises(UsageError):
        shallow_student(teacher, (2, 0))


def test_soft_targets_cover_every_piece_and_candidate_pair(teacher, gold_docs):
    examples, _ = prepare_examples(gold_docs[:2], teacher.tokenizer, teacher.config)
    soft = soft_targets(teacher, examples)
    for ex, s in zip(examples, soft):
        assert s.tags.shape == (len(ex.ids), len(teacher.network.tags))
        assert s.relations.shape == (len(ex.pairs), len(teacher.config.relation_classes))


def test_distill_command_trains_and_saves_a_student_that_loads(teacher, gold_path, tmp_path, capsys):
    teacher.save_pretrained(tmp_path / "teacher", full=True)
    assert main(["distill", str(tmp_path / "teacher"), "--train", str(gold_path), "--dev", str(gold_path),
                 "--out", str(tmp_path / "student"), "--layers", "0,2", "--epochs", "1", "--device", "cpu",
                 "-q"]) == 0
    assert "student saved to" in capsys.readouterr().out
    student = borderie.load(tmp_path / "student", device="cpu")
    assert student.network.encoder.config.num_hidden_layers == 2
    doc = student("Le district de Nậm Pồ partage 119,7 km de frontière avec le Laos.")
    assert all(doc.text[e.start:e.end] == e.text for e in doc.entities)
