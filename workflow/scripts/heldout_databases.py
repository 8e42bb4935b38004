"""Snakemake adapter: choose the train databases held out of GRPO (see polysql.data.sample.heldout_databases)."""

from polysql.data.sample import heldout_databases
from polysql.io import read_jsonl, write_json
from polysql.runlog import setup_logging, snakemake_log

log = setup_logging(snakemake_log(snakemake))
records = [record for path in snakemake.input.pools for record in read_jsonl(path)]
databases = heldout_databases(records, int(snakemake.params.n), int(snakemake.params.seed))
questions = sum(1 for record in records if record["db_id"] in set(databases))
write_json(snakemake.output.databases, {"databases": databases, "questions": questions})
log.info("held out of GRPO: %d databases (%d questions, all languages): %s", len(databases), questions,
         ", ".join(databases))
