"""Offset units of annotation tools, converted to and from borderie's code points.

borderie counts offsets in Unicode code points (Python ``str`` indices).
Tools written in JavaScript count UTF-16 code units, in which a character
outside the Basic Multilingual Plane (most emoji, 𝔘, rare CJK) takes two;
doccano can also count grapheme clusters (a letter with its combining marks
is one). Outside those characters every unit gives the same numbers, so a
file that is wrong about its unit only shifts after the first such character.

:func:`unit_boundaries` maps every offset of a unit to a code-point offset;
an offset that falls inside a character (between the two halves of a
surrogate pair, inside a grapheme cluster) has no code-point equivalent and
is reported by the callers as an error, never rounded.
"""

from __future__ import annotations

UNITS = ("codepoint", "utf16", "grapheme")


def _check_unit(unit: str) -> None:
    if unit not in UNITS:
        from ..errors import UsageError

        raise UsageError(f"offset unit must be one of {', '.join(UNITS)}, got {unit!r}")


def unit_boundaries(text: str, unit: str) -> list[int | None]:
    """``table[u]``: the code-point offset of offset ``u`` in ``unit`` (``None`` inside a character).

    The table has one entry per offset from 0 to the text's length in that
    unit, both included.
    """
    _check_unit(unit)
    if unit == "codepoint":
        return list(range(len(text) + 1))
    table: list[int | None] = []
    if unit == "utf16":
        for i, ch in enumerate(text):
            table.append(i)
            if ord(ch) > 0xFFFF:
                table.append(None)
    else:
        import regex

        table = [m.start() for m in regex.finditer(r"\X", text)]
    table.append(len(text))
    return table


def code_point_offsets(text: str, unit: str) -> dict[int, int]:
    """The inverse of :func:`unit_boundaries`: code-point offset -> offset in ``unit``.

    Code-point offsets inside a grapheme cluster are missing: they cannot be
    written in that unit.
    """
    return {cp: u for u, cp in enumerate(unit_boundaries(text, unit)) if cp is not None}


def needs_care(text: str) -> bool:
    """Whether code points and UTF-16 units can differ in ``text`` (it holds a character beyond U+FFFF)."""
    return any(ord(ch) > 0xFFFF for ch in text)


__all__ = ["UNITS", "unit_boundaries", "code_point_offsets", "needs_care"]
