"""Annotation conventions a machine can check: the span rules and rulings (1.1) of the annotation guidelines.

The schema checks of :mod:`borderie.validation` say whether a record is
well formed. These say whether it follows the guidelines where older or
hurried annotation tends to drift: a lower-case description marked ORG, an
AGREEMENT that keeps its ``on …`` complement or is a generic plural, a
designator inside a LOC, a nationality adjective left outside the ORG it
belongs to, a DATE with its preposition or that is only a vague period, a
compass direction marked LOC, relations across sentences or given twice.
Each rule is one function over a :class:`~borderie.document.Document`
returning :class:`~borderie.validation.Problem` s; their codes are in
:mod:`borderie.errors` (``E150``-``E160`` errors, ``W153`` cases for a person to
look at). ``borderie corpus check`` and ``borderie validate --conventions``
run them all.

The rules are deliberately narrow: each flags a pattern the guidelines
name, so annotations that follow the guidelines (the seed articles, the
corpus) pass with no error.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable, Iterable

from .document import Document, Entity
from .text.fold import fold_words
from .errors import (AGREEMENT_COMPLEMENT, AGREEMENT_GENERIC, AGREEMENT_PLURAL, COMPASS_LOC, CROSS_SENTENCE_RELATION,
                     DATE_PREPOSITION, DESCRIPTION_AS_NAME, DESIGNATOR_IN_LOC, DUPLICATE_RELATION,
                     NATIONALITY_OUTSIDE_ORG, RELATION_ACROSS_SENTENCES, RELATION_GIVEN_TWICE, SPEC_PROBLEM, VAGUE_DATE,
                     Problem)
from .validation import check_record

_WORD = re.compile(r"[^\W_]+")

DETERMINERS = frozenset("the a an le la les l un une des du".split())
"""Articles a name span never starts with (``the Tay Trang gate`` -> ``Tay Trang gate``)."""

_COMPLEMENT = re.compile(
    r"\s(?:on|sur|về|hội đàm|regarding|concerning|relatif|relative|relatifs|relatives|portant|"
    r"of the (?:meeting|talks|conference|session|negotiations)|"
    r"de la (?:réunion|conférence|séance|rencontre|session)|des (?:négociations|pourparlers))\b",
    re.IGNORECASE)
"""What starts the complement of an agreement's head noun (ruling 5): it stays outside the AGREEMENT."""

GENERIC_AGREEMENT_HEADS = frozenset(fold_words(x) for x in (
    "documents", "legal documents", "documents juridiques", "documents juridique", "bilateral documents",
    "documents juridiques sur la frontière",
    "accords bilatéraux", "bilateral agreements", "agreements and regulations", "regulations", "règlements",
    "văn bản", "các văn bản", "văn bản pháp lý", "các văn bản pháp lý", "văn kiện", "các văn kiện",
))
"""Generic plurals that are never AGREEMENT (ruling 5), folded."""



def is_generic_agreement(text: str) -> bool:
    """Whether ``text`` is a generic plural the guidelines never mark AGREEMENT (``documents juridiques``)."""
    return fold_words(text) in GENERIC_AGREEMENT_HEADS


VAGUE_PERIODS = frozenset(fold_words(x) for x in (
    "recent years", "in recent years", "recent months", "recent times", "past time", "the past time",
    "the past period", "past period", "the coming time", "coming months", "coming years", "the coming years",
    "ces dernières années", "ces derniers mois", "ces derniers temps", "les prochaines années", "prochainement",
    "thời gian qua", "thời gian tới", "những năm gần đây", "những năm qua", "thời gian gần đây",
))
"""Vague periods the guidelines never mark DATE (ruling 6: ``in recent years``, ``the past period``), folded;
counted rolling periods (``the past five years``, ``trois dernières années``) are DATE."""


def is_vague_period(text: str) -> bool:
    """Whether ``text`` is a vague period, never a DATE (``ces dernières années``, ``recent years``)."""
    return fold_words(text) in VAGUE_PERIODS


COMPASS_WORDS = frozenset(fold_words(x) for x in (
    "Nord", "Sud", "Est", "Ouest", "Nord-Est", "Nord-Ouest", "Sud-Est", "Sud-Ouest", "North", "South", "East", "West",
    "Northeast", "Northwest", "Southeast", "Southwest", "North-East", "North-West", "South-East", "South-West",
))
"""Compass descriptions, never a place on their own (ruling 1: ``au Nord``, ``le Nord-Est``), folded."""


def is_compass(text: str) -> bool:
    """Whether ``text`` is a bare compass direction (``Nord``, ``North-West``), which is never a LOC."""
    return fold_words(text) in COMPASS_WORDS


def ruled_out(label: str, text: str) -> bool:
    """Whether the guidelines never mark ``text`` as ``label``, whatever a tagger says: a generic plural as AGREEMENT
    (ruling 5), a vague period as DATE (ruling 6), a compass direction as LOC (ruling 1)."""
    if label == "AGREEMENT":
        return is_generic_agreement(text)
    if label == "DATE":
        return is_vague_period(text)
    if label == "LOC":
        return is_compass(text)
    return False


_PLURAL_HEADS = frozenset(fold_words(x) for x in (
    "agreements", "accords", "memoranda", "memorandums", "mous", "protocols", "protocoles", "treaties", "traités",
    "conventions", "mémorandums", "memorandums of understanding", "protocoles d'accord",
))

LOC_DESIGNATORS = frozenset(
    "province provinces district districts commune communes ward wards village villages town township county "
    "prefecture municipality city river rivière fleuve ville kingdom royaume autonomous autonome".split())
"""Designator words that stay outside a LOC span (span rules; rulings 1 and 2), matched case-insensitively."""

VI_LOC_DESIGNATORS = ("tỉnh", "huyện", "xã", "thị xã", "thị trấn", "phường", "thành phố", "bản", "làng", "sông",
                      "vương quốc", "CHDCND", "nước")
"""Vietnamese designators, matched in lower case as written (``Bản Giốc`` is a name, ``bản Pa Hy`` is not)."""

NAMES_WITH_DESIGNATORS = frozenset(fold_words(x) for x in (
    "Ho Chi Minh City", "Hô Chi Minh-Ville", "Ho Chi Minh-Ville", "Thành phố Hồ Chí Minh", "TP Hồ Chí Minh",
    "Red River", "fleuve Rouge", "sông Hồng", "Black River", "rivière Noire", "sông Đà", "Mekong River", "Mékong",
    "Central Highlands", "Mekong Delta", "Red River Delta", "delta du fleuve Rouge", "delta du Mékong",
    "Hauts plateaux du Centre", "Guangxi Zhuang Autonomous Region",
    "région autonome Zhuang du Guangxi",
))
"""LOC names whose designator is part of the name (ruling 2 and the examples of ruling 1)."""

NATIONALITY_ADJECTIVES = frozenset(
    "Vietnamese Chinese Lao Laotian Cambodian Khmer Thai".split())
"""Adjectives that belong inside the ORG they stand right before (ruling 4)."""

DATE_PREPOSITIONS = frozenset(
    "on in from since during by at until till du depuis dès en le au à jusqu vào từ trong đến".split())
# ``l'an dernier`` keeps its article: it is the relative date itself, as ``this year`` is.
"""Words a DATE span never starts with (ruling 6: ``du [15 au 16 décembre]``, ``From [2022 to 2024]``)."""


def _first_word(text: str) -> str:
    m = _WORD.match(text)
    return m.group(0) if m else ""


def _capitalised_runs(text: str) -> list[str]:
    """Maximal runs of capitalised words (``Lào Cai`` in ``comité populaire de la province de Lào Cai``)."""
    runs, current = [], []
    for m in _WORD.finditer(text):
        word = m.group(0)
        if word[0].isupper() or word[0].isdigit() and current:
            current.append(word)
        elif current:
            runs.append(" ".join(current))
            current = []
    if current:
        runs.append(" ".join(current))
    return runs


INSTITUTION_WORDS = frozenset(fold_words(
    "Affaires Parti Défense Defense Commerce Industrie Sécurité Securite Intérieur Interieur Santé Sante Agriculture "
    "Information Finances Justice Transports Travaux Éducation Education Culture Tourisme Armée Armee Assemblée "
    "Assemblee Front Comité Comite Commandement Garde Bureau Office Département Departement Direction Service "
    "Police Union Association Jeunesse Femmes Croix Ressources Environnement Plan Investissement Construction "
    "Gouvernement Administration Douanes Douane Commission Conseil Académie Academie Institut Banque").split())
"""Capitalised words that make a lower-case-headed ORG a name (``ministère des Affaires étrangères``), folded."""


def _names_an_institution(run: str) -> bool:
    return any(w in INSTITUTION_WORDS for w in fold_words(run).split())


def _entity_name(e: Entity) -> str:
    return f"entity {e.id!r} {e.label} {e.text!r}"


def description_marked_as_name(doc: Document) -> Iterable[Problem]:
    """ORG or FAC starting with an article, and ORG that is a lower-case description of a place (ruling 3).

    An ORG whose first word is lower case is a description unless a capitalised institutional word follows
    (``ministère des Affaires étrangères`` and ``comité provincial du Parti`` are names; ``le poste de
    garde-frontière de Mộc Bài`` and ``the border guards of Tay Ninh``, where only the place is capitalised,
    are not).
    """
    for e in doc.entities:
        if e.label not in ("ORG", "FAC"):
            continue
        first = _first_word(e.text)
        if first in DETERMINERS:
            yield Problem(DESCRIPTION_AS_NAME, f"{_entity_name(e)} starts with the article {first!r}; a name "
                          "span leaves it outside", doc.id)
            continue
        if e.label == "ORG" and first[:1].islower():
            runs = _capitalised_runs(e.text)
            if not any(_names_an_institution(r) for r in runs):
                what = f"only the place {', '.join(runs)!r} is" if runs else "nothing is"
                yield Problem(DESCRIPTION_AS_NAME, f"{_entity_name(e)} is a lower-case description ({what} "
                              "capitalised): mark only the place as LOC (ruling 3)", doc.id)


def agreement_with_complement(doc: Document) -> Iterable[Problem]:
    """AGREEMENT keeping an ``on …``/``sur …``/``về …``/``of the meeting`` complement (ruling 5)."""
    for e in doc.entities:
        if e.label == "AGREEMENT" and (m := _COMPLEMENT.search(e.text)):
            yield Problem(AGREEMENT_COMPLEMENT, f"{_entity_name(e)} keeps the complement "
                          f"{e.text[m.start():].strip()!r}; the span ends before it (ruling 5)", doc.id)


def generic_agreement(doc: Document) -> Iterable[Problem]:
    """Generic plurals marked AGREEMENT (error), and other plurals for a person to look at (ruling 5)."""
    for e in doc.entities:
        if e.label != "AGREEMENT":
            continue
        key = fold_words(e.text)
        if is_generic_agreement(e.text):
            yield Problem(AGREEMENT_GENERIC, f"{_entity_name(e)} is a generic plural, not an AGREEMENT "
                          "(ruling 5)", doc.id)
        elif key.split(" ")[-1] in _PLURAL_HEADS or key in _PLURAL_HEADS:
            yield Problem(AGREEMENT_PLURAL, f"{_entity_name(e)} is plural: AGREEMENT only if it points at "
                          "specific texts signed at the article's event (ruling 5)", doc.id)


def designator_in_loc(doc: Document) -> Iterable[Problem]:
    """A LOC holding an administrative or type designator (span rules; rulings 1 and 2)."""
    for e in doc.entities:
        if e.label != "LOC" or fold_words(e.text) in NAMES_WITH_DESIGNATORS:
            continue
        words = [m.group(0) for m in _WORD.finditer(e.text)]
        if len(words) < 2:
            continue
        found = next((w for w in words if w.lower() in LOC_DESIGNATORS), None)
        if found is None:
            padded = f" {e.text} "
            found = next((d for d in VI_LOC_DESIGNATORS if f" {d} " in padded), None)
        if found is not None:
            yield Problem(DESIGNATOR_IN_LOC, f"{_entity_name(e)} holds the designator {found!r}; a LOC span is "
                          "the name only (span rules, rulings 1-2)", doc.id)


def nationality_outside_org(doc: Document) -> Iterable[Problem]:
    """A nationality adjective right before an ORG but left outside it (ruling 4)."""
    taken = [(e.start, e.end) for e in doc.entities]
    for e in doc.entities:
        if e.label != "ORG":
            continue
        m = re.search(r"([^\W\d_]+) $", doc.text[max(0, e.start - 20):e.start])
        if m and m.group(1) in NATIONALITY_ADJECTIVES:
            start = e.start - len(m.group(0))
            if not any(s <= start < end for s, end in taken):
                yield Problem(NATIONALITY_OUTSIDE_ORG, f"{_entity_name(e)} follows the adjective {m.group(1)!r}, "
                              "which belongs inside the ORG (ruling 4)", doc.id)


def date_with_preposition(doc: Document) -> Iterable[Problem]:
    """A DATE starting with a preposition or article (``on March 3``, ``du 15 au 16``, ``le 13 mars``; ruling 6)."""
    for e in doc.entities:
        if e.label == "DATE":
            first = _first_word(e.text)
            if first.lower() in DATE_PREPOSITIONS:
                yield Problem(DATE_PREPOSITION, f"{_entity_name(e)} starts with {first!r}; the DATE span "
                              "leaves the preposition outside (ruling 6)", doc.id)


def vague_period_as_date(doc: Document) -> Iterable[Problem]:
    """A vague period marked DATE (``in recent years``, ``thời gian qua``; ruling 6)."""
    for e in doc.entities:
        if e.label == "DATE" and is_vague_period(e.text):
            yield Problem(VAGUE_DATE, f"{_entity_name(e)} is a vague period, not a DATE (ruling 6)", doc.id)


def compass_as_place(doc: Document) -> Iterable[Problem]:
    """A bare compass direction marked LOC (``au [Nord]``; ruling 1)."""
    for e in doc.entities:
        if e.label == "LOC" and is_compass(e.text):
            yield Problem(COMPASS_LOC, f"{_entity_name(e)} is a compass direction, not a place (ruling 1)", doc.id)


def relation_checks(doc: Document) -> Iterable[Problem]:
    """Relations across sentences or given twice, and type rules, as conventions (errors, not warnings)."""
    promote = {CROSS_SENTENCE_RELATION: RELATION_ACROSS_SENTENCES, DUPLICATE_RELATION: RELATION_GIVEN_TWICE}
    for p in check_record(doc.to_dict(), check_sentences=True):
        yield Problem(promote.get(p.code, p.code), p.message, p.doc_id or doc.id)


RULES: tuple[Callable[[Document], Iterable[Problem]], ...] = (
    description_marked_as_name, agreement_with_complement, generic_agreement, designator_in_loc,
    nationality_outside_org, date_with_preposition, vague_period_as_date, compass_as_place,
    relation_checks,
)
"""Every convention rule, in the order their problems are reported."""


def check_conventions(doc: Document) -> list[Problem]:
    """Every convention problem of one document (errors and warnings; :func:`borderie.validation.errors_only`)."""
    return [p for rule in RULES for p in rule(doc)]


_MENTIONED = re.compile(r"entity '([^']+)'|relation (\S+ -\S+-> \S+)|\((\S+ -\S+-> \S+)\)")


def _spec_lines(ann_path: Path) -> dict[str, int]:
    """Spec line of every entity id (``T3``) and relation (``T1 -BORDERS-> T2``) of an ``.ann`` file."""
    lines: dict[str, int] = {}
    for n, raw in enumerate(ann_path.read_text(encoding="utf-8").splitlines(), 1):
        parts = raw.split(" #", 1)[0].split()
        if len(parts) == 4 and parts[0] == "R":
            lines.setdefault(f"{parts[2]} -{parts[1]}-> {parts[3]}", n)
        elif len(parts) >= 3 and not parts[0].endswith(":"):
            lines.setdefault(parts[0], n)
    return lines


def _locate(problem: Problem, path: Path, lines: dict[str, int] | None, line: int | None) -> Problem:
    if lines is not None and (m := _MENTIONED.search(problem.message)):
        line = lines.get(next(g for g in m.groups() if g), line)
    return problem.located(path=str(path), line=line)


def check_files(paths: Iterable[str | Path]) -> tuple[list[Document], list[Problem]]:
    """Every document of ``.ann`` specs (files or folders of them) and gold ``.jsonl`` files, with every
    schema and convention problem located by file and line.

    Schema errors that stop a file from being read at all (a surface not found, malformed JSON) are
    reported as they are and that file's documents are left out.
    """
    from .convert.spec import read_spec
    from .errors import InvalidDocumentError
    from .io import validate_file

    docs: list[Document] = []
    problems: list[Problem] = []
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(sorted(p.glob("*.ann")) if p.is_dir() else [p])
    for f in files:
        if f.suffix == ".ann":
            try:
                doc, warnings = read_spec(f, check_sentences=False)
            except InvalidDocumentError as err:
                problems.extend(err.problems or [Problem(SPEC_PROBLEM, err.message, path=str(f))])
                continue
            lines = _spec_lines(f)
            problems.extend(w for w in warnings if w.code not in (DUPLICATE_RELATION, CROSS_SENTENCE_RELATION))
            problems.extend(_locate(p, f, lines, None) for p in check_conventions(doc))
            docs.append(doc)
            continue
        found = validate_file(f)
        problems.extend(found)
        if any(p.is_error for p in found):
            continue
        for n, raw in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if raw.strip():
                doc = Document.from_dict(json.loads(raw))
                problems.extend(_locate(p, f, None, n) for p in check_conventions(doc))
                docs.append(doc)
    return docs, problems
