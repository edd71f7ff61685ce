"""Nothing the user had is lost, and every bad input is one clear coded line: extract, evaluate, resume.

Each test writes real files on disk and runs the command line (with a tiny
saved model) or the library as a user would.
"""

import json
import os

import pytest

from borderie.cli.main import main
from borderie.errors import UsageError
from borderie.io import read_jsonl
from borderie.outputs import MARK, ExtractionOutput

ARTICLE = "Le district de Nậm Pồ, province de Điện Biên, partage 119,7 km de frontière avec le Laos.\n" \
          "Le 5 mai 2024, les gardes-frontières de Sop Cop et de Muang Mai ont signé un accord.\n"


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory, gold_docs):
    from borderie.model.tiny import tiny_extractor

    path = tmp_path_factory.mktemp("model") / "tiny"
    tiny_extractor([d.text for d in gold_docs] + [ARTICLE], seed=0).save_pretrained(path, full=True)
    return path


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def extract(model_dir, *args):
    return main(["extract", *map(str, args), "--model", str(model_dir), "--no-progress"])


def records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_output_equal_to_input_is_refused_and_the_input_kept(work, model_dir, capsys):
    (work / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert extract(model_dir, "a.txt", "-o", "a.txt") == 2  # a usage error
    assert "E302" in capsys.readouterr().err
    assert (work / "a.txt").read_text(encoding="utf-8") == ARTICLE


@pytest.mark.parametrize("name, content", [("notes.txt", "my notes\nline two\n"), ("gold.jsonl", None)])
def test_existing_file_that_is_not_an_output_is_left_untouched(work, model_dir, capsys, gold_path, name, content):
    (work / "a.txt").write_text(ARTICLE, encoding="utf-8")
    target = work / name
    target.write_text(content if content is not None else gold_path.read_text(encoding="utf-8"), encoding="utf-8")
    before = target.read_bytes()
    assert extract(model_dir, "a.txt", "-o", name) == 2
    err = capsys.readouterr().err
    assert "E303" in err and "--force" in err and "Traceback" not in err
    assert target.read_bytes() == before
    assert extract(model_dir, "a.txt", "-o", name, "--force") == 0  # asked for: replaced
    assert [r["id"] for r in records(target)] == ["a"]


def test_gold_file_as_its_own_output_is_refused(work, model_dir, capsys, gold_path):
    (work / "gold.jsonl").write_bytes(gold_path.read_bytes())
    assert extract(model_dir, "gold.jsonl", "-o", "gold.jsonl") == 2
    assert "E302" in capsys.readouterr().err
    assert (work / "gold.jsonl").read_bytes() == gold_path.read_bytes()


def test_resume_keeps_every_complete_record_and_moves_damaged_lines_aside(work, model_dir, capsys):
    folder = work / "news"
    folder.mkdir()
    for i in range(5):
        (folder / f"a{i}.txt").write_text(ARTICLE.replace("119,7", f"11{i},7"), encoding="utf-8")
    assert extract(model_dir, "news", "-o", "out.jsonl") == 0
    lines = (work / "out.jsonl").read_bytes().splitlines(keepends=True)
    assert len(lines) == 5
    damaged = lines[1][:30] + b"\n"
    (work / "out.jsonl").write_bytes(lines[0] + damaged + b"".join(lines[2:]) + lines[1][:20])  # + a cut tail
    capsys.readouterr()
    assert extract(model_dir, "news", "-o", "out.jsonl") == 0
    err = capsys.readouterr().err
    assert "W310" in err and "line 2" in err
    ids = [r["id"] for r in records(work / "out.jsonl")]
    assert sorted(ids) == [f"news/a{i}" for i in range(5)]  # the four kept, the damaged one redone
    assert ids[:4] == [json.loads(x)["id"] for x in [lines[0], *lines[2:]]]
    assert (work / "out.jsonl.damaged").read_bytes() == damaged
    read_jsonl(work / "out.jsonl")  # every line valid again


def test_a_second_writer_is_refused_while_the_first_holds_the_output(work):
    with ExtractionOutput(work / "out.jsonl"):
        with pytest.raises(UsageError) as err:
            ExtractionOutput(work / "out.jsonl")
        assert err.value.code == "E305"
    with ExtractionOutput(work / "out.jsonl"):  # released when the first run ends
        pass


def test_same_file_name_in_two_folders_gets_two_ids_and_a_changed_text_is_not_taken_as_done(work, model_dir,
                                                                                             capsys):
    for folder, text in (("a", ARTICLE), ("b", ARTICLE.replace("Laos", "Cambodge"))):
        (work / folder).mkdir()
        (work / folder / "x.txt").write_text(text, encoding="utf-8")
    assert extract(model_dir, "a/x.txt", "-o", "out.jsonl") == 0
    assert extract(model_dir, "b", "-o", "out.jsonl") == 0
    assert [r["id"] for r in records(work / "out.jsonl")] == ["a/x", "b/x"]
    (work / "a" / "x.txt").write_text(ARTICLE + "Une phrase de plus.\n", encoding="utf-8")
    capsys.readouterr()
    assert extract(model_dir, "a/x.txt", "-o", "out.jsonl") == 0
    assert "W311" in capsys.readouterr().err
    assert len(records(work / "out.jsonl")) == 2


def test_resuming_with_another_model_is_refused_and_old_records_are_kept(work, model_dir, tmp_path, gold_docs,
                                                                          capsys):
    from borderie.model.tiny import tiny_extractor

    other = tmp_path / "other-model"
    tiny_extractor([d.text for d in gold_docs] + [ARTICLE], seed=1).save_pretrained(other, full=True)
    for i in range(2):
        (work / f"a{i}.txt").write_text(ARTICLE.replace("119,7", f"11{i},7"), encoding="utf-8")
    assert extract(model_dir, "a0.txt", "-o", "out.jsonl") == 0
    first = (work / "out.jsonl").read_bytes()
    made_by = records(work / "out.jsonl")[0][MARK]["model"]
    assert extract(model_dir, "a0.txt", "a1.txt", "-o", "out.jsonl") == 0  # same model: resumes
    assert {r[MARK]["model"] for r in records(work / "out.jsonl")} == {made_by}
    before = (work / "out.jsonl").read_bytes()
    assert before.startswith(first)
    capsys.readouterr()
    assert extract(other, "a0.txt", "a1.txt", "-o", "out.jsonl") == 2
    err = capsys.readouterr().err
    assert "E307" in err and made_by in err and "Traceback" not in err
    assert (work / "out.jsonl").read_bytes() == before  # nothing written, nothing lost
    assert extract(other, "a0.txt", "a1.txt", "-o", "out.jsonl", "--force") == 0
    now = records(work / "out.jsonl")
    assert len(now) == 2 and len({r[MARK]["model"] for r in now}) == 1 and now[0][MARK]["model"] != made_by


def test_records_naming_no_model_are_kept_and_reported(work, model_dir, capsys):
    (work / "a0.txt").write_text(ARTICLE, encoding="utf-8")
    (work / "a1.txt").write_text(ARTICLE.replace("Laos", "Cambodge"), encoding="utf-8")
    assert extract(model_dir, "a0.txt", "-o", "out.jsonl") == 0
    old = records(work / "out.jsonl")
    del old[0][MARK]["model"]  # as an older borderie wrote it
    (work / "out.jsonl").write_text(json.dumps(old[0], ensure_ascii=False) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert extract(model_dir, "a0.txt", "a1.txt", "-o", "out.jsonl") == 0
    assert "W313" in capsys.readouterr().err
    assert [r["id"] for r in records(work / "out.jsonl")] == ["a0", "a1"]


def test_crlf_offsets_index_the_file_and_a_bom_is_removed_and_said(work, model_dir, capsys):
    crlf = ARTICLE.replace("\n", "\r\n")
    (work / "crlf.txt").write_bytes(crlf.encode("utf-8"))
    (work / "bom.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    (work / "lf.txt").write_bytes(ARTICLE.encode("utf-8"))
    assert extract(model_dir, "crlf.txt", "bom.txt", "lf.txt", "-o", "out.jsonl") == 0
    assert "W312" in capsys.readouterr().err
    by_id = {d.id: d for d in read_jsonl(work / "out.jsonl")}
    stored = (work / "crlf.txt").read_bytes().decode("utf-8")
    assert by_id["crlf"].text == stored
    for e in by_id["crlf"].entities:
        assert stored[e.start:e.end] == e.text
    assert by_id["bom"].text == ARTICLE
    assert [(e.start, e.end) for e in by_id["bom"].entities] == [(e.start, e.end) for e in by_id["lf"].entities]


def test_evaluate_maps_crlf_predictions_onto_the_gold_and_warns_on_other_text_differences(work, model_dir, capsys):
    (work / "crlf.txt").write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    (work / "lf.txt").write_bytes(ARTICLE.encode("utf-8"))
    assert extract(model_dir, "crlf.txt", "lf.txt", "-o", "pred.jsonl") == 0
    pred = {r["id"]: r for r in records(work / "pred.jsonl")}
    gold = dict(pred["lf"], id="g1")  # the LF prediction taken as gold: the CRLF one must score 1.0 on it
    gold.pop(MARK)
    (work / "gold.jsonl").write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    (work / "crlf.jsonl").write_text(json.dumps(dict(pred["crlf"], id="g1"), ensure_ascii=False) + "\n",
                                     encoding="utf-8")
    capsys.readouterr()
    assert main(["evaluate", "--gold", "gold.jsonl", "--pred", "crlf.jsonl", "--json"]) == 0
    out = capsys.readouterr()
    report = json.loads(out.out)
    assert gold["entities"] and report["entities"]["micro"]["f1"] == 1.0
    assert "W137" not in out.err
    other = dict(pred["lf"], id="g1", text=pred["lf"]["text"].replace("Le district", "La district"))
    (work / "other.jsonl").write_text(json.dumps(other, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["evaluate", "--gold", "gold.jsonl", "--pred", "other.jsonl"]) == 0
    assert "W137" in capsys.readouterr().err


def test_evaluate_pairs_text_file_predictions_with_gold_by_text(work, gold_path, model_dir, capsys):
    gold = read_jsonl(gold_path)
    (work / "seed.txt").write_text(gold[0].text, encoding="utf-8")
    assert extract(model_dir, "seed.txt", "-o", "pred.jsonl") == 0
    (work / "gold.jsonl").write_text(gold[0].to_json() + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["evaluate", "--gold", "gold.jsonl", "--pred", "pred.jsonl", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["missing_predictions"] == [] and report["unmatched_predictions"] == []


@pytest.mark.parametrize("output, code", [("folder", "E304"), ("afile/out.jsonl", "E304")])
def test_bad_output_is_one_coded_line_before_the_model_loads(work, capsys, output, code):
    (work / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (work / "folder").mkdir()
    (work / "afile").write_text("x", encoding="utf-8")
    # a model directory that does not exist: had the model loaded first, this would be E200
    assert main(["extract", "a.txt", "-o", output, "--model", str(work / "no-model"), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert code in err and "Traceback" not in err and err.count("\n") == 1


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_output_is_refused(work, capsys):
    (work / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (work / "locked").mkdir(mode=0o500)
    assert main(["extract", "a.txt", "-o", "locked/out.jsonl", "--model", "nowhere", "--no-progress"]) == 2
    assert "E304" in capsys.readouterr().err


def test_missing_input_leaves_no_output_behind(work, capsys):
    assert main(["extract", "missing.txt", "-o", "out.jsonl", "--model", "nowhere", "--no-progress"]) == 2
    assert "E301" in capsys.readouterr().err
    assert not (work / "out.jsonl").exists()


def test_failed_start_leaves_no_empty_output(work, capsys):
    (work / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", "a.txt", "-o", "out.jsonl", "--model", "no-model", "--no-progress"]) == 1
    assert "E200" in capsys.readouterr().err
    assert not (work / "out.jsonl").exists()


def test_the_readme_main_command_output_is_ignored_by_git():
    from pathlib import Path

    ignored = (Path(__file__).parents[1] / ".gitignore").read_text(encoding="utf-8").split()
    assert "/predictions.jsonl" in ignored


def test_evaluate_scores_relations_that_break_type_rules_as_false_positives(work, gold_path, capsys):
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    pred = json.loads(json.dumps(gold))
    first = pred[0]
    per = next(e for e in first["entities"] if e["label"] == "LOC")
    first["relations"].append({"head": per["id"], "tail": per["id"], "label": "HAS_TITLE"})  # LOC -> LOC
    (work / "pred.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in pred),
                                     encoding="utf-8")
    assert main(["evaluate", "--gold", str(gold_path), "--pred", "pred.jsonl", "--json"]) == 0
    out = capsys.readouterr()
    assert "W136" in out.err
    relations = json.loads(out.out)["relations"]["micro"]
    assert relations["fp"] == 1 and relations["fn"] == 0
