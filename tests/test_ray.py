"""The batch Predictor on a local Ray instance gives the same results as nlp.pipe, null columns included."""

import json

import pytest

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def test_predictor_with_ray_data_equals_pipe(local_ray, tmp_path, gold_docs):
    from borderie.batch import Predictor
    from borderie.model import load
    from borderie.model.tiny import tiny_extractor

    model_dir = tmp_path / "model"
    tiny_extractor([d.text for d in gold_docs], seed=1).save_pretrained(model_dir, full=True)
    # the first rows have no language and no date: Ray hands those columns over as NaN
    rows = [{"id": f"{d.id}-{k}", "text": d.text[k * 300:(k + 1) * 300 + 200],
             "lang": d.lang if i >= 2 else None, "date": "2024-05-01" if i >= 2 else None}
            for i, d in enumerate(gold_docs) for k in range(2)]
    ds = ray.data.from_items(rows).map_batches(Predictor, fn_constructor_args=(str(model_dir),),
                                               fn_constructor_kwargs={"batch_size": 2}, batch_size=3,
                                               compute=ray.data.ActorPoolStrategy(size=1))
    out = ds.take_all()
    got = {r["id"]: json.loads(r["document"]) for r in out}
    assert [r["lang"] for r in out if r["id"].startswith(("seed-000", "seed-001"))] == [None] * 4
    assert [got[r["id"]]["date"] for r in rows] == [r["date"] for r in rows]
    nlp = load(model_dir)
    expected = {d.id: d.to_dict() for d in nlp.pipe([r["text"] for r in rows], ids=[r["id"] for r in rows])}
    assert set(got) == set(expected)
    for doc_id, doc in expected.items():
        assert [(e["start"], e["end"], e["label"]) for e in got[doc_id]["entities"]] == \
               [(e["start"], e["end"], e["label"]) for e in doc["entities"]]
        assert [(r["head"], r["tail"], r["label"]) for r in got[doc_id]["relations"]] == \
               [(r["head"], r["tail"], r["label"]) for r in doc["relations"]]
    assert sum(len(d["entities"]) for d in expected.values()) > 0
