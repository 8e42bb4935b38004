"""Data stage: fetch MultiSpider (optional), prepare every split/language, draw the samples."""


rule fetch_multispider:
    """Download MultiSpider at a pinned revision (needs internet; run on a login node), or normalise a
    copy downloaded elsewhere (benchmark.fetch.local_dir, for air-gapped clusters)."""
    output:
        flag=paths.MULTISPIDER_FLAG,
        tables=paths.MULTISPIDER_TABLES,
    params:
        repo_id=config["benchmark"]["fetch"]["repo_id"],
        revision=config["benchmark"]["fetch"]["revision"],
        variant=config["benchmark"]["fetch"]["variant"],
        languages=LANGS,
        local_dir=config["benchmark"]["fetch"].get("local_dir") or "",
        expected_dev_size=config["benchmark"]["fetch"].get("expected_dev_size", 1034),
    log:
        "logs/data/fetch_multispider.log",
    localrule: True
    conda:
        "../../envs/data.yaml"
    script:
        "../scripts/fetch_multispider.py"


rule prepare:
    """Every split and language as JSONL with stable ids, executed gold SQL and Spider hardness."""
    input:
        data=benchmark_files,
        databases=benchmark_databases,
    output:
        data=expand(
            paths.SPLIT_FILE,
            split=[config["benchmark"]["train_split"], config["benchmark"]["eval_split"]],
            lang=LANGS,
        ),
        summary=paths.PREPARE_SUMMARY,
    params:
        bench_dir=config["benchmark"]["dir"],
        splits=[config["benchmark"]["train_split"], config["benchmark"]["eval_split"]],
        languages=LANGS,
    log:
        "logs/data/prepare.log",
    benchmark:
        "benchmarks/data/prepare.tsv"
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    conda:
        "../../envs/data.yaml"
    script:
        "../scripts/prepare.py"


rule heldout_databases:
    """The train databases kept out of every GRPO sample (data.heldout_databases), for held-out curves."""
    input:
        pools=expand(paths.SPLIT_FILE, split=config["benchmark"]["train_split"], lang=LANGS),
    output:
        databases=paths.HELDOUT_DATABASES,
    params:
        n=config["data"]["heldout_databases"],
        seed=config["data"]["seed"],
    log:
        "logs/data/heldout_databases.log",
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    conda:
        "../../envs/data.yaml"
    script:
        "../scripts/heldout_databases.py"


rule sample_grpo:
    """The seeded GRPO training sample, stratified by language x hardness (held-out databases left out)."""
    input:
        pools=grpo_sample_pools,
        exclude=heldout_database_list,
        in_domain=in_domain_summary,
    output:
        sample=paths.GRPO_SAMPLE,
        summary=paths.GRPO_SAMPLE_SUMMARY,
    params:
        size=grpo_sample_size,
        seed=config["data"]["seed"],
    log:
        "logs/data/sample_grpo_{train_lang}.log",
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    conda:
        "../../envs/data.yaml"
    script:
        "../scripts/sample_grpo.py"


rule sample_eval:
    """Per-language evaluation sets with the same intents in every language."""
    input:
        pools=expand(paths.SPLIT_FILE, split=config["benchmark"]["eval_split"], lang=LANGS),
    output:
        sets=expand(paths.EVAL_SET, lang=LANGS),
        summary=paths.EVAL_SUMMARY,
    params:
        n=config["data"]["eval_per_language"],
        seed=config["data"]["seed"],
        languages=LANGS,
    log:
        "logs/data/sample_eval.log",
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    conda:
        "../../envs/data.yaml"
    script:
        "../scripts/sample_eval.py"


use rule sample_eval as sample_in_domain with:
    """The in-domain evaluation sets (data.in_domain_eval): intents of the train split, outside the held-out
    databases, the same in every language; kept out of every training input."""
    input:
        pools=expand(paths.SPLIT_FILE, split=config["benchmark"]["train_split"], lang=LANGS),
        exclude=heldout_database_list,
    output:
        sets=expand(paths.in_domain(paths.EVAL_SET), lang=LANGS),
        summary=paths.in_domain(paths.EVAL_SUMMARY),
    params:
        n=config["data"]["in_domain_eval"],
        seed=config["data"]["seed"],
        languages=LANGS,
    log:
        "logs/data/sample_in_domain.log",
