"""The paper's tables, computed from per-example metrics files.

Inputs are ``results/metrics/{system}/{lang}.examples.jsonl`` (one object per example with
``intent``, ``hardness``, ``exec``, ``exact_match`` and ``executable``, and ``ts`` where the benchmark has a test
suite). A table row is a *row spec*: a label and the systems it pools (one baseline system, or every seed of a
GRPO run). All scores are percentages.

Test-suite EX (``TS``) is optional: the main table and the bars have TS columns only when some example has a
TS verdict, and a cell whose examples lack one (no variants for its databases) is NaN in ``main.csv`` and
``n/a`` in ``main.md``, never EX. The significance, hardness, consistency and ablation tables use the core
metrics (EX, exact_match, Executable).

``exact_match`` is Spider's exact-set match, the paper's "Sem" column: :func:`metric_label` gives the paper's
label, used only where the tables and plots are read by people (``main.md``, plot axes).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import pandas as pd

from polysql.io import DataError, read_jsonl
from polysql.report.stats import Estimate, bootstrap_language_average, bootstrap_mean, paired_bootstrap
from polysql.sql.hardness import LEVELS  # Spider's hardness levels, easiest first
from polysql.workflow_plan import RowSpec, grid_rows, main_rows  # noqa: F401  (report.build reads the rows here)

METRICS = {"EX": "exec", "exact_match": "exact_match", "Executable": "executable", "TS": "ts"}
"""Table metric -> per-example column. Executable: the share of predictions that run without error.
TS: test-suite EX (correct on the original database and every variant; see polysql.sql.exec_eval)."""
PAPER_LABELS = {"exact_match": "Sem"}
"""Metrics the paper names otherwise (see :func:`metric_label`)."""
OPTIONAL_METRICS = ("TS",)
"""Metrics that need something not every benchmark has (TS: variant databases); absent -> not available."""
CORE_METRICS = {name: column for name, column in METRICS.items() if name not in OPTIONAL_METRICS}
HARDNESS = LEVELS


def metric_label(metric: str) -> str:
    """The paper's label of a table metric (``exact_match`` -> ``Sem``; the others are their own label)."""
    return PAPER_LABELS.get(metric, metric)


@dataclass
class StatsConfig:
    """Bootstrap settings (from config ``report``)."""

    n_boot: int = 1000
    confidence: float = 0.95
    seed: int = 0

    @property
    def kwargs(self) -> dict[str, Any]:
        """The settings as keyword arguments of the bootstrap functions."""
        return {"n_boot": self.n_boot, "confidence": self.confidence, "seed": self.seed}


def load_examples(metrics_dir: str | Path, systems: Iterable[str], languages: Iterable[str]) -> pd.DataFrame:
    """All per-example scores of ``systems`` x ``languages`` in one frame (missing file -> DataError)."""
    frames = []
    for system in dict.fromkeys(systems):
        for lang in languages:
            path = Path(metrics_dir) / system / f"{lang}.examples.jsonl"
            if not path.is_file():
                raise DataError(f"metrics of system '{system}' in '{lang}' not found: {path}")
            records = read_jsonl(path)
            if not records:
                raise DataError(f"{path}: no examples")
            frame = pd.DataFrame.from_records(records)
            if "match" in frame.columns and "exact_match" not in frame.columns:  # written before the rename
                frame = frame.rename(columns={"match": "exact_match"})
            missing = {"intent", *CORE_METRICS.values()} - set(frame.columns)
            if missing:
                raise DataError(f"{path}: examples lack {sorted(missing)}")
            for name in OPTIONAL_METRICS:  # metrics files written before TS existed: not available
                if METRICS[name] not in frame.columns:
                    frame[METRICS[name]] = np.nan
            frame["system"], frame["lang"] = system, lang
            frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def available_metrics(df: pd.DataFrame) -> list[str]:
    """The core metrics, plus each optional metric that at least one example has a value for."""
    return [
        *CORE_METRICS,
        *(name for name in OPTIONAL_METRICS if METRICS[name] in df.columns and df[METRICS[name]].notna().any()),
    ]


def table_metrics(table: pd.DataFrame) -> list[str]:
    """The metrics a main table holds (``avg_<metric>`` columns), in :data:`METRICS` order."""
    return [name for name in METRICS if f"avg_{name}" in table.columns]


def score_matrix(
    df: pd.DataFrame, systems: Iterable[str], lang: str | None, metric: str, hardness: str | None = None
) -> tuple[np.ndarray, list[str]]:
    """``(seeds, examples)`` 0/1 matrix of one row, examples aligned by intent (and language).

    Raises:
        DataError: the systems of one row were not evaluated on the same examples.
    """
    column = METRICS[metric]
    rows, keys = [], None
    for system in systems:
        part = df[df["system"] == system]
        if lang is not None:
            part = part[part["lang"] == lang]
        if hardness is not None:
            part = part[part["hardness"] == hardness]
        series = part.set_index(part["lang"] + "/" + part["intent"])[column].astype(float).sort_index()
        if keys is None:
            keys = list(series.index)
        elif list(series.index) != keys:
            raise DataError(f"system '{system}' was evaluated on other examples than its row's other seeds")
        rows.append(series.to_numpy())
    return np.vstack(rows) * 100.0, keys or []


def _estimate_cells(prefix: str, estimate: Estimate | None) -> dict[str, float]:
    if estimate is None:  # not available (an optional metric some examples lack)
        return {prefix: float("nan"), f"{prefix}_lo": float("nan"), f"{prefix}_hi": float("nan")}
    return {
        prefix: round(estimate.mean, 2),
        f"{prefix}_lo": round(estimate.lo, 2),
        f"{prefix}_hi": round(estimate.hi, 2),
    }


def row_estimates(
    df: pd.DataFrame, row: RowSpec, languages: list[str], stats: StatsConfig, metrics: list[str] | None = None
) -> dict[str, float]:
    """Every metric (mean, lo, hi) per language and for the language average.

    ``metrics`` defaults to :func:`available_metrics`. A cell of an optional metric with a missing
    value among its examples is NaN (not available), and so is the average over such cells.
    """
    cells: dict[str, float] = {}
    for metric in metrics if metrics is not None else available_metrics(df):
        per_language = {}
        for lang in languages:
            matrix, _ = score_matrix(df, row.systems, lang, metric)
            per_language[lang] = matrix
            missing = metric in OPTIONAL_METRICS and np.isnan(matrix).any()
            cells.update(
                _estimate_cells(f"{lang}_{metric}", None if missing else bootstrap_mean(matrix, **stats.kwargs))
            )
        missing = any(np.isnan(m).any() for m in per_language.values())
        cells.update(
            _estimate_cells(
                f"avg_{metric}",
                None
                if missing and metric in OPTIONAL_METRICS
                else bootstrap_language_average(per_language, **stats.kwargs),
            )
        )
    return cells


def main_table(df: pd.DataFrame, rows: list[RowSpec], languages: list[str], stats: StatsConfig) -> pd.DataFrame:
    """One row per configured system: EX, exact match, Executable (and TS where available) with CIs for every
    language and the average."""
    records = []
    metrics = available_metrics(df)
    for row in rows:
        record = {"label": row.label, "systems": " ".join(row.systems), "seeds": len(row.systems)}
        record.update(row_estimates(df, row, languages, stats, metrics))
        records.append(record)
    return pd.DataFrame.from_records(records)


def to_markdown(table: pd.DataFrame, languages: list[str], reference: list[dict] | None = None) -> str:
    """Markdown rendering of the main table: one block per metric, 'mean [lo, hi]' cells ('n/a': not available).

    ``reference`` (config ``report.reference``): published averages, each shown under the measured rows as a
    row labelled "(reported)", its figure in the avg column for the metrics it gives (``EX``, ``Sem``).
    """
    scopes = list(languages) + ["avg"]
    out = []

    def cell(row: pd.Series, key: str) -> str:
        if pd.isna(row[key]):
            return "n/a"
        return f"{row[key]:.1f} [{row[f'{key}_lo']:.1f}, {row[f'{key}_hi']:.1f}]"

    for metric in table_metrics(table):
        note = " (test-suite EX: correct on the database and every variant)" if metric == "TS" else ""
        out.append(f"**{metric_label(metric)}** (%, mean [95% CI]){note}\n")
        out.append("| system | " + " | ".join(scopes) + " |")
        out.append("|---|" + "---|" * len(scopes))
        for _, row in table.iterrows():
            cells = [cell(row, f"{s}_{metric}") for s in scopes]
            out.append(f"| {row['label']} | " + " | ".join(cells) + " |")
        for published in reference or []:
            value = published.get(metric_label(metric))
            if value is not None:
                out.append(
                    f"| {published['label']} (reported) | "
                    + " | ".join(["—"] * len(languages))
                    + f" | {float(value):g} |"
                )  # as published
        out.append("")
    return "\n".join(out)


def _per_example_mean(
    df: pd.DataFrame, systems: tuple[str, ...], lang: str | None, metric: str
) -> tuple[np.ndarray, list[str]]:
    matrix, keys = score_matrix(df, systems, lang, metric)
    return matrix.mean(axis=0), keys


def _paired(df, row: RowSpec, base: RowSpec, lang: str | None, metric: str, stats: StatsConfig) -> tuple[float, float]:
    a, keys_a = _per_example_mean(df, row.systems, lang, metric)
    b, keys_b = _per_example_mean(df, base.systems, lang, metric)
    if keys_a != keys_b:
        raise DataError(f"'{row.label}' and '{base.label}' were evaluated on different examples")
    return paired_bootstrap(a, b, n_boot=stats.n_boot, seed=stats.seed)


def significance_table(df: pd.DataFrame, rows: list[RowSpec], languages: list[str], stats: StatsConfig) -> pd.DataFrame:
    """Paired bootstrap of every row with ``compare_to`` against that row, per language and pooled."""
    by_label = {row.label: row for row in rows}
    records = []
    for row in rows:
        if not row.compare_to:
            continue
        base = by_label[row.compare_to]
        for metric in CORE_METRICS:
            for lang in list(languages) + [None]:
                diff, p_value = _paired(df, row, base, lang, metric, stats)
                records.append(
                    {
                        "label": row.label,
                        "compare_to": base.label,
                        "lang": lang or "all",
                        "metric": metric,
                        "diff_pp": round(diff, 2),
                        "p_value": round(p_value, 4),
                        "significant": bool(p_value < 1 - stats.confidence),
                    }
                )
    columns = ["label", "compare_to", "lang", "metric", "diff_pp", "p_value", "significant"]
    return pd.DataFrame.from_records(records, columns=columns)


def hardness_table(df: pd.DataFrame, rows: list[RowSpec], stats: StatsConfig) -> pd.DataFrame:
    """EX and exact match per Spider hardness level, pooled over languages."""
    records = []
    for row in rows:
        for level in HARDNESS:
            matrix, keys = score_matrix(df, row.systems, None, "EX", hardness=level)
            if not keys:
                continue
            record = {"label": row.label, "hardness": level, "n": len(keys)}
            record.update(_estimate_cells("EX", bootstrap_mean(matrix, **stats.kwargs)))
            exact, _ = score_matrix(df, row.systems, None, "exact_match", hardness=level)
            record.update(_estimate_cells("exact_match", bootstrap_mean(exact, **stats.kwargs)))
            records.append(record)
    return pd.DataFrame.from_records(records)


def consistency_table(df: pd.DataFrame, rows: list[RowSpec], languages: list[str], stats: StatsConfig) -> pd.DataFrame:
    """Cross-lingual consistency: the share of intents answered correctly in *all* languages.

    Also the share correct in at least one language (the gap shows language-dependent answers).
    """
    records = []
    for row in rows:
        record: dict[str, Any] = {"label": row.label}
        for metric in CORE_METRICS:
            per_lang = [score_matrix(df, row.systems, lang, metric) for lang in languages]
            keys = [[k.split("/", 1)[1] for k in ks] for _, ks in per_lang]
            if any(k != keys[0] for k in keys):
                raise DataError(f"'{row.label}': languages were evaluated on different intents")
            stack = np.stack([m for m, _ in per_lang]) / 100.0  # (langs, seeds, intents)
            all_correct = stack.min(axis=0) * 100.0
            any_correct = stack.max(axis=0) * 100.0
            record["n_intents"] = stack.shape[2]
            record.update(_estimate_cells(f"{metric}_all_langs", bootstrap_mean(all_correct, **stats.kwargs)))
            record[f"{metric}_any_lang"] = round(float(any_correct.mean()), 2)
        records.append(record)
    return pd.DataFrame.from_records(records)


def ablation_table(df: pd.DataFrame, config: dict[str, Any], languages: list[str], stats: StatsConfig) -> pd.DataFrame:
    """Long table of the grid: (train_lang, reward_set, eval_lang, metric) -> mean, CI, delta and p vs reference.

    The reference is the run with ``report.reference_reward_set`` and the same train language.
    """
    reference = config["report"]["reference_reward_set"]
    cells = grid_rows(config)
    by_cell = {(lang, rs): row for lang, rs, row in cells}
    records = []
    for train_lang, reward_set, row in cells:
        ref = by_cell.get((train_lang, reference)) if reference and reward_set != reference else None
        for metric in CORE_METRICS:
            per_language: dict[str, Any] = {}
            for eval_lang in list(languages) + ["avg"]:
                if eval_lang == "avg":
                    estimate = bootstrap_language_average(per_language, **stats.kwargs)
                    scope = None
                else:
                    matrix, _ = score_matrix(df, row.systems, eval_lang, metric)
                    per_language[eval_lang] = matrix
                    estimate = bootstrap_mean(matrix, **stats.kwargs)
                    scope = eval_lang
                record = {
                    "train_lang": train_lang,
                    "reward_set": reward_set,
                    "seeds": len(row.systems),
                    "eval_lang": eval_lang,
                    "metric": metric,
                    "mean": round(estimate.mean, 2),
                    "lo": round(estimate.lo, 2),
                    "hi": round(estimate.hi, 2),
                    "delta_pp": None,
                    "p_value": None,
                }
                if ref is not None:
                    diff, p_value = _paired(df, row, ref, scope, metric, stats)
                    record["delta_pp"], record["p_value"] = round(diff, 2), round(p_value, 4)
                records.append(record)
    columns = ["train_lang", "reward_set", "seeds", "eval_lang", "metric", "mean", "lo", "hi", "delta_pp", "p_value"]
    return pd.DataFrame.from_records(records, columns=columns)


def ablation_pivots(long: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(reward set x eval language) for train_lang 'all', and (train language x eval language) per reward set."""
    if long.empty:
        return pd.DataFrame(columns=["reward_set"]), pd.DataFrame(columns=["reward_set", "train_lang"])
    long = long.assign(column=long["eval_lang"] + "_" + long["metric"])
    reward = long[long["train_lang"] == "all"]
    by_reward = reward.pivot_table(index="reward_set", columns="column", values="mean", sort=False)
    deltas = reward.pivot_table(index="reward_set", columns="column", values="delta_pp", sort=False)
    by_reward = by_reward.join(deltas.add_prefix("delta_"), how="left").reset_index()
    transfer = long.pivot_table(
        index=["reward_set", "train_lang"], columns="column", values="mean", sort=False
    ).reset_index()
    return by_reward, transfer
