"""The reward-validity audit on the workflow's files: :mod:`polysql.rewards.audit` with the real encoders.

    snakemake --cores 2 results/tables/reward_validity.csv

Reads the evaluation sets (``results/data/eval_{lang}.jsonl``), optionally the evaluated systems'
predictions (``results/predictions/<system>/<lang>.jsonl``; missing or unreadable files are skipped
with a warning), loads the base and the contrastively trained encoder, and writes
``results/tables/reward_validity.csv`` (columns :data:`polysql.rewards.audit.COLUMNS`); its plot is
:func:`polysql.report.plots.reward_validity`.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any, Mapping, Sequence

import pandas as pd

from polysql.io import DataError, read_jsonl
from polysql.rewards.audit import COLUMNS, GUARDS, build_questions, candidate_counts, run_audit

log = logging.getLogger(__name__)

SQL_KEYS = ("timeout_s", "max_rows", "max_result_bytes")


def system_of(path: str | os.PathLike) -> str:
    """The system id of a predictions file: the path between ``predictions/`` and ``/<lang>.jsonl``."""
    parts = Path(path).parent.parts
    if "predictions" in parts:
        index = len(parts) - 1 - parts[::-1].index("predictions")
        return "/".join(parts[index + 1 :]) or Path(path).parent.name
    return Path(path).parent.name


def load_predictions(paths: Sequence[str | os.PathLike]) -> dict[str, dict[str, dict[str, str]]]:
    """Language -> system -> record id -> predicted SQL, from prediction JSONL files (bad files skipped)."""
    out: dict[str, dict[str, dict[str, str]]] = {}
    for path in paths:
        try:
            records = read_jsonl(path)
        except (OSError, DataError, ValueError) as exc:
            log.warning("predictions %s skipped: %s", path, exc)
            continue
        system = system_of(path)
        for record in records:
            if record.get("id") is None or not record.get("lang"):
                continue
            out.setdefault(record["lang"], {}).setdefault(system, {})[record["id"]] = record.get("prediction") or ""
    return out


def run_reward_audit(
    *,
    eval_paths: Sequence[str | os.PathLike],
    encoders: Mapping[str, str | os.PathLike],
    table_path: str | os.PathLike,
    prediction_paths: Sequence[str | os.PathLike] = (),
    semantic: Mapping[str, Any] | None = None,
    sql: Mapping[str, Any] | None = None,
    max_other_gold: int = 8,
    seed: int = 0,
    max_seq_length: int | None = None,
    device: str | None = None,
    threads: int | None = None,
) -> pd.DataFrame:
    """Run the audit on the workflow's files and write the table.

    Args:
        eval_paths: ``results/data/eval_{lang}.jsonl`` files.
        encoders: Label -> sentence-transformers folder, e.g. ``{"base": ..., "trained": ...}``.
        table_path: Where the CSV goes.
        prediction_paths: Prediction JSONL files (optional).
        semantic: Config ``rewards.semantic``: its anchor and guards are flagged ``configured``; its
            ``scale`` and ``batch_size`` are used.
        sql: Config ``sql`` (executor limits).
        max_other_gold: Other gold queries per question, at most.
        seed: Seed of the other-gold sample.
        max_seq_length: Encoder input length.
        device: Torch device (default: CUDA if available, else CPU).
        threads: Torch CPU threads.

    Returns:
        The table.
    """
    started = time.perf_counter()
    if threads:
        import torch

        torch.set_num_threads(int(threads))
    from polysql.encoder.model import load_encoder
    from polysql.rewards.semantic import SemanticReward
    from polysql.sql.executor import SafeExecutor

    records_by_lang: dict[str, list[dict[str, Any]]] = {}
    for path in eval_paths:
        records = read_jsonl(path)
        if not records:
            raise DataError(f"{path}: empty evaluation set")
        records_by_lang[records[0]["lang"]] = records
    executor = SafeExecutor(**{key: (sql or {})[key] for key in SQL_KEYS if key in (sql or {})})
    predictions = load_predictions(prediction_paths)
    questions = build_questions(
        records_by_lang, executor, predictions=predictions, max_other_gold=max_other_gold, seed=seed
    )
    log.info("candidates (count, EX=1) per language: %s", candidate_counts(questions))
    semantic = dict(semantic or {})
    # every distinct text stays cached (each encoder embeds it once for all anchors and guards)
    rewards = {
        label: SemanticReward(
            load_encoder(path, device=device, max_seq_length=max_seq_length),
            batch_size=int(semantic.get("batch_size", 64)),
            scale=semantic.get("scale", "clip"),
            cache_size=10**9,
            executor=executor,
        )
        for label, path in encoders.items()
    }
    rows = run_audit(rewards, questions, configured=semantic, guards=GUARDS, seed=seed)
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    Path(table_path).parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(table_path, index=False, float_format="%.4f")
    log.info(
        "reward audit: %d rows in %.1f s (%s)",
        len(table),
        time.perf_counter() - started,
        {label: reward.cache_info()["size"] for label, reward in rewards.items()},
    )
    return table
