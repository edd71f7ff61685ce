"""CoNLL-style BIO files <-> borderie documents (entities only).

Layout: a ``# id = DOC`` comment opens each document (with ``# lang =`` and
``# date =`` when known), one ``TOKEN<TAB>TAG`` line per token, a blank line
after each sentence. Tags are ``O``, ``B-LABEL`` and ``I-LABEL``. Tokens are
cut at white space, punctuation and entity boundaries, so every entity is a
whole number of tokens.

BIO holds no relations and no white space. Reading therefore needs the
original texts (``texts={doc id: text}``) to give exact offsets; without them
the text is rebuilt by joining tokens with single spaces and offsets point
into that rebuilt text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Mapping

from ..document import Document
from ..errors import ConversionError
from ..io import atomic_write_text
from ._common import build_document, gold_record, problem

_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def tokenize(text: str, start: int, end: int, cuts: set[int]) -> list[tuple[int, int]]:
    """Token spans of ``text[start:end]``, also cut at every offset in ``cuts``."""
    spans = []
    for m in _TOKEN.finditer(text, start, end):
        s = m.start()
        for c in sorted(c for c in cuts if m.start() < c < m.end()):
            spans.append((s, c))
            s = c
        spans.append((s, m.end()))
    return spans


def to_conll(docs: Iterable[Document]) -> str:
    out: list[str] = []
    for doc in docs:
        out.append(f"# id = {doc.id}")
        if doc.lang:
            out.append(f"# lang = {doc.lang}")
        if doc.date:
            out.append(f"# date = {doc.date.isoformat()}")
        cuts = {x for e in doc.entities for x in (e.start, e.end)}
        for sentence in doc.sentences:
            tokens = tokenize(doc.text, sentence.start, sentence.end, cuts)
            for s, e in tokens:
                tag = "O"
                for ent in doc.entities:
                    if ent.start <= s and e <= ent.end:
                        tag = ("B-" if s == ent.start else "I-") + ent.label
                        break
                out.append(f"{doc.text[s:e]}\t{tag}")
            if tokens:
                out.append("")
        for ent in doc.entities:
            if not any(sentence.start <= ent.start and ent.end <= sentence.end for sentence in doc.sentences):
                raise ConversionError(f"document {doc.id!r}: entity {ent.text!r} crosses a sentence boundary; "
                                      "BIO cannot hold it")
    return "\n".join(out) + "\n"


def write_conll(docs: Iterable[Document], path: str | Path) -> Path:
    return atomic_write_text(path, [to_conll(docs)])


def read_conll(path: str | Path, *, texts: Mapping[str, str] | None = None) -> list[Document]:
    """Documents from a BIO file; see the module docstring for ``texts``."""
    path = Path(path)
    blocks: list[dict] = []
    problems = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# "):
            key, _, value = line[2:].partition(" = ")
            if key == "id":
                blocks.append({"id": value.strip(), "lang": None, "date": None, "tokens": [], "line": lineno})
            elif blocks and key in ("lang", "date"):
                blocks[-1][key] = value.strip()
            continue
        if not line.strip():
            if blocks:
                blocks[-1]["tokens"].append(None)  # sentence break
            continue
        if not blocks:
            blocks.append({"id": path.stem, "lang": None, "date": None, "tokens": [], "line": lineno})
        parts = line.split("\t")
        if len(parts) != 2 or not (parts[1] == "O" or re.match(r"^[BI]-\S+$", parts[1])):
            problems.append(problem(f"expected 'TOKEN<TAB>TAG' with an O/B-/I- tag, got {line!r}", path=str(path),
                                    line=lineno))
            continue
        blocks[-1]["tokens"].append((parts[0], parts[1], lineno))
    if problems:
        raise ConversionError(f"{path}: {len(problems)} problem(s)", problems)
    return [_block_to_doc(b, (texts or {}).get(b["id"]), str(path)) for b in blocks]


def _block_to_doc(block: dict, text: str | None, path: str) -> Document:
    rebuilt = text is None
    pieces: list[str] = []
    cursor = 0
    entities: list[dict] = []
    current: dict | None = None
    for item in block["tokens"]:
        if item is None:
            if rebuilt and pieces and pieces[-1] != "\n":
                pieces.append("\n")
                cursor += 1
            current = None
            continue
        token, tag, lineno = item
        if rebuilt:
            if pieces and pieces[-1] != "\n":
                pieces.append(" ")
                cursor += 1
            start = cursor
            pieces.append(token)
            cursor += len(token)
        else:
            start = text.find(token, cursor)
            if start < 0:
                raise ConversionError(f"{path}:{lineno}: token {token!r} not found in the text of {block['id']!r}",
                                      [problem(f"token {token!r} not found after offset {cursor}", path=path,
                                               line=lineno, doc_id=block["id"])])
            cursor = start + len(token)
        end = start + len(token)
        if tag == "O":
            current = None
        elif tag.startswith("B-") or current is None or current["label"] != tag[2:]:
            current = {"start": start, "end": end, "label": tag[2:]}
            entities.append(current)
        else:
            current["end"] = end
    full = "".join(pieces).rstrip("\n") if rebuilt else text
    ents = [{"id": f"e{i + 1}", **e, "text": full[e["start"]:e["end"]]} for i, e in enumerate(entities)]
    record = gold_record(block["id"], full, ents, [], lang=block["lang"], date=block["date"])
    return build_document(record, path=path, line=block["line"])
