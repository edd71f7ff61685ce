"""Linking rules for real text (issue 12), each on sentences written for the purpose, and the explanations."""

import pytest

from borderie.cli.main import main
from borderie.gazetteer import Explanation, default, link, link_all
from borderie.gazetteer.spelling import family_key, one_edit


# -- 1. unique names, and unique within the provinces the document names ------------------------
def test_a_commune_named_alone_links_when_its_name_is_unique_with_an_honest_score():
    ctx = "Officials from Chơ Chun met their neighbours across the border."
    p = link("Chơ Chun", ctx)
    assert p is not None and p.id == "vn:c:20699@63"
    assert p.score < 0.5  # a guess from uniqueness, not from evidence
    with_parent = link("Chơ Chun", "Chơ Chun commune of Nam Giang district")
    assert with_parent.id == p.id and with_parent.score > 0.9


def test_a_unique_commune_is_not_guessed_when_the_document_names_another_province():
    ctx = "Officials from Chơ Chun met their neighbours across the border."
    assert link("Chơ Chun", ctx, others=["Lai Châu"]) is None
    assert link("Chơ Chun", ctx, others=["Quảng Nam"]).id == "vn:c:20699@63"


def test_a_gate_named_without_designator_gives_way_to_its_namesake_unit():
    assert link("Ta Lung", "Quang Hoa’s Ta Lung town hosted the meeting").id == "vn:c:01627@63"
    assert link("Ta Lung", "at the Ta Lung border gate in Cao Bang").level == "border_gate"


# -- 2. a designator stated once for a list --------------------------------------------------------
def test_list_level_after_a_plural_designator_and_list_words():
    ctx = "Lạng Sơn compte six postes-frontières terrestres que sont Tân Thanh, Cốc Nam et Chi Ma."
    assert link("Tân Thanh", ctx).id == "gate:vn:tan-thanh-puzhai"
    assert link("Cốc Nam", ctx).id == "gate:vn:coc-nam-nongyao"
    ctx = "the 10 Vietnamese provinces (Lào Cai, Hà Giang, Cao Bằng) signed"
    assert link("Lào Cai", ctx, at=ctx.index("Lào")).level == "province"


def test_parentheses_after_names_and_a_designator_hold_parents_not_list_members():
    ctx = "The leaders of Đắc Tôi and Chơ Chun communes (Nam Giang, Quảng Nam) met."
    assert link("Nam Giang", ctx, date="2024-07-09").id == "vn:d:510@63"


# -- 3. spelling families and typos ----------------------------------------------------------------
def test_spelling_families():
    assert family_key("Xépôn") == family_key("Sepone") == family_key("Sepon")
    assert family_key("Đắc Tôi") == family_key("Dak Toi")
    assert family_key("Muong Son") == family_key("Muang Xon")
    assert link("Sepone", "Officials of Sepone district met.").id == "la:d:sepon"
    assert link("Dak Toi", "Dak Toi commune (Nam Giang)").id == "vn:c:20705@63"
    assert link("Muong Son", "les districts de Muong Son et Sop Cop", others=["Houaphan"]).id == "la:d:sone"


def test_one_letter_typos_are_penalised_and_need_a_parent_below_province_level():
    assert one_edit("svayteap", "svayteab") and one_edit("abc", "abdc") and not one_edit("abc", "abc")
    typo = link("Svay Teap", "huyện Svay Teap, tỉnh Svay Rieng")
    assert typo.id == "kh:d:2007"
    exact = link("Svay Teab", "huyện Svay Teab, tỉnh Svay Rieng")
    assert typo.score < exact.score
    # One letter away from a commune elsewhere, with another district named: no guess.
    assert link("Xuân Tô", "la commune de Xuân Tô, du district de Tinh Biên, province d’An Giang") is None


# -- Chinese towns and border villages -----------------------------------------------------------
def test_chinese_towns():
    assert link("Shuikou", "between Quảng Hòa’s Tà Lùng town and Longzhou’s Shuikou town").id == "cn:town:shuikou"
    assert link("Jin Shui He", "le bourg de Jin Shui He (Chine)").id == "cn:town:jinshuihe"
    town = default().get("cn:town:naliang")
    assert town.parent_id == "cn:county:fangcheng" and town.name_local == "那良" and town.lat is not None


# -- 4. regions and official long names ----------------------------------------------------------
@pytest.mark.parametrize("name, place_id", [
    ("Central Highlands", "region:tay-nguyen"), ("Hauts plateaux du Centre", "region:tay-nguyen"),
    ("Tây Nguyên", "region:tay-nguyen"), ("Tây Bắc", "region:tay-bac"), ("Mekong Delta", "region:mekong-delta"),
    ("delta du Mékong", "region:mekong-delta"), ("CHDCND Lào", "la"), ("Cộng hòa dân chủ nhân dân Lào", "la"),
    ("République démocratique populaire lao", "la"), ("Vương quốc Campuchia", "kh"), ("Kingdom of Cambodia", "kh"),
])
def test_regions_and_official_names(name, place_id):
    assert link(name).id == place_id


def test_region_designator():
    p = link("Dak Lak", "the Central Highlands province of Dak Lak")
    assert p.level == "province"


# -- 5. cross-border twins: the context decides the country ----------------------------------------
def test_twin_gates_take_the_country_of_the_place_named_next_to_them():
    assert link("La Lay", "the La Lay border gate of Lao’s Salavan Province").country == "LA"
    assert link("La Lay", "the La Lay border gate of Quảng Trị province").country == "VN"
    assert link("La Lay", "the La Lay border gate, Salavan Province (Laos)").country == "LA"


# -- one name, one place in a document ---------------------------------------------------------------
def test_link_all_gives_one_place_to_one_name():
    first = "It is necessary to build a zone between Quảng Hòa’s Tà Lùng town and Longzhou’s Shuikou town."
    second = "Representatives of Ta Lung and Shuikou signed a pact."
    mentions = [("Tà Lùng", first, first.index("Tà")), ("Shuikou", first, first.index("Shuikou")),
                ("Ta Lung", second, second.index("Ta")), ("Shuikou", second, second.index("Shuikou"))]
    others = ["Cao Bằng", "Quảng Hòa", "Longzhou", "Guangxi", "Tà Lùng", "Shuikou"]
    alone = [link(m, c, at=a, others=others) for m, c, a in mentions[2:]]
    assert None in alone  # alone, a tie between the town and the gate (each gate's counterpart is named)
    places = link_all(mentions, others=others)
    assert [p.id for p in places] == ["vn:c:01627@63", "cn:town:shuikou", "vn:c:01627@63", "cn:town:shuikou"]


# -- explanations ----------------------------------------------------------------------------------
def test_explain_says_why_nothing_was_linked():
    unknown = link("Atlantis", explain=True)
    assert isinstance(unknown, Explanation) and unknown.verdict == "unknown" and unknown.place is None
    amb = link("Đông Hưng", explain=True)
    assert amb.verdict == "ambiguous" and {p.country for p in amb.rivals} == {"CN", "VN"}
    assert "Dongxing" in amb.reason and "vn:d:" in amb.reason
    gone = link("Chơ Chun", date="2026-01-01", explain=True)
    assert gone.verdict == "not_valid" and "2026-01-01" in gone.reason
    ok = link("Nâm Pô", context="le district de Nâm Pô", date="2024-05-01", explain=True)
    assert ok.verdict == "linked" and ok.place.id == "vn:d:103@63" and "designator says district" in ok.reason
    assert link("Nâm Pô", context="le district de Nâm Pô", date="2024-05-01") == ok.place


def test_cli_why(capsys):
    assert main(["link", "Đông Hưng", "--why"]) == 0
    out = capsys.readouterr().out
    assert "no link" in out and "why: ambiguous between" in out


# -- 6. coordinates -----------------------------------------------------------------------------------
def test_every_place_has_coordinates_and_says_how_they_were_derived():
    g = default()
    for r in g.rows:
        assert r.get("lat") is not None and r.get("lon") is not None and r.get("coord_kind"), r["id"]
    sepon = g.get("la:d:sepon")
    assert sepon.coord_kind == "seat" and sepon.coord_source == "geonames"
    assert 16 < sepon.lat < 17.5 and 105.5 < sepon.lon < 107  # Savannakhet province, near Lao Bảo
    lao = [r for r in g.rows if r["country"] == "LA" and r["level"] == "district"]
    assert sum(r["coord_kind"] == "seat" for r in lao) >= 12
