"""Warm-start stage: supervised LoRA fine-tuning (polysql.sft) of a base policy on the train split,
merged into a new model folder that generation and GRPO load like any model.

    snakemake --cores 2 results/warm_start/smollm2-135m-warm/summary.json

A model whose config source is `warm_start` is built by this rule from its `base` model; the
paper's setup has none (SFT-free).
"""


rule warm_start:
    """LoRA SFT of the base model on train-split (question, gold SQL) pairs, merged and saved."""
    input:
        train=expand(paths.SPLIT_FILE, split=config["benchmark"]["train_split"], lang=LANGS),
        grpo_sample=warm_start_exclusions,
        in_domain=in_domain_summary,
        base=warm_start_base_ready,
    output:
        model=directory(paths.WARM_START_MODEL),
        summary=paths.WARM_START_SUMMARY,
        train_log=paths.WARM_START_TRAIN_LOG,
    params:
        base_dir=warm_start_base_dir,
        spec=warm_start_spec,
        prompt=prompt_params(),
    log:
        "logs/warm_start/{model}.log",
    benchmark:
        "benchmarks/warm_start/{model}.tsv"
    threads: config["warm_start"]["threads"]
    resources:
        gpu=1 if config["warm_start"]["gpu"] else 0,
        mem_mb=8000,
        runtime=120,
    conda:
        "../../envs/train.yaml"
    script:
        "../scripts/warm_start.py"
