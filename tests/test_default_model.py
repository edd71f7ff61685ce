"""The shipped default model (models/default) loads offline and finds known facts in the seed articles."""

import pytest

import borderie
from borderie.model import DEFAULT_MODEL_DIR


@pytest.fixture(scope="module")
def nlp():
    assert (DEFAULT_MODEL_DIR / "config.json").exists(), f"the default model is missing from {DEFAULT_MODEL_DIR}"
    return borderie.load()


@pytest.fixture(scope="module")
def predicted(nlp, gold_docs):
    wanted = {"seed-000", "seed-003"}
    return {d.id: d for d in nlp.pipe([d for d in gold_docs if d.id in wanted], batch_size=2)}


def facts(doc, label):
    return {(r.head.text, r.tail.text) for r in doc.relations if r.label == label}


def test_offsets_are_exact_and_ids_kept(predicted, gold_docs):
    gold = {d.id: d for d in gold_docs}
    for doc_id, doc in predicted.items():
        assert doc.text == gold[doc_id].text and doc.lang == gold[doc_id].lang
        assert doc.entities, doc_id
        for e in doc.entities:
            assert doc.text[e.start:e.end] == e.text and 0 < e.score <= 1


def test_nam_po_borders_the_lao_districts_over_119_7_km(predicted):
    doc = predicted["seed-000"]
    # "Nâm Pô … partage près de 119,7 km de frontière … avec Muong May, Sam Phan et Phong Sa Ly": the model
    # finds a border with at least one of the three districts, and with no other place
    partners = {b if a == "Nâm Pô" else a for a, b in facts(doc, "BORDERS") if "Nâm Pô" in (a, b)}
    assert partners and partners <= {"Muong May", "Sam Phan", "Phong Sa Ly"}
    length = [r for r in doc.relations if r.label == "BORDER_LENGTH" and r.tail.text == "119,7 km"]
    assert length and length[0].head.text == "Nâm Pô"
    assert length[0].tail.value["number"] == pytest.approx(119.7) and length[0].tail.value["unit"] == "km"
    nam_po = length[0].head.place
    assert nam_po is not None and (nam_po.name, nam_po.country) == ("Nậm Pồ", "VN")


def test_tran_quoc_cuong_is_secretary(predicted):
    assert ("Trần Quốc Cường", "Secretary") in facts(predicted["seed-003"], "HAS_TITLE")
