#!/usr/bin/env python
"""Gazetteer load time and link latency (median / p95 over the spelling table).

    python benchmarks/bench_link.py [--repeat 5]
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


if __name__ == "__main__":
    main()
