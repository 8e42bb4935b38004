"""Snakemake adapter: draw the GRPO training sample (see polysql.data.sample.grpo_sample)."""

import logging

from polysql.data.sample import grpo_sample, in_domain_intents, read_heldout_databases, without_intents
from polysql.io import read_jsonl, write_json, write_jsonl
from polysql.runlog import setup_logging, snakemake_log

log = setup_logging(snakemake_log(snakemake))
excluded = read_heldout_databases(snakemake.input.get("exclude"))
in_domain = in_domain_intents(snakemake.input.get("in_domain"))
pools = {}
for path in snakemake.input.pools:
    records = without_intents((record for record in read_jsonl(path) if record["db_id"] not in excluded), in_domain)
    if records:
        pools[records[0]["lang"]] = records
if in_domain:
    log.info("GRPO sample: the %d intents of the in-domain evaluation set are left out", len(in_domain))
if excluded:
    log.info("GRPO sample: the held-out databases are left out: %s", ", ".join(sorted(excluded)))
sample, summary = grpo_sample(pools, int(snakemake.params.size), int(snakemake.params.seed))
if summary["drawn"] < summary["requested"]:
    log.warning("GRPO sample: %d requested but only %d available", summary["requested"], summary["drawn"])
write_jsonl(snakemake.output.sample, sample)
write_json(snakemake.output.summary, summary)
log.info("GRPO sample: %s", summary)
