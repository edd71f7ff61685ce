"""Fine-tuning the extraction model on gold JSONL (see :func:`train`)."""

from .data import PreparationReport, TrainingExample, prepare_examples
from .trainer import EpochRecord, TrainingConfig, TrainingResult, load_documents, train

__all__ = ["train", "TrainingConfig", "TrainingResult", "EpochRecord", "load_documents",
           "prepare_examples", "PreparationReport", "TrainingExample"]
