"""Snakemake adapter: draw the per-language evaluation sets (see polysql.data.sample.eval_sets), from the
evaluation split or, for the in-domain set, from the train split outside the held-out databases."""

from polysql.data.sample import eval_sets, read_heldout_databases
from polysql.io import read_jsonl, write_json, write_jsonl
from polysql.runlog import setup_logging, snakemake_log

log = setup_logging(snakemake_log(snakemake))
languages = list(snakemake.params.languages)
excluded = read_heldout_databases(snakemake.input.get("exclude"))
pools = {
    lang: [record for record in read_jsonl(path) if record["db_id"] not in excluded]
    for lang, path in zip(languages, snakemake.input.pools)
}
sets, summary = eval_sets(pools, snakemake.params.n, int(snakemake.params.seed))
for lang, path in zip(languages, snakemake.output.sets):
    write_jsonl(path, sets[lang])
write_json(snakemake.output.summary, summary)
log.info("evaluation sets: %s", {key: value for key, value in summary.items() if key != "intents"})
