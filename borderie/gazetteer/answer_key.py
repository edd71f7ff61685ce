"""Place answer keys: which gazetteer place each LOC/FAC mention of annotated documents should link to.

A key is a tab-separated file, one row per mention, decided by a person reading
the article (``tests/data/realdev_places.tsv``, ``tests/data/seed_places.tsv``)::

    # comments
    doc_id  start  end  label  place_id  unsure  note

``place_id`` is ``-`` when the mention must stay unlinked (a village, a border
marker, a place outside the gazetteer); ``unsure`` is ``1`` where a reader
could not decide (those rows are reported apart and never counted). The key
holds no article text: the documents are read from their own file when the key
is scored.

:func:`score_key` links the documents' annotated entities the way the library
does in real use (:func:`borderie.model.enrich.enrich_entities`: the sentence
as context, the document date, the document's other place mentions) and counts
each sure row as right (the expected place, or no link where none is expected),
wrong (another place, or a link where none is expected) or unlinked.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import UsageError

NO_PLACE = "-"


@dataclass(frozen=True)
class KeyRow:
    """One decided mention: where it is, what it should link to (``None``: nothing), whether it is sure."""

    doc_id: str
    start: int
    end: int
    label: str
    place_id: str | None
    unsure: bool = False
    note: str = ""


@dataclass(frozen=True)
class Outcome:
    """How one sure key row came out: ``verdict`` is ``right``, ``wrong`` or ``unlinked``."""

    row: KeyRow
    text: str
    got: str | None
    verdict: str


@dataclass(frozen=True)
class KeyScore:
    """Counts over the sure rows of a key, the outcomes themselves, and the link times (seconds)."""

    outcomes: tuple[Outcome, ...]
    unsure: int
    seconds_per_doc: tuple[float, ...] = ()

    def count(self, verdict: str) -> int:
        return sum(o.verdict == verdict for o in self.outcomes)

    @property
    def sure(self) -> int:
        return len(self.outcomes)

    def share(self, verdict: str) -> float:
        return self.count(verdict) / self.sure if self.sure else 0.0

    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.verdict != "right"]

    def summary(self) -> str:
        exp_place = [o for o in self.outcomes if o.row.place_id is not None]
        lines = [
            f"sure mentions: {self.sure} ({len(exp_place)} with a place, {self.sure - len(exp_place)} to leave unlinked);"
            f" unsure (not counted): {self.unsure}",
            f"linked right: {self.count('right')} = {self.share('right'):.1%}",
            f"linked wrong: {self.count('wrong')} = {self.share('wrong'):.1%}",
            f"unlinked:     {self.count('unlinked')} = {self.share('unlinked'):.1%}",
        ]
        if self.seconds_per_doc:
            lines.append(f"median document linking time: {statistics.median(self.seconds_per_doc) * 1000:.2f} ms")
        return "\n".join(lines)


def read_key(path: str | Path) -> list[KeyRow]:
    """The rows of a key file; :class:`UsageError` naming the file and line for a malformed row."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise UsageError(f"cannot read place key {path}: {err}") from err
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) not in (6, 7):
            raise UsageError(f"{path}:{n}: expected 6 or 7 tab-separated fields, got {len(parts)}")
        doc_id, start, end, label, place_id, unsure = parts[:6]
        if not (start.isdigit() and end.isdigit()) or int(start) >= int(end):
            raise UsageError(f"{path}:{n}: start/end must be offsets with start < end, got {start!r}, {end!r}")
        if unsure not in ("0", "1"):
            raise UsageError(f"{path}:{n}: unsure must be 0 or 1, got {unsure!r}")
        rows.append(KeyRow(doc_id, int(start), int(end), label, None if place_id == NO_PLACE else place_id,
                           unsure == "1", parts[6] if len(parts) == 7 else ""))
    return rows


def score_key(docs: Iterable, key: Sequence[KeyRow]) -> KeyScore:
    """Link the annotated LOC/FAC entities of ``docs`` (their gold places removed) and compare with ``key``.

    Every key row must name an entity of one of the documents (same offsets and
    label), and every LOC/FAC entity of those documents must have a row:
    otherwise :class:`UsageError` says which.
    """
    from ..model.enrich import PLACE_LABELS, enrich_entities

    by_doc: dict[str, dict[tuple[int, int], KeyRow]] = {}
    for r in key:
        by_doc.setdefault(r.doc_id, {})[(r.start, r.end)] = r
    outcomes: list[Outcome] = []
    unsure = 0
    times = []
    seen_docs = set()
    for doc in docs:
        rows = by_doc.get(doc.id)
        if rows is None:
            continue
        seen_docs.add(doc.id)
        bare = replace(doc, entities=tuple(replace(e, place=None) for e in doc.entities))
        t0 = time.perf_counter()
        linked = enrich_entities(bare)
        times.append(time.perf_counter() - t0)
        found = set()
        for e in linked.entities:
            if e.label not in PLACE_LABELS:
                continue
            r = rows.get((e.start, e.end))
            if r is None or r.label != e.label:
                raise UsageError(f"document {doc.id}: {e.label} entity at {e.start}-{e.end} has no row in the place key")
            found.add((e.start, e.end))
            if r.unsure:
                unsure += 1
                continue
            got = e.place.id if e.place is not None else None
            if got == r.place_id:
                verdict = "right"
            elif got is None:
                verdict = "unlinked"
            else:
                verdict = "wrong"
            outcomes.append(Outcome(r, e.text, got, verdict))
        for span in rows.keys() - found:
            raise UsageError(f"place key row {doc.id} {span[0]}-{span[1]} names no LOC/FAC entity of the document")
    missing = set(by_doc) - seen_docs
    if missing:
        raise UsageError(f"place key names documents that were not given: {', '.join(sorted(missing))}")
    return KeyScore(tuple(outcomes), unsure, tuple(times))
