"""The offsets property of ``tests/test_offsets_property.py``, run against a real model.

Every entity of every random text must index the text exactly and cut no
word. The tests check it against a tiny random model; this script checks the
shipped default model (or ``--model DIR``), on random texts from the same
generator and on the seed articles with invisible characters, CRLF line ends
and a byte-order mark added. It prints what it checked and exits 1 on the
first failure (with the text).

    python benchmarks/bench_offsets.py                 # default model, 200 random texts
    python benchmarks/bench_offsets.py --examples 1000 --model DIR
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> int:
    from hypothesis import HealthCheck, given, settings

    import borderie
    from borderie.io import read_jsonl
    from test_offsets_property import check_document, fragments

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", help="model directory (default: the shipped default model)")
    ap.add_argument("--examples", type=int, default=200, help="random texts to check (default 200)")
    args = ap.parse_args()

    nlp = borderie.load(args.model)
    counts = {"texts": 0, "entities": 0}
    t0 = time.perf_counter()

    @settings(max_examples=args.examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(text=fragments())
    def random_texts(text: str) -> None:
        doc = nlp(text)
        check_document(doc, text)
        counts["texts"] += 1
        counts["entities"] += len(doc.entities)

    random_texts()
    seeds = read_jsonl(ROOT / "seeds" / "gold.jsonl")
    for doc in seeds:
        for variant in (doc.text.replace("\n", "\r\n"), "\ufeff" + doc.text,
                        "".join(ch + ("\u200b" if ch.isalpha() and i % 7 == 0 else "") for i, ch in enumerate(doc.text))):
            out = nlp(variant)
            check_document(out, variant)
            counts["texts"] += 1
            counts["entities"] += len(out.entities)
    print(f"{counts['texts']} texts, {counts['entities']} entities: every offset exact, no word cut "
          f"({time.perf_counter() - t0:.0f} s, model {args.model or 'default'}, precision {nlp.precision})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
