"""One rule per thing across the API: arguments checked before work, one date coercion, stable ids,
documents kept whole, one precision default, one error registry, invisible characters invisible."""

import datetime as dt
import re
from pathlib import Path

import pytest

import borderie
from borderie.batch import Predictor
from borderie.document import Document, default_id
from borderie.errors import CODES, InputWarning, UsageError
from borderie.gazetteer import link
from borderie.model import Extractor
from borderie.model.pairs import MAX_PAIR_CHARS, candidate_pairs
from borderie.validation import check_record
from borderie.values import value_for

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def tiny(gold_docs):
    from borderie.model.tiny import tiny_extractor

    return tiny_extractor([d.text for d in gold_docs], seed=0)


@pytest.fixture
def no_inference(tiny, monkeypatch):
    """Fail the test if the encoder runs: arguments must be refused before any work."""
    def refuse(*args, **kwargs):
        raise AssertionError("the model ran before the arguments were checked")
    monkeypatch.setattr(tiny.network, "piece_states", refuse)
    return tiny


@pytest.mark.parametrize("kwargs, code", [({"date": "2024-13-45"}, "E113"), ({"date": 20240505}, "E113"),
                                          ({"lang": "de"}, "E114"), ({"lang": "xx"}, "E114")])
def test_bad_date_or_lang_is_refused_before_inference(no_inference, kwargs, code):
    with pytest.raises(UsageError) as err:
        no_inference("Lào Cai giáp Vân Nam.", **kwargs)
    assert err.value.code == code and str(next(iter(kwargs.values()))) in err.value.message


def test_language_codes_are_read_loosely(tiny):
    assert tiny("Lao Cai borders Yunnan.", lang="EN-gb").lang == "en"


@pytest.mark.parametrize("call", [
    lambda: Document("d", "x", date="2024-13-45"),
    lambda: value_for("DATE", "5 mai", lang="fr", ref="2024-13-45"),
    lambda: link("Lào Cai", date="2024-13-45"),
])
def test_the_same_bad_date_is_the_same_error_everywhere(call):
    with pytest.raises(UsageError) as err:
        call()
    assert err.value.code == "E113" and "'2024-13-45' is not an ISO date" in err.value.message


def test_a_batch_row_with_a_bad_date_is_the_same_message_as_a_warning(tiny, monkeypatch):
    predictor = Predictor()
    monkeypatch.setattr(predictor, "_nlp", tiny)
    with pytest.warns(InputWarning, match=r"\[W320\].*'2024-13-45' is not an ISO date"):
        out = predictor({"text": ["Lào Cai"], "date": ["2024-13-45"]})  # a batch job goes on
    assert Document.from_json(out["document"][0]).date is None


def test_validation_reports_the_same_date_message():
    problems = check_record({"id": "d", "text": "x", "date": "2024-13-45", "entities": [], "relations": []})
    assert [(p.code, p.message) for p in problems] == [("E113", "'date' '2024-13-45' is not an ISO date (YYYY-MM-DD)")]


def test_dates_from_dataframes_and_timestamps_are_read():
    assert Document("d", "x", date="2024-05-01T00:00:00").date == dt.date(2024, 5, 1)
    assert Document("d", "x", date=dt.datetime(2024, 5, 1, 12)).date == dt.date(2024, 5, 1)
    assert Document("d", "x", date=float("nan")).date is None


def test_nlp_on_a_document_keeps_its_fields(tiny):
    doc = Document("art-1", "Lào Cai giáp Vân Nam.", lang="vi", date=dt.date(2024, 5, 1), source="https://x.vn/1",
                   meta={"section": "thời sự"})
    out = tiny(doc)
    assert (out.id, out.lang, out.date, out.source, dict(out.meta)) == \
           ("art-1", "vi", dt.date(2024, 5, 1), "https://x.vn/1", {"section": "thời sự"})


def test_ids_of_texts_without_one_are_the_same_in_pipe_and_predictor(tiny, monkeypatch):
    texts = ["Lào Cai giáp Vân Nam.", "Điện Biên giáp Phongsaly.", "Lào Cai giáp Vân Nam."]
    predictor = Predictor(batch_size=2)
    monkeypatch.setattr(predictor, "_nlp", tiny)
    first = predictor({"text": texts[:2]})["document"]
    second = predictor({"text": texts[2:]})["document"]
    ids = [Document.from_json(d).id for d in [*first, *second]]
    assert ids == [d.id for d in tiny.pipe(texts)] == [default_id(t) for t in texts]
    assert ids[0] == ids[2] != ids[1]  # the same text, the same id, in any batch


def test_load_and_from_pretrained_share_one_precision_default(tmp_path, tiny):
    tiny.save_pretrained(tmp_path / "m", full=True)
    assert Extractor.from_pretrained(tmp_path / "m").precision == borderie.load(tmp_path / "m").precision


def test_quantize_copies_unless_asked_and_set_precision_changes_in_place(tiny):
    copy = tiny.quantize()
    assert copy is not tiny and copy.quantized and not tiny.quantized
    assert tiny.set_precision("float32") is tiny


def test_every_code_used_in_the_package_or_the_readme_is_declared_once():
    used = set()
    for path in (ROOT / "borderie").rglob("*.py"):
        if path.name == "errors.py":
            continue
        text = path.read_text(encoding="utf-8")
        literal = re.findall(r"""["']([EW]\d{3})["']""", text)
        assert not literal, f"{path}: codes spelt out instead of imported from borderie.errors: {literal}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    used |= set(re.findall(r"`([EW]\d{3})`", readme))
    missing = sorted(used - set(CODES))
    assert not missing, f"README names undeclared codes: {missing}"


def test_long_unpunctuated_text_pairs_only_nearby_mentions():
    starts = list(range(0, 20_000, 70))  # ~285 mentions in one 20,000-character "sentence"
    labels = ["LOC"] * len(starts)
    pairs = candidate_pairs(labels, starts, [0] * len(starts))
    assert pairs and all(abs(starts[i] - starts[j]) <= MAX_PAIR_CHARS for i, j in pairs)
    assert len(pairs) < 12 * len(starts)


def test_a_very_long_word_is_never_cut(tiny):
    text = "x" * 100_000 + " Lào Cai"
    for e in tiny(text).entities:
        assert text[e.start:e.end] == e.text
        assert (e.start == 0 or not text[e.start - 1].isalnum()) and (e.end == len(text) or not text[e.end].isalnum())


def test_zero_width_characters_change_nothing_the_model_sees(tiny, gold_docs):
    invisible = "\u200b\u200c\u200d\u2060\u00ad"
    for doc in gold_docs:
        # an invisible character after every fifth letter that has a letter after it
        marked, where = [], []
        for i, ch in enumerate(doc.text):
            where.append(len("".join(marked)))
            marked.append(ch)
            if ch.isalpha() and i + 1 < len(doc.text) and doc.text[i + 1].isalpha() and i % 5 == 0:
                marked.append(invisible[i % len(invisible)])
        text = "".join(marked)
        where.append(len(text))
        plain = tiny(doc.text)
        seen = tiny(text)
        assert all(text[e.start:e.end] == e.text for e in seen.entities)
        strip = str.maketrans("", "", invisible)
        assert [(e.label, e.text.translate(strip)) for e in seen.entities] == \
               [(e.label, e.text) for e in plain.entities]
        assert len(seen.relations) == len(plain.relations)
