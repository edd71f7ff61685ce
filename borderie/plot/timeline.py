"""``borderie.plot.timeline(docs)``: the agreements the articles report, one row per signing.

Only AGREEMENT mentions that name an agreement count, merged across the articles that report one signing
(:func:`borderie.plot.data.agreements`). Each row is named by the parties (canonical names) and the border; a
filled marker is the signing date the text gives, an open one the article's date (no signing date given).
"""

from __future__ import annotations

import textwrap
from typing import Any, Iterable

from ..document import Document
from ._figure import COUNTRY_COLOURS, OTHER_COLOUR, new_figure
from .data import BORDER_NAMES, agreements

SIGNED = "signed on (date in the text)"
REPORTED = "article date (no signing date given)"
MAX_ROWS = 40
WRAP = 70


def _row_label(a) -> str:
    """Parties · border — the agreement's name (the name first when no party is found), wrapped."""
    text = f"{a.title} — {a.name}" if a.parties else a.title
    return textwrap.fill(textwrap.shorten(text, 2 * WRAP, placeholder="…"), WRAP)


def timeline(documents: Iterable[Document], *, border: str | None = None, max_rows: int = MAX_ROWS,
             title: str | None = None) -> Any:
    """A matplotlib Figure: the agreements of ``documents`` on a time axis (the latest ``max_rows``).

    ``border`` ("CN", "LA", "KH") keeps one border's agreements. Agreements with neither a signing date nor a
    dated article cannot be placed; the title counts them. Needs matplotlib (``borderie[plot]``).
    """
    from matplotlib.lines import Line2D

    from .map import _check_border

    codes = _check_border(border)
    found = [a for a in agreements(documents) if border is None or a.border in codes]
    dated = [a for a in found if a.when is not None][-max_rows:]
    undated = sum(a.when is None for a in found)
    height = max(3.0, 1.5 + 0.3 * len(dated))  # inches: a row per agreement, fixed margins for title and legend
    fig = new_figure(12, height)
    ax = fig.add_axes((0.5, 0.9 / height, 0.47, 1 - 1.5 / height))
    handles: dict[str, Any] = {}
    for row, a in enumerate(dated):
        colour = COUNTRY_COLOURS.get(a.border or "", OTHER_COLOUR)
        filled = a.signed_on is not None
        ax.scatter([a.when], [row], s=55, facecolors=colour if filled else "white", edgecolors=colour,
                   linewidths=1.6, zorder=3)
        handles.setdefault(SIGNED if filled else REPORTED, Line2D(
            [], [], marker="o", linestyle="", markersize=7, markerfacecolor="0.35" if filled else "white",
            markeredgecolor="0.35"))
        handles.setdefault(BORDER_NAMES.get(a.border, "border not known"), Line2D(
            [], [], marker="s", linestyle="", markersize=7, color=colour))
    if dated:
        ax.set_yticks(range(len(dated)), [_row_label(a) for a in dated], fontsize=7.5)
        ax.set_ylim(-0.7, len(dated) - 0.3)
        ax.grid(axis="x", alpha=0.3)
        ax.tick_params(axis="x", labelsize=8)
        order = sorted(handles, key=lambda k: (k not in (SIGNED, REPORTED), k))
        fig.legend([handles[k] for k in order], order, loc="lower center", ncol=min(len(handles), 5),
                   fontsize=8, frameon=False)
    else:
        ax.set_xticks([])
        ax.set_yticks([])
        ax.text(0.5, 0.5, "no dated agreement found", ha="center", va="center", transform=ax.transAxes)
    more = f"; {undated} without any date not shown" if undated else ""
    fig.suptitle(title or f"Agreements reported: {len(dated)} shown of {len(found)}{more}", fontsize=11)
    return fig
