"""Contrastive fine-tuning of the semantic encoder (sentence-transformers trainer).

Loss: MultipleNegativesRankingLoss (in-batch negatives, optional hard negatives as a third column)
with the NO_DUPLICATES batch sampler, so the same SQL or English question (shared by the seven
languages of an intent) never appears twice in a batch as a false negative. The training sets come
from :func:`polysql.encoder.pairs.build_training_sets`; each is its own dataset, and a batch is
drawn from one of them (proportional sampling).

Command (through the workflow)::

    snakemake --cores 2 results/encoder/minilm-contrastive/model
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from polysql.encoder.model import load_encoder
from polysql.encoder.pairs import build_training_sets, check_records

log = logging.getLogger(__name__)

TRAIN_INFO_FILE = "polysql_train.json"
"""Written into the model folder: hyperparameters, set sizes, steps, wall time."""


def _loss_logger(log_path: Path | None):
    """A TrainerCallback that collects (and, with a path, appends to JSONL) each logged loss."""
    from transformers import TrainerCallback

    class LossLogger(TrainerCallback):
        def __init__(self) -> None:
            self.records: list[dict[str, Any]] = []
            if log_path is not None:
                log_path.parent.mkdir(parents=True, exist_ok=True)
                log_path.write_text("", encoding="utf-8")

        def on_log(self, args, state, control, logs=None, **kwargs):  # noqa: D102 - callback hook
            if not logs or "loss" not in logs:
                return
            record = {
                "step": state.global_step,
                "epoch": round(float(logs.get("epoch", state.epoch or 0.0)), 4),
                "loss": float(logs["loss"]),
                "learning_rate": float(logs.get("learning_rate", 0.0)),
            }
            self.records.append(record)
            if log_path is not None:
                with open(log_path, "a", encoding="utf-8") as handle:
                    handle.write(json.dumps(record) + "\n")

    return LossLogger()


def train_encoder(
    base_model: str | os.PathLike,
    out_dir: str | os.PathLike,
    grpo_records: Sequence[Mapping[str, Any]],
    train_records: Sequence[Mapping[str, Any]],
    *,
    epochs: float = 1,
    batch_size: int = 32,
    learning_rate: float = 5e-5,
    max_seq_length: int = 128,
    cross_lingual_pairs: bool = True,
    hard_negatives: bool = False,
    sql_triplets: Callable[[Sequence[Mapping[str, Any]]], list[dict[str, str]]] | None = None,
    seed: int = 0,
    warmup_ratio: float = 0.1,
    logging_steps: int = 1,
    log_path: str | os.PathLike | None = None,
    threads: int | None = None,
    device: str | None = None,
) -> dict[str, Any]:
    """Fine-tune a sentence-transformers encoder contrastively and save it to ``out_dir``.

    Args:
        base_model: Folder of the base sentence-transformers model.
        out_dir: Where the fine-tuned model is saved (replaced if present).
        grpo_records: The GRPO training sample (prepared-example records, all languages).
        train_records: The train split of every language (English questions for the cross-lingual
            pairs, extra gold SQL for hard negatives).
        epochs: Passes over the training sets.
        batch_size: Pairs per batch (also the number of in-batch negatives + 1).
        learning_rate: Peak AdamW learning rate (linear decay after ``warmup_ratio`` warm-up).
        max_seq_length: Longest input in tokens (longer texts are truncated).
        cross_lingual_pairs: Add (question in L, English question of the same intent) pairs.
        hard_negatives: Add a same-database, different-structure gold SQL as a hard negative.
        sql_triplets: Builds (gold SQL, verified equivalent rewrite, verified near miss) triplets from the
            train split (:func:`polysql.rewards.sql_pairs.sql_pair_builder`); None: none.
        seed: Seed of initialisation, sampling and hard-negative choice.
        warmup_ratio: Fraction of steps with linear learning-rate warm-up.
        logging_steps: Log the training loss every this many steps.
        log_path: JSONL file receiving ``{"step", "epoch", "loss", "learning_rate"}`` per logging step.
        threads: torch CPU threads (None: leave torch's default).
        device: Torch device (default: CUDA if available, else CPU).

    Returns:
        A summary: set sizes, steps, first/last logged loss, wall time in seconds, hyperparameters.
    """
    from datasets import Dataset, DatasetDict
    from sentence_transformers import SentenceTransformerTrainer, SentenceTransformerTrainingArguments
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss
    from sentence_transformers.sentence_transformer.training_args import BatchSamplers
    from transformers import set_seed

    check_records(grpo_records, "GRPO training sample")
    check_records(train_records, "train split")
    if threads:
        import torch

        torch.set_num_threads(int(threads))
    sets = build_training_sets(
        grpo_records,
        train_records,
        cross_lingual=cross_lingual_pairs,
        hard_negatives=hard_negatives,
        sql_triplets=sql_triplets,
        seed=seed,
    )
    if not sets:
        raise ValueError("no training pairs: the GRPO training sample is empty")
    sizes = {name: len(rows) for name, rows in sets.items()}
    log.info("training sets: %s", sizes)

    set_seed(seed)
    model = load_encoder(base_model, device=device, max_seq_length=max_seq_length)
    datasets = DatasetDict({name: Dataset.from_list(rows) for name, rows in sets.items()})
    logger = _loss_logger(Path(log_path) if log_path else None)
    out_dir = Path(out_dir)
    # Trainer scratch (checkpoints are not kept: a run takes minutes) lives outside the output folder.
    scratch = Path(
        tempfile.mkdtemp(prefix=f".{out_dir.name}-trainer-", dir=out_dir.parent if out_dir.parent.exists() else None)
    )
    try:
        args = SentenceTransformerTrainingArguments(
            output_dir=str(scratch),
            num_train_epochs=epochs,
            per_device_train_batch_size=batch_size,
            learning_rate=learning_rate,
            warmup_steps=warmup_ratio,
            batch_sampler=BatchSamplers.NO_DUPLICATES,
            seed=seed,
            data_seed=seed,
            logging_steps=logging_steps,
            logging_first_step=True,
            save_strategy="no",
            eval_strategy="no",
            report_to="none",
            use_cpu=model.device.type == "cpu",
            dataloader_num_workers=0,
        )
        trainer = SentenceTransformerTrainer(
            model=model,
            args=args,
            train_dataset=datasets,
            loss=MultipleNegativesRankingLoss(model),
            callbacks=[logger],
        )
        start = time.perf_counter()
        result = trainer.train()
        wall = time.perf_counter() - start
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    if out_dir.exists():
        shutil.rmtree(out_dir)
    from polysql.disk import guarded_write

    with guarded_write(out_dir, "encoder"):
        model.save(str(out_dir))
    losses = [record["loss"] for record in logger.records]
    summary = {
        "base_model": str(base_model),
        "sets": sizes,
        "steps": int(result.global_step),
        "train_loss": float(result.training_loss),
        "first_loss": losses[0] if losses else None,
        "last_loss": losses[-1] if losses else None,
        "wall_s": round(wall, 2),
        "threads": threads,
        "device": str(model.device),
        "hyperparameters": {
            "epochs": epochs,
            "batch_size": batch_size,
            "learning_rate": learning_rate,
            "max_seq_length": max_seq_length,
            "cross_lingual_pairs": cross_lingual_pairs,
            "hard_negatives": hard_negatives,
            "sql_pairs": sql_triplets is not None,
            "sql_pairs_per_gold": getattr(sql_triplets, "keywords", {}).get("per_gold"),
            "sql_pairs_kinds": getattr(sql_triplets, "keywords", {}).get("kinds"),
            "seed": seed,
            "warmup_ratio": warmup_ratio,
        },
    }
    (out_dir / TRAIN_INFO_FILE).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    log.info(
        "trained %d steps in %.1f s; loss %s -> %s", summary["steps"], wall, summary["first_loss"], summary["last_loss"]
    )
    return summary
