"""``borderie.plot.network(docs)``: who cooperates with whom, one group per land border.

Actors are merged by place id and normalised organisation name (:func:`borderie.plot.data.actor_network`).
Each border's actors are laid out together in their own column (China, Laos, Cambodia, then actors no border
claims); names are wrapped whole and placed where they cover no other label; each relation has its own line
style, and the legend lists only what is drawn. :func:`network_html` writes the same network as one
self-contained HTML page (inline SVG and script, nothing loaded from elsewhere).
"""

from __future__ import annotations

import math
import textwrap
from typing import Any, Iterable, Sequence

from ..document import Document
from ..errors import UsageError
from ._figure import new_figure
from .data import BORDER_NAMES, BORDERS, RELATION_STYLES, ActorNetwork, actor_network
from .labels import LabelRequest, place_labels, point_boxes

EDGE_STYLES: dict[str, dict[str, Any]] = {
    "COOPERATES_WITH": {"color": "#566573", "linestyle": "-"},
    "TWINNED_WITH": {"color": "#2471a3", "linestyle": "--"},
    "PARTY_TO": {"color": "#b9770e", "linestyle": ":"},
}
"""Relation label -> matplotlib line style of its edges (names in :data:`RELATION_STYLES`)."""
KIND_COLOURS: dict[str, str] = {"LOC": "#27ae60", "FAC": "#16a085", "ORG": "#e67e22", "PER": "#8e44ad"}
KIND_NAMES: dict[str, str] = {"LOC": "place", "FAC": "facility", "ORG": "organisation", "PER": "person"}
NO_BORDER = "other"
WRAP = 20
MAX_NODES = 36
GROUP_PULL = 0.08


def _layout(net: ActorNetwork, keys: Sequence[str]) -> tuple[dict[str, tuple[float, float]], list[str]]:
    """Positions, and the groups in column order: one column per border, each group spread by a spring layout
    seeded for repeatability."""
    import networkx as nx

    groups: dict[str, list[str]] = {}
    border_of = {a.key: a.border or NO_BORDER for a in net.actors}
    for key in keys:
        groups.setdefault(border_of[key], []).append(key)
    order = [g for g in (*BORDERS, NO_BORDER) if g in groups]
    chosen = set(keys)
    pos: dict[str, tuple[float, float]] = {}
    for column, group in enumerate(order):
        g = nx.Graph()
        members = groups[group]
        # a weak pull between all actors of a border keeps unlinked ones near the rest; links pull harder
        g.add_weighted_edges_from((a, b, GROUP_PULL) for i, a in enumerate(members) for b in members[i + 1:])
        g.add_weighted_edges_from((link.a, link.b, 1.0) for link in net.links
                                  if link.a in g and link.b in g and link.a in chosen and link.b in chosen)
        n = g.number_of_nodes() or len(members)
        inner = nx.spring_layout(g, seed=7, k=1.6 / math.sqrt(max(n, 1)), iterations=300, weight="weight") \
            if n > 1 else {members[0]: (0.0, 0.0)}
        xs = [p[0] for p in inner.values()]
        ys = [p[1] for p in inner.values()]
        span_x = (max(xs) - min(xs)) or 1.0
        span_y = (max(ys) - min(ys)) or 1.0
        for key, (x, y) in inner.items():
            pos[key] = (column * 1.35 + 0.1 + 0.9 * (x - min(xs)) / span_x if n > 1 else column * 1.35 + 0.55,
                        0.05 + 0.85 * (y - min(ys)) / span_y if n > 1 else 0.5)
    return pos, order


def _selection(net: ActorNetwork, max_nodes: int) -> list[str]:
    """The best connected actors (weighted degree), at most ``max_nodes``."""
    degree: dict[str, int] = {}
    for link in net.links:
        degree[link.a] = degree.get(link.a, 0) + link.count
        degree[link.b] = degree.get(link.b, 0) + link.count
    mentions = {a.key: a.mentions for a in net.actors}
    return sorted(degree, key=lambda k: (-degree[k], -mentions.get(k, 0), k))[:max_nodes]


def network(documents: Iterable[Document], *, kinds: Sequence[str] = ("LOC", "FAC", "ORG"),
            max_nodes: int = MAX_NODES, title: str | None = None) -> Any:
    """A matplotlib Figure of the actor network of ``documents`` (its ``max_nodes`` best connected actors).

    ``kinds`` are the entity labels drawn as actors (add "PER" for people). Needs matplotlib and networkx
    (``borderie[plot]``).
    """
    try:
        import networkx  # noqa: F401  (the layout needs it: fail here, with a clear message)
    except ImportError:  # pragma: no cover - depends on the environment
        raise UsageError("borderie.plot.network needs networkx: pip install 'borderie[plot]'") from None
    from matplotlib.lines import Line2D

    net = actor_network(documents, kinds)
    keys = _selection(net, max_nodes)
    actors = {a.key: a for a in net.actors}
    pos, columns = _layout(net, keys)
    fig = new_figure(max(8.0, 5.2 * max(len(columns), 1)), 8.5)
    ax = fig.add_axes((0.01, 0.1, 0.98, 0.82))
    ax.axis("off")
    drawn_relations: list[str] = []
    chosen = set(keys)
    pairs: dict[tuple[str, str], list] = {}
    for link in net.links:
        if link.a in chosen and link.b in chosen:
            pairs.setdefault((link.a, link.b), []).append(link)
    for (a, b), links in pairs.items():
        (xa, ya), (xb, yb) = pos[a], pos[b]
        length = math.hypot(xb - xa, yb - ya) or 1.0
        nx_, ny_ = -(yb - ya) / length, (xb - xa) / length  # unit normal: parallel lines for several relations
        for i, link in enumerate(sorted(links, key=lambda l: l.relation)):
            shift = (i - (len(links) - 1) / 2) * 0.012
            ax.plot([xa + nx_ * shift, xb + nx_ * shift], [ya + ny_ * shift, yb + ny_ * shift], zorder=1,
                    linewidth=0.9 + 0.6 * math.sqrt(link.count), alpha=0.75, **EDGE_STYLES[link.relation])
            if link.relation not in drawn_relations:
                drawn_relations.append(link.relation)
    sizes = {k: 40 + 45 * math.sqrt(actors[k].mentions) for k in keys}
    drawn_kinds: list[str] = []
    for kind in KIND_COLOURS:
        group = [k for k in keys if actors[k].kind == kind]
        if group:
            drawn_kinds.append(kind)
            ax.scatter([pos[k][0] for k in group], [pos[k][1] for k in group], s=[sizes[k] for k in group],
                       color=KIND_COLOURS[kind], edgecolors="white", linewidths=0.8, zorder=3)
    if keys:
        xs = [p[0] for p in pos.values()]
        ax.set_xlim(min(xs) - 0.25, max(xs) + 0.25)
        ax.set_ylim(-0.08, 1.02)
    for column, group in enumerate(columns):
        heading = f"{BORDER_NAMES[group]} border" if group in BORDER_NAMES else "no one border"
        ax.text(column * 1.35 + 0.55, 1.0, heading, ha="center", va="bottom", fontsize=11, color="#5d6d7e",
                weight="bold")
    taken = point_boxes(ax, [pos[k][0] for k in keys], [pos[k][1] for k in keys],
                        [math.sqrt(sizes[k]) / 2 for k in keys])
    by_weight = sorted(keys, key=lambda k: -actors[k].mentions)
    labels = place_labels(ax, [LabelRequest(*pos[k], textwrap.fill(actors[k].name, WRAP),
                                            gap_pt=math.sqrt(sizes[k]) / 3) for k in by_weight],
                          taken=taken, fontsize=7.5, zorder=5, linespacing=1.0,
                          bbox={"boxstyle": "round,pad=0.12", "facecolor": "white", "alpha": 0.8, "linewidth": 0})
    handles = [Line2D([], [], marker="o", linestyle="", markersize=8, color=KIND_COLOURS[k]) for k in drawn_kinds]
    names = [KIND_NAMES[k] for k in drawn_kinds]
    handles += [Line2D([], [], linewidth=1.6, **EDGE_STYLES[r]) for r in drawn_relations]
    names += [RELATION_STYLES[r] for r in drawn_relations]
    if handles:
        per_row = max(1, min(len(handles), int(fig.get_figwidth() / 1.9)))  # wraps to a second row if narrow
        fig.legend(handles, names, loc="lower center", ncol=per_row, fontsize=9, frameon=False)
    else:
        ax.text(0.5, 0.5, "no cooperation, twinning or shared agreement found", ha="center", va="center",
                transform=ax.transAxes)
    hidden = len(keys) - len(labels)
    fig.suptitle(title or f"Who cooperates with whom: {len(keys)} best connected of {len(net.actors)} actors"
                 + (f" ({hidden} names did not fit)" if hidden else ""), fontsize=12)
    return fig
