import json

import pytest

from borderie import ConversionError
from borderie.cli.main import main
from borderie.convert import (read_brat, read_brat_dir, read_conll, read_doccano, read_labelstudio, write_brat,
                              write_conll, write_doccano, write_labelstudio)
from borderie.evaluate import entity_keys, relation_keys


def same_annotations(a, b, relations=True, ids=True):
    assert len(a) == len(b) and (not ids or [d.id for d in a] == [d.id for d in b])
    for x, y in zip(a, b):
        assert x.text == y.text
        assert entity_keys(x) == entity_keys(y) and len(x.entities) == len(y.entities)
        if relations:
            assert relation_keys(x) == relation_keys(y) and len(x.relations) == len(y.relations)
            assert [(r.head.text, r.label, r.tail.text) for r in x.relations] == \
                   [(r.head.text, r.label, r.tail.text) for r in y.relations]


def test_labelstudio_round_trip(tmp_path, gold_docs):
    path = write_labelstudio(gold_docs, tmp_path / "ls.json")
    back = read_labelstudio(path)
    same_annotations(gold_docs, back)
    assert [(d.lang, d.date, d.source) for d in back] == [(d.lang, d.date, d.source) for d in gold_docs]
    # entity ids survive too
    assert [e.id for e in back[0].entities] == [e.id for e in gold_docs[0].entities]


def test_labelstudio_left_relations_and_errors(tmp_path):
    text = "Lao Cai borders Yunnan."
    task = {"data": {"text": text}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "value": {"start": 0, "end": 7, "labels": ["LOC"]}},
        {"id": "b", "type": "labels", "value": {"start": 16, "end": 22, "labels": ["LOC"]}},
        {"type": "relation", "from_id": "b", "to_id": "a", "direction": "left", "labels": ["LOCATED_IN"]}]}]}
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    doc = read_labelstudio(path)[0]
    assert (doc.relations[0].head.text, doc.relations[0].tail.text) == ("Lao Cai", "Yunnan")
    task["annotations"][0]["result"][0]["value"]["labels"] = ["PLACE"]
    path.write_text(json.dumps([task, {"data": {}}]), encoding="utf-8")
    with pytest.raises(ConversionError) as err:
        read_labelstudio(path)
    codes = {p.code for p in err.value.problems}
    assert "E124" in codes and "E141" in codes and all(p.path == str(path) for p in err.value.problems)
    path.write_text("[{", encoding="utf-8")
    with pytest.raises(ConversionError, match="malformed JSON"):
        read_labelstudio(path)


def test_doccano_round_trip_and_old_layout(tmp_path, gold_docs):
    path = write_doccano(gold_docs, tmp_path / "d.jsonl")
    same_annotations(gold_docs, read_doccano(path))
    old = tmp_path / "old.jsonl"
    old.write_text(json.dumps({"id": 7, "text": "Lao Cai borders Yunnan.", "label": [[0, 7, "LOC"], [16, 22, "LOC"]]})
                   + "\n{broken\n", encoding="utf-8")
    with pytest.raises(ConversionError) as err:
        read_doccano(old)
    assert [p.line for p in err.value.problems] == [2]
    old.write_text(old.read_text().splitlines()[0] + "\n", encoding="utf-8")
    doc = read_doccano(old)[0]
    assert doc.id == "7" and [e.text for e in doc.entities] == ["Lao Cai", "Yunnan"]


def test_brat_round_trip(tmp_path, gold_docs):
    write_brat(gold_docs, tmp_path)
    back = read_brat_dir(tmp_path)
    same_annotations(sorted(gold_docs, key=lambda d: d.id), back)


def test_brat_rejects_discontinuous_spans(tmp_path):
    (tmp_path / "x.txt").write_text("Lao Cai borders Yunnan.", encoding="utf-8")
    (tmp_path / "x.ann").write_text("T1\tLOC 0 3;4 7\tLao Cai\nT2\tLOC 16 22\tYunnan\n", encoding="utf-8")
    with pytest.raises(ConversionError) as err:
        read_brat(tmp_path / "x.ann")
    assert err.value.problems[0].line == 1 and "discontinuous" in err.value.problems[0].message


def test_conll_round_trip_with_texts(tmp_path, gold_docs):
    path = write_conll(gold_docs, tmp_path / "seeds.conll")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[:3] == ["-DOCSTART- -X- O O", "", "Le -X- _ O"] and "Nâm -X- _ B-LOC" in lines
    back = read_conll(path, texts=[d.text for d in gold_docs])  # no ids in CoNLL-2003: texts in order
    same_annotations(gold_docs, back, relations=False, ids=False)
    assert [d.id for d in back] == ["seeds-1", "seeds-2", "seeds-3", "seeds-4", "seeds-5"]
    assert all(not d.relations for d in back)
    # the borderie dialect keeps ids, language and date in comments
    path = write_conll(gold_docs, tmp_path / "ids.conll", comments=True)
    first = path.read_text(encoding="utf-8").splitlines()
    assert first[:3] == ["# id = seed-000", "# lang = fr", "Le\tO"]
    back = read_conll(path, texts={d.id: d.text for d in gold_docs})
    same_annotations(gold_docs, back, relations=False)
    assert [(d.lang, d.date) for d in back] == [(d.lang, d.date) for d in gold_docs]


def test_conll_without_texts_rebuilds_text(tmp_path):
    path = tmp_path / "x.conll"
    path.write_text("# id = d1\nLao\tB-LOC\nCai\tI-LOC\nborders\tO\nYunnan\tB-LOC\n.\tO\n\n", encoding="utf-8")
    doc = read_conll(path)[0]
    assert doc.text == "Lao Cai borders Yunnan ."
    assert [(e.text, e.label) for e in doc.entities] == [("Lao Cai", "LOC"), ("Yunnan", "LOC")]
    path.write_text("# id = d1\nLao B-LOC\nCai\n", encoding="utf-8")
    with pytest.raises(ConversionError) as err:
        read_conll(path)
    assert err.value.problems[0].line == 3


def test_cli_convert(tmp_path, gold_path, capsys):
    out = tmp_path / "ls.json"
    assert main(["convert", str(gold_path), str(out)]) == 0
    assert main(["convert", str(gold_path), str(out)]) == 2  # refuses to overwrite: a usage error
    assert "already exists" in capsys.readouterr().err
    back = tmp_path / "back.jsonl"
    assert main(["convert", str(out), str(back), "--from", "labelstudio", "--to", "gold"]) == 0
    assert main(["validate", str(back)]) == 0


def test_spacy_export(gold_docs):
    spacy = pytest.importorskip("spacy")
    from borderie.convert.spacy import to_spacy

    sdoc = to_spacy(gold_docs[2], spacy.blank("en"))
    assert [(s.start_char, s.end_char, s.label_) for s in sdoc.ents] == \
           [(e.start, e.end, e.label) for e in gold_docs[2].entities]
