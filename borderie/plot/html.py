"""``borderie.plot.network_html(docs, path)``: the actor network as one self-contained, interactive HTML page.

Everything is inline (an SVG drawing, its data and a short script): the page opens offline and loads nothing.
Hovering an actor shows its name, kind, border, mentions and articles; clicking it keeps its links lit; the
wheel zooms and dragging pans.
"""

from __future__ import annotations

import html
import json
import math
import os
from pathlib import Path
from typing import Iterable, Sequence

from ..document import Document
from ..io import atomic_path
from .data import BORDER_NAMES, RELATION_STYLES, actor_network
from .network import EDGE_STYLES, KIND_COLOURS, KIND_NAMES, MAX_NODES, _layout, _selection

WIDTH, HEIGHT = 1200, 720
_DASH = {"-": "", "--": "7,4", ":": "2,3"}  # matplotlib line style -> SVG dashes
_SAMPLE = {"-": "—", "--": "- -", ":": "···"}  # and as a legend sample

_SCRIPT = """
const svg = document.querySelector('svg'); const info = document.getElementById('info');
let box = svg.viewBox.baseVal, pinned = null, drag = null;
function light(key) {
  svg.querySelectorAll('[data-a]').forEach(l => {
    const on = !key || l.dataset.a === key || l.dataset.b === key;
    l.style.opacity = on ? 0.9 : 0.08; });
  svg.querySelectorAll('g.actor').forEach(g => {
    const near = !key || g.dataset.key === key ||
      svg.querySelector(`[data-a="${g.dataset.key}"][data-b="${key}"], [data-b="${g.dataset.key}"][data-a="${key}"]`);
    g.style.opacity = near ? 1 : 0.25; }); }
svg.querySelectorAll('g.actor').forEach(g => {
  g.addEventListener('mouseenter', () => { info.textContent = g.dataset.info; if (!pinned) light(g.dataset.key); });
  g.addEventListener('mouseleave', () => { if (!pinned) light(null); });
  g.addEventListener('click', e => { pinned = pinned === g.dataset.key ? null : g.dataset.key; light(pinned);
    e.stopPropagation(); }); });
svg.addEventListener('wheel', e => { e.preventDefault(); const f = e.deltaY > 0 ? 1.1 : 1 / 1.1;
  const r = svg.getBoundingClientRect(); const x = box.x + (e.clientX - r.left) / r.width * box.width;
  const y = box.y + (e.clientY - r.top) / r.height * box.height;
  box.x = x - (x - box.x) * f; box.y = y - (y - box.y) * f; box.width *= f; box.height *= f; });
svg.addEventListener('mousedown', e => { drag = [e.clientX, e.clientY]; });
window.addEventListener('mouseup', () => { drag = null; });
window.addEventListener('mousemove', e => { if (!drag) return; const r = svg.getBoundingClientRect();
  box.x -= (e.clientX - drag[0]) / r.width * box.width; box.y -= (e.clientY - drag[1]) / r.height * box.height;
  drag = [e.clientX, e.clientY]; });
"""


def network_html(documents: Iterable[Document], path: str | os.PathLike[str], *,
                 kinds: Sequence[str] = ("LOC", "FAC", "ORG"), max_nodes: int = MAX_NODES,
                 title: str = "Who cooperates with whom") -> Path:
    """Write the actor network of ``documents`` (as :func:`borderie.plot.network` draws it) as an HTML page.

    The page holds everything inline and works offline. Written atomically; returns the path.
    """
    net = actor_network(documents, kinds)
    keys = _selection(net, max_nodes)
    pos, columns = _layout(net, keys)
    actors = {a.key: a for a in net.actors}
    span = max(len(columns), 1) * 1.35
    to_xy = {k: (30 + (x / span) * (WIDTH - 60), 40 + (1 - y) * (HEIGHT - 90)) for k, (x, y) in pos.items()}
    chosen = set(keys)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
             f'style="background:#fff;border:1px solid #ddd;cursor:grab">']
    for column, group in enumerate(columns):
        heading = f"{BORDER_NAMES[group]} border" if group in BORDER_NAMES else "no one border"
        parts.append(f'<text x="{30 + (column * 1.35 + 0.55) / span * (WIDTH - 60):.1f}" y="22" '
                     f'text-anchor="middle" font-weight="bold" fill="#5d6d7e">{html.escape(heading)}</text>')
    drawn = []
    for link in net.links:
        if link.a in chosen and link.b in chosen:
            (xa, ya), (xb, yb) = to_xy[link.a], to_xy[link.b]
            style = EDGE_STYLES[link.relation]
            parts.append(f'<line data-a="{html.escape(link.a)}" data-b="{html.escape(link.b)}" x1="{xa:.1f}" '
                         f'y1="{ya:.1f}" x2="{xb:.1f}" y2="{yb:.1f}" stroke="{style["color"]}" '
                         f'stroke-dasharray="{_DASH[style["linestyle"]]}" '
                         f'stroke-width="{1 + math.sqrt(link.count):.1f}" '
                         f'opacity="0.9"><title>{html.escape(RELATION_STYLES[link.relation])} '
                         f'({link.count}×; {html.escape(", ".join(link.documents))})</title></line>')
            drawn.append(link.relation)
    for key in keys:
        a = actors[key]
        x, y = to_xy[key]
        info = (f"{a.name} — {KIND_NAMES.get(a.kind, a.kind)}, {BORDER_NAMES.get(a.border, 'no one border')}; "
                f"{a.mentions} mentions in {len(a.documents)} articles: {', '.join(a.documents)}")
        parts.append(f'<g class="actor" data-key="{html.escape(key)}" data-info="{html.escape(info)}">'
                     f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{4 + 2.2 * math.sqrt(a.mentions):.1f}" '
                     f'fill="{KIND_COLOURS.get(a.kind, "#888")}" stroke="#fff"/>'
                     f'<text x="{x + 8:.1f}" y="{y - 6:.1f}" font-size="11">{html.escape(a.name)}</text>'
                     f'<title>{html.escape(info)}</title></g>')
    parts.append("</svg>")
    legend = [f'<span style="color:{KIND_COLOURS[k]}">●</span> {KIND_NAMES[k]}'
              for k in dict.fromkeys(actors[k].kind for k in keys)]
    legend += [f'<span style="color:{EDGE_STYLES[r]["color"]}">{_SAMPLE[EDGE_STYLES[r]["linestyle"]]}</span> '
               f'{html.escape(RELATION_STYLES[r])}' for r in RELATION_STYLES if r in drawn]
    page = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title></head>"
            "<body style=\"font-family:sans-serif;margin:16px\">"
            f"<h1 style=\"font-size:18px\">{html.escape(title)}</h1>"
            f"<p>{' &nbsp; '.join(legend)}</p>"
            "<p id=\"info\" style=\"min-height:1.4em;color:#333\">Hover an actor for its details; click to keep "
            "its links lit; wheel to zoom, drag to pan.</p>"
            + "".join(parts)
            + f"<script type=\"application/json\" id=\"data\">{json.dumps({'actors': len(keys), 'links': len(drawn)})}"
            "</script><script>" + _SCRIPT + "</script></body></html>\n")
    path = Path(path)
    with atomic_path(path) as tmp:
        Path(tmp).write_text(page, encoding="utf-8")
    return path
