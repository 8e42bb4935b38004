"""Write the report's tables and plots (called by the report rules; each function is one job)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from polysql.disk import guarded_write
from polysql.io import read_json
from polysql.report import plots
from polysql.report.tables import (
    StatsConfig,
    ablation_pivots,
    ablation_table,
    consistency_table,
    grid_rows,
    hardness_table,
    load_examples,
    main_rows,
    main_table,
    significance_table,
    to_markdown,
)

log = logging.getLogger(__name__)


def stats_config(config: dict[str, Any]) -> StatsConfig:
    report = config["report"]
    return StatsConfig(n_boot=report["bootstrap_samples"], confidence=report["confidence"], seed=report["seed"])


def write_main_report(
    config: dict[str, Any], metrics_dir: str | Path, outputs: dict[str, str], *, heading: str = ""
) -> None:
    """main.csv/.md, significance, per-hardness and consistency tables, and the per-language bars.

    ``heading``: a first line of main.md saying which evaluation set the tables are on (the in-domain set's
    tables have one; published figures, ``report.reference``, are shown only without one: they are on dev).
    """
    languages = list(config["languages"])
    rows = main_rows(config)
    stats = stats_config(config)
    df = load_examples(metrics_dir, [s for row in rows for s in row.systems], languages)
    table = main_table(df, rows, languages, stats)
    with guarded_write(Path(outputs["main"]).parent, "report tables"):
        _write_main(table, df, rows, languages, stats, config, outputs, heading)
    log.info("main table:\n%s", to_markdown(table, languages))


def _write_main(table, df, rows, languages, stats, config, outputs, heading) -> None:
    table.to_csv(outputs["main"], index=False)
    reference = [] if heading else config["report"].get("reference") or []
    markdown = to_markdown(table, languages, reference)
    Path(outputs["markdown"]).write_text(f"{heading}\n\n{markdown}" if heading else markdown, encoding="utf-8")
    significance_table(df, rows, languages, stats).to_csv(outputs["significance"], index=False)
    hardness_table(df, rows, stats).to_csv(outputs["hardness"], index=False)
    consistency_table(df, rows, languages, stats).to_csv(outputs["consistency"], index=False)
    plots.main_bars(table, languages, outputs["bars"])


def write_ablation_report(config: dict[str, Any], metrics_dir: str | Path, outputs: dict[str, str]) -> None:
    """The grid's long table, its two pivots and the delta heatmap."""
    languages = list(config["languages"])
    systems = [s for _, _, row in grid_rows(config) for s in row.systems]
    df = load_examples(metrics_dir, systems, languages) if systems else None
    long = ablation_table(df, config, languages, stats_config(config))  # empty grid: no rows, df unused
    with guarded_write(Path(outputs["grid"]).parent, "report tables"):
        long.to_csv(outputs["grid"], index=False)
        by_reward, transfer = ablation_pivots(long)
        by_reward.to_csv(outputs["reward"], index=False)
        transfer.to_csv(outputs["transfer"], index=False)
        plots.ablation_heatmap(long, languages, outputs["heatmap"])


def write_training_curves(train_logs: dict[str, str], path: str) -> None:
    """Training curves of the given runs (run id -> train_log.jsonl)."""
    from polysql.io import read_jsonl

    plots.training_curves({run: read_jsonl(log_path) for run, log_path in train_logs.items()}, path)


def write_encoder_plot(metrics_files: dict[str, str], languages: list[str], path: str) -> None:
    """Retrieval before/after per encoder (encoder name -> metrics.json)."""
    plots.encoder_retrieval({name: read_json(p) for name, p in metrics_files.items()}, languages, path)
