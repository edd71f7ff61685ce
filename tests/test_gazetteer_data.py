"""The shipped gazetteer: coverage, references, Place round trip, search."""

import json
from collections import Counter

import pytest

from borderie.errors import UsageError
from borderie.gazetteer import Place, default, get, search


@pytest.fixture(scope="module")
def g():
    return default()


def test_vietnamese_provinces_of_both_eras(g):
    provs = [r for r in g.rows if r["country"] == "VN" and r["level"] == "province"]
    before = [r for r in provs if (r.get("valid_to") or "9999") >= "2025-06-30" and (r.get("valid_from") or "0") <= "2025-06-30"]
    after = [r for r in provs if (r.get("valid_from") or "0") <= "2025-07-01" and (r.get("valid_to") or "9999") >= "2025-07-01"]
    assert len(before) == 63
    assert len(after) == 34
    # Codes change meaning across the reform: 15 was Yên Bái, is Lào Cai after.
    assert get("vn:p:15@63").name == "Yên Bái" and get("vn:p:15@34").name == "Lào Cai"
    assert {l.id for l in get("vn:p:15@34").predecessors} == {"vn:p:10@63", "vn:p:15@63"}


def test_districts_and_border_communes(g):
    levels = Counter((r["country"], r["level"]) for r in g.rows)
    assert levels[("VN", "district")] == 696
    assert levels[("VN", "commune")] > 5000
    nam_po = get("vn:d:103@63")
    assert nam_po.name == "Nậm Pồ" and nam_po.valid_to == "2025-06-30" and nam_po.parent_id == "vn:p:11"
    assert nam_po.successors and all(s.id.endswith("@34") for s in nam_po.successors)


def test_neighbours(g):
    levels = Counter((r["country"], r["level"]) for r in g.rows)
    assert levels[("LA", "province")] + levels[("LA", "prefecture")] == 18
    assert levels[("KH", "province")] == 25
    assert levels[("LA", "district")] >= 20 and levels[("KH", "district")] >= 60
    assert get("cn:county:hekou").name_local == "河口"
    assert get("la:p:KH").name_local == "ຄຳມ່ວນ"  # curated fix of the iso3166-2 error
    gates = [r for r in g.rows if r["level"] == "border_gate"]
    assert {r["gate"]["border"] for r in gates} == {"vn-cn", "vn-la", "vn-kh"}
    for r in gates:
        assert get(r["gate"]["counterpart_id"]).gate_info["counterpart_id"] == r["id"]


def test_every_reference_resolves(g):
    for r in g.rows:
        for ref in [r.get("parent_id")] + [x["id"] for x in r.get("predecessors", []) + r.get("successors", [])]:
            assert ref is None or ref in g, (r["id"], ref)


def test_place_round_trip_is_lossless(g):
    for pid in ("vn:d:103@63", "gate:vn:lao-cai-hekou", "la:p:PH", "cn:county:pingxiang", "vn:p:46@1976"):
        p = get(pid)
        d = p.to_dict()
        assert Place.from_dict(json.loads(json.dumps(d))) == p
        assert Place.from_dict(d).to_dict() == d
    hash(get("gate:vn:lao-cai-hekou"))


def test_search_and_get_errors():
    assert search("phong sa ly")[0].id == "la:p:PH"
    assert search("Dien Bien", limit=3)[0].id == "vn:p:11"
    with pytest.raises(UsageError):
        get("xx:nowhere")
    with pytest.raises(UsageError):
        search("  ", limit=3)


def test_build_is_reproducible_from_pins():
    pytest.importorskip("vietnamadminunits")
    pytest.importorskip("iso3166_2")
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    res = subprocess.run([sys.executable, str(root / "scripts" / "build_gazetteer.py"), "--check"], capture_output=True, text=True)
    if "pinned build sources missing" in res.stderr + res.stdout:
        pytest.skip("build-time packages not at their pinned versions")
    assert res.returncode == 0, res.stdout + res.stderr
