"""``borderie convert IN OUT --from FMT --to FMT``: move annotations between tools."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import convert
from ..errors import UsageError
from ..io import read_jsonl, write_jsonl

_READERS = {
    "gold": read_jsonl,
    "labelstudio": convert.read_labelstudio,
    "doccano": convert.read_doccano,
    "conll": convert.read_conll,
    "brat": convert.read_brat_dir,
}
_WRITERS = {
    "gold": write_jsonl,
    "labelstudio": convert.write_labelstudio,
    "doccano": convert.write_doccano,
    "conll": convert.write_conll,
    "brat": convert.write_brat,
}


def guess_format(path: str) -> str | None:
    p = Path(path)
    if p.is_dir() or not p.suffix:
        return "brat"
    return {".jsonl": "gold", ".json": "labelstudio", ".conll": "conll", ".bio": "conll", ".txt": "conll"}.get(p.suffix)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("convert", help="convert annotations between gold JSONL, Label Studio, doccano, CoNLL, brat",
                       description="Convert annotations. Formats: gold (JSONL), labelstudio (JSON export), doccano "
                                   "(JSONL), conll (BIO, entities only), brat (a folder of .txt + .ann).")
    p.add_argument("input", metavar="IN")
    p.add_argument("output", metavar="OUT")
    p.add_argument("--from", dest="src", choices=convert.FORMATS, help="input format (guessed from IN if omitted)")
    p.add_argument("--to", dest="dst", choices=convert.FORMATS, help="output format (guessed from OUT if omitted)")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    src = args.src or guess_format(args.input)
    dst = args.dst or guess_format(args.output)
    if src is None or dst is None:
        raise UsageError("cannot tell the format from the file name: give --from and --to")
    out = Path(args.output)
    if out.exists() and not args.force and not (out.is_dir() and not any(out.iterdir())):
        raise UsageError(f"{out} already exists (use --force to replace it)")
    docs = _READERS[src](args.input)
    _WRITERS[dst](docs, args.output)
    print(f"converted {len(docs)} document(s) from {src} to {dst}: {args.output}")
    return 0
