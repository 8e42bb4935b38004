"""Reward-validity audit: does the semantic reward score equivalent SQL above wrong SQL, and can it be gamed?

    snakemake --cores 2 results/tables/reward_validity.csv

Encoder inference only (base and trained encoder), on the evaluation sets; part of the main target
(an input of the main table) when `audit.enabled` is true and `rewards.semantic.encoder` is set.
See polysql.rewards.audit for the candidates and metrics.
"""

include: "audit_common.smk"


rule reward_audit:
    """AUC of the semantic reward (verified equivalent rewrites vs wrong candidates, with bootstrap
    interval) and hack rate of probes, per language, base vs trained encoder, both anchors, every
    guard, beside the n-gram controls."""
    input:
        eval=audit_question_files,
        encoder=audit_trained_encoder,
        base=audit_base_ready,
        predictions=audit_predictions,
    output:
        table=report(paths.REWARD_VALIDITY_TABLE, caption="../report/reward_validity.rst", category="Reward validity"),
        plot=report(paths.REWARD_VALIDITY_PLOT, caption="../report/reward_validity.rst", category="Reward validity"),
    params:
        base_dir=audit_base_dir,
        settings=audit_settings,
    log:
        "logs/report/reward_audit.log",
    benchmark:
        "benchmarks/report/reward_audit.tsv"
    threads: audit_threads
    resources:
        gpu=audit_gpus,
        mem_mb=4000,
        runtime=30,
    conda:
        "../../envs/train.yaml"
    script:
        "../scripts/reward_audit.py"
