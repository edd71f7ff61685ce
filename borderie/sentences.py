"""Rule-based sentence segmentation with exact character offsets.

Written for scraped news: every line break ends a unit (captions, bylines,
datelines and list items sit on their own lines), and inside a line a
sentence ends at ``.``, ``!``, ``?`` or ``…`` (closing quotes and brackets
included) when the next word starts like a sentence. It does not end after
known abbreviations (``M.``, ``Dr.``, ``Lt-Col.``, ``No.``), initials
(``H. Tran``), or inside numbers (``1.258``, ``119,7``, ``09/05/2025``). A
full stop glued to the next sentence (``laotiennes.Les``) still ends one.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Sequence


@dataclass(frozen=True)
class Sentence:
    """A sentence (or a line of page furniture) as ``text[start:end]``."""

    start: int
    end: int
    text: str


ABBREVIATIONS = frozenset(
    """
    mm mme mmes mlle dr drs mr mrs ms prof st ste sr jr gen gén lt col lt-col lt.-col maj capt cpt sgt adm
    cdt cne ltn no nos n° nº art fig vol ed eds ch p pp vs cf ca approx dept env ltd co corp inc
    av bd rd jan feb mar apr jun jul aug sep sept oct nov dec janv févr fév avr juil déc
    """.split()
)

_END = re.compile(r"[.!?…]+(?:\s?[»”]|[\"'’)\]])*")
_GLUED = re.compile(r"(?<=[^\W\d_]{3})\.(?=[^\W\d_][^\W\d_])")
_OPENERS = "\"'“‘«([–—-•"


def _starts_sentence(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in _OPENERS


def _word_before(line: str, end: int) -> str:
    """The token that ends at ``end`` (a full stop's position), lower-cased."""
    start = end
    while start > 0 and not line[start - 1].isspace() and line[start - 1] not in "(\"'“«":
        start -= 1
    return line[start:end].lower()


def _is_abbreviation(line: str, dot: int) -> bool:
    word = _word_before(line, dot)
    if not word:
        return False
    if word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS:
        return True
    # initials and dotted acronyms: "H.", "U.S."
    letters = word.replace(".", "")
    return len(letters) <= 1 and letters.isalpha() and line[dot - 1].isupper() or (
        "." in word and all(len(part) <= 1 for part in word.split(".")) and len(word) > 2)


def _split_line(line: str, offset: int) -> list[tuple[int, int]]:
    cuts: list[int] = []
    for m in _END.finditer(line):
        end = m.end()
        rest = line[end:]
        stripped = rest.lstrip()
        if not stripped:
            continue
        if len(stripped) == len(rest):  # no space after: only glued sentences (below)
            continue
        if not _starts_sentence(stripped[0]):
            continue
        if m.group() == "." and _is_abbreviation(line, m.start()):
            continue
        cuts.append(end)
    for m in _GLUED.finditer(line):  # "laotiennes.Les", but not "vietnamplus.vn"
        if line[m.end()].isupper() and line[m.end() + 1].islower() and not _is_abbreviation(line, m.start()):
            cuts.append(m.end())
    spans, start = [], 0
    for cut in sorted(set(cuts)) + [len(line)]:
        piece = line[start:cut]
        lead = len(piece) - len(piece.lstrip())
        trimmed = piece.strip()
        if trimmed:
            spans.append((offset + start + lead, offset + start + lead + len(trimmed)))
        start = cut
    return spans


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """The sentences of ``text``; ``text[s.start:s.end] == s.text`` for each."""
    out: list[Sentence] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        for start, end in _split_line(body, offset):
            out.append(Sentence(start, end, text[start:end]))
        offset += len(line)
    return tuple(out)


def sentence_index(sentences: Sequence[Sentence], offset: int) -> int:
    """Index of the sentence holding ``offset``; -1 if ``sentences`` is empty.

    The one rule for offsets that fall between two sentences (the spaces or
    line breaks that separate them): they belong to the sentence before, and
    offsets before the first sentence to the first one.
    """
    if not sentences:
        return -1
    return max(bisect.bisect_right([s.start for s in sentences], offset) - 1, 0)
