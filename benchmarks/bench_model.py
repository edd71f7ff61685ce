"""Measure the extraction model: load time, throughput on 400-word articles, peak memory, dev F1.

    python benchmarks/bench_model.py                     # a fresh model on the base encoder (heads untrained)
    python benchmarks/bench_model.py --model DIR --gold seeds/gold.jsonl --threads 2

Throughput does not depend on training (same network, same windows), so an
untrained model measures speed faithfully; F1 needs a trained ``--model``.
Articles are 400-word slices of the seed texts. Run it on an otherwise idle
machine: other jobs on the same cores slow it down.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="model directory (default: build one on the base encoder)")
    parser.add_argument("--gold", help="gold JSONL to score the model on")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--articles", type=int, default=24)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--max-length", type=int, help="override the window size (pieces)")
    parser.add_argument("--stride", type=int, help="override the window overlap (pieces)")
    args = parser.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    t0 = time.perf_counter()
    import borderie.model as bm
    from borderie.io import read_jsonl

    import_s = time.perf_counter() - t0
    model_dir = args.model
    if model_dir is None:
        model_dir = os.path.join(tempfile.mkdtemp(), "untrained")
        bm.Extractor.from_base().save_pretrained(model_dir)
    t = time.perf_counter()
    nlp = bm.load(model_dir)
    load_s = time.perf_counter() - t
    changes = {k: v for k, v in (("max_length", args.max_length), ("stride", args.stride)) if v is not None}
    if changes:
        nlp.network.config = nlp.config.with_updates(**changes)

    seeds = read_jsonl(ROOT / "seeds" / "gold.jsonl")
    words = " ".join(d.text for d in seeds).split()
    step = max(1, (len(words) - args.words) // max(args.articles, 1))
    articles = [" ".join(words[i * step: i * step + args.words]) for i in range(args.articles)]
    pieces = sum(len(nlp.tokenizer.tokenize(a)) for a in articles) / len(articles)
    list(nlp.pipe(articles[:2], batch_size=2))  # warm-up
    t = time.perf_counter()
    docs = list(nlp.pipe(articles, batch_size=args.batch_size))
    pipe_s = time.perf_counter() - t

    result = {
        "threads": args.threads, "load_average_1min": os.getloadavg()[0],
        "import_s": round(import_s, 2), "load_s": round(load_s, 2),
        "articles": len(docs), "words_per_article": args.words, "pieces_per_article": round(pieces, 1),
        "max_length": nlp.config.max_length, "stride": nlp.config.stride,
        "pipe_s": round(pipe_s, 2), "articles_per_s": round(len(docs) / pipe_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    if args.gold:
        from borderie.evaluate import evaluate

        gold = read_jsonl(args.gold)
        report = evaluate(gold, list(nlp.pipe(gold, batch_size=args.batch_size)))
        result["entity_f1"] = round(report.entities.micro.f1, 4)
        result["relation_f1"] = round(report.relations.micro.f1, 4)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
