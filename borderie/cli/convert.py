"""``borderie convert IN OUT [--from FMT] [--to FMT]``: move annotations between tools."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import convert
from ..convert.sniff import output_format, sniff_format
from ..errors import UsageError
from ..io import read_jsonl, write_jsonl
from .streams import input_path, is_stdio, message, output_path


def _write_spacy(docs, path):
    from ..convert.spacy import write_docbin

    return write_docbin(docs, path)


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
    "spacy": _write_spacy,
}
_SUFFIX = {"gold": ".jsonl", "labelstudio": ".json", "doccano": ".jsonl", "conll": ".conll", "spacy": ".spacy"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("convert", help="convert annotations between gold JSONL, Label Studio, doccano, CoNLL, brat, "
                                       "spaCy",
                       description="Convert annotations. Formats: gold (JSONL), labelstudio (JSON export), doccano "
                                   "(JSONL, UTF-16 offsets), conll (CoNLL-2003 and other column dialects, entities "
                                   "only), brat (a folder of .txt + .ann + annotation.conf), spacy (a DocBin .spacy "
                                   "file to write; needs spaCy). Without --from, the format of IN is recognised "
                                   "from its content; without --to, the format of OUT from its suffix. Lossy steps "
                                   "are reported as warnings. IN - reads standard input (give --from), OUT - writes "
                                   "to standard output (give --to).")
    p.add_argument("input", metavar="IN", help="file or brat folder to read; - reads standard input")
    p.add_argument("output", metavar="OUT", help="file or brat folder to write; - writes to standard output")
    p.add_argument("--from", dest="src", choices=convert.FORMATS,
                   help="input format (default: recognised from the content of IN)")
    p.add_argument("--to", dest="dst", choices=convert.FORMATS + convert.WRITE_ONLY_FORMATS,
                   help="output format (default: from the suffix of OUT: .jsonl gold, .json labelstudio, .conll "
                        "conll, .spacy spacy, a folder brat)")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if is_stdio(args.input) and args.src is None:
        raise UsageError("reading standard input (-) needs --from")
    src = args.src or sniff_format(args.input)
    dst = args.dst or output_format(args.output)
    if "brat" in ((src if is_stdio(args.input) else None), (dst if is_stdio(args.output) else None)):
        raise UsageError("brat is a folder of files: it cannot be read from or written to - ")
    out = Path(args.output)
    if not is_stdio(args.output) and out.exists() and not args.force and not (out.is_dir() and not any(out.iterdir())):
        raise UsageError(f"{out} already exists (use --force to replace it)")
    if dst == "spacy":
        try:
            import spacy  # noqa: F401
        except ImportError:
            raise UsageError("--to spacy needs spaCy: pip install spacy") from None
    with input_path(args.input, _SUFFIX.get(src, "")) as path:
        docs = _READERS[src](path)
    with output_path(args.output, _SUFFIX.get(dst, "")) as path:
        _WRITERS[dst](docs, path)
    message(f"converted {len(docs)} document(s) from {src} to {dst}: {args.output}", quiet=args.quiet,
            to_stderr=is_stdio(args.output))
    return 0
