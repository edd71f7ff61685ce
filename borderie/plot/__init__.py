"""Figures an analyst puts in a report, drawn from any list of Documents (needs ``borderie[plot]``).

* :func:`map` — the places named, on the land borders of Vietnam with China, Laos and Cambodia (country
  outlines shipped with borderie, from Natural Earth; nothing is downloaded);
* :func:`network` — who cooperates with whom, one group per border; :func:`network_html` writes it as an
  interactive page that works offline;
* :func:`timeline` — the agreements, one row per signing, named by parties and border.

Each returns a :class:`matplotlib.figure.Figure` (no pyplot, no display needed): ``fig.savefig("map.png")``,
or let Jupyter show it. The records they draw come from :mod:`borderie.plot.data`.
"""

from .data import (BORDERS, Actor, ActorNetwork, Agreement, Link, MappedPlace, actor_network, agreements,
                   document_border, mapped_places)
from .html import network_html
from .map import map
from .network import network
from .timeline import timeline

__all__ = ["map", "network", "network_html", "timeline", "agreements", "actor_network", "mapped_places",
           "document_border", "BORDERS", "Actor", "ActorNetwork", "Agreement", "Link", "MappedPlace"]
