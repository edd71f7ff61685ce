"""borderie: read news about Vietnam's border diplomacy into typed records.

    >>> import borderie
    >>> docs = borderie.read_jsonl("seeds/gold.jsonl")
    >>> report = borderie.evaluate(docs, docs)
"""

import logging

from .document import Document, Entity, Relation, Sentence
from .errors import (BorderieError, ConversionError, GazetteerDataError, GoldFormatError, InvalidDocumentError,
                     ModelLoadError, SpecFormatError, UsageError)
from .dataset import from_dataset, to_dataset
from .evaluate import EvaluationReport, evaluate
from .gazetteer import candidates, link
from .gazetteer.place import Place
from .graph import graph, to_gephi, write_graph
from .io import read_jsonl, validate_file, write_jsonl
from .model import Extractor, ModelConfig, load
from .model.enrich import enrich_entities as enrich
from .schema import ENTITY_LABELS, RELATION_LABELS, RELATION_TYPES, SCHEMA_VERSION
from .sentences import split_sentences
from .tables import to_dataframe
from .text import fold, normalize
from .values import DateValue, QuantityValue, parse_date, parse_quantity, value_for

__version__ = "0.1.0"

# The library logs to the "borderie" logger and never configures logging itself: silent unless the
# application (or the command line, with -v/-q) sets a handler. Data problems go through `warnings`.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Document", "Entity", "Relation", "Sentence", "Place",
    "BorderieError", "ConversionError", "GazetteerDataError", "GoldFormatError", "InvalidDocumentError", "ModelLoadError", "SpecFormatError", "UsageError",
    "EvaluationReport", "evaluate", "load", "Extractor", "ModelConfig", "enrich",
    "read_jsonl", "write_jsonl", "validate_file", "split_sentences", "graph", "to_gephi", "write_graph",
    "to_dataframe", "to_dataset", "from_dataset",
    "normalize", "fold", "link", "candidates",
    "DateValue", "QuantityValue", "parse_date", "parse_quantity", "value_for",
    "ENTITY_LABELS", "RELATION_LABELS", "RELATION_TYPES", "SCHEMA_VERSION",
    "__version__",
]
