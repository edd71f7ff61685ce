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


# -- warnings ---------------------------------------------------------------------------------
# Recoverable problems with the user's data go through :mod:`warnings` (and the ``borderie``
# logger), never silently: borderie went on, but something was ignored, guessed or re-read.
WARNING_CODES: dict[str, str] = {
    "W170": "part of a file in another annotation format was ignored (a line, a result, a span)",
    "W171": "offsets were read in another unit than declared (UTF-16 code units, grapheme clusters)",
    "W172": "a task holds several annotations; one was taken",
    "W173": "offsets cannot be checked against the mention text; they were taken as given",
    "W320": "a batch row has no usable text or an unusable value; it was treated as missing",
    "W321": "an article could not be read or processed; it was skipped (the others go on)",
}


class BorderieWarning(UserWarning):
    """A recoverable data problem, with a code from :data:`WARNING_CODES`."""

    def __init__(self, message: str, code: str):
        if code not in WARNING_CODES:  # pragma: no cover - a programming error
            raise RuntimeError(f"undeclared warning code {code}")
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message


class ConversionWarning(BorderieWarning):
    """Reading another tool's annotation file lost or guessed something (W170-W173)."""


class InputWarning(BorderieWarning):
    """A batch input row was unusable in part and read as missing (W320), or an article was skipped (W321)."""
