from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = SEEDS / "gold.jsonl"


@pytest.fixture(scope="session")
def gold_path() -> Path:
    return GOLD


@pytest.fixture(scope="session")
def gold_records() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def gold_docs():
    from borderie import read_jsonl

    return read_jsonl(GOLD)


@pytest.fixture(scope="session")
def tiny_for_property(gold_docs):
    """A tiny random model (session-wide: property tests call it on many texts)."""
    from borderie.model.tiny import tiny_extractor

    return tiny_extractor([d.text for d in gold_docs], seed=0)
