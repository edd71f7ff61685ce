"""borderie.plot: the map, the actor network, the agreements timeline and the offline HTML network.

Figures are drawn from the gold seed articles (enriched: places linked), from a tiny random model's output and,
marked slow, from the shipped default model's output on the seeds. Nothing may touch the network.
"""

from __future__ import annotations

import dataclasses
import io
import re
import socket
from itertools import combinations

import pytest

pytest.importorskip("matplotlib")
pytest.importorskip("networkx")

import borderie  # noqa: E402
from borderie import plot  # noqa: E402
from borderie.errors import USAGE, UsageError  # noqa: E402
from borderie.plot.data import (BORDER_NAMES, RELATION_STYLES, agreements, is_agreement_name,  # noqa: E402
                                organisation_key)
from borderie.plot.map import BORDER_LINE  # noqa: E402


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"borderie.plot tried to reach the network: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="module")
def seeds(gold_docs):
    return [borderie.enrich(d) for d in gold_docs]


@pytest.fixture(scope="module")
def tiny_docs(gold_docs, tiny_for_property):
    return list(tiny_for_property.pipe(gold_docs))


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _legend_texts(fig) -> list[str]:
    return [t.get_text() for legend in fig.legends for t in legend.get_texts()]


def _boxes_do_not_overlap(texts, renderer):
    boxes = [t.get_window_extent(renderer) for t in texts]
    for a, b in combinations(boxes, 2):
        assert a.x1 <= b.x0 or b.x1 <= a.x0 or a.y1 <= b.y0 or b.y1 <= a.y0, (a, b)


# -- data ------------------------------------------------------------------------------------------------------
def test_organisation_variants_share_a_key():
    assert organisation_key("the Lao Cai Provincial Border Guard Command") == \
        organisation_key("Lào Cai Border Guard Command") == organisation_key("Lao Cai border guard command")
    assert organisation_key("Xiengkhouang Military Command") == organisation_key("Xiêng Khouang Military Command")
    assert organisation_key("Lai Chau Border Guard Command") != organisation_key("Lao Cai Border Guard Command")


def test_only_agreement_names_are_agreements():
    assert is_agreement_name("memorandum of understanding") and is_agreement_name("protocole d'accord")
    assert is_agreement_name("Hiệp định") and is_agreement_name("MoU")
    assert not is_agreement_name("meeting") and not is_agreement_name("talks")


def test_agreements_merge_one_signing_reported_by_two_articles(seeds):
    dated = next(d for d in seeds if any(r.label == "SIGNED_ON" for r in d.relations)
                 and any(r.label == "PARTY_TO" for r in d.relations))
    again = dataclasses.replace(dated, id=dated.id + "-reprint")
    alone = agreements([dated])
    both = agreements([dated, again])
    assert len(both) == len(alone)
    signed = [a for a in both if a.signed_on is not None]
    assert signed and all(a.documents == (dated.id, again.id) for a in signed)
    assert all(a.border in BORDER_NAMES for a in both)


def test_agreements_skip_mentions_that_name_no_agreement(seeds):
    doc = next(d for d in seeds if any(e.label == "AGREEMENT" for e in d.entities))
    e = next(e for e in doc.entities if e.label == "AGREEMENT")
    text = doc.text[:e.start] + "meeting".ljust(len(e.text))[:len(e.text)] + doc.text[e.end:]
    renamed = dataclasses.replace(e, text=text[e.start:e.end])
    doc2 = dataclasses.replace(doc, text=text, entities=tuple(renamed if x is e else x for x in doc.entities),
                               relations=())
    names = [a.name for a in agreements([doc2])]
    assert renamed.text not in names


def test_network_merges_places_by_id(seeds):
    net = plot.actor_network(seeds)
    keys = [a.key for a in net.actors]
    assert len(keys) == len(set(keys))
    place_ids = {e.place.id for d in seeds for e in d.entities if e.place is not None and e.label in ("LOC", "FAC")}
    assert {k[len("place:"):] for k in keys if k.startswith("place:")} <= place_ids
    assert all(link.relation in RELATION_STYLES for link in net.links)


# -- figures ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("border", [None, "CN", "LA", "KH", "Laos"])
def test_map_draws_outlines_places_and_a_matching_legend(seeds, border):
    fig = plot.map(seeds, border=border)
    assert _png(fig).startswith(b"\x89PNG")
    axes = fig.axes
    assert len(axes) == (3 if border is None else 1)
    legend = _legend_texts(fig)
    drawn_countries = {c.get_label() for ax in axes for c in ax.collections if c.get_label() and
                       not c.get_label().startswith("_")}
    assert drawn_countries <= set(legend) and BORDER_LINE in legend
    assert all(len(ax.patches) > 5 for ax in axes)  # country outlines
    renderer = fig.canvas.get_renderer()
    for ax in axes:
        _boxes_do_not_overlap(ax.texts, renderer)


def test_map_refuses_an_unknown_border(seeds):
    with pytest.raises(UsageError) as err:
        plot.map(seeds, border="TH")
    assert err.value.code == USAGE and "CN" in str(err.value)


def _network_checks(fig, docs):
    assert _png(fig).startswith(b"\x89PNG")
    ax = fig.axes[0]
    legend = set(_legend_texts(fig))
    from borderie.plot.network import EDGE_STYLES, KIND_COLOURS, KIND_NAMES
    import matplotlib.colors as mcolors

    drawn_relations = {r for r, style in EDGE_STYLES.items() for line in ax.get_lines()
                       if mcolors.same_color(line.get_color(), style["color"])
                       and line.get_linestyle() == style["linestyle"]}
    drawn_kinds = {k for k, colour in KIND_COLOURS.items() for c in ax.collections
                   if mcolors.same_color(c.get_facecolor()[0], colour)}
    assert legend == {RELATION_STYLES[r] for r in drawn_relations} | {KIND_NAMES[k] for k in drawn_kinds}
    _boxes_do_not_overlap([t for t in ax.texts if t.get_bbox_patch() is not None], fig.canvas.get_renderer())
    names = {a.name for a in plot.actor_network(docs).actors}
    for t in ax.texts:
        if t.get_bbox_patch() is not None:  # actor labels: whole names, wrapped
            assert t.get_text().replace("\n", " ") in names


def test_network_renders_from_the_seeds(seeds):
    _network_checks(plot.network(seeds), seeds)


def test_network_renders_from_a_tiny_model(tiny_docs):
    _network_checks(plot.network(tiny_docs), tiny_docs)
    assert _png(plot.map(tiny_docs)).startswith(b"\x89PNG")
    assert _png(plot.timeline(tiny_docs)).startswith(b"\x89PNG")


def test_timeline_rows_are_agreements_named_by_parties_and_border(seeds):
    fig = plot.timeline(seeds)
    assert _png(fig).startswith(b"\x89PNG")
    ax = fig.axes[0]
    found = [a for a in agreements(seeds) if a.when is not None]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert len(rows) == len(found)
    for row in rows:
        assert any(name in row.replace("\n", " ") for name in BORDER_NAMES.values()) or "·" not in row
        assert not re.search(r"\((seed|c)-[a-z0-9-]+\)", row)  # never a document id for a name
    legend = _legend_texts(fig)
    from borderie.plot.timeline import REPORTED, SIGNED

    assert (SIGNED in legend) == any(a.signed_on for a in found)
    assert (REPORTED in legend) == any(a.signed_on is None for a in found)


def test_network_html_is_self_contained(seeds, tmp_path):
    path = plot.network_html(seeds, tmp_path / "net.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "<script>" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert "<link" not in page and "@import" not in page
    for actor in plot.actor_network(seeds).actors[:3]:
        if f'data-key="{actor.key}"' in page:
            assert actor.name.split()[0] in page
    assert list(tmp_path.iterdir()) == [path]  # written atomically, no temporary file left


@pytest.mark.slow
def test_figures_from_the_default_model_on_the_seeds(gold_docs, tmp_path):
    from borderie.model import default_model_path

    if default_model_path() is None:
        pytest.skip("no default model installed")
    docs = list(borderie.load().pipe(gold_docs))
    for fig in (plot.map(docs), plot.map(docs, border="LA"), plot.network(docs), plot.timeline(docs)):
        assert _png(fig).startswith(b"\x89PNG")
    _network_checks(plot.network(docs), docs)
    plot.network_html(docs, tmp_path / "n.html")
