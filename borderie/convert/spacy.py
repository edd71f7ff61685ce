"""Export to spaCy ``Doc`` objects (optional: needs ``spacy`` installed).

Entities become ``doc.ents`` (character spans must fall on spaCy token
boundaries; a span that does not is an error, never silently moved).
Relations are stored in ``doc.user_data["borderie_relations"]`` as
``(head_start, head_end, label, tail_start, tail_end)`` character offsets.
"""

from __future__ import annotations

from typing import Any

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
