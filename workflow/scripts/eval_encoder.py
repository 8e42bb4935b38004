"""Snakemake adapter: retrieval metrics before/after fine-tuning (see polysql.encoder.evaluate)."""

import torch

from polysql.devices import require_device
from polysql.encoder.evaluate import evaluate_encoder
from polysql.io import DataError, read_jsonl, write_json
from polysql.runlog import setup_logging, snakemake_log

log = setup_logging(snakemake_log(snakemake))
torch.set_num_threads(snakemake.threads)
spec = dict(snakemake.params.spec)
eval_records = {}
for path in snakemake.input.eval:
    records = read_jsonl(path)
    if not records:
        raise DataError(f"{path}: empty evaluation set")
    eval_records[records[0]["lang"]] = records
metrics = evaluate_encoder(
    snakemake.params.base_dir,
    snakemake.input.model,
    eval_records,
    max_seq_length=spec.get("max_seq_length", 128),
    device=require_device(gpu=bool(spec.get("gpu")), key=f"encoders.{snakemake.wildcards.encoder}"),
)
write_json(snakemake.output.metrics, metrics)
log.info("encoder %s: average before %s, after %s", snakemake.wildcards.encoder,
         metrics["average"]["before"], metrics["average"]["after"])
