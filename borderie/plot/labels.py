"""Labels that do not collide: each is tried at a few places around its point and drawn at the first free one.

Placement is measured in display space (points on the rendered figure), so it holds for any axis scale. A label
with no free place is left out rather than drawn over another; the caller learns which were placed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

OFFSETS_PT: tuple[tuple[float, float, str, str], ...] = (
    (5, 3, "left", "bottom"), (5, -3, "left", "top"), (-5, 3, "right", "bottom"), (-5, -3, "right", "top"),
    (0, 7, "center", "bottom"), (0, -7, "center", "top"), (9, 0, "left", "center"), (-9, 0, "right", "center"),
    (12, 10, "left", "bottom"), (-12, -10, "right", "top"), (12, -10, "left", "top"), (-12, 10, "right", "bottom"),
)
"""Candidate offsets (x, y in points) and alignments, in the order they are tried."""

PAD_PX = 2.0


@dataclass(frozen=True)
class LabelRequest:
    """A text to place near the data point (x, y); ``gap_pt`` widens the offsets (for a large marker)."""

    x: float
    y: float
    text: str
    gap_pt: float = 0.0


def _overlaps(a, b) -> bool:
    return not (a.x1 + PAD_PX <= b.x0 or b.x1 + PAD_PX <= a.x0 or a.y1 + PAD_PX <= b.y0 or b.y1 + PAD_PX <= a.y0)


def renderer_of(fig: Any) -> Any:
    """The figure's renderer, after one draw so that aspect ratios and limits are final."""
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def place_labels(ax: Any, requests: Sequence[LabelRequest], *, taken: list | None = None,
                 offsets: Sequence[tuple[float, float, str, str]] = OFFSETS_PT, **text_kw) -> list[Any]:
    """Draw the labels of ``requests`` on ``ax`` where they overlap nothing already placed; return the Texts.

    ``offsets`` are the candidate places, tried in order (:data:`OFFSETS_PT`). ``taken`` is a list of
    display-space boxes (``Bbox``) to avoid (other labels, legends); the boxes of the labels placed here are
    appended to it, so several calls can share it. Labels must stay inside the axes.
    """
    from matplotlib.transforms import offset_copy

    renderer = renderer_of(ax.figure)
    taken = taken if taken is not None else []
    frame = ax.get_window_extent(renderer)
    placed = []
    for req in requests:
        for dx, dy, ha, va in offsets:
            sx = dx + (req.gap_pt if dx > 0 else -req.gap_pt if dx < 0 else 0)
            sy = dy + (req.gap_pt if dy > 0 else -req.gap_pt if dy < 0 else 0)
            transform = offset_copy(ax.transData, fig=ax.figure, x=sx, y=sy, units="points")
            text = ax.text(req.x, req.y, req.text, ha=ha, va=va, transform=transform, **text_kw)
            box = text.get_window_extent(renderer)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if inside and not any(_overlaps(box, other) for other in taken):
                taken.append(box)
                placed.append(text)
                break
            text.remove()
    return placed


def point_boxes(ax: Any, xs: Sequence[float], ys: Sequence[float], radius_pt: Sequence[float]) -> list:
    """Display-space boxes around markers (so that labels do not cover other points)."""
    from matplotlib.transforms import Bbox

    renderer_of(ax.figure)
    scale = ax.figure.dpi / 72.0
    out = []
    for (px, py), r in zip(ax.transData.transform(list(zip(xs, ys))), radius_pt):
        r_px = max(r * scale * 0.7, 1.0)  # a little inside the marker: a label may touch its edge
        out.append(Bbox.from_extents(px - r_px, py - r_px, px + r_px, py + r_px))
    return out
