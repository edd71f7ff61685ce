"""``borderie places search QUERY`` and ``borderie link NAME``: the gazetteer from the command line."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import UsageError


def _search(args: argparse.Namespace) -> int:
    from ..gazetteer import search

    places = search(args.query, limit=args.limit)
    if args.json:
        print(json.dumps([p.to_dict() for p in places], ensure_ascii=False))
        return 0
    if not places:
        print(f"no place matches {args.query!r}", file=sys.stderr)
        return 1
    for p in places:
        era = f"{p.valid_from or '…'}..{p.valid_to or '…'}"
        print(f"{p.id}\t{p.name}\t{p.country}\t{p.level}\t{p.unit_type or ''}\t{era}\t{p.parent_id or ''}")
    return 0


def _link(args: argparse.Namespace) -> int:
    from ..gazetteer import candidates, link

    if args.date is not None and len(args.date) != 10:
        raise UsageError(f"--date must be YYYY-MM-DD, got {args.date!r}")
    others = tuple(args.other or ())
    place = link(args.name, context=args.context, date=args.date, others=others)
    if args.json:
        if place is None:
            print("null")
        else:
            out = {"id": place.id, "name": place.name, "country": place.country, "level": place.level,
                   "score": place.score}
            out.update({k: v for k, v in place.to_dict().items() if k not in out})
            print(json.dumps(out, ensure_ascii=False))
        return 0
    if place is None:
        print(f"no link for {args.name!r}")
    else:
        print(f"{place.id}\t{place.name}\t{place.country}\t{place.level}\tscore={place.score}")
    if args.why:
        why = link(args.name, context=args.context, date=args.date, others=others, explain=True)
        print(f"why: {why.reason}")
    if args.explain:
        for c in candidates(args.name, context=args.context, date=args.date, others=others)[:10]:
            print(f"  {c.score:.3f}  {c.place.id}  {c.place.name} ({c.place.level}, {c.place.country}): {c.reason}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``places`` and ``link`` subcommands."""
    places = subparsers.add_parser(
        "places", help="look places up in the border gazetteer",
        description="Search the packaged gazetteer: Vietnamese units of both eras (before and after the 2025 "
                    "reform), Lao, Cambodian and Chinese border units, border gates.")
    psub = places.add_subparsers(dest="places_command", metavar="ACTION")
    psub.required = True
    s = psub.add_parser("search", help="places whose names match QUERY (case, diacritics, spaces ignored)",
                        description="List the gazetteer places whose names match QUERY, ignoring case, diacritics "
                                    "and spacing: id, name, country, level, unit type, validity, parent. Exits 1 "
                                    "when nothing matches.")
    s.add_argument("query", help="a place name as written, e.g. 'Phong Sa Ly'")
    s.add_argument("--limit", type=int, default=10, help="most places to list")
    s.add_argument("--json", action="store_true", help="print a JSON list of places")
    s.set_defaults(func=_search)

    ln = subparsers.add_parser(
        "link", help="link a place mention to the gazetteer",
        description="Link one place mention to its gazetteer entry the way extraction does: by its name, the "
                    "designators and country cues of its sentence (--context), the other places of the document "
                    "(--other) and the document date (--date), which picks the unit valid then. Prints the best "
                    "match (id, name, country, level, score) or says there is none.")
    ln.add_argument("name", help="the mention as written, e.g. 'Nâm Pô' or 'district de Nâm Pô'")
    ln.add_argument("--context", help="the sentence around the mention")
    ln.add_argument("--date", help="document date YYYY-MM-DD (picks the unit valid then; without it the units "
                                   "before the 2025 reform are preferred, weakly)")
    ln.add_argument("--other", action="append", help="another place named in the document (repeatable)")
    ln.add_argument("--json", action="store_true", help="print the best match as one JSON object, or null")
    ln.add_argument("--explain", action="store_true", help="also list the scored candidates and why")
    ln.add_argument("--why", action="store_true",
                    help="say why it linked, or why not (unknown name, ambiguous between which places, not valid then)")
    ln.set_defaults(func=_link)
