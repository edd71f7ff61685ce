"""``borderie corpus check|build``: compile annotation specs into gold JSONL."""

from __future__ import annotations

import argparse
from collections import Counter

from ..convert.spec import compile_specs
from ..io import write_jsonl


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("corpus", help="compile annotation specs (.txt + .ann) into gold JSONL",
                       description="Compile compact annotation specs (see borderie.convert.spec) into gold JSONL.")
    csub = p.add_subparsers(dest="corpus_command", metavar="ACTION")
    csub.required = True
    check = csub.add_parser("check", help="compile and report problems and counts; write nothing")
    check.add_argument("paths", nargs="+", metavar="PATH", help=".ann files or folders of them")
    check.add_argument("-q", "--quiet", action="store_true", help="no warnings, only errors and the summary")
    check.set_defaults(func=run_check)
    build = csub.add_parser("build", help="compile specs and write one JSONL file")
    build.add_argument("paths", nargs="+", metavar="PATH", help=".ann files or folders of them")
    build.add_argument("-o", "--output", required=True, metavar="OUT.jsonl")
    build.set_defaults(func=run_build)


def _summary(docs) -> str:
    labels = Counter(e.label for d in docs for e in d.entities)
    rels = Counter(r.label for d in docs for r in d.relations)
    langs = Counter(d.lang for d in docs)
    return (f"{len(docs)} document(s) {dict(langs)}\n"
            f"entities  {sum(labels.values()):>6}  " + " ".join(f"{k}={v}" for k, v in sorted(labels.items())) + "\n"
            f"relations {sum(rels.values()):>6}  " + " ".join(f"{k}={v}" for k, v in sorted(rels.items())))


def run_check(args: argparse.Namespace) -> int:
    docs, warnings = compile_specs(args.paths)
    if not args.quiet:
        for w in warnings:
            print(w)
    print(_summary(docs))
    return 0


def run_build(args: argparse.Namespace) -> int:
    docs, warnings = compile_specs(args.paths)
    for w in warnings:
        print(w)
    write_jsonl(docs, args.output)
    print(_summary(docs))
    print(f"wrote {args.output}")
    return 0
