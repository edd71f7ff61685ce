"""NFC normalisation with offset alignment (borderie.text.normalize)."""

import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from borderie.text import normalize

# Letters that NFD splits into base + marks, plus marks alone, Lao/Khmer/Han, ASCII.
ALPHABET = list("aâăeêioôơuưyAĐđ ,-’") + ["a\u0323\u0302", "o\u0300", "u\u031b\u0303", "e\u0301", "\u0301",
                                            "ຜົ້ງ", "ស្វាយ", "河口", "Ð", "ỳ", "ᄀ\u1161"]
texts = st.lists(st.sampled_from(ALPHABET), max_size=30).map("".join)


def test_nfd_input_maps_back_to_original_offsets():
    original = "district de Na\u0323\u0302m Po\u0302\u0300, Die\u0302n Bie\u0302n"
    n = normalize(original)
    assert n.text == unicodedata.normalize("NFC", original)
    start = n.text.index("Nậm Pồ")
    a, b = n.span_to_original(start, start + len("Nậm Pồ"))
    assert original[a:b] == "Na\u0323\u0302m Po\u0302\u0300"
    assert n.original is original


def test_ascii_and_empty():
    assert normalize("").text == ""
    n = normalize("Lao Cai")
    assert n.to_original(3) == 3 and n.to_normalized(7) == 7


def test_bad_input():
    with pytest.raises(TypeError):
        normalize(b"bytes")
    with pytest.raises(IndexError):
        normalize("abc").to_original(4)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_text_is_nfc_of_whole(original):
    assert normalize(original).text == unicodedata.normalize("NFC", original)


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_mapped_spans_land_on_the_same_characters(original, data):
    n = normalize(original)
    s = data.draw(st.integers(0, len(n.text)))
    e = data.draw(st.integers(s, len(n.text)))
    a, b = n.span_to_original(s, e)
    assert 0 <= a <= b <= len(original)
    covered = unicodedata.normalize("NFC", original[a:b])
    assert n.text[s:e] in covered
    # On chunk boundaries the mapping is exact, both ways.
    bounds = {c[1]: c[0] for c in n.chunks}
    if s in bounds and e in bounds:
        assert covered == n.text[s:e]
        assert n.span_to_normalized(a, b) == (s, e)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_mapping_is_monotonic(original):
    n = normalize(original)
    starts = [n.to_original(i) for i in range(len(n.text) + 1)]
    assert starts == sorted(starts) and starts[0] == 0 and starts[-1] == len(original)
