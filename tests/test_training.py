"""Fine-tuning on a tiny random model: data checks, learning, early stopping, resume, the CLI."""

from __future__ import annotations

import json

import pytest

from borderie.cli.main import main
from borderie.errors import GoldFormatError, UsageError
from borderie.model import load
from borderie.model.tiny import tiny_extractor
from borderie.training import TrainingConfig, train
from borderie.training import trainer as trainer_module
from borderie.evaluate import evaluate

FAST = dict(batch_size=2, learning_rate=1e-2, head_learning_rate=1e-2, freeze_embeddings=False)


@pytest.fixture()
def tiny(gold_docs):
    return tiny_extractor([d.text for d in gold_docs], max_length=48, stride=12, dropout=0.1)


def test_training_learns_and_saves_the_best_epoch(gold_docs, tmp_path):
    tiny = tiny_extractor([d.text for d in gold_docs], hidden=64, max_length=64, stride=16, dropout=0.1)
    before = evaluate(gold_docs, list(tiny.pipe(gold_docs)))
    result = train(gold_docs, gold_docs, tmp_path / "run", init=tiny,
                   config=TrainingConfig(epochs=12, patience=12, **FAST), progress=False)
    best = next(h for h in result.history if h.epoch == result.best_epoch)
    assert best.entity_f1 > before.entities.micro.f1 + 0.3  # it fits its training data
    assert result.data_report.entities == sum(len(d.entities) for d in gold_docs)
    saved = load(tmp_path / "run", precision="float32")  # training evaluates in float32
    report = evaluate(gold_docs, list(saved.pipe(gold_docs)))
    assert report.entities.micro.f1 == pytest.approx(best.entity_f1)
    assert report.relations.micro.f1 == pytest.approx(best.relation_f1)
    history = json.loads((tmp_path / "run" / "training.json").read_text())
    assert history["best_epoch"] == result.best_epoch and len(history["history"]) == len(result.history)
    assert not (tmp_path / "run" / "checkpoint").exists()


def test_bad_training_data_is_rejected_before_training(tiny, gold_records, tmp_path):
    bad = tmp_path / "bad.jsonl"
    broken = dict(gold_records[0], entities=[dict(gold_records[0]["entities"][0], end=10**6)])
    bad.write_text(json.dumps(gold_records[1]) + "\n" + json.dumps(broken) + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="E122"):
        train(bad, bad, tmp_path / "out", init=tiny, progress=False)
    assert not (tmp_path / "out").exists()
    code = main(["train", "--train", str(bad), "--dev", str(bad), "--out", str(tmp_path / "cli"), "--quiet"])
    assert code == 1 and not (tmp_path / "cli").exists()


def test_existing_output_is_not_overwritten_unless_asked(tiny, gold_docs, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    cfg = TrainingConfig(epochs=1, **FAST)
    with pytest.raises(UsageError, match="overwrite"):
        train(gold_docs, gold_docs, out, init=tiny, config=cfg, progress=False)
    train(gold_docs, gold_docs, out, init=tiny, config=cfg, progress=False, overwrite=True)
    assert (out / "notes.txt").read_text() == "mine" and (out / "config.json").is_file()
    with pytest.raises(UsageError, match="checkpoint"):
        train(gold_docs, gold_docs, tmp_path / "new", init=tiny, config=cfg, progress=False, resume=True)


def test_early_stopping(tiny, gold_docs, tmp_path):
    frozen = TrainingConfig(epochs=10, patience=1, batch_size=2, learning_rate=0.0, head_learning_rate=0.0)
    result = train(gold_docs, gold_docs[:2], tmp_path / "es", init=tiny, config=frozen, progress=False)
    assert result.stopped_early and len(result.history) == 3 and result.best_epoch == 1


def test_interrupted_run_resumes_to_the_same_result(gold_docs, tmp_path, monkeypatch):
    texts = [d.text for d in gold_docs]
    cfg = TrainingConfig(epochs=3, patience=3, checkpoint_every=1, **FAST)
    reference = train(gold_docs, gold_docs, tmp_path / "ref",
                      init=tiny_extractor(texts, max_length=48, stride=12, dropout=0.1), config=cfg, progress=False)

    real = trainer_module._batch_loss
    calls = {"n": 0}

    def crash_on_step_5(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(trainer_module, "_batch_loss", crash_on_step_5)
    with pytest.raises(KeyboardInterrupt):
        train(gold_docs, gold_docs, tmp_path / "run",
              init=tiny_extractor(texts, max_length=48, stride=12, dropout=0.1), config=cfg, progress=False)
    assert (tmp_path / "run" / "checkpoint" / "state.pt").is_file()
    monkeypatch.setattr(trainer_module, "_batch_loss", real)
    with pytest.raises(UsageError, match="different training settings: epochs"):
        train(gold_docs, gold_docs, tmp_path / "run", init=tiny_extractor(texts, max_length=48, stride=12),
              config=TrainingConfig(**{**cfg.__dict__, "epochs": 4}), progress=False, resume=True)
    resumed = train(gold_docs, gold_docs, tmp_path / "run",
                    init=tiny_extractor(texts, max_length=48, stride=12, dropout=0.1), config=cfg,
                    progress=False, resume=True)
    assert [(h.entity_f1, h.relation_f1) for h in resumed.history] == \
           [(h.entity_f1, h.relation_f1) for h in reference.history]
    assert [h.train_loss for h in resumed.history] == pytest.approx([h.train_loss for h in reference.history])


def test_cli_trains_from_a_model_directory(tiny, gold_path, tmp_path, capsys):
    tiny.save_pretrained(tmp_path / "start")
    out = tmp_path / "cli"
    args = ["train", "--train", str(gold_path), "--dev", str(gold_path), "--out", str(out), "--from",
            str(tmp_path / "start"), "--epochs", "1", "--batch-size", "3", "--quiet", "--train-embeddings"]
    assert main(args) == 0
    assert "best epoch 1" in capsys.readouterr().out
    assert load(out).config == load(tmp_path / "start").config
    assert main(args) == 2  # the directory now exists: a usage error
    assert "overwrite" in capsys.readouterr().err
