"""Converters between borderie documents and other annotation formats.

Kept apart from the core: each module reads and writes one format.

========================  =====================================  ===========================================
format                    read                                   write
========================  =====================================  ===========================================
gold JSONL                :func:`borderie.read_jsonl`            :func:`borderie.write_jsonl`
annotation specs          :func:`.spec.compile_specs`            (hand-written)
Label Studio JSON         :func:`.labelstudio.read_labelstudio`  :func:`.labelstudio.write_labelstudio`
doccano JSONL             :func:`.doccano.read_doccano`          :func:`.doccano.write_doccano`
CoNLL / BIO (no rels)     :func:`.conll.read_conll`              :func:`.conll.write_conll`
brat standoff             :func:`.brat.read_brat_dir`            :func:`.brat.write_brat`
spaCy ``Doc``             —                                      :func:`.spacy.to_spacy` (needs spaCy)
========================  =====================================  ===========================================
"""

from .brat import read_brat, read_brat_dir, write_brat
from .conll import read_conll, write_conll
from .doccano import read_doccano, write_doccano
from .labelstudio import read_labelstudio, write_labelstudio

FORMATS = ("gold", "labelstudio", "doccano", "conll", "brat")

__all__ = ["read_brat", "read_brat_dir", "write_brat", "read_conll", "write_conll", "read_doccano", "write_doccano",
           "read_labelstudio", "write_labelstudio", "FORMATS"]
