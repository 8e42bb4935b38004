"""Snakemake adapter: download MultiSpider at a pinned revision (see polysql.data.fetch)."""

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
)
