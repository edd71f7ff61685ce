"""Every error and warning code borderie uses, and the exceptions it raises.

This module is the one registry of codes (as spaCy's ``errors.py``): each
code is declared once below with a one-line summary, and every other module
imports the constant instead of spelling the code. ``borderie explain CODE``
prints the summary; ``tests/test_errors.py`` checks that every code used in the
package and named in the README is declared here.

Code ranges: ``E1xx`` data (records, files, annotation specs and conventions),
``E2xx`` models, ``E3xx`` usage (arguments, paths, outputs), ``E4xx``
packaged resources. Codes starting with ``W`` are warnings: reported, but
they do not make a file invalid.

Exceptions carry the code of their kind (:class:`UsageError` is ``E300``) or
a more precise one given when raised (``UsageError(msg, code=OUTPUT_NOT_OURS)``).
Record-level problems (:class:`Problem`) carry their own code and are
collected in the ``problems`` list of :class:`InvalidDocumentError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

CODES: dict[str, str] = {}
"""Code -> one-line summary of what it means."""


def _code(code: str, summary: str) -> str:
    if code in CODES:  # pragma: no cover - a programming error caught at import
        raise RuntimeError(f"error code {code} declared twice")
    CODES[code] = summary
    return code


def explain(code: str) -> str:
    """The summary of ``code`` (``KeyError`` if borderie has no such code)."""
    return CODES[code.upper()]


# -- E1xx: data -------------------------------------------------------------------------------
INVALID_DOCUMENT = _code("E100", "a document breaks the gold format or the schema (its problems are listed)")
GOLD_FORMAT = _code("E101", "a JSONL file holds records that do not validate (every problem is listed)")
SPEC_FORMAT = _code("E102", "a corpus annotation spec (.ann/.art) cannot be compiled (every problem is listed)")
CONVERSION = _code("E103", "a file in another annotation format (Label Studio, doccano, CoNLL, brat) cannot "
                           "be converted")
MALFORMED_JSON = _code("E110", "a line is not valid JSON")
BAD_RECORD = _code("E111", "a record is not an object with a string id and text, or a field has the wrong type")
DUPLICATE_DOC_ID = _code("E112", "two documents share one id")
BAD_DATE = _code("E113", "a date is not an ISO date (YYYY-MM-DD) or null")
BAD_LANG = _code("E114", "a language code is not one borderie reads (fr, en, vi)")
BAD_ENTITY = _code("E120", "an entity is not an object with integer start/end and a string text")
DUPLICATE_ENTITY_ID = _code("E121", "two entities of one document share an id")
OFFSET_OUT_OF_RANGE = _code("E122", "an entity's [start, end) does not fit in the text")
TEXT_MISMATCH = _code("E123", "an entity's text is not text[start:end]")
UNKNOWN_ENTITY_LABEL = _code("E124", "an entity label is not in the schema")
OVERLAPPING_SPANS = _code("E125", "two entity spans overlap")
BAD_RELATION = _code("E130", "a relation is not an object with head and tail entity ids")
MISSING_ARGUMENT = _code("E131", "a relation points at an entity id the document does not have")
UNKNOWN_RELATION_LABEL = _code("E132", "a relation label is not in the schema")
TYPE_RULE_BROKEN = _code("E133", "a relation links entity labels its type rule does not allow")
DUPLICATE_RELATION = _code("W134", "the same relation is given twice")
CROSS_SENTENCE_RELATION = _code("W135", "a relation links mentions in different sentences")
TYPE_RULE_SCORED = _code("W136", "evaluation: a predicted relation breaks the type rules; it is scored as a false "
                                 "positive")
TEXT_DIFFERS = _code("W137", "evaluation: a prediction's text differs from the gold text of its document")
SPEC_PROBLEM = _code("E140", "a line of an annotation spec is wrong (unknown label, surface not found, ...)")
CONVERSION_PROBLEM = _code("E141", "a record or line of a foreign annotation file cannot be read")
FOREIGN_PART_IGNORED = _code("W170", "part of a file in another annotation format was ignored (a line, a result, "
                                    "a span)")
OTHER_OFFSET_UNIT = _code("W171", "offsets were read in another unit than declared (UTF-16 code units, grapheme "
                                 "clusters)")
SEVERAL_ANNOTATIONS = _code("W172", "a task holds several annotations; one was taken")
OFFSETS_UNCHECKED = _code("W173", "offsets cannot be checked against the mention text; they were taken as given")
# Annotation conventions (borderie.conventions): the guidelines' span rules and rulings 1.1.
DESCRIPTION_AS_NAME = _code("E150", "a lower-case description or an article is marked as an ORG or FAC name")
AGREEMENT_COMPLEMENT = _code("E151", "an AGREEMENT keeps its 'on ...'/'sur ...' complement")
AGREEMENT_GENERIC = _code("E152", "a generic plural ('legal documents') is marked AGREEMENT")
AGREEMENT_PLURAL = _code("W153", "a plural AGREEMENT: check it names specific agreements")
DESIGNATOR_IN_LOC = _code("E154", "a designator ('province', 'huyện') is inside a LOC")
NATIONALITY_OUTSIDE_ORG = _code("E155", "a nationality adjective is left outside the ORG it belongs to")
DATE_PREPOSITION = _code("E156", "a DATE keeps its preposition")
RELATION_ACROSS_SENTENCES = _code("E157", "a relation links mentions in different sentences")
RELATION_GIVEN_TWICE = _code("E158", "a relation is given twice")
VAGUE_DATE = _code("E159", "a vague period ('in recent years') is marked DATE")
COMPASS_LOC = _code("E160", "a compass direction ('au Nord') is marked LOC")

# -- E2xx: models ---------------------------------------------------------------------------
MODEL_LOAD = _code("E200", "a model directory is missing files or was made for another schema or base")

# -- E3xx: usage ----------------------------------------------------------------------------
USAGE = _code("E300", "an argument cannot be used (wrong value or type, missing file)")
NO_SUCH_INPUT = _code("E301", "an input file or folder does not exist")
OUTPUT_IS_INPUT = _code("E302", "the output file is also one of the inputs")
OUTPUT_NOT_OURS = _code("E303", "the output file exists and is not an extraction output (use --force to replace it)")
OUTPUT_UNWRITABLE = _code("E304", "the output file cannot be written (a folder, no permission, no such place)")
OUTPUT_LOCKED = _code("E305", "another run is writing the same output file")
BAD_DEVICE = _code("E306", "the device asked for is not available")
OUTPUT_OTHER_MODEL = _code("E307", "the output holds articles extracted with another model (use --force to start "
                                   "afresh, or another output)")
DAMAGED_OUTPUT_LINE = _code("W310", "a damaged line in the middle of an output was moved aside on resume")
ID_TEXT_CONFLICT = _code("W311", "an article's id is already in the output with a different text")
BOM_REMOVED = _code("W312", "a UTF-8 byte-order mark was removed: offsets count from after it")
UNKNOWN_OUTPUT_MODEL = _code("W313", "records already in the output name no model (an older borderie wrote them)")
ROW_MISSING = _code("W320", "a batch row has no usable text or an unusable value; it was treated as missing")
ARTICLE_SKIPPED = _code("W321", "an article could not be read or processed; it was skipped (the others go on)")

# -- E4xx: packaged resources ----------------------------------------------------------------
GAZETTEER_DATA = _code("E400", "the packaged gazetteer data is missing or unreadable (a broken installation)")
BOUNDARY_DATA = _code("E401", "the packaged boundary data (maps) is missing or unreadable (a broken installation)")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one record, located as precisely as possible (file, line, document id)."""

    code: str
    message: str
    doc_id: str | None = None
    line: int | None = None
    path: str | None = None

    @property
    def is_error(self) -> bool:
        return self.code.startswith("E")

    def located(self, *, path: str | None = None, line: int | None = None) -> "Problem":
        """A copy of this problem with its file and line filled in."""
        return Problem(self.code, self.message, self.doc_id, line if line is not None else self.line,
                       path if path is not None else self.path)

    def __str__(self) -> str:
        where = ":".join(str(x) for x in (self.path, self.line) if x is not None)
        doc = f"[{self.doc_id}] " if self.doc_id is not None else ""
        level = "error" if self.is_error else "warning"
        return f"{where + ': ' if where else ''}{level} {self.code}: {doc}{self.message}"


class BorderieError(Exception):
    """Base class of all errors raised by borderie; ``code`` is a key of :data:`CODES`."""

    code: str = "E000"

    def __init__(self, message: str, *, code: str | None = None):
        if code is not None:
            if code not in CODES:  # pragma: no cover - a programming error
                raise RuntimeError(f"undeclared error code {code}")
            self.code = code
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class InvalidDocumentError(BorderieError, ValueError):
    """A document (one gold/prediction record) breaks the format or the schema."""

    code = INVALID_DOCUMENT

    def __init__(self, message: str, problems: Sequence[Problem] = ()):
        self.problems = list(problems)
        if self.problems:
            message = message + "\n" + "\n".join(f"  {p}" for p in self.problems)
        super().__init__(message)


class GoldFormatError(InvalidDocumentError):
    """A JSONL file holds records that do not validate; ``problems`` lists them all."""

    code = GOLD_FORMAT


class SpecFormatError(InvalidDocumentError):
    """A corpus annotation spec (``.ann``/``.art`` file) cannot be compiled."""

    code = SPEC_FORMAT


class ConversionError(InvalidDocumentError):
    """A file in another annotation format (Label Studio, doccano, CoNLL, brat) cannot be converted."""

    code = CONVERSION


class ModelLoadError(BorderieError, OSError):
    """A model directory is missing files or was made for another schema or base."""

    code = MODEL_LOAD


class GazetteerDataError(BorderieError, OSError):
    """The packaged gazetteer data is missing or unreadable (a broken installation)."""

    code = GAZETTEER_DATA


class UsageError(BorderieError, ValueError):
    """The caller asked for something that cannot be done (bad argument, existing output)."""

    code = USAGE


# -- warnings ---------------------------------------------------------------------------------
# Recoverable problems with the user's data go through :mod:`warnings` (and the ``borderie``
# logger), never silently: borderie went on, but something was ignored, guessed or re-read.
class BorderieWarning(UserWarning):
    """A recoverable data problem, with a ``W`` code of :data:`CODES`."""

    def __init__(self, message: str, code: str):
        if code not in CODES or not code.startswith("W"):  # pragma: no cover - a programming error
            raise RuntimeError(f"undeclared warning code {code}")
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message


class ConversionWarning(BorderieWarning):
    """Reading another tool's annotation file lost or guessed something (W170-W173)."""


class InputWarning(BorderieWarning):
    """A batch input row was unusable in part and read as missing (W320), or an article was skipped (W321)."""
