"""Exceptions raised by borderie.

Every error borderie raises on purpose derives from :class:`BorderieError` and
carries a short numbered code (``E1xx`` data, ``E2xx`` model, ``E3xx`` usage, ``E4xx``
packaged resources),
so messages can be searched for and tests can check them. The command line
prints these without a traceback and exits non-zero.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from .validation import Problem


class BorderieError(Exception):
    """Base class of all errors raised by borderie."""

    code: str = "E000"

    def __init__(self, message: str):
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class InvalidDocumentError(BorderieError, ValueError):
    """A document (one gold/prediction record) breaks the format or the schema."""

    code = "E100"

    def __init__(self, message: str, problems: Sequence["Problem"] = ()):
        self.problems = list(problems)
        if self.problems:
            message = message + "\n" + "\n".join(f"  {p}" for p in self.problems)
        super().__init__(message)


class GoldFormatError(InvalidDocumentError):
    """A JSONL file holds records that do not validate; ``problems`` lists them all."""

    code = "E101"


class SpecFormatError(InvalidDocumentError):
    """A corpus annotation spec (``.ann``/``.art`` file) cannot be compiled."""

    code = "E102"


class ConversionError(InvalidDocumentError):
    """A file in another annotation format (Label Studio, doccano, CoNLL, brat) cannot be converted."""

    code = "E103"


class ModelLoadError(BorderieError, OSError):
    """A model directory is missing files or was made for another schema or base."""

    code = "E200"


class GazetteerDataError(BorderieError, OSError):
    """The packaged gazetteer data is missing or unreadable (a broken installation)."""

    code = "E400"


class UsageError(BorderieError, ValueError):
    """The caller asked for something that cannot be done (bad argument, existing output)."""

    code = "E300"
