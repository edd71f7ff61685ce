"""Long texts are read segment by segment: cuts between sentences or at white space, offsets exact."""

import pytest

from borderie.model import pipeline
from borderie.model.segments import segment_bounds


def test_short_texts_are_one_segment():
    assert segment_bounds("Lào Cai giáp Vân Nam.", 100) == [(0, 21)]


def test_cuts_fall_between_sentences_and_cover_the_text(gold_docs):
    text = "\n".join(d.text for d in gold_docs)
    bounds = segment_bounds(text, 2_000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a == b for (_, a), (b, _) in zip(bounds, bounds[1:]))  # contiguous, in order
    assert all(b - a <= 2_000 for a, b in bounds)
    starts = {s.start for s in gold_docs[0].__class__("x", text).sentences}
    assert all(b in starts for _, b in bounds[:-1])


def test_a_sentence_without_punctuation_is_cut_at_white_space():
    text = " ".join(["Điện Biên"] * 500)
    bounds = segment_bounds(text, 1_000)
    assert all(b - a <= 1_000 for a, b in bounds) and len(bounds) > 4
    assert all(text[b - 1] == " " for _, b in bounds[:-1])
    assert segment_bounds("x" * 5_000, 1_000) == [(0, 5_000)]  # one word stays whole


def test_the_pipeline_reads_a_long_text_in_segments_with_exact_offsets(gold_docs, monkeypatch):
    from borderie.model.tiny import tiny_extractor

    tiny = tiny_extractor([d.text for d in gold_docs], seed=0)
    text = "\n\n".join(d.text for d in gold_docs)
    seen = []
    decode = tiny._decode

    def spy(items):
        seen.extend(len(i.text) for i in items)
        return decode(items)

    monkeypatch.setattr(pipeline, "SEGMENT_CHARS", 3_000)
    monkeypatch.setattr(tiny, "_decode", spy)
    doc = tiny(text)
    assert max(seen) <= 3_000 and len(seen) >= len(text) // 3_000
    assert doc.entities and all(text[e.start:e.end] == e.text for e in doc.entities)
    assert all(r.head in doc.entities and r.tail in doc.entities for r in doc.relations)
