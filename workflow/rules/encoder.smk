"""Encoder stage: contrastive fine-tuning of the semantic encoder and its retrieval evaluation.

    snakemake --cores 2 results/encoder/minilm-contrastive/model
    snakemake --cores 2 results/encoder/minilm-contrastive/metrics.json
"""


rule train_encoder:
    """MultipleNegativesRankingLoss on (question, gold SQL) and (question, English question) pairs."""
    input:
        sample=paths.grpo_sample("all"),
        # The train split of every language: each intent's English question, more gold SQL.
        train=expand(paths.SPLIT_FILE, split=config["benchmark"]["train_split"], lang=LANGS),
        base=encoder_base_ready,
        in_domain=in_domain_summary,
    output:
        model=directory(paths.ENCODER_MODEL),
        train_log=paths.ENCODER_TRAIN_LOG,
    params:
        spec=encoder_spec,
        base_dir=encoder_base_dir,
    log:
        "logs/encoder/train_{encoder}.log",
    benchmark:
        "benchmarks/encoder/train_{encoder}.tsv"
    threads: encoder_threads
    resources:
        gpu=encoder_gpus,
        mem_mb=8000,
        runtime=120,
    conda:
        "../../envs/train.yaml"
    script:
        "../scripts/train_encoder.py"


rule eval_encoder:
    """Per-language SQL and cross-lingual retrieval (acc@1, MRR), base model vs fine-tuned."""
    input:
        model=paths.ENCODER_MODEL,
        eval=expand(paths.EVAL_SET, lang=LANGS),
        base=encoder_base_ready,
    output:
        metrics=paths.ENCODER_METRICS,
    params:
        spec=encoder_eval_spec,
        base_dir=encoder_base_dir,
    log:
        "logs/encoder/eval_{encoder}.log",
    benchmark:
        "benchmarks/encoder/eval_{encoder}.tsv"
    threads: encoder_threads
    resources:
        gpu=encoder_gpus,
        mem_mb=4000,
        runtime=30,
    conda:
        "../../envs/train.yaml"
    script:
        "../scripts/eval_encoder.py"
