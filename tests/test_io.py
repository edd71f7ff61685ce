import copy
import json

import pytest

from borderie import GoldFormatError, read_jsonl, validate_file, write_jsonl
from borderie.cli.main import main


def _write(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _codes(problems):
    return sorted(p.code for p in problems)


@pytest.fixture
def broken(tmp_path, gold_records):
    """The seeds with one shifted offset (seed-001) and one unknown label (seed-003)."""
    records = copy.deepcopy(gold_records)
    records[1]["entities"][2]["start"] += 1
    records[1]["entities"][2]["end"] += 1
    records[3]["entities"][5]["label"] = "PLACE"
    return _write(tmp_path / "broken.jsonl", records)


def test_seed_gold_validates(gold_path):
    assert validate_file(gold_path, check_sentences=True) == []
    assert len(read_jsonl(gold_path)) == 5


def test_shifted_offset_and_unknown_label_are_both_reported(broken, gold_records):
    problems = validate_file(broken)
    assert _codes(problems) == ["E123", "E124"]
    shifted, unknown = problems
    assert (shifted.doc_id, shifted.line, shifted.path) == ("seed-001", 2, str(broken))
    assert (unknown.doc_id, unknown.line) == ("seed-003", 4)
    assert "'PLACE'" in unknown.message
    with pytest.raises(GoldFormatError) as err:
        read_jsonl(broken)
    assert len(err.value.problems) == 2


def test_cli_validate_lists_both_and_fails(broken, capsys):
    assert main(["validate", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "E123" in out and "seed-001" in out and "E124" in out and "seed-003" in out
    assert "2 error(s)" in out


def test_cli_validate_seeds_passes(gold_path, capsys):
    assert main(["validate", str(gold_path)]) == 0
    assert "OK" in capsys.readouterr().out


def test_every_kind_of_problem(tmp_path):
    text = "Lao Cai borders Yunnan."
    good = {"id": "d1", "lang": "en", "date": None, "source": None, "text": text,
            "entities": [{"id": "a", "start": 0, "end": 7, "label": "LOC", "text": "Lao Cai"},
                         {"id": "b", "start": 16, "end": 22, "label": "LOC", "text": "Yunnan"}],
            "relations": [{"head": "a", "tail": "b", "label": "BORDERS"}]}
    bad = copy.deepcopy(good)
    bad["id"] = "d2"
    bad["date"] = "09/05/2025"
    bad["entities"] += [
        {"id": "a", "start": 4, "end": 40, "label": "LOC", "text": "x"},          # duplicate id, out of range
        {"id": "c", "start": 4, "end": 11, "label": "ORG", "text": "Cai bor"},    # overlaps a
        {"id": "d", "start": 16, "end": 22, "label": "TITLE", "text": "Yunnan"},  # overlaps b
    ]
    bad["relations"] += [
        {"head": "a", "tail": "zz", "label": "BORDERS"},     # missing tail
        {"head": "a", "tail": "b", "label": "NEXT_TO"},      # unknown relation
        {"head": "a", "tail": "d", "label": "HAS_TITLE"},    # type rule broken (LOC -> TITLE)
        {"head": "b", "tail": "a", "label": "BORDERS"},      # same symmetric relation again (warning)
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n{not json\n" + json.dumps(good) + "\n",
                    encoding="utf-8")
    problems = validate_file(path)
    assert _codes(problems) == sorted(["E113", "E121", "E122", "E125", "E125", "E131", "E132", "E133", "W134",
                                       "E110", "E112"])
    assert {p.line for p in problems if p.code == "E110"} == {3}
    assert next(p for p in problems if p.code == "E112").line == 4


def test_write_is_atomic_and_refuses_to_overwrite(tmp_path, gold_docs):
    out = tmp_path / "out.jsonl"
    write_jsonl(gold_docs, out)
    assert read_jsonl(out) == gold_docs
    with pytest.raises(Exception, match="already exists"):
        write_jsonl(gold_docs[:1], out, overwrite=False)
    assert len(read_jsonl(out)) == 5  # untouched

    def boom():
        yield gold_docs[0]
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_jsonl(boom(), out)
    assert len(read_jsonl(out)) == 5
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]  # no temporary file left


def test_written_files_get_normal_permissions(tmp_path, gold_docs):
    import os
    import stat

    out = write_jsonl(gold_docs[:1], tmp_path / "one.jsonl")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask
