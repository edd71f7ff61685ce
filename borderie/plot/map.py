"""``borderie.plot.map(docs, border=...)``: the linked places on a map of Vietnam's land borders.

One panel per border (north: China; west: Laos; south-west: Cambodia), or one for ``border=``. Each panel shows
the country outlines and the border line (Natural Earth, shipped: nothing is downloaded), the places the articles
name, sized by mentions and coloured by country, and the names of the most mentioned ones where they fit.
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from ..document import Document
from ..errors import UsageError
from ._figure import COUNTRY_COLOURS, COUNTRY_NAMES, OTHER_COLOUR, new_figure
from .boundaries import boundaries
from .data import BORDER_NAMES, BORDERS, MappedPlace, mapped_places
from .labels import LabelRequest, place_labels, point_boxes

PANEL_EXTENTS: dict[str, tuple[float, float, float, float]] = {
    "CN": (102.0, 109.2, 20.6, 24.9),
    "LA": (100.2, 108.6, 13.6, 22.9),
    "KH": (102.2, 108.2, 9.4, 14.9),
}
"""Border code -> (lon_min, lon_max, lat_min, lat_max) of its panel."""

COUNTRY_LABEL_POINTS: dict[str, tuple[tuple[float, float], ...]] = {
    "VN": ((105.3, 21.4), (108.0, 14.2), (107.0, 11.6)),
    "LA": ((103.2, 19.9), (105.2, 16.0)),
    "CN": ((104.6, 24.1), (107.6, 24.2)),
    "KH": ((104.4, 13.0), (104.0, 11.8)),
    "TH": ((101.4, 15.6), (102.6, 12.5)),
}
"""Where a country's name may be written (lon, lat); each point inside a panel is tried."""

LAND_FILL = {"VN": "#fbf3e4"}
NEIGHBOUR_FILL = "#eeeeea"
SEA = "#dbe9f4"
MAX_LABELS = 14
BORDER_LINE = "Vietnam's land border"
SIZE_KEY = (1, 5, 20)


def _marker_area(mentions: int) -> float:
    return 18.0 + 14.0 * mentions


def _check_border(border: str | None) -> tuple[str, ...]:
    if border is None:
        return tuple(BORDERS)
    code = str(border).upper()
    aliases = {name.upper(): c for c, name in BORDERS.items()}
    code = aliases.get(code, code)
    if code not in BORDERS:
        raise UsageError(f"border must be one of {', '.join(BORDERS)} ({', '.join(BORDERS.values())}) or None, "
                         f"got {border!r}")
    return (code,)


def _draw_land(ax: Any, code: str) -> None:
    from matplotlib.patches import Polygon

    data = boundaries()
    for iso, polygons in data.countries.items():
        for rings in polygons:
            ax.add_patch(Polygon(rings[0], closed=True, facecolor=LAND_FILL.get(iso, NEIGHBOUR_FILL),
                                 edgecolor="#8c8c8c", linewidth=0.6, zorder=1))
            for hole in rings[1:]:
                ax.add_patch(Polygon(hole, closed=True, facecolor=SEA, edgecolor="#8c8c8c", linewidth=0.4, zorder=1))
    for line in data.borders[code]:
        ax.plot([x for x, _ in line], [y for _, y in line], color="#6c3483", linewidth=2.2, zorder=2,
                solid_capstyle="round", label=BORDER_LINE)


def _inside(place: MappedPlace, extent) -> bool:
    x0, x1, y0, y1 = extent
    return x0 <= place.lon <= x1 and y0 <= place.lat <= y1


def _panel(ax: Any, code: str, places: Sequence[MappedPlace], max_labels: int) -> dict[str, Any]:
    """Draw one border's panel; return the legend handles it drew, by legend text."""
    x0, x1, y0, y1 = PANEL_EXTENTS[code]
    ax.set_facecolor(SEA)
    _draw_land(ax, code)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(1.0 / 0.94)  # about right at Indochina's latitudes (1 / cos 20°)
    ax.tick_params(labelsize=7)
    shown = [p for p in places if _inside(p, PANEL_EXTENTS[code])]
    handles: dict[str, Any] = {}
    for country in dict.fromkeys(p.country for p in shown):
        group = [p for p in shown if p.country == country]
        handles[COUNTRY_NAMES.get(country, country)] = ax.scatter(
            [p.lon for p in group], [p.lat for p in group], s=[_marker_area(p.mentions) for p in group],
            color=COUNTRY_COLOURS.get(country, OTHER_COLOUR), alpha=0.75, edgecolors="white", linewidths=0.6,
            zorder=4, label=COUNTRY_NAMES.get(country, country))
    taken = point_boxes(ax, [p.lon for p in shown], [p.lat for p in shown],
                        [_marker_area(p.mentions) ** 0.5 / 2 for p in shown])
    place_labels(ax, [LabelRequest(p.lon, p.lat, p.name, gap_pt=_marker_area(p.mentions) ** 0.5 / 3)
                      for p in shown[:max_labels]], taken=taken, fontsize=8, zorder=6,
                 bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.7, "linewidth": 0})
    country_requests = [LabelRequest(x, y, COUNTRY_NAMES[iso].upper()) for iso, points in COUNTRY_LABEL_POINTS.items()
                        for x, y in points if x0 < x < x1 and y0 < y < y1]
    place_labels(ax, country_requests, taken=taken, offsets=((0, 0, "center", "center"),), fontsize=9,
                 color="#5d6d7e", style="italic", zorder=3)
    ax.set_title(f"{BORDER_NAMES[code]} ({len(shown)} places)", fontsize=10)
    return handles


def map(documents: Iterable[Document], border: str | None = None, *, max_labels: int = MAX_LABELS,
        title: str | None = None) -> Any:
    """A matplotlib Figure: the places ``documents`` link, on one panel per land border of Vietnam.

    ``border`` is "CN", "LA" or "KH" (or "China", "Laos", "Cambodia") for that border's panel alone, None for
    all three. Circles grow with mentions and are coloured by country; the ``max_labels`` most mentioned places
    of a panel are named where their name fits without covering another. Needs matplotlib (``borderie[plot]``).
    """
    codes = _check_border(border)
    places = mapped_places(documents)
    fig = new_figure(6.2 * len(codes) if len(codes) > 1 else 7.5, 7.4 if len(codes) > 1 else 7.8)
    axes = fig.subplots(1, len(codes), squeeze=False)[0]
    fig.subplots_adjust(left=0.04, right=0.98, top=0.88, bottom=0.17, wspace=0.12)
    handles: dict[str, Any] = {}
    for ax, code in zip(axes, codes):
        handles.update(_panel(ax, code, places, max_labels))
    _legend(fig, axes, handles)
    fig.suptitle(title or f"Places named in the articles ({len(places)} linked places below country level)",
                 fontsize=12)
    return fig


def _legend(fig: Any, axes, handles: dict[str, Any]) -> None:
    from matplotlib.lines import Line2D

    items = {name: Line2D([], [], marker="o", linestyle="", markersize=7, markerfacecolor=h.get_facecolor()[0],
                          markeredgecolor="white", alpha=0.75) for name, h in handles.items()}
    for ax in axes:
        for line in ax.get_lines():
            items.setdefault(line.get_label(), Line2D([], [], color=line.get_color(), linewidth=2.2))
    if handles:
        for n in SIZE_KEY:
            items[f"{n} mention{'s' if n > 1 else ''}"] = Line2D(
                [], [], marker="o", linestyle="", color="0.55", markersize=_marker_area(n) ** 0.5, alpha=0.6)
    fig.legend(list(items.values()), list(items), loc="lower center",
               ncol=min(len(items), 7 if len(axes) > 1 else 4), fontsize=8,
               frameon=False, bbox_to_anchor=(0.5, 0.01))
