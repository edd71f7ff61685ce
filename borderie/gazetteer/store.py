"""Loading the shipped gazetteer and looking names up in it.

The data file ``borderie/data/gazetteer.jsonl.gz`` is produced by
``scripts/build_gazetteer.py``: one JSON object per unit version, with the
matching keys of its names precomputed under ``_keys``. :class:`Gazetteer`
reads it once, keeps the raw rows, and builds :class:`Place` objects only for
the rows that are asked for. :func:`default` returns a process-wide instance
loaded on first use.
"""

from __future__ import annotations

import gzip
import json
import threading
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import GazetteerDataError, UsageError
from ..text import fold, tone_key
from .place import Place
from .spelling import MIN_TYPO_LENGTH, deletions, family_key, one_edit

FOLD_VERSION = 1
"""Bump when :func:`borderie.text.fold` or :func:`tone_key` change: stored keys are then recomputed."""

DATA_FILE = "gazetteer.jsonl.gz"


def row_texts(row: dict[str, Any]) -> list[str]:
    """The spellings of a row that are indexed: its name, then every variant text."""
    return [row["name"]] + [v["text"] for v in row.get("variants", ())]


def match_keys(row: dict[str, Any]) -> dict[str, Any]:
    """Precomputed keys of a row: ``fold`` and ``tone`` keys aligned with :func:`row_texts`."""
    texts = row_texts(row)
    return {"v": FOLD_VERSION, "fold": [fold(t) for t in texts], "tone": [tone_key(t) for t in texts]}


class Gazetteer:
    """An in-memory gazetteer: rows by id, a fold-key index, lazily built :class:`Place` objects."""

    def __init__(self, rows: Iterable[dict[str, Any]]):
        self.rows: list[dict[str, Any]] = []
        self.by_id: dict[str, int] = {}
        self.index: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.children: dict[str, list[int]] = defaultdict(list)
        self._places: dict[int, Place] = {}
        self._family: dict[str, list[tuple[int, int]]] | None = None
        self._typos: dict[str, set[str]] | None = None
        self._lazy_lock = threading.Lock()
        for i, row in enumerate(rows):
            keys = row.get("_keys")
            if not keys or keys.get("v") != FOLD_VERSION:
                keys = row["_keys"] = match_keys(row)
            self.rows.append(row)
            if row["id"] in self.by_id:
                raise GazetteerDataError(f"duplicate gazetteer id {row['id']!r}")
            self.by_id[row["id"]] = i
            for j, key in enumerate(keys["fold"]):
                if key:
                    self.index[key].append((i, j))
            if row.get("parent_id"):
                self.children[row["parent_id"]].append(i)
        self.index = dict(self.index)

    # -- loading -------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None) -> "Gazetteer":
        """Read a gazetteer file (default: the one shipped in ``borderie/data``)."""
        try:
            if path is None:
                raw = resources.files("borderie.data").joinpath(DATA_FILE).read_bytes()
            else:
                raw = Path(path).read_bytes()
            text = gzip.decompress(raw).decode("utf-8") if raw[:2] == b"\x1f\x8b" else raw.decode("utf-8")
        except (OSError, EOFError) as err:
            where = path or f"borderie/data/{DATA_FILE}"
            raise GazetteerDataError(f"cannot read gazetteer data {where}: {err}") from err
        rows = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise GazetteerDataError(f"gazetteer data line {n}: {err}") from err
        return cls(rows)

    # -- access --------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.rows)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self.by_id

    def place(self, i: int) -> Place:
        """The :class:`Place` of row ``i`` (built once, then cached)."""
        p = self._places.get(i)
        if p is None:
            p = self._places[i] = Place.from_dict(self.rows[i])
        return p

    def get(self, place_id: str) -> Place:
        """The place with id ``place_id``; :class:`UsageError` if there is none."""
        i = self.by_id.get(place_id)
        if i is None:
            raise UsageError(f"no place with id {place_id!r} in the gazetteer")
        return self.place(i)

    def row(self, place_id: str) -> dict[str, Any] | None:
        i = self.by_id.get(place_id)
        return None if i is None else self.rows[i]

    def lookup(self, key: str) -> list[tuple[int, int]]:
        """Rows (and which of their texts) whose fold key equals ``key``."""
        return self.index.get(key, [])

    def lookup_family(self, key: str) -> list[tuple[int, int]]:
        """Rows whose spelling is in the same transliteration family as ``key``
        (:func:`borderie.gazetteer.spelling.family_key`; index built on first use)."""
        if self._family is None:
            with self._lazy_lock:
                if self._family is None:
                    index: dict[str, list[tuple[int, int]]] = defaultdict(list)
                    for i, row in enumerate(self.rows):
                        for j, text in enumerate(row_texts(row)):
                            k = family_key(text)
                            if k:
                                index[k].append((i, j))
                    self._family = dict(index)
        return self._family.get(key, [])

    def lookup_typo(self, key: str) -> list[tuple[int, int]]:
        """Rows with a spelling one letter away from fold key ``key`` (changed, added or dropped).

        Only for keys of at least :data:`~borderie.gazetteer.spelling.MIN_TYPO_LENGTH` letters;
        the deletion index is built on first use.
        """
        if len(key) < MIN_TYPO_LENGTH:
            return []
        if self._typos is None:
            with self._lazy_lock:
                if self._typos is None:
                    index: dict[str, set[str]] = defaultdict(set)
                    for k in self.index:
                        if len(k) >= MIN_TYPO_LENGTH - 1:
                            for d in deletions(k):
                                index[d].add(k)
                    self._typos = dict(index)
        near = set()
        for d in deletions(key):
            near |= {k for k in self._typos.get(d, ()) if one_edit(k, key)}
        return [hit for k in sorted(near) for hit in self.index[k]]

    def ancestors(self, i: int, depth: int = 3) -> Iterator[int]:
        """Row indexes of the parent, grandparent... of row ``i`` (nearest first)."""
        row = self.rows[i]
        for _ in range(depth):
            pid = row.get("parent_id")
            if pid is None or pid not in self.by_id:
                return
            j = self.by_id[pid]
            yield j
            row = self.rows[j]

    def __iter__(self) -> Iterator[Place]:
        return (self.place(i) for i in range(len(self.rows)))

    def search(self, query: str, limit: int = 10) -> list[Place]:
        """Places whose names match ``query``: exact fold key first, then prefix, then substring.

        Within each group, higher levels (country, province...) and current
        versions come first.
        """
        if limit < 1:
            raise UsageError(f"search limit must be >= 1, got {limit}")
        key = fold(query)
        if not key:
            raise UsageError(f"search query {query!r} has no letters or digits")
        order = {lvl: n for n, lvl in enumerate(("country", "province", "prefecture", "district", "border_gate",
                                                  "river", "landmark", "town", "commune"))}
        found: dict[int, tuple] = {}
        for k, hits in self.index.items():
            if k == key:
                rank = 0
            elif k.startswith(key):
                rank = 1
            elif key in k:
                rank = 2
            else:
                continue
            for i, _ in hits:
                if i in found and found[i][0] <= rank:
                    continue
                r = self.rows[i]
                sort_key = (rank, order.get(r["level"], 9), r.get("valid_to") is not None, r["name"], r["id"])
                if i not in found or sort_key < found[i]:
                    found[i] = sort_key
        ranked = sorted(found, key=lambda i: found[i])[:limit]
        return [self.place(i) for i in ranked]


_DEFAULT: Gazetteer | None = None
_LOCK = threading.Lock()


def default() -> Gazetteer:
    """The shipped gazetteer, loaded on first call and cached for the process."""
    global _DEFAULT
    if _DEFAULT is None:
        with _LOCK:
            if _DEFAULT is None:
                _DEFAULT = Gazetteer.load()
    return _DEFAULT
