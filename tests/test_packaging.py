"""Packaging: every package folder is installed, and the shipped files are found through the installed package."""

from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python >= 3.11

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "borderie").rglob("__init__.py")}
    assert on_disk <= listed, f"add to [tool.setuptools] packages: {sorted(on_disk - listed)}"
    assert config["package-dir"]["borderie.pretrained"] == "models"


def test_default_model_dir_is_the_models_folder():
    from borderie.model import DEFAULT_MODEL_DIR

    assert DEFAULT_MODEL_DIR.resolve() == (ROOT / "models" / "default").resolve()
