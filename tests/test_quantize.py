import pytest
import torch

from borderie import UsageError


def test_quantized_copy_keeps_offsets_and_refuses_to_save(gold_docs, tmp_path):
    from borderie.model.tiny import tiny_extractor

    nlp = tiny_extractor([d.text for d in gold_docs], seed=3)
    fast = nlp.quantize()
    assert fast.quantized and not nlp.quantized
    texts = [d.text[:600] for d in gold_docs]
    docs = list(fast.pipe(texts))
    assert sum(len(d.entities) for d in docs) > 0
    for d in docs:
        for e in d.entities:
            assert d.text[e.start:e.end] == e.text
    with pytest.raises(UsageError, match="quantized"):
        fast.save_pretrained(tmp_path / "q")
    nlp.save_pretrained(tmp_path / "f", full=True)  # the float model still saves


def test_int8_leaves_feed_forward_outputs_and_heads_float(gold_docs):
    from transformers.models.bert.modeling_bert import BertOutput

    from borderie.model.tiny import tiny_extractor

    fast = tiny_extractor([d.text for d in gold_docs], seed=3).quantize()
    dynamic = torch.ao.nn.quantized.dynamic.Linear
    layers = fast.network.encoder.encoder.layer
    assert all(isinstance(layer.output, BertOutput) and type(layer.output.dense) is torch.nn.Linear for layer in layers)
    assert all(isinstance(m, dynamic) for layer in layers
               for m in (layer.attention.self.query, layer.attention.self.key, layer.attention.self.value,
                         layer.attention.output.dense, layer.intermediate.dense))
    assert type(fast.network.tagger) is torch.nn.Linear


def test_extract_int8_writes_records_marked_with_the_quantized_model(gold_docs, tmp_path, monkeypatch):
    import json

    from borderie.cli.main import main
    from borderie.model.tiny import tiny_extractor

    model = tmp_path / "tiny"
    tiny_extractor([d.text for d in gold_docs], seed=3).save_pretrained(model, full=True)
    (tmp_path / "a.txt").write_text(gold_docs[0].text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "a.txt", "-o", "float.jsonl", "--model", str(model), "-q"]) == 0
    assert main(["extract", "a.txt", "-o", "int8.jsonl", "--model", str(model), "--int8", "-q"]) == 0
    marks = [json.loads((tmp_path / f).read_text(encoding="utf-8"))["extractor"]["model"]
             for f in ("float.jsonl", "int8.jsonl")]
    assert marks[0] != marks[1]
    assert main(["extract", "a.txt", "-o", "float.jsonl", "--model", str(model), "--int8", "-q"]) == 2  # E307
