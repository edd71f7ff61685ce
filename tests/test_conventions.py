"""The convention checker: each rule fires on a small bad example and stays quiet on the good form."""

from __future__ import annotations

from pathlib import Path

import pytest

from borderie import Document
from borderie.cli.main import main
from borderie.conventions import check_conventions, check_files
from borderie.convert.spec import parse_spec

ROOT = Path(__file__).resolve().parents[1]


def codes(text: str, spec: str, lang: str = "en") -> list[str]:
    doc, _ = parse_spec(f"id: x\nlang: {lang}\n" + spec, text, check_sentences=False)
    return [p.code for p in check_conventions(doc)]


@pytest.mark.parametrize("text, bad, good", [
    # ruling 3: a lower-case description marks only the place
    ("Il a visité le poste de garde-frontière de Mộc Bài.",
     "T1 ORG poste de garde-frontière de Mộc Bài", "T1 LOC Mộc Bài"),
    ("They met the border guards of Tay Ninh.", "T1 ORG border guards of Tay Ninh", "T1 LOC Tay Ninh"),
    # an article never starts a name
    ("They reached the Tay Trang border gate.", "T1 FAC the Tay Trang border gate", "T1 FAC Tay Trang border gate"),
])
def test_description_marked_as_name(text, bad, good):
    assert codes(text, bad) == ["E150"]
    assert codes(text, good) == []


def test_french_names_with_a_lower_case_head_are_names():
    text = "Le ministère des Affaires étrangères et le comité provincial du Parti de Lào Cai."
    spec = "T1 ORG ministère des Affaires étrangères\nT2 ORG comité provincial du Parti de Lào Cai\n"
    assert codes(text, spec, "fr") == []


def test_agreement_complement_and_generic_plurals():
    text = "They signed a memorandum of understanding on border management and other legal documents."
    assert codes(text, "T1 AGREEMENT memorandum of understanding on border management") == ["E151"]
    assert codes(text, "T1 AGREEMENT memorandum of understanding") == []
    assert codes(text, "T1 AGREEMENT memorandum of understanding\nT2 AGREEMENT legal documents") == ["E152"]
    fr = "Les deux parties ont signé le procès-verbal de la réunion."
    assert codes(fr, "T1 AGREEMENT procès-verbal de la réunion", "fr") == ["E151"]
    assert codes("The agreements signed at the meeting.", "T1 AGREEMENT agreements") == ["W153"]


@pytest.mark.parametrize("text, bad, good, lang", [
    ("Dien Bien Province borders Laos.", "T1 LOC Dien Bien Province", "T1 LOC Dien Bien", "en"),
    ("Ils ont nettoyé la rivière Bac Vong.", "T1 LOC rivière Bac Vong", "T1 LOC Bac Vong", "fr"),
    ("Đoàn đến huyện Mường Nhé.", "T1 LOC huyện Mường Nhé", "T1 LOC Mường Nhé", "vi"),
    ("The Kingdom of Cambodia agreed.", "T1 LOC Kingdom of Cambodia", "T1 LOC Cambodia", "en"),
])
def test_designator_in_loc(text, bad, good, lang):
    assert codes(text, bad, lang) == ["E154"]
    assert codes(text, good, lang) == []


def test_names_that_keep_their_designator():
    text = "From Ho Chi Minh City to the Red River and the Central Highlands."
    assert codes(text, "T1 LOC Ho Chi Minh City\nT2 LOC Red River\nT3 LOC Central Highlands") == []


@pytest.mark.parametrize("text, bad, good, code, lang", [
    # ruling 4: a nationality adjective right before an ORG belongs inside it
    ("He met the Chinese Ministry of Foreign Affairs.", "T1 ORG Ministry of Foreign Affairs",
     "T1 ORG Chinese Ministry of Foreign Affairs", "E155", "en"),
    # ruling 6: a DATE leaves its preposition out; vague periods are not DATE, counted ones are
    ("The talks ran from March 3 to 5, 2024.", "T1 DATE from March 3 to 5, 2024", "T1 DATE March 3 to 5, 2024",
     "E156", "en"),
    ("In recent years, and in the past five years, trade grew.", "T1 DATE recent years", "T1 DATE past five years",
     "E159", "en"),
    # ruling 1: a compass direction is not a place
    ("Le district de Nâm Pô, province de Diên Biên (au Nord), partage une frontière.",
     "T1 LOC Nâm Pô\nT2 LOC Diên Biên\nT3 LOC Nord", "T1 LOC Nâm Pô\nT2 LOC Diên Biên", "E160", "fr"),
])
def test_rule_fires_on_the_bad_form_only(text, bad, good, code, lang):
    assert codes(text, bad, lang) == [code]
    assert codes(text, good, lang) == []


def test_relations_across_sentences_and_twice_are_errors():
    text = "Lao Cai borders Yunnan. Lao Cai is busy."
    assert codes(text, "T1 LOC Lao Cai\nT2 LOC Yunnan\nT3 LOC Lao Cai\nR BORDERS T3 T2\n") == ["E157"]
    assert codes(text, "T1 LOC Lao Cai\nT2 LOC Yunnan\nR BORDERS T1 T2\nR BORDERS T2 T1\n") == ["E158"]


def test_check_files_locates_spec_lines_and_jsonl_lines(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("He met the Chinese Ministry of Foreign Affairs.\n", encoding="utf-8")
    (tmp_path / "a.ann").write_text("id: a\nlang: en\n\nT1 ORG Ministry of Foreign Affairs\n", encoding="utf-8")
    docs, problems = check_files([tmp_path])
    assert len(docs) == 1 and [(p.code, p.line, p.doc_id) for p in problems] == [("E155", 4, "a")]
    assert problems[0].path == str(tmp_path / "a.ann")
    doc = docs[0]
    jsonl = tmp_path / "gold.jsonl"
    ok = Document(id="ok", text="Lao Cai.", lang="en")
    jsonl.write_text(ok.to_json() + "\n" + doc.to_json() + "\n", encoding="utf-8")
    _, problems = check_files([jsonl])
    assert [(p.code, p.line) for p in problems] == [("E155", 2)]
    assert main(["corpus", "check", str(jsonl)]) == 1
    out = capsys.readouterr().out
    assert f"{jsonl}:2: error E155: [a]" in out and "FAILED: 1 error(s)" in out
    assert main(["validate", "--conventions", str(jsonl)]) == 1


def test_seeds_and_corpus_follow_the_conventions():
    _, problems = check_files([ROOT / "seeds" / "gold.jsonl", ROOT / "corpus" / "articles"])
    assert [str(p) for p in problems if p.is_error] == []


def test_generic_agreement_heads_are_recognised_in_any_spelling():
    from borderie.conventions import is_generic_agreement

    assert is_generic_agreement("Documents juridiques") and is_generic_agreement("văn bản pháp lý")
    assert is_generic_agreement("legal  documents")
    assert not is_generic_agreement("memorandum of understanding") and not is_generic_agreement("agreements")


def test_ruled_out_labels():
    from borderie.conventions import ruled_out

    assert ruled_out("AGREEMENT", "accords bilatéraux") and ruled_out("DATE", "Ces dernières années")
    assert ruled_out("LOC", "Nord-Est") and not ruled_out("LOC", "Nghệ An")
    assert not ruled_out("ORG", "documents") and not ruled_out("DATE", "trois dernières années")
