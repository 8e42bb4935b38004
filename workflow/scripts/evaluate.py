"""Snakemake adapter: score one system's predictions for one language (EX, exact-set match)."""

import logging

from polysql.io import read_jsonl, write_json, write_jsonl
from polysql.sql.evaluate import evaluate_predictions
from polysql.runlog import setup_logging, snakemake_log

setup_logging(snakemake_log(snakemake))
per_example, summary = evaluate_predictions(
    read_jsonl(snakemake.input.predictions),
    sql_config={**snakemake.params.sql, "workers": snakemake.config["sql"].get("workers", 0)},  # workers: speed only
    tables_json=snakemake.input.get("tables") or None,
    system=snakemake.wildcards.system,
    lang=snakemake.wildcards.lang,
)
write_jsonl(snakemake.output.examples, per_example)
write_json(snakemake.output.metrics, summary)
logging.getLogger("evaluate").info(
    "%s/%s: n=%s EX=%s exact match=%s", summary["system"], summary["lang"], summary.get("n"), summary.get("ex"),
    summary.get("exact_match"),
)
