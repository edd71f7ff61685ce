#!/usr/bin/env python
"""Gazetteer load time, link latency (median / p95 over the spelling table) and linking accuracy on place keys.

    python benchmarks/bench_link.py [--repeat 5] [--misses]

Accuracy is measured on the hand-decided place keys (tests/data/seed_places.tsv
for seeds/gold.jsonl, tests/data/realdev_places.tsv for ../shared/realdev/gold.jsonl
when that folder is there), linking the annotated LOC/FAC entities the way the
pipeline does (borderie.model.enrich: sentence context, document date, the
document's other place mentions, one name one place per document).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--misses", action="store_true", help="list the key rows not linked right")
    args = ap.parse_args()
    from borderie.gazetteer import link
    from borderie.gazetteer.store import Gazetteer, default

    t0 = time.perf_counter()
    Gazetteer.load()
    cold = time.perf_counter() - t0
    default()
    rows = []
    for line in (ROOT / "tests" / "data" / "place_spellings.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        m, ctx, date, cc, lvl, name, at = line.split("\t")
        rows.append((m, ctx or None, date or None, (cc, lvl, name) if cc else None, int(at) if at else None))
    times, ok = [], 0
    for rep in range(args.repeat):
        for m, ctx, date, want, at in rows:
            t = time.perf_counter()
            p = link(m, context=ctx, date=date, at=at)
            times.append(time.perf_counter() - t)
            if rep == 0:
                ok += ((p.country, p.level, p.name) if p else None) == want
    times.sort()
    print(f"gazetteer rows: {len(default())}")
    print(f"load time (parse + index): {cold * 1000:.0f} ms")
    print(f"links timed: {len(times)} ({len(rows)} table rows x {args.repeat})")
    print(f"median link: {statistics.median(times) * 1000:.3f} ms  p95: {times[int(0.95 * len(times))] * 1000:.3f} ms"
          f"  max: {times[-1] * 1000:.3f} ms")
    print(f"table accuracy: {ok}/{len(rows)} = {ok / len(rows):.1%}")
    from borderie import read_jsonl
    from borderie.gazetteer.answer_key import read_key, score_key

    keys = [("seeds", ROOT / "seeds" / "gold.jsonl", ROOT / "tests" / "data" / "seed_places.tsv"),
            ("realdev", ROOT.parent / "shared" / "realdev" / "gold.jsonl", ROOT / "tests" / "data" / "realdev_places.tsv")]
    for name, docs, key in keys:
        if not docs.exists():
            print(f"\n{name}: {docs} not found, skipped")
            continue
        score = score_key(read_jsonl(docs), read_key(key))
        print(f"\n{name} place key ({key.relative_to(ROOT)}):")
        print(score.summary())
        if args.misses:
            for o in score.misses():
                print(f"  {o.verdict:8s} {o.row.doc_id} {o.row.start}-{o.row.end} {o.text!r}: want {o.row.place_id}, got {o.got}")


if __name__ == "__main__":
    main()
