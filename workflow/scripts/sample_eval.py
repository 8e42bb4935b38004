"""Snakemake adapter: draw the per-language evaluation sets (see polysql.data.sample.eval_sets)."""

from polysql.data.sample import eval_sets
from polysql.io import read_jsonl, write_json, write_jsonl
from polysql.runlog import setup_logging, snakemake_log

log = setup_logging(snakemake_log(snakemake))
languages = list(snakemake.params.languages)
pools = {lang: read_jsonl(path) for lang, path in zip(languages, snakemake.input.pools)}
sets, summary = eval_sets(pools, snakemake.params.n, int(snakemake.params.seed))
for lang, path in zip(languages, snakemake.output.sets):
    write_jsonl(path, sets[lang])
write_json(snakemake.output.summary, summary)
log.info("evaluation sets: %s", summary)
