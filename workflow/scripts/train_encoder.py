"""Snakemake adapter: fine-tune the semantic encoder (see polysql.encoder.train.train_encoder)."""

from polysql.encoder.train import train_encoder
from polysql.data.sample import in_domain_intents, without_intents
from polysql.devices import require_device
from polysql.io import read_jsonl
from polysql.rewards.sql_pairs import sql_pair_builder
from polysql.runlog import setup_logging, snakemake_log

log = setup_logging(snakemake_log(snakemake))
spec = dict(snakemake.params.spec)
train_records = without_intents(
    (record for path in snakemake.input.train for record in read_jsonl(path)),
    in_domain_intents(snakemake.input.get("in_domain")),
)
summary = train_encoder(
    snakemake.params.base_dir,
    snakemake.output.model,
    read_jsonl(snakemake.input.sample),
    train_records,
    epochs=spec.get("epochs", 1),
    batch_size=spec.get("batch_size", 32),
    learning_rate=spec.get("learning_rate", 2e-5),
    max_seq_length=spec.get("max_seq_length", 128),
    cross_lingual_pairs=spec.get("cross_lingual_pairs", True),
    hard_negatives=spec.get("hard_negatives", False),
    sql_triplets=sql_pair_builder(per_gold=spec.get("sql_pairs_per_gold", 4), seed=spec.get("seed", 0))
    if spec.get("sql_pairs", False)
    else None,
    seed=spec.get("seed", 0),
    log_path=snakemake.output.train_log,
    threads=snakemake.threads,
    device=require_device(gpu=bool(spec.get("gpu")), key=f"encoders.{snakemake.wildcards.encoder}"),
)
log.info("encoder %s trained: %s", snakemake.wildcards.encoder, summary)
