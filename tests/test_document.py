import datetime as dt
import json

import pytest

from borderie import Document, Entity, InvalidDocumentError, Place, Relation


def test_gold_round_trips_losslessly(gold_records):
    for record in gold_records:
        doc = Document.from_dict(record)
        assert doc.to_dict() == record
        assert Document.from_json(doc.to_json()) == doc


def test_offsets_index_the_text(gold_docs):
    for doc in gold_docs:
        for e in doc.entities:
            assert doc.text[e.start:e.end] == e.text


def test_helpers(gold_docs):
    doc = next(d for d in gold_docs if d.id == "seed-000")
    locs = doc.entities_by_label("LOC")
    assert locs and all(e.label == "LOC" for e in locs)
    assert [e.text for e in locs][:2] == ["Nâm Pô", "Diên Biên"]
    first = doc.entities[0]
    assert doc.entity(first.id) is first
    sentence = doc.sentence_of(first)
    assert sentence.start <= first.start < first.end <= sentence.end
    assert doc.date is None
    assert next(d for d in gold_docs if d.id == "seed-002").date == dt.date(2025, 10, 16)


def test_relations_hold_entities(gold_docs):
    doc = next(d for d in gold_docs if d.id == "seed-000")
    border = next(r for r in doc.relations if r.label == "BORDER_LENGTH")
    assert (border.head.text, border.tail.text) == ("Nâm Pô", "119,7 km")


def test_predicted_fields_serialise():
    text = "Nậm Pồ borders Laos."
    place = Place(id="vn:d:103@2004", name="Nậm Pồ", country="VN", level="district")
    a = Entity(0, 6, "LOC", "Nậm Pồ", score=0.97, place=place)
    b = Entity(15, 19, "LOC", "Laos", score=0.9)
    doc = Document(id="x", text=text, lang="en", entities=(b, a), relations=(Relation(a, b, "BORDERS", 0.8),))
    assert [e.text for e in doc.entities] == ["Nậm Pồ", "Laos"]  # sorted by offset
    data = doc.to_dict()
    assert [e["id"] for e in data["entities"]] == ["e1", "e2"]
    assert data["relations"] == [{"head": "e1", "tail": "e2", "label": "BORDERS", "score": 0.8}]
    back = Document.from_dict(json.loads(json.dumps(data)))
    assert back.entities[0].place == place
    assert back.relations[0].head.text == "Nậm Pồ"


def test_unknown_keys_are_kept(gold_records):
    record = dict(gold_records[0], note="checked by hand")
    record["entities"] = [dict(record["entities"][0], comment="x")] + record["entities"][1:]
    assert Document.from_dict(record).to_dict() == record


def test_from_dict_rejects_bad_records(gold_records):
    record = dict(gold_records[0])
    record["entities"] = [dict(record["entities"][0], start=record["entities"][0]["start"] + 1)] + record["entities"][1:]
    with pytest.raises(InvalidDocumentError) as err:
        Document.from_dict(record)
    assert "E123" in str(err.value) and "seed-000" in str(err.value)


def test_documents_are_frozen(gold_docs):
    with pytest.raises(AttributeError):
        gold_docs[0].text = "changed"
