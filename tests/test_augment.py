"""The augmenter: exact offsets under every rewrite, and each transformation on real seed articles."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderie import Document, Entity, Relation
from borderie.augment import (KEEP, BuiltinPlaces, Edit, Rewrite, apply_edits, augment, check_offsets,
                              date_variants, guess_origin, make_name, press_diacritics, quantity_variants,
                              reformat_dates, reformat_quantities, replace_spans, restyle_document,
                              strip_diacritics, swap_persons, swap_places, vietnamese_word_spans)
from borderie.augment.places import designated_level
from borderie.errors import UsageError
from borderie.validation import check_record, errors_only


def _valid(doc: Document) -> None:
    assert all(doc.text[e.start:e.end] == e.text for e in doc.entities)
    assert errors_only(check_record(doc.to_dict())) == []


def _small_doc() -> Document:
    text = "Điện Biên borders Laos. Trần Quốc Cường met Cường on October 15."
    e = [Entity(0, 9, "LOC", "Điện Biên", id="e1", value=None),
         Entity(18, 22, "LOC", "Laos", id="e2"),
         Entity(24, 39, "PER", "Trần Quốc Cường", id="e3"),
         Entity(44, 49, "PER", "Cường", id="e4"),
         Entity(53, 63, "DATE", "October 15", id="e5", value={"type": "date", "iso": "--10-15"})]
    rels = [Relation(e[0], e[1], "BORDERS"), Relation(e[2], e[3], "COOPERATES_WITH")]
    doc = Document("t1", text, lang="en", date="2025-10-16", entities=tuple(e), relations=tuple(rels))
    _valid(doc)
    return doc


# -- the core ------------------------------------------------------------------------------------

def test_replace_spans_shifts_offsets_and_keeps_relations():
    doc = _small_doc()
    new = replace_spans(doc, {0: "Nậm Pồ District area", doc.entities[2]: "Bounmy Phommachanh"})
    _valid(new)
    assert new.text == "Nậm Pồ District area borders Laos. Bounmy Phommachanh met Cường on October 15."
    assert [e.text for e in new.entities] == ["Nậm Pồ District area", "Laos", "Bounmy Phommachanh", "Cường",
                                              "October 15"]
    assert [(r.head.text, r.tail.text, r.label) for r in new.relations] == [
        ("Nậm Pồ District area", "Laos", "BORDERS"), ("Bounmy Phommachanh", "Cường", "COOPERATES_WITH")]
    # the relation objects point at the very entities of the new document
    assert all(any(r.head is e for e in new.entities) for r in new.relations)
    assert new.entities[4].value == doc.entities[4].value  # plain strings keep value
    assert doc.text.startswith("Điện Biên")  # the input is untouched


def test_rewrite_sets_or_clears_value_and_place():
    doc = _small_doc()
    new = replace_spans(doc, {4: Rewrite("15 October", value={"type": "date", "iso": "2025-10-15"}),
                              1: Rewrite("Lào", place=None, value=KEEP)})
    assert new.entities[4].value["iso"] == "2025-10-15"
    assert new.entities[1].text == "Lào" and new.entities[1].place is None


@pytest.mark.parametrize("replacements, message", [
    ({0: ""}, "non-empty"),
    ({9: "x"}, "no index 9"),
    ({Entity(0, 3, "LOC", "Điệ"): "x"}, "has no entity"),
    ({"e1": "x"}, "index or an Entity"),
])
def test_replace_spans_errors(replacements, message):
    with pytest.raises(UsageError, match=message):
        replace_spans(_small_doc(), replacements)


def test_apply_edits_inside_between_and_across():
    doc = _small_doc()
    # inside an entity, between entities, and insertions at an entity's edges
    new = apply_edits(doc, [Edit(0, 2, "D"), Edit(9, 9, " Province"), Edit(10, 17, "shares a border with"),
                            Edit(18, 18, "the "), Edit(53, 53, "")])
    _valid(new)
    assert new.text.startswith("Dện Biên Province shares a border with the Laos.")
    assert [e.text for e in new.entities][:2] == ["Dện Biên", "Laos"]
    with pytest.raises(UsageError, match="cuts across"):
        apply_edits(doc, [Edit(5, 12, "x")])
    with pytest.raises(UsageError, match="overlap"):
        apply_edits(doc, [Edit(0, 5, "x"), Edit(3, 8, "y")])
    with pytest.raises(UsageError, match="empty"):
        apply_edits(doc, [Edit(18, 22, "")])
    with pytest.raises(UsageError, match="out of range"):
        apply_edits(doc, [Edit(60, 99, "")])


# random documents: words, some marked as entities, some linked, and random new surfaces
_word = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẠẢÃẦẤẬẨẪ -’", min_size=1, max_size=8)


@st.composite
def _doc_and_replacements(draw):
    words = draw(st.lists(_word, min_size=1, max_size=12))
    text, spans = "", []
    for w in words:
        marked = draw(st.booleans()) and w.strip() == w and w.strip()
        start = len(text)
        text += w
        if marked:
            spans.append((start, len(text)))
        text += draw(st.sampled_from([" ", ", ", "\n", ""])) if marked else " "
    # drop spans that touch (words glued together with "")
    clean = []
    for s, e in spans:
        if not clean or s > clean[-1][1]:
            clean.append((s, e))
    labels = ["LOC", "PER", "ORG", "DATE"]
    ents = [Entity(s, e, draw(st.sampled_from(labels)), text[s:e], id=f"e{i}") for i, (s, e) in enumerate(clean)]
    rels = []
    for i in range(len(ents) - 1):
        if ents[i].label in ("LOC", "ORG") and ents[i + 1].label in ("LOC", "ORG") and draw(st.booleans()):
            rels.append(Relation(ents[i], ents[i + 1], "COOPERATES_WITH"))
    doc = Document("h", text, lang="fr", entities=tuple(ents), relations=tuple(rels))
    idx = draw(st.sets(st.integers(0, max(0, len(ents) - 1)), max_size=len(ents))) if ents else set()
    repl = {i: draw(st.text(alphabet="xyzĐđệ Ư-", min_size=1, max_size=15).filter(lambda s: s.strip() == s
                                                                                    and s != ""))
            for i in idx}
    return doc, repl


@settings(max_examples=150, deadline=None)
@given(_doc_and_replacements())
def test_property_random_replacements_keep_offsets_exact(case):
    doc, repl = case
    new = replace_spans(doc, repl)
    _valid(new)
    assert len(new.entities) == len(doc.entities)
    for i, (old, moved) in enumerate(zip(doc.entities, new.entities)):
        assert moved.text == repl.get(i, old.text)
        assert moved.label == old.label and moved.id == old.id
    # the text between entities is untouched
    def gaps(d):
        cuts = [0] + [p for e in d.entities for p in (e.start, e.end)] + [len(d.text)]
        return [d.text[a:b] for a, b in zip(cuts[::2], cuts[1::2])]
    assert gaps(new) == gaps(doc)
    old_ids = [(r.head.id, r.tail.id) for r in doc.relations]
    assert [(r.head.id, r.tail.id) for r in new.relations] == old_ids
    assert [(r.head.text, r.tail.text) for r in new.relations] == [
        (new.entity(h).text, new.entity(t).text) for h, t in old_ids]


@settings(max_examples=100, deadline=None)
@given(_doc_and_replacements(), st.data())
def test_property_random_text_edits_keep_offsets_exact(case, data):
    doc, _ = case
    # edits anywhere that do not cut across an entity edge
    edges = {p for e in doc.entities for p in (e.start, e.end)}
    points = sorted(data.draw(st.sets(st.integers(0, len(doc.text)), max_size=6)))
    edits = []
    for a, b in zip(points[::2], points[1::2]):
        inside = [e for e in doc.entities if e.start <= a and b <= e.end]
        if any(a < p < b for p in edges) and not inside:
            continue
        if inside and (b - a) == (inside[0].end - inside[0].start):
            continue  # would empty it when the replacement is ""
        edits.append(Edit(a, b, data.draw(st.text(alphabet="qwĐ ", min_size=1, max_size=4))))
    new = apply_edits(doc, edits)
    _valid(new)
    assert [e.id for e in new.entities] == [e.id for e in doc.entities]


# -- diacritics ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, full, press", [
    ("Điện Biên", "Dien Bien", "Diên Biên"),
    ("Nậm Pồ", "Nam Po", "Nâm Pô"),
    ("Nghệ An", "Nghe An", "Nghê An"),
    ("Thừa Thiên-Huế", "Thua Thien-Hue", "Thua Thiên-Huê"),
    ("Đắk Lắk", "Dak Lak", "Dak Lak"),
    ("Sơn La", "Son La", "Son La"),
])
def test_strip_and_press(text, full, press):
    assert strip_diacritics(text) == full
    assert press_diacritics(text) == press


def test_french_words_keep_their_accents():
    text = "Le Comité populaire de Nghệ An partage une frontière avec la Thaïlande, près de Nâm Pô."
    pos = text.index("Nâm Pô")
    words = [text[s:e] for s, e in vietnamese_word_spans(text, [(pos, pos + 6)])]
    assert words == ["Nghệ", "Nâm", "Pô"]
    text = "le biên bản ghi nhớ signé à Điện Biên, près de la frontière việt-lao"
    assert [text[s:e] for s, e in vietnamese_word_spans(text)] == ["biên", "bản", "nhớ", "Điện", "Biên", "việt"]


def test_restyle_gold_documents(gold_docs):
    for doc in gold_docs:
        for style in ("none", "press"):
            new = restyle_document(doc, style)
            _valid(new)
            assert [e.label for e in new.entities] == [e.label for e in doc.entities]
    en = next(d for d in gold_docs if d.id == "seed-002")
    plain = restyle_document(en, "none")
    assert "Dien Bien" in [e.text for e in plain.entities] and "Điện" not in plain.text
    fr = next(d for d in gold_docs if d.id == "seed-001")
    press = restyle_document(fr, "none")
    assert "frontière" in press.text  # French words untouched
    assert "Nghe An" in [e.text for e in press.entities]


# -- names ---------------------------------------------------------------------------------------

def test_names_and_origins():
    rng = random.Random(5)
    for origin in ("vi", "lo", "zh", "km"):
        name = make_name(origin, rng)
        assert name.origin == origin and 2 <= len(name.words) <= 4
    assert make_name("vi", random.Random(1)) == make_name("vi", random.Random(1))
    assert guess_origin("Trần Quốc Cường") == "vi"
    assert guess_origin("Tran Quang Tung") == "vi"
    assert guess_origin("Bounkhong Lachiemphon") == "lo"
    assert guess_origin("Wang Wenhua") == "zh"


def test_swap_persons_is_consistent_and_keeps_style(gold_docs):
    doc = next(d for d in gold_docs if d.id == "seed-003")
    new = swap_persons(doc, random.Random(2))
    _valid(new)
    pairs = [(a.text, b.text) for a, b in zip(doc.entities, new.entities) if a.label == "PER"]
    mapping: dict[str, str] = {}
    for old, repl in pairs:
        assert mapping.setdefault(old, repl) == repl  # one person, one new name
        assert old != repl
    full = mapping["Trần Quốc Cường"]
    assert mapping["Cường"] == full.split()[-1]  # the short form follows the full name
    assert guess_origin(full) == "vi" and guess_origin(mapping["Bounkhong Lachiemphon"]) == "lo"
    ascii_doc = next(d for d in gold_docs if d.id == "seed-004")
    swapped = swap_persons(ascii_doc, random.Random(2))
    assert all(e.text.isascii() for e in swapped.entities if e.label == "PER")  # "Tran Quang Tung" style


# -- places --------------------------------------------------------------------------------------

def test_designated_level():
    text = "le district de Nâm Pô et Điện Biên Province"
    assert designated_level(text, 15, 21) == "district"
    assert designated_level(text, 25, 34) == "province"
    assert designated_level("Laos", 0, 4) is None


def test_swap_places_with_builtin_list(gold_docs):
    doc = next(d for d in gold_docs if d.id == "seed-004")
    new = swap_places(doc, random.Random(4), source=BuiltinPlaces())
    _valid(new)
    mapping = {}
    for a, b in zip(doc.entities, new.entities):
        if a.label == "LOC":
            assert mapping.setdefault(a.text, b.text) == b.text
    assert mapping["Lao Cai"] != "Lao Cai" and mapping["China"] != "China"
    assert len(set(mapping.values())) == len(mapping)  # two places never get the same new name
    new_orgs = [e.text for e in new.entities if e.label == "ORG"]
    assert f"{mapping['Lao Cai']} Border Guard Command" in new_orgs  # the place inside the ORG moved too
    assert mapping["Lao Cai"].isascii()  # written like "Lao Cai": without diacritics


def test_swap_places_with_gazetteer_links_the_new_place(gold_docs):
    from borderie.augment import default_source

    source = default_source()
    doc = next(d for d in gold_docs if d.id == "seed-002")
    new = swap_places(doc, random.Random(1), source=source)
    _valid(new)
    locs = [(a, b) for a, b in zip(doc.entities, new.entities) if a.label == "LOC"]
    assert all(a.text != b.text for a, b in locs)
    if type(source).__name__ == "GazetteerPlaces":
        assert all(b.place is not None for _, b in locs)
        assert {b.place.level for a, b in locs if a.text == "Laos"} == {"country"}


# -- formats -------------------------------------------------------------------------------------

def test_date_and_quantity_variants():
    assert set(date_variants("15 October 2024", lang="en")) >= {"October 15, 2024", "15/10/2024"}
    assert "15 October" in date_variants("October 15", lang="en", ref="2025-10-16")
    assert "2025-2027" in date_variants("2025–2027", lang="en")
    assert "119.7 km" in quantity_variants("119,7 km", lang="fr")
    assert "1 258 km" in quantity_variants("1.258 km", lang="fr")
    assert "468.281 km" not in quantity_variants("468, 281 km", lang="fr")  # would read 468281 in French
    assert date_variants("Wednesday", lang="en") == []


def test_reformat_keeps_values(gold_docs):
    from borderie.values import value_for

    for doc in gold_docs:
        for fn, label in ((reformat_dates, "DATE"), (reformat_quantities, "QUANTITY")):
            new = fn(doc, random.Random(0))
            _valid(new)
            for a, b in zip(doc.entities, new.entities):
                if a.label == label:
                    va = value_for(label, a.text, lang=doc.lang, ref=doc.date)
                    vb = value_for(label, b.text, lang=doc.lang, ref=doc.date)
                    assert va == vb, (a.text, b.text)


# -- the pipeline --------------------------------------------------------------------------------

def test_augment_is_seeded_valid_and_varied(gold_docs):
    for doc in gold_docs:
        out = augment(doc, random.Random(11), n=3)
        again = augment(doc, 11, n=3)
        assert [d.to_dict() for d in out] == [d.to_dict() for d in again]
        assert 1 <= len(out) <= 3
        assert len({d.text for d in out} | {doc.text}) == len(out) + 1
        for k, d in enumerate(out, 1):
            check_offsets(d)
            assert d.id == f"{doc.id}~aug{k}" and d.meta["augmented"]["from"] == doc.id
            assert len(d.entities) == len(doc.entities) and len(d.relations) == len(doc.relations)


def test_augment_arguments():
    doc = _small_doc()
    with pytest.raises(UsageError, match="unknown transforms"):
        augment(doc, 1, transforms=["shuffle"])
    with pytest.raises(UsageError, match="rng"):
        augment(doc, "seed")  # type: ignore[arg-type]
    assert augment(doc, 1, n=0) == []
    only = augment(doc, 3, n=2, transforms=["strip_diacritics", "press_diacritics"])
    assert {tuple(d.meta["augmented"]["transforms"]) for d in only} <= {("strip_diacritics",), ("press_diacritics",)}


# -- the command line ----------------------------------------------------------------------------

def test_cli_augment_writes_originals_then_seeded_copies(gold_path, tmp_path, capsys):
    from borderie.cli.main import main
    from borderie.io import read_jsonl

    out, again = tmp_path / "aug.jsonl", tmp_path / "again.jsonl"
    assert main(["augment", str(gold_path), "-o", str(out), "-n", "2", "--seed", "5"]) == 0
    assert "5 document(s) read" in capsys.readouterr().out
    assert main(["augment", str(gold_path), "-o", str(again), "-n", "2", "--seed", "5"]) == 0
    assert out.read_bytes() == again.read_bytes()
    docs = read_jsonl(out)  # validated on the way in
    originals = read_jsonl(gold_path)
    assert [d.id for d in docs[:5]] == [d.id for d in originals]
    assert 5 < len(docs) <= 15 and all("~aug" in d.id for d in docs[5:])

    only = tmp_path / "only.jsonl"
    assert main(["augment", str(gold_path), "-o", str(only), "--no-originals", "--transforms", "strip_diacritics"]) == 0
    assert all(d.meta["augmented"]["transforms"] == ["strip_diacritics"] for d in read_jsonl(only))


def test_cli_augment_rejects_bad_input_without_writing(tmp_path, capsys):
    from borderie.cli.main import main

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "Laos", "entities": [{"id": "e1", "start": 0, "end": 3, '
                   '"label": "LOC", "text": "Laos"}], "relations": []}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["augment", str(bad), "-o", str(out)]) == 1
    assert "E123" in capsys.readouterr().err and not out.exists()
