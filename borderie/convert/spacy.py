"""Export to spaCy ``Doc`` objects (optional: needs ``spacy`` installed).

Entities become ``doc.ents`` (character spans must fall on spaCy token
boundaries; a span that does not is an error, never silently moved).
Relations are stored in ``doc.user_data["borderie_relations"]`` as
``(head_start, head_end, label, tail_start, tail_end)`` character offsets.

:func:`write_docbin` writes a ``.spacy`` file (a ``DocBin``, what
``spacy train`` reads) for many documents, atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from ..document import Document
from ..errors import ConversionError, UsageError


def to_spacy(doc: Document, nlp: Any = None) -> Any:
    """A spaCy ``Doc`` for ``doc``, tokenised by ``nlp`` (default: a blank pipeline of the document's language)."""
    try:
        import spacy
    except ImportError:  # pragma: no cover - depends on the environment
        raise UsageError("to_spacy needs spaCy: pip install spacy") from None
    if nlp is None:
        try:
            nlp = spacy.blank(doc.lang or "xx")
        except ImportError:
            nlp = spacy.blank("xx")
    sdoc = nlp.make_doc(doc.text)
    spans = []
    for e in doc.entities:
        span = sdoc.char_span(e.start, e.end, label=e.label, alignment_mode="strict")
        if span is None:
            raise ConversionError(f"document {doc.id!r}: entity {e.text!r} [{e.start}, {e.end}) does not fall on "
                                  "spaCy token boundaries")
        spans.append(span)
    sdoc.ents = spans
    sdoc.user_data["borderie_id"] = doc.id
    sdoc.user_data["borderie_relations"] = [(r.head.start, r.head.end, r.label, r.tail.start, r.tail.end)
                                            for r in doc.relations]
    return sdoc


def write_docbin(docs: Iterable[Document], path: str | Path, nlp: Any = None) -> Path:
    """Write ``docs`` as a spaCy ``DocBin`` file (``.spacy``), user data included."""
    try:
        from spacy.tokens import DocBin
    except ImportError:  # pragma: no cover - depends on the environment
        raise UsageError("writing a .spacy file needs spaCy: pip install spacy") from None
    from ..io import atomic_path

    store = DocBin(store_user_data=True)
    for doc in docs:
        store.add(to_spacy(doc, nlp))
    with atomic_path(path) as tmp:
        store.to_disk(tmp)
    return Path(path)
