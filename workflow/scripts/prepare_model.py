"""Snakemake adapter: fetch a hub model or convert a GGUF file into resources/models/<model>/.

The only job allowed online (hub fetch): the workflow sets HF_HUB_OFFLINE=1 for every job, so
this one lifts it for its own process before huggingface_hub is imported (with no network the
fetch still fails within seconds, saying how to get the files).
"""

import logging
import os

if snakemake.params.spec["source"] == "hub":
    os.environ["HF_HUB_OFFLINE"] = "0"

from polysql.models.sources import prepare_model  # noqa: E402
from polysql.runlog import setup_logging, snakemake_log  # noqa: E402

setup_logging(snakemake_log(snakemake))
logging.getLogger("prepare_model").info("preparing %s -> %s", snakemake.wildcards.model, snakemake.params.out_dir)
prepare_model(snakemake.wildcards.model, snakemake.params.spec, snakemake.params.out_dir)
