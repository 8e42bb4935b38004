"""Snakemake adapter: generate SQL for one system in every language (see polysql.models.pipeline)."""

import logging

import torch

from polysql.data.sample import in_domain_intents, without_intents
from polysql.devices import require_device
from polysql.io import read_jsonl, write_jsonl
from polysql.models.generate import make_generator
from polysql.models.pipeline import generate_by_language
from polysql.models.sources import resolve_dtype
from polysql.runlog import setup_logging, snakemake_log

setup_logging(snakemake_log(snakemake))
log = logging.getLogger("generate")
torch.set_num_threads(snakemake.threads)
gen = snakemake.params.generation
langs = list(snakemake.params.langs)
device = None if gen.get("device", "auto") == "auto" else gen["device"]
# A GPU job on a node without one stops here, before any model loads.
wants_gpu = bool(snakemake.config["generation"]["gpu"]) or device == "cuda"  # gpu: a resource, not a param
require_device(gpu=wants_gpu, bf16=wants_gpu and resolve_dtype(gen["dtype"], "cuda") == "bfloat16", key="generation")
adapter = snakemake.input.adapter if snakemake.input.get("adapter") else None
log.info("system %s, languages %s: model %s, adapter %s, backend %s",
         snakemake.wildcards.system, " ".join(langs), snakemake.params.model_dir, adapter, gen["backend"])
generator = make_generator(
    gen["backend"],
    snakemake.params.model_dir,
    dtype=gen["dtype"],
    adapter=adapter,
    batch_size=gen["batch_size"],
    max_new_tokens=gen["max_new_tokens"],
    device=device,
)
shots = snakemake.input.shots if snakemake.params.prompt.get("shots", 0) else []
by_lang = generate_by_language(
    {lang: read_jsonl(path) for lang, path in zip(langs, snakemake.input.examples)},
    generator,
    pool=without_intents(
        (record for path in shots for record in read_jsonl(path)), in_domain_intents(snakemake.input.get("in_domain"))
    ),
    prompt_config=snakemake.params.prompt,
    seed=snakemake.params.seed,
)
for lang, path in zip(langs, snakemake.output.predictions):
    write_jsonl(path, by_lang[lang])
