import json

import pytest

from borderie import Document, Entity, Place, Relation
from borderie.aggregate import canonical_entities, cluster_mentions

DB = Place(id="vn:p:11@2004", name="Điện Biên", country="VN", level="province", lat=21.4, lon=103.0)


def test_short_person_names_join_the_full_name(gold_docs):
    doc = next(d for d in gold_docs if d.id == "seed-003")
    canon = canonical_entities(doc)
    short = next(e for e in doc.entities if e.text == "Cường")
    full = next(e for e in doc.entities if e.text == "Trần Quốc Cường")
    assert canon[id(short)].key == canon[id(full)].key
    assert canon[id(short)].name == "Trần Quốc Cường"


def test_linked_places_cluster_across_spellings_and_documents():
    a = Document("a", "Diên Biên et le Laos.", lang="fr",
                 entities=(Entity(0, 9, "LOC", "Diên Biên", place=DB), Entity(16, 20, "LOC", "Laos")))
    b = Document("b", "Dien Bien borders Laos.", lang="en",
                 entities=(Entity(0, 9, "LOC", "Dien Bien", place=DB), Entity(18, 22, "LOC", "Laos")))
    clusters = cluster_mentions([a, b])
    top = clusters[0]
    assert top.key in ("place:vn:p:11@2004", "LOC:laos")
    db = next(c for c in clusters if c.key == "place:vn:p:11@2004")
    assert db.name == "Điện Biên" and db.documents == ("a", "b") and len(db.mentions) == 2
    laos = next(c for c in clusters if c.key == "LOC:laos")
    assert len(laos.mentions) == 2


def test_graph_has_canonical_nodes_and_evidence(gold_docs):
    nx = pytest.importorskip("networkx")
    from borderie import graph

    g = graph(gold_docs)
    assert isinstance(g, nx.MultiDiGraph)
    cuong = "PER:tran quoc cuong"
    assert g.nodes[cuong]["name"] == "Trần Quốc Cường" and g.nodes[cuong]["label"] == "PER"
    titles = {g.nodes[t]["name"] for _, t, k in g.out_edges(cuong, keys=True) if k == "HAS_TITLE"}
    assert "Secretary" in titles
    lengths = [(u, v, d) for u, v, k, d in g.edges(keys=True, data=True) if k == "BORDER_LENGTH"]
    assert any(g.nodes[v]["name"] == "119,7 km" for _, v, _ in lengths)
    edge = next(d for u, v, k, d in g.edges(keys=True, data=True) if k == "BORDER_LENGTH")
    assert edge["evidence"][0]["doc_id"].startswith("seed-") and edge["evidence"][0]["sentence"]


def test_dataframes(gold_docs):
    pytest.importorskip("pandas")
    from borderie import to_dataframe

    ents = to_dataframe(gold_docs)
    assert len(ents) == 217 and set(ents["label"]) == {"PER", "ORG", "LOC", "FAC", "DATE", "QUANTITY",
                                                        "AGREEMENT", "TITLE"}
    rels = to_dataframe(gold_docs, kind="relations")
    assert len(rels) == 138
    row = rels[(rels.label == "BORDER_LENGTH") & (rels.tail_text == "119,7 km")].iloc[0]
    assert row.head_text == "Nâm Pô" and "119,7 km" in row.sentence
    assert list(to_dataframe([]).columns)[:3] == ["doc_id", "lang", "date"]
    with pytest.raises(Exception, match="kind"):
        to_dataframe(gold_docs, kind="people")


@pytest.fixture(scope="module")
def enriched(gold_docs):
    from borderie import enrich

    return [enrich(d) for d in gold_docs]


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".json"])
def test_graph_exports_with_flat_attributes(enriched, tmp_path, suffix):
    nx = pytest.importorskip("networkx")
    from borderie import graph, to_gephi, write_graph

    g = graph(enriched)
    path = write_graph(g, tmp_path / f"actors{suffix}")
    if suffix == ".graphml":
        back = nx.read_graphml(path)
    elif suffix == ".gexf":
        back = nx.read_gexf(path)
    else:
        back = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == g.number_of_edges()
    flat = to_gephi(g)
    for _, data in flat.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())
    linked = [n for n, d in g.nodes(data=True) if d["place"] is not None]
    assert linked
    node = linked[0]
    attrs = back.nodes[node]
    assert attrs["place_id"] == g.nodes[node]["place"].id and attrs["kind"] == g.nodes[node]["label"]
    assert attrs.get("label", node) == g.nodes[node]["name"]
    assert set(attrs["documents"].split("; ")) == set(g.nodes[node]["documents"])
    u, v, k = next((u, v, k) for u, v, k in g.edges(keys=True) if k == "BORDER_LENGTH")
    edge = next(d for _, _, d in back.edges([u], data=True) if d.get("label") == "BORDER_LENGTH")
    assert edge["count"] == edge["weight"] >= 1 and edge["documents"].startswith("seed-")


def test_relation_table_joins_the_entity_table(enriched):
    pytest.importorskip("pandas")
    from borderie import to_dataframe

    ents, rels = to_dataframe(enriched), to_dataframe(enriched, kind="relations")
    joined = rels.merge(ents, left_on=["doc_id", "head_id"], right_on=["doc_id", "entity_id"],
                        suffixes=("", "_head"))
    assert len(joined) == len(rels) == 138
    assert (joined.head_start == joined.start).all() and (joined.head_text == joined.text).all()
    tails = rels.merge(ents, left_on=["doc_id", "tail_id"], right_on=["doc_id", "entity_id"])
    assert len(tails) == 138 and (tails.tail_end == tails.end).all()
    assert rels.head_place_id.notna().any()
    doc = next(d for d in enriched if d.id == rels.doc_id[0])
    assert doc.text[rels.head_start[0]:rels.head_end[0]] == rels.head_text[0]
