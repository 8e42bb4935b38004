"""Snakemake adapter: supervised warm start of one model (see polysql.warm_start)."""

import os

os.environ["OMP_NUM_THREADS"] = str(snakemake.threads)  # before torch is imported

from polysql.data.sample import in_domain_intents, without_intents  # noqa: E402
from polysql.io import read_jsonl  # noqa: E402
from polysql.runlog import setup_logging, snakemake_log  # noqa: E402
from polysql.warm_start import select_records, train_warm_start  # noqa: E402

setup_logging(snakemake_log(snakemake))
spec = snakemake.params.spec
# The in-domain evaluation set's intents are neither taught nor shown as shots.
train = without_intents(
    (record for path in snakemake.input.train for record in read_jsonl(path)),
    in_domain_intents(snakemake.input.get("in_domain")),
)
excluded = {r.get("intent", r["id"]) for r in read_jsonl(snakemake.input.grpo_sample)} if snakemake.input.grpo_sample else set()
records = select_records(train, exclude_intents=excluded, size=spec["train_size"], seed=spec["seed"])
train_warm_start(
    records,
    base_model=snakemake.params.base_dir,
    out_dir=os.path.dirname(snakemake.output.summary),
    spec=spec,
    prompt_config=snakemake.params.prompt,
    shot_pool=train,
    threads=snakemake.threads,
)
