"""Models stage: prepare models (hub fetch / GGUF conversion), generate SQL, evaluate it.

    snakemake prefetch                                           # on a machine with internet
    snakemake --cores all results/metrics/base/en.json           # one system (all languages generated), one language scored
"""


rule prefetch:
    """Fetch every hub model and convert every GGUF one: run once where there is internet.
    (A target rule without outputs or log: the prepare_model jobs it pulls in log themselves.)"""
    input:
        flags=prepared_models(),
    localrule: True


rule prepare_model:
    """One model into resources/models/{model}/: a pinned hub snapshot (needs internet, so a local
    rule on the login node) or a sha256-checked GGUF converted to a plain transformers folder."""
    output:
        flag=paths.MODEL_READY_FLAG,
    params:
        spec=model_spec,
        out_dir=prepared_model_dir,
    log:
        "logs/models/prepare_{model}.log",
    benchmark:
        "benchmarks/models/prepare_{model}.tsv"
    localrule: True
    threads: 1
    resources:
        mem_mb=8000,
        runtime=60,
    conda:
        "../../envs/train.yaml"
    script:
        "../scripts/prepare_model.py"


rule generate:
    """Greedy SQL for every evaluation example of one system (baseline or GRPO), all languages in one
    job: the model loads once and batches fill across languages (per-language jobs spent most of
    their time starting up)."""
    input:
        examples=expand(paths.EVAL_SET, lang=LANGS),
        shots=shot_pool,
        in_domain=in_domain_summary,  # its intents are left out of the shot pool
        databases=benchmark_databases,  # prompts show each database's schema
        model=system_model_ready,
        adapter=system_adapter,
    output:
        predictions=expand(paths.PREDICTIONS, lang=LANGS, allow_missing=True),
    params:
        langs=LANGS,
        model_dir=system_model_dir,
        generation=generation_params(),
        prompt=prompt_params(),
        seed=config["data"]["seed"],
    log:
        "logs/generate/{system}.log",
    benchmark:
        "benchmarks/generate/{system}.tsv"
    threads: config["generation"]["threads"]
    resources:
        gpu=generation_gpus,
        mem_mb=generation_mem_mb,
        runtime=generation_runtime,
    conda:
        "../../envs/vllm.yaml" if config["generation"]["backend"] == "vllm" else "../../envs/train.yaml"
    script:
        "../scripts/generate.py"


rule evaluate:
    """Execution accuracy and exact-set match of one system's predictions for one language."""
    input:
        predictions=paths.PREDICTIONS,
        tables=benchmark_tables,
        databases=benchmark_databases,
        suite_databases=benchmark_suite_databases,
    output:
        metrics=paths.METRICS,
        examples=paths.EXAMPLES,
    params:
        sql=sql_params(),
    log:
        "logs/evaluate/{system}/{lang}.log",
    benchmark:
        "benchmarks/evaluate/{system}/{lang}.tsv"
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    conda:
        "../../envs/data.yaml"
    script:
        "../scripts/evaluate.py"


use rule generate as generate_in_domain with:
    """Greedy SQL of one system for the in-domain evaluation set (data.in_domain_eval), every language."""
    input:
        examples=expand(paths.in_domain(paths.EVAL_SET), lang=LANGS),
        shots=shot_pool,
        in_domain=in_domain_summary,
        databases=benchmark_databases,
        model=system_model_ready,
        adapter=system_adapter,
    output:
        predictions=expand(paths.in_domain(paths.PREDICTIONS), lang=LANGS, allow_missing=True),
    log:
        "logs/generate_in_domain/{system}.log",
    benchmark:
        "benchmarks/generate_in_domain/{system}.tsv"


use rule evaluate as evaluate_in_domain with:
    """EX and exact-set match of one system's in-domain predictions for one language."""
    input:
        predictions=paths.in_domain(paths.PREDICTIONS),
        tables=benchmark_tables,
        databases=benchmark_databases,
        suite_databases=benchmark_suite_databases,
    output:
        metrics=paths.in_domain(paths.METRICS),
        examples=paths.in_domain(paths.EXAMPLES),
    log:
        "logs/evaluate_in_domain/{system}/{lang}.log",
    benchmark:
        "benchmarks/evaluate_in_domain/{system}/{lang}.tsv"
