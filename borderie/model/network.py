"""The neural network: one shared encoder, an entity tagger and a relation classifier.

* The encoder (a ``transformers.BertModel``) reads windows of pieces;
  :meth:`ExtractionNetwork.piece_states` stitches the windows of each text
  back into one hidden state per piece (see :mod:`borderie.model.windows`).
* The tagger is a linear layer giving BIO tag scores per piece.
* The relation classifier scores an ordered mention pair from the states of
  both mentions' first and last pieces, the mean state of the pieces between
  them, both entity labels and their distance; it outputs one score per
  class of :attr:`ModelConfig.relation_classes` ("none" + the relation labels).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import torch
from torch import nn
from transformers import BertConfig, BertModel

from .config import ModelConfig
from .tags import bio_tags
from .windows import assign_pieces, plan_windows


@dataclass(frozen=True)
class WindowPlan:
    """How one text's pieces are cut into encoder windows and read back."""

    windows: tuple[tuple[int, int], ...]
    assignment: tuple[tuple[int, int], ...]

    @classmethod
    def build(cls, n_pieces: int, max_length: int, stride: int) -> "WindowPlan":
        windows = plan_windows(n_pieces, max_length - 2, stride)
        return cls(tuple(windows), tuple(assign_pieces(windows, n_pieces)))


class ExtractionNetwork(nn.Module):
    """Encoder + tagger + relation classifier (weights only; no text handling)."""

    def __init__(self, config: ModelConfig, encoder: BertModel | None = None):
        super().__init__()
        self.config = config
        self.encoder = encoder if encoder is not None else BertModel(BertConfig(**config.encoder),
                                                                     add_pooling_layer=False)
        hidden = self.encoder.config.hidden_size
        self.tags = bio_tags(config.entity_labels)
        self.dropout = nn.Dropout(config.dropout)
        self.tagger = nn.Linear(hidden, len(self.tags))
        self.type_embedding = nn.Embedding(len(config.entity_labels), config.type_dim)
        self.distance_embedding = nn.Embedding(config.distance_buckets, config.type_dim)
        self.relation_mlp = nn.Sequential(
            nn.Linear(5 * hidden + 3 * config.type_dim, config.relation_hidden),
            nn.GELU(),
            nn.Dropout(config.dropout),
            nn.Linear(config.relation_hidden, len(config.relation_classes)),
        )
        self.encoder_dtype: torch.dtype | None = None
        """Autocast dtype of the encoder at inference (``torch.bfloat16``), or ``None`` for float32."""

    # -- encoder --------------------------------------------------------------
    def piece_states(self, texts: Sequence[Sequence[int]], plans: Sequence[WindowPlan],
                     bos_id: int, eos_id: int, pad_id: int, max_windows: int | None = None) -> list[torch.Tensor]:
        """One ``[n_pieces, hidden]`` tensor per text, from ``texts`` (piece ids) cut as ``plans`` say.

        All windows of all texts are sorted by length and run through the
        encoder ``max_windows`` at a time (all at once if ``None``). Outside
        training, the encoder runs under autocast to :attr:`encoder_dtype`
        when it is set; the states come back as float32 either way.
        """
        rows: list[tuple[int, int, list[int]]] = []  # (text, window, ids with specials)
        for t, (ids, plan) in enumerate(zip(texts, plans)):
            for w, (a, b) in enumerate(plan.windows):
                rows.append((t, w, [bos_id, *ids[a:b], eos_id]))
        order = sorted(range(len(rows)), key=lambda r: len(rows[r][2]))
        step = max_windows or len(rows) or 1
        outputs: dict[tuple[int, int], torch.Tensor] = {}
        device = next(self.parameters()).device
        for k in range(0, len(order), step):
            chunk = [rows[r] for r in order[k: k + step]]
            width = max(len(r[2]) for r in chunk)
            ids = torch.full((len(chunk), width), pad_id, dtype=torch.long)
            mask = torch.zeros((len(chunk), width), dtype=torch.long)
            for i, (_, _, row) in enumerate(chunk):
                ids[i, : len(row)] = torch.tensor(row, dtype=torch.long)
                mask[i, : len(row)] = 1
            with torch.autocast(device.type if device.type in ("cpu", "cuda") else "cpu",
                                dtype=self.encoder_dtype or torch.float32,
                                enabled=self.encoder_dtype is not None and not self.training):
                hidden = self.encoder(input_ids=ids.to(device), attention_mask=mask.to(device)).last_hidden_state
            hidden = hidden.float()
            for i, (t, w, _) in enumerate(chunk):
                outputs[(t, w)] = hidden[i]
        states = []
        for t, plan in enumerate(plans):
            if not plan.assignment:
                states.append(torch.zeros((0, self.encoder.config.hidden_size), device=device))
                continue
            by_window: dict[int, list[int]] = {}
            for w, pos in plan.assignment:
                by_window.setdefault(w, []).append(pos + 1)  # +1: skip <s>
            parts = [outputs[(t, w)][torch.tensor(p, device=device)] for w, p in sorted(by_window.items())]
            states.append(torch.cat(parts, 0))
        return states

    # -- heads ------------------------------------------------------------------
    def tag_logits(self, states: torch.Tensor) -> torch.Tensor:
        """BIO tag scores ``[n_pieces, n_tags]``."""
        return self.tagger(self.dropout(states))

    def relation_logits(self, states: torch.Tensor, spans: torch.Tensor, labels: torch.Tensor,
                        pairs: torch.Tensor, buckets: torch.Tensor) -> torch.Tensor:
        """Scores ``[n_pairs, n_classes]`` of ordered mention pairs.

        ``spans``: ``[n_mentions, 2]`` first and last piece (inclusive);
        ``labels``: ``[n_mentions]`` entity label indices; ``pairs``:
        ``[n_pairs, 2]`` (head, tail) mention indices; ``buckets``: distance
        bucket per pair.
        """
        if pairs.numel() == 0:
            return states.new_zeros((0, len(self.config.relation_classes)))
        states = self.dropout(states)
        head, tail = pairs[:, 0], pairs[:, 1]
        hs, he, ts, te = spans[head, 0], spans[head, 1], spans[tail, 0], spans[tail, 1]
        # mean of the pieces strictly between the two mentions (zeros when adjacent or overlapping)
        left_end = torch.minimum(he, te)
        right_start = torch.maximum(hs, ts)
        a, b = left_end + 1, right_start
        prefix = torch.cat([states.new_zeros((1, states.shape[1])), states.cumsum(0)], 0)
        count = (b - a).clamp(min=0)
        between = (prefix[b.clamp(min=0)] - prefix[a.clamp(max=states.shape[0])]) * (count > 0)[:, None]
        between = between / count.clamp(min=1)[:, None]
        features = torch.cat([
            states[hs], states[he], states[ts], states[te], between,
            self.type_embedding(labels[head]), self.type_embedding(labels[tail]),
            self.distance_embedding(buckets),
        ], -1)
        return self.relation_mlp(features)
