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
