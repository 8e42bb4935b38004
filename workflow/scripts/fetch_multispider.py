"""Snakemake adapter: MultiSpider at a pinned revision, downloaded or from a local copy (see polysql.data.fetch)."""

from pathlib import Path

from polysql.data.fetch import fetch_multispider
from polysql.runlog import setup_logging, snakemake_log

setup_logging(snakemake_log(snakemake))
fetch_multispider(
    Path(snakemake.output.flag).parent,
    repo_id=snakemake.params.repo_id,
    revision=snakemake.params.revision,
    variant=snakemake.params.variant,
    languages=list(snakemake.params.languages),
    local_dir=snakemake.params.local_dir or None,
    expected_dev_size=snakemake.params.expected_dev_size,
)
