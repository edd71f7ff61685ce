"""Inference precision: float32 by default from from_pretrained, bfloat16 on request, 'auto' by the hardware."""

import pytest
import torch

from borderie import UsageError
from borderie.model import PRECISIONS, Extractor, load, native_bfloat16
from borderie.model.network import WindowPlan


def _states(nlp: Extractor, text: str) -> torch.Tensor:
    """The encoder's piece states for one text, straight from the network."""
    tokens = nlp.tokenizer.tokenize(text)
    plan = WindowPlan.build(len(tokens), nlp.config.max_length, nlp.config.stride)
    tok = nlp.tokenizer
    return nlp.network.piece_states([tokens.ids], [plan], tok.bos_id, tok.eos_id, tok.pad_id)[0]


@pytest.fixture(scope="module")
def saved(gold_docs, tmp_path_factory):
    from borderie.model.tiny import tiny_extractor

    path = tmp_path_factory.mktemp("precision") / "tiny"
    tiny_extractor([d.text for d in gold_docs], seed=5).save_pretrained(path, full=True)
    return path


def test_bfloat16_encoder_keeps_offsets_and_nearly_the_same_states(saved, gold_docs):
    exact = Extractor.from_pretrained(saved, precision="float32")
    half = Extractor.from_pretrained(saved, precision="bfloat16")
    assert (exact.precision, half.precision) == ("float32", "bfloat16")
    texts = [d.text[:800] for d in gold_docs]
    with torch.inference_mode():
        a, b = _states(exact, texts[0]), _states(half, texts[0])
    assert b.dtype == torch.float32 and a.shape == b.shape
    assert not torch.equal(a, b)  # bfloat16 really ran ...
    assert torch.nn.functional.cosine_similarity(a, b, dim=-1).min() > 0.98  # ... and changed little
    for doc in half.pipe(texts):
        assert all(doc.text[e.start:e.end] == e.text for e in doc.entities)


def test_set_precision_checks_its_argument(saved):
    nlp = Extractor.from_pretrained(saved)
    assert set(PRECISIONS) == {"auto", "float32", "bfloat16", "float16"}
    with pytest.raises(UsageError, match="precision must be one of"):
        nlp.set_precision("fp8")
    with pytest.raises(UsageError, match="float16 is for GPUs"):
        nlp.set_precision("float16")
    assert nlp.set_precision("auto").precision == ("bfloat16" if native_bfloat16("cpu") else "float32")
    assert nlp.set_precision("float32").precision == "float32"


def test_quantized_models_stay_float32(saved):
    fast = load(saved, quantize=True)
    assert fast.quantized and fast.precision == "float32"
    with pytest.raises(UsageError, match="precision"):
        fast.set_precision("bfloat16")
    with pytest.raises(UsageError, match="quantize"):
        load(saved, quantize=True, precision="bfloat16")


def test_training_mode_ignores_the_inference_precision(saved):
    nlp = Extractor.from_pretrained(saved, precision="bfloat16")
    text = "Le district de Nâm Pô partage 119,7 km de frontière avec Muong May."
    nlp.network.train()
    for module in nlp.network.modules():
        if isinstance(module, torch.nn.Dropout):
            module.p = 0.0
    trained = _states(nlp, text)
    nlp.network.encoder_dtype = None
    reference = _states(nlp, text)
    assert torch.allclose(trained, reference)
