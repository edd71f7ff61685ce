import pytest

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
