"""Training examples: gold Documents turned into piece ids, BIO tags and relation targets.

The same helpers as inference (:mod:`borderie.model.features`) locate
mentions and candidate pairs, so the relation head is trained on exactly the
pairs it will be asked about. What cannot be represented is counted in a
:class:`PreparationReport` rather than silently lost: entity boundaries that
fall inside a piece (the span is widened to whole pieces for tagging and
trimmed back at decoding) and relations that cross sentences (no candidate).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..document import Document
from ..encoder.tokenizer import SubwordTokenizer
from ..model.config import ModelConfig
from ..model.features import MentionTable, piece_range
from ..model.network import WindowPlan
from ..schema import RELATION_TYPES
from ..sentences import sentence_index, split_sentences
from ..model.tags import tag_ids_for


@dataclass(frozen=True)
class TrainingExample:
    """One gold document ready for the network."""

    doc_id: str
    ids: tuple[int, ...]
    plan: WindowPlan
    tag_ids: tuple[int, ...]
    mentions: MentionTable
    pairs: tuple[tuple[int, int], ...]
    targets: tuple[int, ...]


@dataclass(frozen=True)
class PreparationReport:
    """Counts of what was kept and what could not be represented."""

    documents: int = 0
    pieces: int = 0
    entities: int = 0
    entities_inside_pieces: int = 0
    entities_without_pieces: int = 0
    relations: int = 0
    relations_not_candidates: int = 0
    candidate_pairs: int = 0

    def __str__(self) -> str:
        return (f"{self.documents} documents, {self.pieces} pieces, {self.entities} entities "
                f"({self.entities_inside_pieces} with a boundary inside a piece, "
                f"{self.entities_without_pieces} unreachable), {self.relations} relations "
                f"({self.relations_not_candidates} across sentences, not learnable), "
                f"{self.candidate_pairs} candidate pairs")


def prepare_example(doc: Document, tokenizer: SubwordTokenizer, config: ModelConfig) -> tuple[TrainingExample, dict]:
    """The example for ``doc`` and its counts (keys of :class:`PreparationReport`)."""
    tokens = tokenizer.tokenize(doc.text)
    starts, ends = set(tokens.starts), set(tokens.ends)
    sentences = split_sentences(doc.text)
    counts = dict(documents=1, pieces=len(tokens), entities=len(doc.entities), entities_inside_pieces=0,
                  entities_without_pieces=0, relations=len(doc.relations), relations_not_candidates=0)
    kept: list = []
    spans, labels, mention_starts, sents = [], [], [], []
    for e in doc.entities:
        rng = piece_range(tokens, e.start, e.end)
        if rng is None:
            counts["entities_without_pieces"] += 1
            continue
        if e.start not in starts or e.end not in ends:
            counts["entities_inside_pieces"] += 1
        kept.append(e)
        spans.append(rng)
        labels.append(e.label)
        mention_starts.append(e.start)
        sents.append(sentence_index(sentences, e.start))
    tag_ids = tag_ids_for(tokens, [(e.start, e.end, e.label) for e in kept], config.entity_labels)
    mentions = MentionTable(tuple(spans), tuple(labels), tuple(mention_starts), tuple(sents))
    pairs = mentions.candidates()
    index = {id(e): i for i, e in enumerate(kept)}
    position = {p: k for k, p in enumerate(pairs)}
    targets = [0] * len(pairs)
    for r in doc.relations:
        i, j = index.get(id(r.head)), index.get(id(r.tail))
        if i is None or j is None:
            i, j = _find(kept, r.head), _find(kept, r.tail)
        if i is None or j is None:
            counts["relations_not_candidates"] += 1
            continue
        if RELATION_TYPES[r.label].symmetric and (mention_starts[j], j) < (mention_starts[i], i):
            i, j = j, i  # symmetric relations are learnt in reading order
        k = position.get((i, j))
        if k is None:
            counts["relations_not_candidates"] += 1
            continue
        targets[k] = config.relation_classes.index(r.label)
    counts["candidate_pairs"] = len(pairs)
    plan = WindowPlan.build(len(tokens), config.max_length, config.stride)
    example = TrainingExample(doc.id, tokens.ids, plan, tuple(tag_ids), mentions, tuple(pairs), tuple(targets))
    return example, counts


def _find(entities: Sequence, target) -> int | None:
    for i, e in enumerate(entities):
        if (e.start, e.end, e.label) == (target.start, target.end, target.label):
            return i
    return None


def prepare_examples(docs: Sequence[Document], tokenizer: SubwordTokenizer, config: ModelConfig
                     ) -> tuple[list[TrainingExample], PreparationReport]:
    """Examples for all ``docs`` and the summed report."""
    examples, total = [], dict.fromkeys(PreparationReport.__dataclass_fields__, 0)
    for doc in docs:
        example, counts = prepare_example(doc, tokenizer, config)
        examples.append(example)
        for key, value in counts.items():
            total[key] += value
    return examples, PreparationReport(**total)
