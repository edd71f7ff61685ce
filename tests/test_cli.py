"""Command-line habits: - for stdin/stdout, --json reports, one -q/-v pair, exit 2 on usage errors, format sniffing."""

import io
import json
import shutil
import sys

import pytest

from borderie.cli.main import build_parser, main
from borderie.inputs import count_inputs

FORMATS = __import__("pathlib").Path(__file__).parent / "data" / "formats"


def leaves(parser, prefix=()):
    for action in parser._actions:
        if hasattr(action, "choices") and isinstance(action.choices, dict):
            for name, sub in action.choices.items():
                if sub.get_default("func") is not None:
                    yield prefix + (name,), sub
                yield from leaves(sub, prefix + (name,))


def test_every_command_has_one_quiet_verbose_pair_and_help_with_defaults():
    commands = dict(leaves(build_parser()))
    assert {"extract", "validate", "train", "link", "convert", ("corpus", "check")} <= \
           {k[0] if len(k) == 1 else k for k in commands}
    for name, parser in commands.items():
        options = {o for a in parser._actions for o in a.option_strings}
        assert {"-q", "--quiet", "-v", "--verbose"} <= options, name
        assert parser.description, f"{' '.join(name)} has no description"
        for action in parser._actions:
            assert action.help, f"{' '.join(name)} {action.dest} has no help text"
    text = commands[("extract",)].format_help()
    assert "(default: 8)" in text and "(default: auto)" in text and "--no-progress" not in text


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["extract"])
    assert exit_.value.code == 2
    assert main(["link", "Lao Cai", "--date", "2024-13-45"]) == 2
    assert "E113" in capsys.readouterr().err


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory, gold_docs):
    from borderie.model.tiny import tiny_extractor

    path = tmp_path_factory.mktemp("cli") / "model"
    tiny_extractor([d.text for d in gold_docs], seed=0).save_pretrained(path, full=True)
    return path


def stdin(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_extract_reads_stdin_and_writes_stdout(model_dir, gold_docs, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    lines = "".join(json.dumps({"id": d.id, "text": d.text[:300], "lang": d.lang}) + "\n" for d in gold_docs[:3])
    stdin(monkeypatch, lines.encode("utf-8"))
    assert main(["extract", "-", "-o", "-", "--model", str(model_dir), "-q"]) == 0
    out = capsys.readouterr()
    docs = [json.loads(line) for line in out.out.splitlines()]
    assert [d["id"] for d in docs] == [d.id for d in gold_docs[:3]] and out.err == ""
    assert not (tmp_path / "-").exists()
    # plain text on stdin is one article; the summary goes to stderr, results only to stdout
    stdin(monkeypatch, "Lao Cai borders Yunnan.".encode("utf-8"))
    assert main(["extract", "-", "-o", "-", "--model", str(model_dir), "-v"]) == 0
    out = capsys.readouterr()
    assert [json.loads(line)["id"] for line in out.out.splitlines()] == ["stdin"]
    assert "1 article(s) extracted" in out.err and "loaded model" in out.err


def test_evaluate_reads_predictions_from_stdin(gold_path, monkeypatch, capsys):
    stdin(monkeypatch, gold_path.read_bytes())
    assert main(["evaluate", "--gold", str(gold_path), "--pred", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["entities"]["micro"]["f1"] == 1.0


def test_progress_bar_has_a_total(model_dir, gold_docs, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for d in gold_docs:
        (folder / f"{d.id}.txt").write_text(d.text[:200], encoding="utf-8")
    (folder / "more.jsonl").write_text('{"id": "x", "text": "Lao Cai."}\n{oops\n\n', encoding="utf-8")
    assert count_inputs([folder]) == 7
    assert main(["extract", str(folder), "-o", str(tmp_path / "out.jsonl"), "--model", str(model_dir)]) == 0
    err = capsys.readouterr().err
    assert "7/7" in err and "borderie: warning: W321" in err and "more.jsonl:2" in err


def test_validate_and_corpus_check_print_json(gold_path, tmp_path, capsys):
    assert main(["validate", str(gold_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 0 and report["files"][0]["path"] == str(gold_path)
    broken = tmp_path / "broken.jsonl"
    record = json.loads(gold_path.read_text(encoding="utf-8").splitlines()[0])
    record["entities"][0]["start"] += 1
    broken.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert main(["validate", str(broken), "--json"]) == 1
    problems = json.loads(capsys.readouterr().out)["files"][0]["problems"]
    assert problems[0]["code"] == "E123" and problems[0]["line"] == 1 and problems[0]["level"] == "error"
    assert main(["corpus", "check", str(broken), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["errors"] >= 1
    assert main(["corpus", "stats", str(gold_path), "--json"]) == 0
    assert sum(json.loads(capsys.readouterr().out)["documents"].values()) == 5


def test_convert_sniffs_formats_by_content(tmp_path, capsys):
    # a doccano export named .jsonl is read as doccano, not as gold
    out = tmp_path / "from-doccano.jsonl"
    assert main(["convert", str(FORMATS / "doccano_relations_utf16.jsonl"), str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [e["text"] for e in doc["entities"]] == ["Điện Biên", "Phongsaly", "12/3/2024"]
    assert "from doccano to gold" in capsys.readouterr().out
    # a CoNLL file named .txt is CoNLL; plain text named .txt is refused, naming the file
    assert main(["convert", str(FORMATS / "conll2003_iob1.txt"), str(tmp_path / "c.jsonl")]) == 0
    plain = tmp_path / "article.txt"
    plain.write_text("Lao Cai borders Yunnan.\n", encoding="utf-8")
    assert main(["convert", str(plain), str(tmp_path / "p.jsonl")]) == 2
    err = capsys.readouterr().err
    assert str(plain) in err and "--from" in err and not (tmp_path / "p.jsonl").exists()
    assert main(["convert", str(FORMATS / "labelstudio_0x_completions.json"), str(tmp_path / "ls.conll")]) == 0


def test_convert_to_stdout_and_warnings_on_stderr(tmp_path, monkeypatch, capsys):
    brat = tmp_path / "brat"
    shutil.copytree(FORMATS / "brat", brat)
    assert main(["convert", str(brat), "-", "--to", "doccano"]) == 0
    out = capsys.readouterr()
    line = json.loads(out.out)
    assert [e["start_offset"] for e in line["entities"]] == [0, 12, 62, 78]
    assert "borderie: warning: W170" in out.err and "equivalence" in out.err and "converted 1" in out.err
    assert main(["convert", str(brat), "-", "--to", "doccano", "-q"]) == 0
    assert capsys.readouterr().err == ""
    stdin(monkeypatch, (FORMATS / "bioes_two_columns.txt").read_bytes())
    assert main(["convert", "-", "-", "--from", "conll", "--to", "gold"]) == 0
    assert [e["text"] for e in json.loads(capsys.readouterr().out)["entities"]] == ["Điện Biên", "Lào", "433 km"]
    assert main(["convert", "-", str(tmp_path / "x.jsonl")]) == 2  # stdin needs --from



def test_cli_convert_to_spacy_docbin(tmp_path, gold_path):
    from borderie.cli.main import main

    out = tmp_path / "seeds.spacy"
    if shutil.which("spacy") is None:
        try:
            import spacy  # noqa: F401
        except ImportError:
            assert main(["convert", str(gold_path), str(out), "--to", "spacy"]) == 2
            assert not out.exists()
            return
    assert main(["convert", str(gold_path), str(out), "--to", "spacy"]) == 0
    import spacy
    from spacy.tokens import DocBin

    sdocs = list(DocBin().from_disk(out).get_docs(spacy.blank("xx").vocab))
    assert len(sdocs) == 5 and sdocs[0].user_data["borderie_id"] == "seed-000"
