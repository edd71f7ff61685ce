"""``borderie corpus check|build|stats|agree``: compile annotation specs, split, count, compare passes."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..conventions import check_files
from ..convert.spec import compile_specs
from ..errors import UsageError
from ..corpus import (SPLITS, agreement, assign_splits, corpus_stats, read_splits, realism, split_leaks,
                      write_splits)
from ..io import read_jsonl, write_jsonl


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("corpus", help="compile annotation specs (.txt + .ann) into gold JSONL, split, count",
                       description="Compile compact annotation specs (see borderie.convert.spec) into gold JSONL.")
    csub = p.add_subparsers(dest="corpus_command", metavar="ACTION")
    csub.required = True

    check = csub.add_parser("check", help="check specs or gold JSONL against the schema and the annotation "
                                          "conventions; write nothing",
                            description="Compile .ann specs (or read gold .jsonl files) and report, with file, line "
                                        "and document id, every schema problem and every convention of the annotation "
                                        "guidelines a machine can check (borderie.conventions: E150-E160). Exits 1 "
                                        "if any error is found.")
    check.add_argument("paths", nargs="+", metavar="PATH", help=".ann files, folders of them, or gold .jsonl files")
    check.add_argument("--json", action="store_true",
                       help="print one JSON object: {problems: [...], errors, warnings, documents}")
    check.set_defaults(func=run_check)

    build = csub.add_parser("build", help="compile specs into all.jsonl and train/dev/test.jsonl",
                            description="Compile specs into OUT_DIR/all.jsonl and, with --splits, "
                                        "OUT_DIR/{train,dev,test}.jsonl. New articles are added to the split "
                                        "file; existing assignments never change.")
    build.add_argument("paths", nargs="+", metavar="PATH", help=".ann files or folders of them")
    build.add_argument("-o", "--out-dir", required=True, metavar="OUT_DIR", help="folder for all.jsonl and the split files")
    build.add_argument("--splits", metavar="SPLITS.json", help="split assignment file (created or extended)")
    build.set_defaults(func=run_build)

    stats = csub.add_parser("stats", help="counts per label, relation, language and border (Markdown)",
                            description="Count documents, words, entities and relations per label and language, "
                                        "and articles per border, as Markdown tables (or JSON).")
    stats.add_argument("files", nargs="+", metavar="FILE.jsonl", help="gold JSONL file(s)")
    stats.add_argument("--realism", action="store_true",
                       help="how news-like the articles are, per language: entities and relations per 1,000 "
                            "characters, sentences without entities or over 40 words, name spellings, glued "
                            "quantities (Markdown)")
    stats.add_argument("--leaks", metavar="SPLITS.json",
                       help="list article pairs in different splits that share 8-word sequences (stock phrases aside)")
    stats.add_argument("--json", action="store_true", help="print the counts as one JSON object")
    stats.set_defaults(func=run_stats)

    agree = csub.add_parser("agree", help="agreement (F1) between two annotation passes",
                            description="Score the second annotation pass against the first (entity and relation "
                                        "F1 per label), documents matched by id.")
    agree.add_argument("first", metavar="FIRST", help="first pass: JSONL file, or .ann files folder")
    agree.add_argument("second", metavar="SECOND", help="second pass: JSONL file, or .ann files folder")
    agree.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    agree.set_defaults(func=run_agree)


def _summary(docs) -> str:
    stats = corpus_stats(docs)
    ents = {k: sum(v.values()) for k, v in stats.entities.items()}
    rels = {k: sum(v.values()) for k, v in stats.relations.items()}
    return (f"{len(docs)} document(s) {dict(stats.documents)}, {sum(stats.words.values())} words\n"
            f"entities  {sum(ents.values()):>6}  " + " ".join(f"{k}={v}" for k, v in ents.items()) + "\n"
            f"relations {sum(rels.values()):>6}  " + " ".join(f"{k}={v}" for k, v in rels.items()))


def run_check(args: argparse.Namespace) -> int:
    from .validate import problem_dict

    docs, problems = check_files(args.paths)
    errors = [p for p in problems if p.is_error]
    if args.json:
        print(json.dumps({"problems": [problem_dict(p) for p in problems], "errors": len(errors),
                          "warnings": len(problems) - len(errors), "documents": len(docs)}, ensure_ascii=False))
        return 1 if errors else 0
    for problem in problems:
        if problem.is_error or not args.quiet:
            print(problem)
    if docs and not args.quiet:
        print(_summary(docs))
    print(f"{'FAILED' if errors else 'OK'}: {len(errors)} error(s), {len(problems) - len(errors)} warning(s)")
    return 1 if errors else 0


def run_build(args: argparse.Namespace) -> int:
    out = Path(args.out_dir)
    if out.suffix == ".jsonl" or out.is_file():
        raise UsageError(f"--out-dir {out} must be a folder: it receives all.jsonl and train/dev/test.jsonl")
    docs, warnings = compile_specs(args.paths)
    for w in warnings:
        print(w)
    write_jsonl(docs, out / "all.jsonl")
    print(_summary(docs))
    if args.splits:
        assignment = assign_splits(docs, read_splits(args.splits))
        write_splits(assignment, args.splits)
        for split in SPLITS:
            part = [d for d in docs if assignment[d.id] == split]
            write_jsonl(part, out / f"{split}.jsonl")
            print(f"{split:<5} {len(part)} document(s)")
    print(f"wrote {out}")
    return 0


def run_stats(args: argparse.Namespace) -> int:
    docs = [d for f in args.files for d in read_jsonl(f)]
    if args.leaks:
        leaks = split_leaks(docs, read_splits(args.leaks))
        for a, b, n in leaks:
            print(f"{a}\t{b}\t{n}")
        print(f"{len(leaks)} pair(s) across splits share 8-word sequences (stock phrases aside); "
              f"most shared: {leaks[0][2] if leaks else 0}")
        return 0
    if args.realism:
        langs = sorted({d.lang or "?" for d in docs})
        table = {lang: realism([d for d in docs if (d.lang or "?") == lang]) for lang in langs}
        table["all"] = realism(docs)
        keys = list(table["all"])
        print("| | " + " | ".join(table) + " |\n|---|" + "---|" * len(table))
        for k in keys:
            cells = [f"{v[k]:.0f}" if k == "articles" else
                     f"{v[k]:.1f}" if k.endswith("chars") else f"{100 * v[k]:.0f} %" for v in table.values()]
            print(f"| {k.replace('_', ' ')} | " + " | ".join(cells) + " |")
        return 0
    stats = corpus_stats(docs)
    if args.json:
        print(json.dumps({"documents": dict(stats.documents), "words": dict(stats.words),
                          "entities": {k: dict(v) for k, v in stats.entities.items()},
                          "relations": {k: dict(v) for k, v in stats.relations.items()},
                          "borders": dict(stats.borders)}, ensure_ascii=False))
        return 0
    print(stats.to_markdown())
    return 0


def _load(path: str):
    p = Path(path)
    return read_jsonl(p) if p.is_file() and p.suffix == ".jsonl" else compile_specs([p])[0]


def run_agree(args: argparse.Namespace) -> int:
    report = agreement(_load(args.first), _load(args.second))
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        print(report.format_table())
    return 0
