"""CoNLL-style files <-> borderie documents (entities only).

Reading accepts the common dialects: columns separated by tabs or spaces,
the tag in the last column (CoNLL-2003 ``TOKEN POS CHUNK TAG``, Label
Studio's CONLL2003 export ``TOKEN -X- _ TAG``, two columns ``TOKEN TAG``),
``-DOCSTART-`` lines between documents, ``# key = value`` comments
(``# id =``, ``# lang =``, ``# date =``), and the tag schemes IOB1, IOB2
(``B-``/``I-``) and BIOES/BILOU (``S-``/``E-``, ``U-``/``L-``), told apart
line by line. A blank line ends a sentence.

Writing gives the CoNLL-2003 layout that ``spacy convert -c ner`` and most
tools read: a ``-DOCSTART- -X- O O`` line and a blank line before each
document, one ``TOKEN -X- _ TAG`` line per token with IOB2 tags, a blank
line after each sentence. Such a file has no room for document ids;
``comments=True`` adds ``# id``/``# lang``/``# date`` lines instead of the
``-DOCSTART-`` lines (borderie reads them back; spaCy does not). Tokens are
cut at white space, punctuation and entity boundaries, so every entity is a
whole number of tokens.

CoNLL holds no relations and no white space. Reading therefore takes the
original texts to give exact offsets: ``texts={doc id: text}``, or a list
in document order for files without ids. Without them the text is rebuilt
by joining tokens with single spaces (sentences with line breaks) and
offsets point into that rebuilt text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from ..document import Document
from ..errors import ConversionError
from ..io import atomic_write_text
from ._common import build_document, gold_record, problem, warn

_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_TAG = re.compile(r"^(?:O|[BIESLU]-\S+)$")
_COMMENT = re.compile(r"^#\s*([A-Za-z_][\w.-]*)\s*=\s?(.*)$")
DOCSTART = "-DOCSTART-"
DOCSTART_LINE = "-DOCSTART- -X- O O"


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


def to_conll(docs: Iterable[Document], *, comments: bool = False) -> str:
    """The CoNLL text of ``docs`` (see the module docstring for the layout)."""
    out: list[str] = []
    for doc in docs:
        if comments:
            out.append(f"# id = {doc.id}")
            if doc.lang:
                out.append(f"# lang = {doc.lang}")
            if doc.date:
                out.append(f"# date = {doc.date.isoformat()}")
        else:
            out += [DOCSTART_LINE, ""]
        for ent in doc.entities:
            if not any(sentence.start <= ent.start and ent.end <= sentence.end for sentence in doc.sentences):
                raise ConversionError(f"document {doc.id!r}: entity {ent.text!r} crosses a sentence boundary; "
                                      "CoNLL cannot hold it")
        cuts = {x for e in doc.entities for x in (e.start, e.end)}
        for sentence in doc.sentences:
            tokens = tokenize(doc.text, sentence.start, sentence.end, cuts)
            for s, e in tokens:
                tag = "O"
                for ent in doc.entities:
                    if ent.start <= s and e <= ent.end:
                        tag = ("B-" if s == ent.start else "I-") + ent.label
                        break
                out.append(f"{doc.text[s:e]}\t{tag}" if comments else f"{doc.text[s:e]} -X- _ {tag}")
            if tokens:
                out.append("")
    return "\n".join(out) + "\n"


def write_conll(docs: Iterable[Document], path: str | Path, *, comments: bool = False) -> Path:
    return atomic_write_text(path, [to_conll(docs, comments=comments)])


def parse_conll(content: str, *, name: str = "input", path: str | None = None) -> list[dict]:
    """The document blocks of a CoNLL text: ids, ``lang``/``date`` and ``(token, tag, line)`` items.

    ``None`` items mark sentence breaks. Documents without an id are named
    ``NAME`` (one document) or ``NAME-1``, ``NAME-2``... Raises
    :class:`ConversionError` listing every line that is not ``TOKEN ... TAG``.
    """
    blocks: list[dict] = []
    problems = []

    def new_block(lineno: int) -> dict:
        blocks.append({"id": None, "lang": None, "date": None, "tokens": [], "line": lineno})
        return blocks[-1]

    for lineno, line in enumerate(content.splitlines(), 1):
        parts = line.split()
        if not parts:
            if blocks and blocks[-1]["tokens"] and blocks[-1]["tokens"][-1] is not None:
                blocks[-1]["tokens"].append(None)  # sentence break
            continue
        if parts[0] == DOCSTART:
            new_block(lineno)
            continue
        if (m := _COMMENT.match(line)) and not (len(parts) >= 2 and _TAG.match(parts[-1])):
            key, value = m.group(1), m.group(2).strip()
            if key == "id":
                block = blocks[-1] if blocks and blocks[-1]["id"] is None and not blocks[-1]["tokens"] else \
                    new_block(lineno)
                block["id"] = value
            elif blocks and key in ("lang", "date"):
                blocks[-1][key] = value or None
            continue
        if len(parts) < 2 or not _TAG.match(parts[-1]):
            problems.append(problem(f"expected 'TOKEN ... TAG' with the tag (O, B-, I-, E-, S-, L-, U-) in the "
                                    f"last column, got {line!r}", path=path, line=lineno))
            continue
        if not blocks:
            new_block(lineno)
        blocks[-1]["tokens"].append((parts[0], parts[-1], lineno))
    if problems:
        raise ConversionError(f"{path or name}: {len(problems)} problem(s)", problems)
    blocks = [b for b in blocks if b["tokens"] or b["id"] is not None]
    unnamed = [b for b in blocks if b["id"] is None]
    for k, b in enumerate(unnamed, 1):
        b["id"] = name if len(blocks) == 1 else f"{name}-{k}"
    return blocks


def read_conll(path: str | Path, *, texts: Mapping[str, str] | Sequence[str] | None = None) -> list[Document]:
    """Documents from a CoNLL file; see the module docstring for the dialects and ``texts``."""
    path = Path(path)
    return documents_from_conll(path.read_text(encoding="utf-8"), name=path.stem, path=str(path), texts=texts)


def documents_from_conll(content: str, *, name: str = "input", path: str | None = None,
                         texts: Mapping[str, str] | Sequence[str] | None = None) -> list[Document]:
    """Documents from CoNLL text (what :func:`read_conll` does after reading the file)."""
    blocks = parse_conll(content, name=name, path=path)
    if texts is not None and not isinstance(texts, Mapping):
        if len(texts) != len(blocks):
            raise ConversionError(f"{path or name}: {len(blocks)} document(s) but {len(texts)} text(s) given")
        texts = {b["id"]: t for b, t in zip(blocks, texts)}
    missing = [b["id"] for b in blocks if texts is not None and b["id"] not in texts]
    if missing:
        warn(f"no original text given for {len(missing)} document(s) ({', '.join(missing[:3])}"
             f"{', ...' if len(missing) > 3 else ''}): their text is rebuilt from the tokens", path=path or name)
    return [_block_to_doc(b, (texts or {}).get(b["id"]), path or name) for b in blocks]


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
        prefix, label = tag[0], tag[2:]
        if prefix == "O":
            current = None
            continue
        if prefix in "BSU" or current is None or current["label"] != label:
            current = {"start": start, "end": end, "label": label}
            entities.append(current)
        else:
            current["end"] = end
        if prefix in "SUEL":  # the entity ends on this token (BIOES / BILOU)
            current = None
    full = "".join(pieces).rstrip("\n") if rebuilt else text
    ents = [{"id": f"e{i + 1}", **e, "text": full[e["start"]:e["end"]]} for i, e in enumerate(entities)]
    record = gold_record(block["id"], full, ents, [], lang=block["lang"], date=block["date"])
    return build_document(record, path=path, line=block["line"])
