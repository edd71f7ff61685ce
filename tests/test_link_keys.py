"""Place answer keys (hand-decided): linking accuracy on real articles and on the seeds, as the pipeline links.

The realdev key lives in the project; the articles are read from ../shared/realdev at run time
(the test skips cleanly where that folder is absent). The key never holds article text.
"""

from pathlib import Path

import pytest

from borderie import read_jsonl
from borderie.errors import UsageError
from borderie.gazetteer import default
from borderie.gazetteer.answer_key import read_key, score_key

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
REALDEV = ROOT.parent / "shared" / "realdev" / "gold.jsonl"


def _check_targets(score):
    assert score.sure >= 80
    assert score.share("right") >= 0.98, score.summary() + "\n" + "\n".join(
        f"{o.verdict} {o.row.doc_id} {o.row.start} {o.text!r} want {o.row.place_id} got {o.got}" for o in score.misses())
    assert score.share("wrong") <= 0.01, score.summary()


def test_seed_key_targets(gold_docs):
    _check_targets(score_key(gold_docs, read_key(DATA / "seed_places.tsv")))


@pytest.mark.skipif(not REALDEV.exists(), reason="../shared/realdev is not available")
def test_realdev_key_targets():
    key = read_key(DATA / "realdev_places.tsv")
    docs = read_jsonl(REALDEV)
    assert len({r.doc_id for r in key}) == len(docs) == 26
    score = score_key(docs, key)
    assert score.sure + score.unsure == len(key)
    _check_targets(score)


@pytest.mark.skipif(not REALDEV.exists(), reason="../shared/realdev is not available")
def test_realdev_key_holds_no_article_text():
    key_text = (DATA / "realdev_places.tsv").read_text(encoding="utf-8").casefold()
    for doc in read_jsonl(REALDEV):
        for e in doc.entities:
            if e.label in ("LOC", "FAC") and len(e.text) > 9:
                assert e.text.casefold() not in key_text, e.text


@pytest.mark.parametrize("name", ["seed_places.tsv", "realdev_places.tsv"])
def test_key_place_ids_exist(name):
    g = default()
    for r in read_key(DATA / name):
        assert r.place_id is None or r.place_id in g, (r.doc_id, r.start, r.place_id)


def test_a_malformed_key_row_names_the_file_and_line(tmp_path):
    bad = tmp_path / "key.tsv"
    bad.write_text("# header\nseed-000\t15\t21\tLOC\tvn:d:103@63\tmaybe\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"key.tsv:2: unsure must be 0 or 1"):
        read_key(bad)


def test_a_key_row_without_its_entity_is_an_error(tmp_path, gold_docs):
    rows = (DATA / "seed_places.tsv").read_text(encoding="utf-8").splitlines()
    key = tmp_path / "key.tsv"
    key.write_text("\n".join(rows[:2] + [rows[2].replace("\t15\t21\t", "\t16\t21\t", 1)] + rows[3:]) + "\n",
                   encoding="utf-8")
    with pytest.raises(UsageError, match="no row in the place key"):
        score_key(gold_docs, read_key(key))
