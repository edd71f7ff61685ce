import pytest

from borderie import SpecFormatError
from borderie.cli.main import main
from borderie.convert.spec import compile_specs, find_surface, parse_spec

TEXT = ("Lao Cai et le Yunnan coopèrent.Le Comité populaire de Lao Cai a signé un protocole d’accord "
        "le 12 mars 2024 avec le Yunnan.")
SPEC = """id: t-1
lang: fr
date: 2024-03-13
border: CN   # kept in meta
T1 LOC Lao Cai
T2 LOC Yunnan
T3 ORG Comité populaire de Lao Cai
T4 AGREEMENT protocole d’accord
T5 DATE 12 mars 2024
T6 LOC Yunnan
R COOPERATES_WITH T1 T2
R PARTY_TO T3 T4
R SIGNED_ON T4 T5
R PARTY_TO T6 T4
"""


def test_compiles_offsets_from_surfaces():
    doc, warnings = parse_spec(SPEC, TEXT)
    assert warnings == []
    assert (doc.id, doc.lang, doc.meta["border"]) == ("t-1", "fr", "CN")
    assert [(e.id, e.text) for e in doc.entities][:3] == [("T1", "Lao Cai"), ("T2", "Yunnan"),
                                                           ("T3", "Comité populaire de Lao Cai")]
    for e in doc.entities:
        assert TEXT[e.start:e.end] == e.text
    # the second "Yunnan" is found after the cursor, the "Lao Cai" inside the ORG is skipped
    assert doc.entity("T6").start == TEXT.rindex("Yunnan")
    assert [r.label for r in doc.relations] == ["COOPERATES_WITH", "PARTY_TO", "SIGNED_ON", "PARTY_TO"]


def test_whole_words_only_and_pinned_occurrence():
    assert find_surface("Laos and Lao Cai", "Lao") == 9
    assert find_surface("Nam Po, Nam Po", "Nam Po", occurrence=2) == 8
    assert find_surface("Nampo", "Nam") == -1
    doc, _ = parse_spec("id: x\nT1 LOC Yunnan @2\n", TEXT, check_sentences=False)
    assert doc.entities[0].start == TEXT.rindex("Yunnan")


def test_errors_name_file_and_line(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT + "\n", encoding="utf-8")
    (tmp_path / "a.ann").write_text(SPEC.replace("T5 DATE 12 mars 2024", "T5 DATE 13 mars 2024")
                                    .replace("R PARTY_TO T6 T4", "R HAS_TITLE T6 T4"), encoding="utf-8")
    with pytest.raises(SpecFormatError) as err:
        compile_specs([tmp_path])
    lines = {(p.line, p.code) for p in err.value.problems}
    assert (9, "E140") in lines  # surface not found
    assert all(p.path.endswith("a.ann") for p in err.value.problems)
    assert any(p.code in ("E131", "E133") and p.line in (13, 14) for p in err.value.problems)


def test_cross_sentence_relation_is_a_warning():
    spec = "id: x\nT1 LOC Lao Cai\nT2 LOC Yunnan @2\nR BORDERS T1 T2\n"
    _, warnings = parse_spec(spec, TEXT)
    assert [w.code for w in warnings] == ["W135"] and warnings[0].line == 4


def test_cli_build_writes_valid_jsonl(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(TEXT + "\n\n", encoding="utf-8")
    (tmp_path / "a.ann").write_text(SPEC, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["corpus", "build", str(tmp_path), "-o", str(out), "--splits", str(tmp_path / "splits.json")]) == 0
    assert main(["validate", str(out / "all.jsonl")]) == 0
    assert "1 document(s)" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == ["all.jsonl", "dev.jsonl", "test.jsonl", "train.jsonl"]
    assert main(["corpus", "build", str(tmp_path), "-o", str(tmp_path / "x.jsonl")]) == 2  # usage error
    assert "must be a folder" in capsys.readouterr().err


def test_cli_reports_errors_without_traceback(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.ann").write_text("id: x\nT1 PLACE Lao Cai\n", encoding="utf-8")
    assert main(["corpus", "check", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "E124" in captured.out and "Traceback" not in captured.out + captured.err
