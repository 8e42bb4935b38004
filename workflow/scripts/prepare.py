"""Snakemake adapter: prepare every split/language of the benchmark (see polysql.data.prepare)."""

from pathlib import Path

from polysql.data.prepare import prepare_benchmark
from polysql.runlog import setup_logging, snakemake_log

setup_logging(snakemake_log(snakemake))
prepare_benchmark(
    snakemake.params.bench_dir,
    Path(snakemake.output.summary).parent,
    splits=list(snakemake.params.splits),
    languages=list(snakemake.params.languages),
)
