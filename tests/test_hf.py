"""The Hugging Face side: model card metadata, tokenizer_config.json for AutoTokenizer, gold data as a Dataset."""

import json
from pathlib import Path

import pytest

from borderie.model.card import metadata_block, tokenizer_config_json
from borderie.model.storage import read_config

DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "default"  # the files of this checkout
TEXTS = ["Le district de Nâm Pô, province de Điện Biên, partage 119,7 km de frontière avec Muong May.",
         "Hà  Nội, ngày 12/3/2024: Ｈà Giang và Vân Nam (Trung Quốc) ký biên bản.",
         "The Lao Cai – Hekou border gate reopened 🤝 on Monday."]


@pytest.fixture(scope="module")
def tiny(gold_docs):
    from borderie.model.tiny import tiny_extractor

    return tiny_extractor([d.text for d in gold_docs], seed=0)


def test_save_pretrained_writes_card_metadata_and_tokenizer_config(tiny, tmp_path):
    hub = pytest.importorskip("huggingface_hub")
    path = tiny.save_pretrained(tmp_path / "m", full=True)
    card = hub.ModelCard.load(path / "README.md")
    assert card.data.library_name == "borderie" and card.data.license == "mit"
    assert card.data.language == ["fr", "en", "vi"] and card.data.pipeline_tag == "token-classification"
    assert card.data.base_model is None  # the tiny model has no base encoder
    # a hand-written card keeps its text; the block is replaced, never doubled
    (path / "README.md").write_text("---\nlicense: other\n---\n\n# My model\n\nNotes.\n", encoding="utf-8")
    tiny.save_pretrained(path, full=True, overwrite=True)
    text = (path / "README.md").read_text(encoding="utf-8")
    assert text.count("---\n") == 2 and "license: mit" in text and text.endswith("# My model\n\nNotes.\n")
    settings = json.loads((path / "tokenizer_config.json").read_text(encoding="utf-8"))
    assert (settings["bos_token"], settings["eos_token"], settings["pad_token"]) == ("<s>", "</s>", "<pad>")


def test_shipped_model_card_and_tokenizer_config_are_current():
    config = read_config(DEFAULT_MODEL_DIR)
    assert (DEFAULT_MODEL_DIR / "README.md").read_text(encoding="utf-8").startswith(metadata_block(config) + "\n")
    from borderie.encoder.tokenizer import SubwordTokenizer

    tokenizer = SubwordTokenizer.from_file(DEFAULT_MODEL_DIR / "tokenizer.model")
    assert (DEFAULT_MODEL_DIR / "tokenizer_config.json").read_text(encoding="utf-8") == \
           tokenizer_config_json(tokenizer, config)
    hub = pytest.importorskip("huggingface_hub")
    data = hub.ModelCard.load(DEFAULT_MODEL_DIR / "README.md").data
    assert data.base_model == "intfloat/multilingual-e5-small" and data.library_name == "borderie"


def test_autotokenizer_adds_the_special_tokens(monkeypatch):
    transformers = pytest.importorskip("transformers")
    if int(transformers.__version__.split(".")[0]) < 5:
        pytest.skip("AlbertTokenizer reads tokenizer.model from transformers 5 on")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from borderie.encoder.tokenizer import SubwordTokenizer

    ours = SubwordTokenizer.from_file(DEFAULT_MODEL_DIR / "tokenizer.model")
    theirs = transformers.AutoTokenizer.from_pretrained(str(DEFAULT_MODEL_DIR))
    for text in TEXTS:
        ids = theirs(text)["input_ids"]
        assert ids == ours.encode(text) and ids[0] == ours.bos_id and ids[-1] == ours.eos_id
    assert theirs.pad_token_id == ours.pad_id and theirs.mask_token == "<mask>"


def test_gold_documents_as_a_dataset_and_back(gold_docs, tmp_path):
    datasets = pytest.importorskip("datasets")
    from borderie import from_dataset, to_dataset
    from borderie.schema import ENTITY_LABELS, RELATION_LABELS

    ds = to_dataset(gold_docs)
    assert len(ds) == 5 and ds[0]["id"] == gold_docs[0].id
    entity, relation = ds.features["entities"], ds.features["relations"]
    item = entity[0] if isinstance(entity, list) else entity.feature
    assert isinstance(item["label"], datasets.ClassLabel) and item["label"].names == list(ENTITY_LABELS)
    item = relation[0] if isinstance(relation, list) else relation.feature
    assert item["label"].names == list(RELATION_LABELS)
    first = ds[0]["entities"][0]
    assert ENTITY_LABELS[first["label"]] == gold_docs[0].entities[0].label
    # through a Parquet file on disk and back to documents, annotations unchanged
    path = tmp_path / "gold.parquet"
    ds.to_parquet(str(path))
    back = from_dataset(datasets.Dataset.from_parquet(str(path), features=ds.features))
    assert [d.to_dict() for d in back] == [d.to_dict() for d in gold_docs]
