"""Files in other tools' real formats, written by hand from each tool's documentation (tests/data/formats)."""

import json
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from borderie import ConversionError
from borderie.convert import read_brat, read_brat_dir, read_conll, read_doccano, read_labelstudio, write_brat
from borderie.convert.doccano import documents_to_doccano, write_doccano
from borderie.convert.offsets import code_point_offsets, unit_boundaries
from borderie.errors import ConversionWarning

FORMATS = Path(__file__).parent / "data" / "formats"


def codes(record):
    return sorted({w.message.code for w in record if issubclass(w.category, ConversionWarning)})


def spans(doc):
    return [(e.text, e.label) for e in doc.entities]


def exact(doc):
    return all(doc.text[e.start:e.end] == e.text for e in doc.entities)


# -- offsets ----------------------------------------------------------------------------------
def test_unit_tables():
    text = "a🤝b"
    assert unit_boundaries(text, "utf16") == [0, 1, None, 2, 3]
    assert code_point_offsets(text, "utf16") == {0: 0, 1: 1, 2: 3, 3: 4}
    family = "x 👨\u200d👩\u200d👧 y"
    assert unit_boundaries(family, "grapheme") == [0, 1, 2, 7, 8, 9]


# -- doccano ----------------------------------------------------------------------------------
def test_doccano_utf16_offsets_after_emoji():
    doc = read_doccano(FORMATS / "doccano_relations_utf16.jsonl")[0]
    assert spans(doc) == [("Điện Biên", "LOC"), ("Phongsaly", "LOC"), ("12/3/2024", "DATE")] and exact(doc)
    assert [(r.head.text, r.label, r.tail.text) for r in doc.relations] == [("Điện Biên", "COOPERATES_WITH",
                                                                             "Phongsaly")]
    # read as code points, the same file is wrong: the mentions shift and validation refuses them
    with pytest.raises(ConversionError):
        read_doccano(FORMATS / "doccano_relations_utf16.jsonl", offsets="codepoint")
    # written back in UTF-16 units: the offsets of the original file
    line = documents_to_doccano([doc])[0]
    original = json.loads((FORMATS / "doccano_relations_utf16.jsonl").read_text(encoding="utf-8"))
    assert [(e["start_offset"], e["end_offset"]) for e in line["entities"]] == \
           [(e["start_offset"], e["end_offset"]) for e in original["entities"]]


def test_doccano_grapheme_offsets_both_ways(tmp_path):
    doc = read_doccano(FORMATS / "doccano_grapheme.jsonl", offsets="grapheme")[0]
    assert [e.text for e in doc.entities] == ["La\u0300o Cai", "Ha\u0300 Kha\u0302\u0309u"] and exact(doc)
    path = write_doccano([doc], tmp_path / "g.jsonl", offsets="grapheme")
    written = json.loads(path.read_text(encoding="utf-8"))
    assert [(e["start_offset"], e["end_offset"]) for e in written["entities"]] == [(12, 19), (23, 30)]
    assert [e.span for e in read_doccano(path, offsets="grapheme")[0].entities] == [e.span for e in doc.entities]


def test_doccano_offset_inside_a_character_is_an_error(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"id": 1, "text": "🤝 Lao Cai", "label": [[1, 9, "LOC"]]}) + "\n", encoding="utf-8")
    with pytest.raises(ConversionError) as err:
        read_doccano(path)
    assert err.value.problems[0].line == 1 and "utf16" in err.value.problems[0].message


def test_doccano_labels_key_and_missing_annotations_warn():
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        docs = read_doccano(FORMATS / "doccano_seq_labels.jsonl")
    assert spans(docs[0]) == [("Lao Cai", "LOC"), ("Yunnan", "LOC")]
    assert docs[1].entities == ()
    assert codes(record) == ["W170"]
    message = str(next(w.message for w in record if issubclass(w.category, ConversionWarning)))
    assert "doccano_seq_labels.jsonl:2" in message and "annotation" in message


# -- Label Studio -----------------------------------------------------------------------------
def test_labelstudio_old_utf16_export_two_annotators_unlabelled_relation():
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        doc = read_labelstudio(FORMATS / "labelstudio_utf16_two_annotators.json")[0]
    assert spans(doc) == [("Điện Biên", "LOC"), ("Phongsaly", "LOC"), ("12/3/2024", "DATE")] and exact(doc)
    assert [(r.head.text, r.label, r.tail.text) for r in doc.relations] == [("Điện Biên", "COOPERATES_WITH",
                                                                             "Phongsaly")]
    assert codes(record) == ["W170", "W171", "W172"]
    text = " ".join(str(w.message) for w in record)
    assert "relation without a label x1" in text and "'choices'" in text and "2 annotations" in text


def test_labelstudio_0x_completions():
    doc = read_labelstudio(FORMATS / "labelstudio_0x_completions.json")[0]
    assert spans(doc) == [("Lao Cai", "LOC"), ("Yunnan", "LOC")]
    assert [(r.head.text, r.label, r.tail.text) for r in doc.relations] == [("Lao Cai", "BORDERS", "Yunnan")]


def test_labelstudio_without_value_text_warns_and_utf16_reads_it():
    path = FORMATS / "labelstudio_no_text_utf16.json"
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        doc = read_labelstudio(path)[0]
    assert codes(record) == ["W173"] and doc.entities[0].text == "hongsaly."
    doc = read_labelstudio(path, offsets="utf16")[0]
    assert spans(doc) == [("Phongsaly", "LOC")]


def test_labelstudio_region_text_matching_no_unit_is_an_error(tmp_path):
    task = {"data": {"text": "Lao Cai borders Yunnan."}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "value": {"start": 0, "end": 7, "text": "Lào Cai", "labels": ["LOC"]}}]}]}
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    with pytest.raises(ConversionError, match="not the text at"):
        read_labelstudio(path)


# -- CoNLL ------------------------------------------------------------------------------------
def test_conll2003_four_columns_docstart_iob1():
    docs = read_conll(FORMATS / "conll2003_iob1.txt")
    assert [d.id for d in docs] == ["conll2003_iob1-1", "conll2003_iob1-2"]
    assert spans(docs[0]) == [("Lao Cai", "LOC"), ("Yunnan", "LOC"), ("Guangxi", "LOC")]
    assert spans(docs[1]) == [("Ha Giang", "LOC"), ("China", "LOC")]
    assert docs[1].text == "Ha Giang borders China ."


def test_labelstudio_conll_export_with_original_text():
    doc = read_conll(FORMATS / "labelstudio_conll2003_export.conll", texts=["Lao Cai borders Yunnan."])[0]
    assert doc.text == "Lao Cai borders Yunnan." and spans(doc) == [("Lao Cai", "LOC")]


def test_bioes_two_space_separated_columns():
    doc = read_conll(FORMATS / "bioes_two_columns.txt")[0]
    assert spans(doc) == [("Điện Biên", "LOC"), ("Lào", "LOC"), ("433 km", "QUANTITY")] and exact(doc)


def test_conll_output_accepted_by_spacy_convert(tmp_path, gold_docs):
    pytest.importorskip("spacy")
    from borderie.convert import write_conll

    path = write_conll(gold_docs, tmp_path / "seeds.conll")
    out = tmp_path / "spacy"
    out.mkdir()
    run = subprocess.run([sys.executable, "-m", "spacy", "convert", str(path), str(out), "-c", "ner", "-n", "0"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    from spacy.tokens import DocBin
    import spacy

    sdocs = list(DocBin().from_disk(out / "seeds.spacy").get_docs(spacy.blank("xx").vocab))
    assert len(sdocs) == len(gold_docs)
    # spaCy joins the tokens with spaces (CoNLL keeps no white space): compare without it
    assert [[(e.label_, "".join(e.text.split())) for e in s.ents] for s in sdocs] == \
           [[(e.label, "".join(e.text.split())) for e in d.entities] for d in gold_docs]


# -- brat -------------------------------------------------------------------------------------
def test_brat_equiv_normalisation_attribute_note_lines_are_skipped_with_a_warning():
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        doc = read_brat(FORMATS / "brat" / "bn-001.ann")
    assert spans(doc) == [("Lao Cai", "LOC"), ("Yunnan", "LOC")] * 2
    assert [r.label for r in doc.relations] == ["COOPERATES_WITH", "BORDERS"]
    assert codes(record) == ["W170"]
    message = str(record[0].message)
    assert "2 equivalence(s) on line(s) 7, 8" in message and "normalisation" in message and "note" in message


def test_brat_writes_annotation_conf(tmp_path, gold_docs):
    write_brat(gold_docs[:1], tmp_path)
    conf = (tmp_path / "annotation.conf").read_text(encoding="utf-8").splitlines()
    assert conf[1:3] == ["[entities]", "PER"] and "[events]" in conf and "[attributes]" in conf
    assert "BORDER_LENGTH\tArg1:LOC, Arg2:QUANTITY" in conf
    assert "BORDERS\tArg1:LOC, Arg2:LOC" in conf
    assert [d.id for d in read_brat_dir(tmp_path)] == [gold_docs[0].id]
