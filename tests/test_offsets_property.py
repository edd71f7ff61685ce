"""Property: on any Unicode text, every entity indexes the user's text exactly and never cuts a word.

Texts mix real article words with what real pages carry: combining marks
(NFD Vietnamese), zero-width spaces and joiners, soft hyphens, CRLF line
ends, a byte-order mark, right-to-left script, astral characters (emoji,
mathematical letters), Lao, Khmer and Han. The same check runs against the
shipped model in ``benchmarks/bench_offsets.py``.
"""

import unicodedata

from hypothesis import HealthCheck, example, given, settings, strategies as st

from borderie.text.invisible import VisibleView

WORDS = ["Lào", "Cai", "Điện", "Biên", "Nậm", "Pồ", "province", "district", "de", "la", "frontière", "border",
         "gate", "Phongsaly", "Yunnan", "signed", "agreement", "5", "mai", "2024", "km", "119,7", "Ministry",
         "Bộ", "Quốc", "phòng", "M.", "Dr.", "(", ")", ",", ".", "-", "–", "«", "»"]
ODD = ["\u0301", "\u0323", "\u0302", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\r\n", "\n", "\ufeff",
       "\u00a0", "\u202e", "\u200f", "مرحبا", "שלום", "😀", "👨\u200d👩\u200d👧", "𝔸𝔹", "ລາວ", "កម្ពុជា", "河口",
       "\t", "  "]


def fragments():
    word = st.sampled_from(WORDS)
    odd = st.sampled_from(ODD)
    glue = st.sampled_from(["", " ", " ", " ", "\n"])
    return st.lists(st.tuples(st.one_of(word, word, word, odd), glue), min_size=1, max_size=60).map(
        lambda parts: "".join(a + b for a, b in parts))


def cuts_word(text: str, start: int, end: int) -> bool:
    """Whether ``[start, end)`` splits a word (letters or digits on both sides of an edge, invisible characters
    ignored) or parts a letter from its combining marks."""
    view = VisibleView(text)
    seen = view.text
    s, e = view.seen(start), view.seen(end)
    if s > 0 and s < len(seen) and seen[s - 1].isalnum() and seen[s].isalnum():
        return True
    if 0 < e < len(seen) and seen[e - 1].isalnum() and seen[e].isalnum():
        return True
    return end < len(text) and unicodedata.combining(text[end]) != 0


def check_document(doc, text: str) -> None:
    assert doc.text == text
    for e in doc.entities:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start:e.end] == e.text, (e, text)
        assert not cuts_word(text, e.start, e.end), (e, text)
    for r in doc.relations:
        assert r.head in doc.entities and r.tail in doc.entities


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(text=fragments())
@example(text="LàoLàoLàoLàoLàoLàodistrict\u0301")  # a combining mark that the tokenizer gives a piece of its own
def test_offsets_are_exact_and_no_span_cuts_a_word(tiny_for_property, text):
    check_document(tiny_for_property(text), text)


def test_the_word_check_sees_cuts():
    assert cuts_word("Điện Biên", 0, 3) and cuts_word("Điện Biên", 1, 4)
    assert not cuts_word("Điện Biên", 0, 4) and not cuts_word("Điện\u200bBiên", 0, 9)
    assert cuts_word("Điện\u200bBiên", 0, 4)  # the zero-width space is inside one word
    assert cuts_word("Die\u0323n", 0, 3)  # the dot below belongs to the e
