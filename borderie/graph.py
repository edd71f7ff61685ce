"""The relation graph of a set of documents (needs ``networkx``).

``graph(documents)`` returns a :class:`networkx.MultiDiGraph` whose nodes
are canonical actors (see :mod:`borderie.aggregate`) and whose edges are the
relations between them, one edge per (head, tail, label), each carrying
its evidence: the documents and sentences that state it.
"""

from __future__ import annotations

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
