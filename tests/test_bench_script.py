"""benchmarks/bench_pipeline.py: the script runs end to end on a tiny model and writes the numbers it promises.

No timing is asserted (speed is measured by the script, not by tests); the
checks are on the shape and the consistency of the output.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_pipeline", ROOT / "benchmarks" / "bench_pipeline.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_pipeline"] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("bench_pipeline", None)


@pytest.fixture
def two_seeds(tmp_path, gold_path) -> Path:
    """Seed articles 2 and 3: one French, one English."""
    lines = [line for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    langs = [json.loads(line)["lang"] for line in lines[1:3]]
    assert sorted(langs) == ["en", "fr"]
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(lines[1:3]) + "\n", encoding="utf-8")
    return path


def test_main_on_tiny_model_writes_all_numbers(bench, two_seeds, tmp_path, gold_docs, capsys):
    out = tmp_path / "bench.json"
    status = bench.main(["--make-model", "tiny", "--data", f"two={two_seeds}", "--repeats", "2", "--synthetic", "2",
                         "--words", "60", "--batch-size", "2", "--threads", "1", "--no-spacy", "--json", str(out)])
    assert status == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert set(result) == set(bench.RESULT_KEYS)

    ours = result["borderie"]
    for key in ("import_s", "load_s", "warm_up_s", "rss_after_load_bytes", "peak_rss_bytes", "model", "sets"):
        assert key in ours, key
    assert 0 < ours["rss_after_load_bytes"] <= ours["peak_rss_bytes"]
    assert ours["torch_threads"] == 1
    assert ours["model"]["base"] is None and ours["model"]["hidden_size"] == 32

    # the data set, the synthetic set and their French subsets
    assert list(result["sets"]) == ["two", "synthetic", "two[fr]", "synthetic[fr]"]
    texts = [d.text for d in gold_docs[1:3]]
    two = result["sets"]["two"]
    assert two["articles"] == 2 and two["words"] == sum(len(t.split()) for t in texts)
    assert two["gold_entities"] == sum(len(d.entities) for d in gold_docs[1:3])
    assert result["sets"]["two[fr]"]["articles"] == 1 and result["sets"]["two[fr]"]["langs"] == ["fr"]
    synthetic = result["sets"]["synthetic"]
    assert synthetic["articles"] == 2 and synthetic["words"] == 120 and synthetic["langs"] == ["en", "fr"]
    assert synthetic["gold_entities"] is None
    for row in result["sets"].values():
        b = row["borderie"]
        assert len(b["times_s"]) == 2 and len(b["encoder_times_s"]) == 2
        assert b["best_s"] == min(b["times_s"])
        assert b["articles_per_s"] == pytest.approx(row["articles"] / b["median_s"])
        assert b["words_per_s"] == pytest.approx(row["words"] / b["median_s"])
        assert b["pieces"] >= row["words"] > 0  # every word is at least one piece
        assert b["articles_per_s_best"] >= b["articles_per_s"] > 0
        assert row["spacy"] is None

    assert result["spacy"] is None
    assert any("--no-spacy" in note for note in result["notes"])
    assert any("60 words" in note for note in result["notes"])
    targets = result["targets"]
    assert set(targets) == {"pipe_articles_per_s", "load_s", "peak_rss_bytes"}
    assert targets["pipe_articles_per_s"]["met"] is None  # 60-word articles: not the stated 400
    assert targets["load_s"]["value"] == ours["load_s"]
    printed = capsys.readouterr().out
    assert "synthetic[fr]" in printed and "targets:" in printed


def test_cut_articles_keeps_languages_apart_and_word_counts_exact(bench):
    A = bench.Article
    sources = [A("f1", " ".join(f"mot{i}" for i in range(300)), "fr"),
               A("e1", " ".join(f"word{i}" for i in range(500)), "en"),
               A("f2", " ".join(f"mot{i}" for i in range(300, 400)), "fr")]
    data = bench.cut_articles(sources, 4, 100)
    assert [a.lang for a in data.articles] == ["fr", "en", "fr", "en"]  # languages alternate
    for article in data.articles:
        words = article.text.split()
        assert len(words) == 100
        assert all(w.startswith("mot" if article.lang == "fr" else "word") for w in words)
    # 400 French words cut 2 ways: the slices start at both ends of the pool, without overlap
    french = [a.text.split() for a in data.articles if a.lang == "fr"]
    assert french[0][0] == "mot0" and french[1][-1] == "mot399"
    # a pool shorter than one article is repeated to fill it
    short = bench.cut_articles([A("s", "un deux trois", "fr")], 1, 7)
    assert short.articles[0].text == "un deux trois un deux trois un"
    with pytest.raises(ValueError):
        bench.cut_articles(sources, 0, 100)


def test_shares_are_proportional_and_sum_to_count(bench):
    assert bench._shares({"fr": 100, "en": 300}, 8) == {"fr": 2, "en": 6}
    assert bench._shares({"fr": 1, "en": 1000}, 3) == {"fr": 1, "en": 2}  # each language at least once
    assert sum(bench._shares({"fr": 7, "en": 5, "vi": 3}, 2).values()) == 2


def test_spacy_peer_reports_why_it_cannot_run(bench):
    assert "no_such_spacy_model_xyz" in bench.spacy_missing("no_such_spacy_model_xyz")


def test_missing_data_file_is_a_usage_error(bench, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        bench.main(["--make-model", "tiny", "--data", str(tmp_path / "absent.jsonl"), "--no-spacy"])
    assert exit_info.value.code == 2
    assert "absent.jsonl: no such file" in capsys.readouterr().err


def test_models_side_by_side_reports_speed_memory_and_f1_per_model_and_precision(two_seeds, tmp_path, gold_docs):
    import subprocess

    from borderie.model.tiny import tiny_extractor

    tiny_extractor([d.text for d in gold_docs]).save_pretrained(tmp_path / "tiny", full=True)
    out = tmp_path / "models.json"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_models.py"), "--model",
                           f"a={tmp_path / 'tiny'}", "--model", f"b={tmp_path / 'tiny'}", "--precision", "float32",
                           "--precision", "auto", "--data", f"two={two_seeds}", "--synthetic", "2", "--repeats", "1",
                           "--no-spacy", "--json", str(out)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [(m["model"], m["layers"]) for m in data["models"]] == [("a", 2)] * 2 + [("b", 2)] * 2
    for m in data["models"]:
        assert set(m["sets"]) == {"two", "400-word"} and m["sets"]["two"]["articles_per_s"] > 0
        assert 0.0 <= m["scores"]["two"]["entity_f1"] <= 1.0 and m["peak_rss_bytes"] > 0
    assert "bfloat16 native" in proc.stdout and "entity F1" in proc.stdout
