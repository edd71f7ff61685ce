"""Converters between borderie documents and other annotation formats.

Kept apart from the core: each module reads and writes one format. The
offset unit of each format is converted to borderie's code points both ways
(see the table in the README and :mod:`.offsets`); every lossy step on
import is reported through :mod:`warnings` (:class:`borderie.errors.ConversionWarning`).

========================  =====================================  ===========================================
format                    read                                   write
========================  =====================================  ===========================================
gold JSONL                :func:`borderie.read_jsonl`            :func:`borderie.write_jsonl`
annotation specs          :func:`.spec.compile_specs`            (hand-written)
Label Studio JSON         :func:`.labelstudio.read_labelstudio`  :func:`.labelstudio.write_labelstudio`
doccano JSONL             :func:`.doccano.read_doccano`          :func:`.doccano.write_doccano`
CoNLL (no relations)      :func:`.conll.read_conll`              :func:`.conll.write_conll`
brat standoff             :func:`.brat.read_brat_dir`            :func:`.brat.write_brat`
spaCy ``Doc``/``DocBin``  —                                      :func:`.spacy.to_spacy`,
                                                                 :func:`.spacy.write_docbin` (need spaCy)
========================  =====================================  ===========================================
"""

from .brat import read_brat, read_brat_dir, write_brat
from .conll import read_conll, write_conll
from .doccano import read_doccano, write_doccano
from .labelstudio import read_labelstudio, write_labelstudio

FORMATS = ("gold", "labelstudio", "doccano", "conll", "brat")
"""Formats borderie reads and writes."""
WRITE_ONLY_FORMATS = ("spacy",)
"""Formats borderie writes only (``spacy``: a ``DocBin`` file, needs spaCy)."""

__all__ = ["read_brat", "read_brat_dir", "write_brat", "read_conll", "write_conll", "read_doccano", "write_doccano",
           "read_labelstudio", "write_labelstudio", "FORMATS", "WRITE_ONLY_FORMATS"]
