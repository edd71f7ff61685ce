"""The relation graph of a set of documents (needs ``networkx``).

``graph(documents)`` returns a :class:`networkx.MultiDiGraph` whose nodes
are canonical actors (see :mod:`borderie.aggregate`) and whose edges are the
relations between them, one edge per (head, tail, label), each carrying
its evidence: the documents and sentences that state it.

That graph holds Python objects (lists, :class:`~borderie.Place`), which
GraphML, GEXF and JSON cannot. :func:`to_gephi` gives a copy with flat,
scalar attributes only, and :func:`write_graph` writes it as GraphML
(``.graphml``, Gephi, Cytoscape, yEd), GEXF (``.gexf``, Gephi) or node-link
JSON (``.json``, d3 and ``networkx.node_link_graph``)::

    borderie.write_graph(borderie.graph(docs), "actors.gexf")

Flat node attributes: ``label`` (the display name, as Gephi shows it),
``name``, ``kind`` (the entity label: LOC, ORG, ...), ``mentions``,
``documents`` (ids joined by ``"; "``), ``n_documents`` and, for a linked
place, ``place_id``, ``place_name``, ``country``, ``level``, ``lat``,
``lon``. Flat edge attributes: ``label`` (the relation), ``symmetric``,
``count`` and ``weight`` (both the number of statements), ``documents``,
``n_documents``, ``sentence`` (the first statement) and ``score`` (their
mean, when scored). An attribute without a value is left out, never written
as ``None``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

from .aggregate import canonical_entities
from .document import Document
from .errors import UsageError
from .schema import SYMMETRIC_RELATIONS


def _node_for(entity, canon) -> tuple[str, dict[str, Any]]:
    c = canon.get(id(entity))
    if c is not None:
        return c.key, {"name": c.name, "label": c.label}
    # values (DATE, QUANTITY, TITLE) are nodes of their own kind, keyed by their text
    return f"{entity.label}:{entity.text}", {"name": entity.text, "label": entity.label}


def graph(documents: Iterable[Document]) -> Any:
    """A networkx MultiDiGraph of canonical nodes and typed, evidenced edges.

    Node attributes: ``name``, ``label``, ``mentions`` (count), ``documents``
    (ids), ``place`` (the linked :class:`~borderie.Place`, if any). Edge
    attributes (edge key = relation label): ``label``, ``symmetric``,
    ``count``, ``evidence`` (list of ``{"doc_id", "sentence", "score"}``).
    """
    try:
        import networkx as nx
    except ImportError:  # pragma: no cover - depends on the environment
        raise UsageError("borderie.graph needs networkx: pip install 'borderie[notebooks]'") from None
    g = nx.MultiDiGraph()
    for doc in documents:
        canon = canonical_entities(doc)
        for e in doc.entities:
            key, attrs = _node_for(e, canon)
            if key not in g:
                g.add_node(key, mentions=0, documents=[], place=e.place, **attrs)
            node = g.nodes[key]
            node["mentions"] += 1
            if doc.id not in node["documents"]:
                node["documents"].append(doc.id)
            if node["place"] is None and e.place is not None:
                node["place"] = e.place
        for r in doc.relations:
            head, _ = _node_for(r.head, canon)
            tail, _ = _node_for(r.tail, canon)
            symmetric = r.label in SYMMETRIC_RELATIONS
            if symmetric and g.has_edge(tail, head, key=r.label):
                head, tail = tail, head
            sentence = doc.sentence_of(r.head)
            evidence = {"doc_id": doc.id, "sentence": sentence.text if sentence else None, "score": r.score}
            if g.has_edge(head, tail, key=r.label):
                data = g.edges[head, tail, r.label]
                data["count"] += 1
                data["evidence"].append(evidence)
            else:
                g.add_edge(head, tail, key=r.label, label=r.label, symmetric=symmetric, count=1, evidence=[evidence])
    return g


GRAPH_FORMATS = {".graphml": "graphml", ".gexf": "gexf", ".json": "json"}
"""File suffix -> graph format written by :func:`write_graph`."""


def _flat_node(data: dict[str, Any]) -> dict[str, Any]:
    out = {"label": data.get("name"), "name": data.get("name"), "kind": data.get("label"),
           "mentions": data.get("mentions"), "documents": "; ".join(data.get("documents", ())),
           "n_documents": len(data.get("documents", ()))}
    place = data.get("place")
    if place is not None:
        out.update(place_id=place.id, place_name=place.name, country=place.country, level=place.level,
                   lat=place.lat, lon=place.lon)
    return {k: v for k, v in out.items() if v is not None}


def _flat_edge(data: dict[str, Any]) -> dict[str, Any]:
    evidence = data.get("evidence", [])
    docs = list(dict.fromkeys(e["doc_id"] for e in evidence))
    scores = [e["score"] for e in evidence if e.get("score") is not None]
    out = {"label": data.get("label"), "symmetric": data.get("symmetric"), "count": data.get("count"),
           "weight": data.get("count"), "documents": "; ".join(docs), "n_documents": len(docs),
           "sentence": next((e["sentence"] for e in evidence if e.get("sentence")), None),
           "score": float(sum(scores) / len(scores)) if scores else None}
    return {k: v for k, v in out.items() if v is not None}


def to_gephi(g: Any) -> Any:
    """A copy of a :func:`graph` with flat, scalar attributes (see the module docstring)."""
    import networkx as nx

    flat = nx.MultiDiGraph()
    for node, data in g.nodes(data=True):
        flat.add_node(node, **_flat_node(data))
    for head, tail, key, data in g.edges(keys=True, data=True):
        flat.add_edge(head, tail, key=key, **_flat_edge(data))
    return flat


def write_graph(g: Any, path: str | os.PathLike[str], fmt: str | None = None) -> Path:
    """Write a :func:`graph` as GraphML, GEXF or node-link JSON (chosen by ``fmt`` or the file suffix), atomically."""
    import networkx as nx

    from .io import atomic_path

    path = Path(path)
    fmt = fmt or GRAPH_FORMATS.get(path.suffix.lower())
    if fmt not in GRAPH_FORMATS.values():
        raise UsageError(f"{path}: cannot tell the graph format; use a suffix or fmt= among "
                         f"{', '.join(GRAPH_FORMATS)}")
    flat = to_gephi(g)
    with atomic_path(path) as tmp:
        if fmt == "graphml":
            nx.write_graphml(flat, tmp)
        elif fmt == "gexf":
            nx.write_gexf(flat, tmp)
        else:
            try:
                data = nx.node_link_data(flat, edges="edges")
            except TypeError:  # networkx before 3.4
                data = nx.node_link_data(flat)
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path
