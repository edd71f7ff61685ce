"""A matplotlib Figure that needs no pyplot and no display (usable in scripts, servers and notebooks)."""

from __future__ import annotations

from typing import Any

from ..errors import UsageError

COUNTRY_COLOURS: dict[str, str] = {"VN": "#c0392b", "LA": "#2471a3", "CN": "#d68910", "KH": "#1e8449"}
"""Place markers by country (Vietnam red, Laos blue, China amber, Cambodia green); others grey."""
OTHER_COLOUR = "#7f8c8d"
COUNTRY_NAMES: dict[str, str] = {"VN": "Vietnam", "LA": "Laos", "CN": "China", "KH": "Cambodia",
                                 "TH": "Thailand", "MM": "Myanmar"}


def new_figure(width: float, height: float) -> Any:
    """A Figure on the Agg canvas (``FigureCanvasAgg``): it renders to PNG anywhere and shows in Jupyter."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:  # pragma: no cover - depends on the environment
        raise UsageError("borderie.plot needs matplotlib: pip install 'borderie[plot]'") from None
    fig = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(fig)
    return fig
