"""Snakemake adapter: generate SQL for one system and language (see polysql.models.pipeline)."""

import logging

import torch

from polysql.io import read_jsonl, write_jsonl
from polysql.models.generate import make_generator
from polysql.models.pipeline import generate_predictions
from polysql.runlog import setup_logging, snakemake_log

setup_logging(snakemake_log(snakemake))
log = logging.getLogger("generate")
torch.set_num_threads(snakemake.threads)
gen = snakemake.params.generation
device = None if gen.get("device", "auto") == "auto" else gen["device"]
adapter = snakemake.input.adapter if snakemake.input.get("adapter") else None
log.info("system %s, lang %s: model %s, adapter %s, backend %s",
         snakemake.wildcards.system, snakemake.wildcards.lang, snakemake.params.model_dir, adapter, gen["backend"])
generator = make_generator(
    gen["backend"],
    snakemake.params.model_dir,
    dtype=gen["dtype"],
    adapter=adapter,
    batch_size=gen["batch_size"],
    max_new_tokens=gen["max_new_tokens"],
    device=device,
)
records = generate_predictions(
    read_jsonl(snakemake.input.examples),
    generator,
    pool=read_jsonl(snakemake.input.shots) if snakemake.params.prompt.get("shots", 0) else [],
    prompt_config=snakemake.params.prompt,
    seed=snakemake.params.seed,
)
write_jsonl(snakemake.output.predictions, records)
