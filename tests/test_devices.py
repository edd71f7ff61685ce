"""Devices: names resolve to torch devices, an absent GPU is refused (E306) before any work, CPU runs everywhere.

CI has no GPU; the GPU path itself is checked on a real GPU when one is lent (see the closing notes).
"""

import pytest
import torch

import borderie
from borderie.batch import Predictor
from borderie.cli.main import main
from borderie.errors import UsageError
from borderie.model import resolve_model_path, shipped_model_path
from borderie.training import train
from borderie.model.device import CPU_WINDOWS, GPU_WINDOWS, resolve_device, windows_per_step

NO_GPU = not torch.cuda.is_available()


@pytest.fixture(scope="module")
def saved(tmp_path_factory, gold_docs):
    from borderie.model.tiny import tiny_extractor

    path = tmp_path_factory.mktemp("dev") / "tiny"
    tiny_extractor([d.text for d in gold_docs]).save_pretrained(path, full=True)
    return path


def test_names_resolve():
    assert resolve_device("cpu") == torch.device("cpu") == resolve_device(" CPU ")
    assert resolve_device("auto") == resolve_device(None) == torch.device("cuda" if torch.cuda.is_available() else "cpu")
    assert windows_per_step(torch.device("cpu")) == CPU_WINDOWS < GPU_WINDOWS == windows_per_step(torch.device("cuda"))


@pytest.mark.parametrize("name", ["gpu", "cuda:x", "tpu"])
def test_unknown_names_are_refused(name):
    with pytest.raises(UsageError) as err:
        resolve_device(name)
    assert err.value.code == "E306"


@pytest.mark.skipif(not NO_GPU, reason="this machine has a GPU")
@pytest.mark.parametrize("name", ["cuda", "cuda:1"])
def test_an_absent_gpu_is_refused_everywhere_before_work(name, saved, tmp_path, capsys):
    with pytest.raises(UsageError, match="no CUDA GPU") as err:
        borderie.load(saved, device=name)
    assert err.value.code == "E306"
    with pytest.raises(UsageError):
        Predictor(saved, device=name)
    with pytest.raises(UsageError):
        train("missing.jsonl", "missing.jsonl", tmp_path / "out", device=name)  # before reading
    (tmp_path / "a.txt").write_text("Lào Cai giáp Vân Nam.", encoding="utf-8")
    assert main(["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o.jsonl"), "--model", str(saved),
                 "--device", name]) == 2
    assert "E306" in capsys.readouterr().err and not (tmp_path / "o.jsonl").exists()


def test_a_model_runs_on_the_cpu_and_moves(saved):
    nlp = borderie.load(saved, device="cpu", precision="float32")
    assert nlp.device == torch.device("cpu") and nlp.to("cpu") is nlp
    assert nlp("Lào Cai giáp Vân Nam.").text == "Lào Cai giáp Vân Nam."


def test_shipped_models_load_by_name(tmp_path, monkeypatch):
    assert resolve_model_path("full") == shipped_model_path("full")
    assert (shipped_model_path("full") / "config.json").is_file()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "full").mkdir()  # a folder of that name here wins: the user meant it
    assert resolve_model_path("full") == type(tmp_path)("full")
    with pytest.raises(UsageError):
        shipped_model_path("tiny")
