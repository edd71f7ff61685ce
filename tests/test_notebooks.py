"""The notebooks in notebooks/ run end to end and produce their tables and figures.

Each notebook is executed in memory with nbclient on a ``python3`` kernel, with ``$BORDERIE_MODEL`` naming the
shipped default model when there is one, else a tiny random model saved by this test (its predictions are
meaningless, but every cell, table and figure must still work). Temporary files go to pytest's tmp_path
(``$TMPDIR``), and the test checks that nothing in ``notebooks/`` changed: outputs are never written back.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
NAMES = ("01_quickstart.ipynb", "02_corpus_analysis.ipynb", "03_finetune.ipynb", "04_one_border.ipynb")
CELL_TIMEOUT_S = 300
EXPORT = NOTEBOOKS / "data" / "labelstudio_export.json"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


# -- without a kernel ------------------------------------------------------------------------------------------
def test_the_notebooks_are_committed_clean():
    """Only the four notebooks, each without outputs or execution counts (outputs are never committed)."""
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == sorted(NAMES)
    for name in NAMES:
        nb = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
        assert nb["metadata"]["kernelspec"]["name"] == "python3", name
        assert nb["cells"][0]["cell_type"] == "markdown", f"{name} must open with an introduction"
        for n, cell in enumerate(nb["cells"]):
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, f"{name} cell {n} has outputs"


def test_the_shipped_label_studio_export_converts_to_valid_documents():
    from borderie.convert import read_labelstudio

    docs = read_labelstudio(EXPORT)
    assert [d.id for d in docs] == ["c-b16-fr", "c-c20-en", "c-d21-en", "c-a07-fr"]
    for doc in docs:
        assert doc.entities and doc.relations, doc.id
        assert all(doc.text[e.start:e.end] == e.text for e in doc.entities), doc.id


# -- executing the notebooks -----------------------------------------------------------------------------------
try:
    import ipykernel  # noqa: F401  (the kernel the notebooks run on)
    import nbclient
    import nbformat
except ImportError as err:  # pragma: no cover - depends on the environment
    _MISSING = f"executing the notebooks needs {err.name} (pip install -e '.[notebooks]')"
else:
    _MISSING = None
needs_kernel = pytest.mark.skipif(_MISSING is not None, reason=_MISSING or "")


def _shipped_model() -> Path | None:
    """The shipped default model directory, if one is installed (borderie/data/model or under models/)."""
    from borderie.model import DEFAULT_MODEL_DIR

    for folder in (DEFAULT_MODEL_DIR, ROOT / "models", *sorted((ROOT / "models").glob("*"))):
        if (folder / "config.json").is_file():
            return folder
    return None


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    shipped = _shipped_model()
    if shipped is not None:
        return shipped
    from borderie import read_jsonl
    from borderie.convert import read_labelstudio
    from borderie.model.tiny import tiny_extractor

    texts = [d.text for d in read_jsonl(ROOT / "seeds" / "gold.jsonl") + read_labelstudio(EXPORT)]
    target = tmp_path_factory.mktemp("tiny-model") / "model"
    tiny_extractor(texts, seed=1).save_pretrained(target, full=True)
    return target


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


def _execute(name: str, model_dir: Path, tmp_path: Path, monkeypatch):
    """Run notebook ``name`` in memory and return it with its outputs; fail on the first cell error."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("BORDERIE_MODEL", str(model_dir))
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")  # Agg-based, figures as PNG
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]))
    monkeypatch.setenv("TQDM_DISABLE", "1")
    before = _snapshot(NOTEBOOKS)
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    assert _snapshot(NOTEBOOKS) == before, "executing a notebook must not write into the repository"
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    return nb


def _outputs(nb) -> list:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def _printed(nb) -> str:
    """Everything the notebook printed (streams) and every plain-text result, in order."""
    parts = []
    for o in _outputs(nb):
        if o.output_type == "stream":
            parts.append(o.text)
        elif o.output_type in ("execute_result", "display_data"):
            parts.append(o.data.get("text/plain", ""))
    return "\n".join(parts)


def _html_tables(nb) -> list[list[str]]:
    """The column headers of every HTML table (pandas DataFrame) the notebook displayed."""
    tables = []
    for o in _outputs(nb):
        html = o.get("data", {}).get("text/html", "") if o.output_type in ("execute_result", "display_data") else ""
        if "<table" in html:
            header = html.split("</thead>")[0]
            tables.append(re.findall(r"<th[^>]*>([^<]+)</th>", header))
    return tables


def _pngs(nb) -> list[bytes]:
    return [base64.b64decode(o.data["image/png"]) for o in _outputs(nb)
            if o.output_type in ("execute_result", "display_data") and "image/png" in o.get("data", {})]


def _has_table(nb, columns: set[str]) -> bool:
    return any(columns <= set(header) for header in _html_tables(nb))


@needs_kernel
def test_quickstart_runs(model_dir, tmp_path, monkeypatch):
    nb = _execute("01_quickstart.ipynb", model_dir, tmp_path, monkeypatch)
    printed = _printed(nb)
    assert _has_table(nb, {"start", "end", "label", "text", "score", "canonical"}), _html_tables(nb)
    assert _has_table(nb, {"label", "head_text", "tail_text"})
    assert _has_table(nb, {"text", "place_name", "place_id", "level", "country", "lat", "lon"})
    assert re.search(r"\d+ entities, \d+ relations", printed)
    assert "micro" in printed and "Relations" in printed  # the evaluation table against the gold article
    assert re.search(r'\{"id": "seed-000", "lang": "fr"', printed)  # the JSON line written out
    assert re.search(r"read back seed-000: \d+ entities", printed)
    written = list((tmp_path / "tmp").glob("borderie-quickstart-*/extracted.jsonl"))
    assert len(written) == 1 and json.loads(written[0].read_text(encoding="utf-8"))["id"] == "seed-000"


@needs_kernel
def test_corpus_analysis_runs_and_draws_its_figures(model_dir, tmp_path, monkeypatch):
    nb = _execute("02_corpus_analysis.ipynb", model_dir, tmp_path, monkeypatch)
    printed = _printed(nb)
    test_split = ROOT / "corpus" / "data" / "test.jsonl"
    n_test = sum(1 for line in test_split.read_text(encoding="utf-8").splitlines() if line.strip()) \
        if test_split.is_file() else 0
    assert f"= {5 + n_test} articles" in printed
    assert re.search(r"entities: +P \d\.\d{3} +R \d\.\d{3} +F1 \d\.\d{3}", printed)
    assert _has_table(nb, {"doc_id", "canonical", "signed_on", "parties"})  # agreements
    assert _has_table(nb, {"place", "as_written", "km", "qualifier"})  # border lengths
    assert _has_table(nb, {"side_a", "side_b", "articles"})  # twinning pairs
    _check_figures(_pngs(nb))


def _check_figures(figures: list[bytes]) -> None:
    from matplotlib.image import imread  # decodes PNG without a plotting backend

    assert len(figures) >= 3  # the network, the map and the timeline
    for png in figures:
        assert png.startswith(PNG_MAGIC)
        pixels = imread(io.BytesIO(png))  # decodes: a real PNG
        height, width = pixels.shape[:2]
        assert height >= 200 and width >= 500, (height, width)
        assert pixels[..., :3].std() > 0.01  # something was drawn: not a blank canvas


@needs_kernel
def test_finetune_runs_evaluates_saves_and_reloads(model_dir, tmp_path, monkeypatch):
    nb = _execute("03_finetune.ipynb", model_dir, tmp_path, monkeypatch)
    printed = _printed(nb)
    assert "4 tasks" in printed
    assert _has_table(nb, {"id", "lang", "entities", "relations"})  # the converted export
    assert re.search(r"before: entity F1 \d\.\d{3}, relation F1 \d\.\d{3}", printed)
    assert re.search(r"after: +entity F1 \d\.\d{3}, relation F1 \d\.\d{3}", printed)
    assert re.search(r"epoch 1: loss \d+\.\d+ +dev entity F1 \d\.\d{4}", printed)  # the training log
    assert _has_table(nb, {"before", "after", "change"})
    assert re.search(r"reloaded from my-border-model: \d+ entities .* same entities as before saving: True", printed)
    assert not any((tmp_path / "tmp").iterdir()), "the notebook removes its working folder at the end"


@needs_kernel
def test_one_border_runs_from_library_calls(model_dir, tmp_path, monkeypatch):
    nb = _execute("04_one_border.ipynb", model_dir, tmp_path, monkeypatch)
    printed = _printed(nb)
    assert re.search(r"\d+ of \d+ articles are about the Vietnam–Laos border", printed)
    assert _has_table(nb, {"articles", "people", "places", "agreements"})  # month by month
    assert _has_table(nb, {"date", "doc_id", "who", "met"})
    assert _has_table(nb, {"agreement", "parties", "signed_on", "reported_on", "articles"})
    assert re.search(r"\d+ meetings or cooperations", printed)
    _check_figures(_pngs(nb))
