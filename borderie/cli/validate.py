"""``borderie validate FILE...``: check gold JSONL files against the schema."""

from __future__ import annotations

import argparse
import json

from ..conventions import check_files
from ..io import validate_file
from .streams import input_path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check gold JSONL files; list every problem",
                       description="Check gold JSONL files against the annotation guidelines and list every problem "
                                   "with file, line and document id. Exits 1 if any error is found.")
    p.add_argument("files", nargs="+", metavar="FILE", help="gold JSONL file(s); - reads standard input")
    p.add_argument("--sentences", action="store_true",
                   help="also warn about relations whose two mentions are in different sentences")
    p.add_argument("--conventions", action="store_true",
                   help="also check the annotation conventions (span rules and rulings 1.1; see `borderie corpus check`)")
    p.add_argument("--json", action="store_true",
                   help="print one JSON object: {files: [{path, errors, warnings, problems: [{code, level, message, "
                        "doc_id, line}]}], errors, warnings}")
    p.set_defaults(func=run)


def problem_dict(problem) -> dict:
    """One problem as a JSON object (``level``: error or warning)."""
    return {"code": problem.code, "level": "error" if problem.is_error else "warning", "message": problem.message,
            "doc_id": problem.doc_id, "path": problem.path, "line": problem.line}


def run(args: argparse.Namespace) -> int:
    n_errors = n_warnings = 0
    report = []
    for name in args.files:
        with input_path(name) as path:
            if args.conventions:
                problems = check_files([path])[1]
            else:
                problems = validate_file(path, check_sentences=args.sentences)
        errors = [p for p in problems if p.is_error]
        n_errors += len(errors)
        n_warnings += len(problems) - len(errors)
        report.append({"path": name, "errors": len(errors), "warnings": len(problems) - len(errors),
                       "problems": [problem_dict(p) for p in problems]})
        if not args.json:
            for problem in problems:
                if problem.is_error or not args.quiet:
                    print(problem)
    if args.json:
        print(json.dumps({"files": report, "errors": n_errors, "warnings": n_warnings}, ensure_ascii=False))
    elif not args.quiet:
        status = "FAILED" if n_errors else "OK"
        print(f"{status}: {len(args.files)} file(s), {n_errors} error(s), {n_warnings} warning(s)")
    return 1 if n_errors else 0
