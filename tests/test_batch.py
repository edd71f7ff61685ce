import json
import pickle

import pytest

from borderie.batch import Predictor, extract_to_jsonl
from borderie.inputs import InputProblem, InputRecord, iter_inputs
from borderie.io import read_jsonl
from borderie.outputs import read_resume_state


@pytest.fixture(scope="module")
def tiny(gold_docs):
    from borderie.model.tiny import tiny_extractor

    return tiny_extractor([d.text for d in gold_docs], seed=0)


@pytest.fixture
def articles(tmp_path, gold_docs):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for i in range(12):
        doc = gold_docs[i % 5]
        (folder / ("sub" if i % 2 else "") / f"a{i:02d}.txt").write_text(doc.text[: 300 + 40 * i], encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\xff\xfe not utf-8 \x80")
    lines = [json.dumps({"id": f"j{i}", "text": gold_docs[i].text[:400], "lang": gold_docs[i].lang,
                         "date": "2025-05-09"}) for i in range(3)]
    lines.insert(1, "{oops")
    lines.append(json.dumps({"id": "j9", "text": ""}))
    (folder / "more.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_inputs_report_bad_articles(articles, monkeypatch):
    monkeypatch.chdir(articles.parent)
    items = list(iter_inputs(["in"]))
    good = [i for i in items if isinstance(i, InputRecord)]
    bad = [i for i in items if isinstance(i, InputProblem)]
    assert len(good) == 15
    assert {g.id for g in good} >= {"in/a00", "in/sub/a01", "j0", "j2"}  # a text file's id is its path
    assert next(g for g in good if g.id == "j0").date.isoformat() == "2025-05-09"
    assert sorted(p.message.split(" ")[0] for p in bad) == ["malformed", "no", "not"]
    assert any(p.where.endswith("more.jsonl:2") for p in bad)


def test_parquet_input(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    path = tmp_path / "x.parquet"
    pq.write_table(pa.table({"id": ["p1", "p2"], "text": ["Lao Cai borders Yunnan.", None]}), path)
    items = list(iter_inputs([path]))
    assert isinstance(items[0], InputRecord) and items[0].id == "p1"
    assert isinstance(items[1], InputProblem) and items[1].id == "p2"


def test_extract_is_resumable_and_skips_bad_articles(tiny, articles, tmp_path):
    out = tmp_path / "out.jsonl"
    problems = []
    summary = extract_to_jsonl(tiny, [articles], out, batch_size=4, progress=False, on_problem=problems.append)
    assert (summary.written, summary.skipped, len(problems)) == (15, 0, 3)
    docs = read_jsonl(out)  # every line is a valid document
    assert len(docs) == 15 and len({d.id for d in docs}) == 15
    for d in docs:
        for e in d.entities:
            assert d.text[e.start:e.end] == e.text

    # an interruption: the last line is cut in the middle, three lines are lost
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:11]) + lines[11][:25])
    assert len(read_resume_state(out).done) == 11
    again = extract_to_jsonl(tiny, [articles], out, batch_size=4, progress=False, on_problem=lambda p: None)
    assert (again.written, again.skipped) == (4, 11)
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(ids) == 15 and len(set(ids)) == 15


def test_one_failing_article_does_not_lose_the_batch(tiny, articles, tmp_path):
    class Flaky:
        def pipe(self, docs, batch_size=8):
            for d in docs:
                if d.id.endswith("a04"):
                    raise RuntimeError("model broke on this one")
            return tiny.pipe(docs, batch_size=batch_size)

    out = tmp_path / "out.jsonl"
    problems = []
    summary = extract_to_jsonl(Flaky(), [articles], out, batch_size=4, progress=False, on_problem=problems.append)
    assert summary.written == 14
    assert any(p.id.endswith("a04") and "model broke" in p.message for p in problems)


def test_predictor_pickles_and_maps_datasets(tiny, tmp_path, gold_docs):
    datasets = pytest.importorskip("datasets")
    model_dir = tmp_path / "model"
    tiny.save_pretrained(model_dir, full=True)
    predictor = Predictor(model_dir, batch_size=2)
    clone = pickle.loads(pickle.dumps(predictor))
    rows = [{"id": d.id, "text": d.text[:500], "lang": d.lang} for d in gold_docs]
    ds = datasets.Dataset.from_list(rows).map(clone, batched=True, batch_size=2)
    expected = list(tiny.pipe([r["text"] for r in rows], ids=[r["id"] for r in rows]))
    assert ds["id"] == [r["id"] for r in rows]
    for row, doc in zip(ds, expected):
        assert [(e["start"], e["end"], e["label"]) for e in row["entities"]] == \
               [(e.start, e.end, e.label) for e in doc.entities]
        assert json.loads(row["document"])["id"] == doc.id


def test_predictor_fixed_schema_when_the_first_batch_has_nothing(tiny, gold_docs):
    """The first batch has no entity (so no place, no value): the columns still get the declared types."""
    datasets = pytest.importorskip("datasets")
    predictor = Predictor(batch_size=2)
    predictor._nlp = tiny  # the tiny test model instead of the shipped one
    assert [len(d.entities) for d in tiny.pipe(["...", " "])] == [0, 0]
    rows = [{"id": "empty-1", "text": "...", "lang": None, "date": None},
            {"id": "empty-2", "text": " ", "lang": None, "date": None}]
    rows += [{"id": d.id, "text": d.text[:400], "lang": d.lang, "date": "2024-05-01"} for d in gold_docs]
    ds = datasets.Dataset.from_list(rows).map(predictor, batched=True, batch_size=2)
    for key, feature in predictor.features.items():
        assert ds.features[key] == feature
    assert [len(e) for e in ds["entities"]][:2] == [0, 0] and sum(len(e) for e in ds["entities"]) > 0
    assert ds["id"] == [r["id"] for r in rows] and ds["lang"] == [r["lang"] for r in rows]


def test_predictor_reads_nan_and_none_as_missing(tiny):
    np = pytest.importorskip("numpy")
    predictor = Predictor()
    predictor._nlp = tiny
    batch = {"id": np.array(["a", "b", "c"], dtype=object),
             "text": np.array(["Lao Cai borders Yunnan.", None, float("nan")], dtype=object),
             "lang": np.array([np.nan, np.nan, np.nan]), "date": np.array([np.nan, np.nan, np.nan])}
    with pytest.warns(UserWarning, match="W320") as record:
        out = predictor(batch)
    assert len(record) == 2 and "row b: no text" in str(record[0].message)
    assert out["lang"] == [None, None, None] and out["date"] == [None, None, None]
    docs = [json.loads(d) for d in out["document"]]
    assert [(d["id"], d["lang"], d["date"]) for d in docs] == [("a", None, None), ("b", None, None),
                                                                 ("c", None, None)]
    assert docs[1]["entities"] == [] and docs[2]["text"] == ""
    dates = predictor({"text": ["x", "y", "z"], "date": np.array(["2024-05-01T00:00:00", "NaT", "2024-06-02"],
                                                                 dtype="datetime64[s]")})
    assert [json.loads(d)["date"] for d in dates["document"]] == ["2024-05-01", None, "2024-06-02"]


def test_cli_extract(tiny, articles, tmp_path, capsys):
    from borderie.cli.main import main

    model_dir = tmp_path / "model"
    tiny.save_pretrained(model_dir, full=True)
    out = tmp_path / "pred.jsonl"
    args = ["extract", str(articles), "-o", str(out), "--model", str(model_dir), "--no-progress"]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "15 article(s) extracted" in err and "3 problem(s)" in err and "bad.txt" in err
    assert main(args) == 0
    assert "0 article(s) extracted, 15 already done" in capsys.readouterr().err
    assert main(["extract", str(articles), "-o", str(out), "--model", str(tmp_path / "nope")]) == 1
    assert "E200" in capsys.readouterr().err
