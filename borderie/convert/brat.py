"""brat standoff (``NAME.txt`` + ``NAME.ann``) <-> borderie documents.

Text-bound annotations ``T1<TAB>LOC 0 9<TAB>Điện Biên`` become entities and
``R1<TAB>BORDERS Arg1:T1 Arg2:T2`` relations (the first argument is the
head, whatever its role name). Equivalences (``*<TAB>Equiv T1 T2``),
normalisations (``N1<TAB>Reference T1 GeoNames:1562414<TAB>...``),
attributes (``A``/``M`` lines) and notes (``#1<TAB>AnnotatorNotes T1<TAB>...``)
have no place in the schema: they are skipped with a warning (``W170``),
never silently. Discontinuous spans (``0 5;6 9``) and events would change
what is annotated and are errors. brat offsets are code points into the
``.txt`` file, which is read and written exactly (no newline is added).

:func:`write_brat` also writes the ``annotation.conf`` that brat needs to
show and edit the files: the entity labels and the relation type rules of
:mod:`borderie.schema`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from ..document import Document
from ..errors import ConversionError
from ..io import atomic_write_text
from ..schema import ENTITY_LABELS, RELATION_TYPES
from ._common import build_document, entity_ids, gold_record, problem, relation_refs, warn

_T = re.compile(r"^(T\d+)\t(\S+) (\d+) (\d+)\t(.*)$")
_R = re.compile(r"^(R\d+)\t(\S+) [^\s:]+:(T\d+) [^\s:]+:(T\d+)\s*$")
_SKIPPED = {"*": "equivalence", "N": "normalisation", "A": "attribute", "M": "attribute", "#": "note"}
CONF_FILENAME = "annotation.conf"


def read_brat(ann_path: str | Path, *, doc_id: str | None = None, lang: str | None = None,
              date: str | None = None) -> Document:
    """One document from ``NAME.ann`` and its ``NAME.txt``."""
    ann_path = Path(ann_path)
    txt_path = ann_path.with_suffix(".txt")
    if not txt_path.exists():
        raise ConversionError(f"{ann_path}: no text file {txt_path.name} beside it")
    text = txt_path.read_bytes().decode("utf-8")
    entities, relations, problems = [], [], []
    skipped: dict[str, list[int]] = {}
    for lineno, line in enumerate(ann_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        kind = _SKIPPED.get(line[0]) if (line[0] in "*#" or re.match(r"^[NAM]\d+\t", line)) else None
        if kind is not None:
            skipped.setdefault(kind, []).append(lineno)
            continue
        if m := _T.match(line):
            tid, label, start, end, surface = m.groups()
            entities.append({"id": tid, "start": int(start), "end": int(end), "label": label, "text": surface})
        elif m := _R.match(line):
            rid, label, head, tail = m.groups()
            relations.append({"head": head, "tail": tail, "label": label})
        else:
            kind = ("a discontinuous span" if re.match(r"^T\d+\t\S+ \d+ \d+;", line) else
                    "an event" if re.match(r"^E\d+\t", line) else "an unsupported line")
            problems.append(problem(f"{kind}: {line[:80]!r}", path=str(ann_path), line=lineno))
    if problems:
        raise ConversionError(f"{ann_path}: {len(problems)} problem(s)", problems)
    if skipped:
        warn("ignored (no place in the schema): " + "; ".join(
            f"{len(lines)} {kind}(s) on line(s) {', '.join(map(str, lines[:5]))}{' ...' if len(lines) > 5 else ''}"
            for kind, lines in skipped.items()), path=str(ann_path), doc_id=doc_id or ann_path.stem)
    record = gold_record(doc_id or ann_path.stem, text, entities, relations, lang=lang, date=date)
    return build_document(record, path=str(ann_path))


def read_brat_dir(folder: str | Path) -> list[Document]:
    """Every ``*.ann`` document of a folder, sorted by name."""
    return [read_brat(p) for p in sorted(Path(folder).glob("*.ann"))]


def to_brat(doc: Document) -> str:
    """The ``.ann`` content of a document (entities renumbered T1.., relations R1..)."""
    ids = entity_ids(doc)
    tid = {ids[i]: f"T{i + 1}" for i in range(len(doc.entities))}
    lines = [f"T{i + 1}\t{e.label} {e.start} {e.end}\t{e.text}" for i, e in enumerate(doc.entities)]
    lines += [f"R{k + 1}\t{rel.label} Arg1:{tid[h]} Arg2:{tid[t]}" for k, (h, t, rel) in enumerate(relation_refs(doc))]
    return "\n".join(lines) + ("\n" if lines else "")


def annotation_conf() -> str:
    """brat's ``annotation.conf`` for the borderie schema (entity labels, relation type rules)."""
    lines = ["# borderie schema (borderie/schema.py), written by borderie.convert.brat", "[entities]",
             *ENTITY_LABELS, "", "[relations]"]
    for rtype in RELATION_TYPES.values():
        heads, tails = "|".join(sorted(rtype.heads)), "|".join(sorted(rtype.tails))
        if rtype.symmetric:
            heads = tails = "|".join(sorted(rtype.heads | rtype.tails))
        lines.append(f"{rtype.label}\tArg1:{heads}, Arg2:{tails}")
    lines += ["", "[events]", "", "[attributes]", ""]
    return "\n".join(lines)


def write_brat(docs: Iterable[Document], folder: str | Path) -> list[Path]:
    """Write ``ID.txt`` and ``ID.ann`` for each document into ``folder``, and its ``annotation.conf``."""
    folder = Path(folder)
    atomic_write_text(folder / CONF_FILENAME, [annotation_conf()])
    written = []
    for doc in docs:
        if any("\n" in e.text for e in doc.entities):
            raise ConversionError(f"document {doc.id!r}: brat cannot hold a mention spanning a line break")
        safe = re.sub(r"[^\w.-]", "_", doc.id)
        atomic_write_text(folder / f"{safe}.txt", [doc.text])
        written.append(atomic_write_text(folder / f"{safe}.ann", [to_brat(doc)]))
    return written
