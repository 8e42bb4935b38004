"""Report stage: the paper's tables and plots, with captions for `snakemake --report`."""


rule main_table:
    """The main table (EX/Sem per language with 95% CIs), significance, hardness, consistency, bars."""
    input:
        unpack(main_table_inputs),
        audit=reward_audit_outputs,  # the reward-validity audit (workflow/rules/audit.smk) is part of the main target
    output:
        main=report(paths.MAIN_TABLE, caption="../report/main_table.rst", category="Tables"),
        markdown=paths.MAIN_MARKDOWN,
        significance=report(paths.SIGNIFICANCE_TABLE, caption="../report/significance.rst", category="Tables"),
        hardness=report(paths.HARDNESS_TABLE, caption="../report/hardness.rst", category="Tables"),
        consistency=report(paths.CONSISTENCY_TABLE, caption="../report/consistency.rst", category="Tables"),
        bars=report(paths.MAIN_BARS, caption="../report/main_bars.rst", category="Plots"),
    params:
        metrics_dir=paths.METRICS_DIR,
        # languages, bootstrap_samples, confidence, seed, rows (labels, compare_to), runs: a rerun trigger
        report=main_report_params(),
    log:
        "logs/report/main_table.log",
    benchmark:
        "benchmarks/report/main_table.tsv"
    threads: 1
    resources:
        mem_mb=4000,
        runtime=30,
    conda:
        "../../envs/data.yaml"
    script:
        "../scripts/report_main.py"


rule ablation_tables:
    """The ablation grid: reward set x language and train language x eval language, deltas vs the reference."""
    input:
        metrics=grid_metrics,
    output:
        grid=report(paths.ABLATION_GRID, caption="../report/ablation_grid.rst", category="Ablations"),
        reward=report(paths.ABLATION_REWARD, caption="../report/ablation_reward.rst", category="Ablations"),
        transfer=report(paths.ABLATION_TRANSFER, caption="../report/ablation_transfer.rst", category="Ablations"),
        heatmap=report(paths.ABLATION_HEATMAP, caption="../report/ablation_heatmap.rst", category="Plots"),
    params:
        metrics_dir=paths.METRICS_DIR,
        # languages, bootstrap_samples, confidence, seed, reference reward set, runs: a rerun trigger
        report=ablation_report_params(),
    log:
        "logs/report/ablation_tables.log",
    benchmark:
        "benchmarks/report/ablation_tables.tsv"
    threads: 1
    resources:
        mem_mb=8000,
        runtime=60,
    conda:
        "../../envs/data.yaml"
    script:
        "../scripts/report_ablation.py"


rule training_curves:
    """GRPO training curves (each reward component against the step) of the main table's runs."""
    input:
        unpack(main_train_logs),
    output:
        plot=report(paths.TRAINING_CURVES, caption="../report/training_curves.rst", category="Plots"),
    log:
        "logs/report/training_curves.log",
    threads: 1
    conda:
        "../../envs/data.yaml"
    script:
        "../scripts/report_curves.py"


rule encoder_plot:
    """Encoder retrieval accuracy@1 per language before and after contrastive fine-tuning."""
    input:
        unpack(encoder_metrics),
    output:
        plot=report(paths.ENCODER_RETRIEVAL, caption="../report/encoder_retrieval.rst", category="Plots"),
    params:
        languages=LANGS,
    log:
        "logs/report/encoder_plot.log",
    threads: 1
    conda:
        "../../envs/data.yaml"
    script:
        "../scripts/report_encoder.py"


rule ablations:
    """Target: every run of the grid, evaluated and tabulated."""
    input:
        rules.ablation_tables.output,


rule resolved_config:
    """The whole config of this invocation, layers merged and schema defaults filled in, as every job
    sees it: `snakemake --configfile config/paper.yaml results/config.resolved.yaml` shows what a
    setup resolves to before any GPU hour is spent."""
    output:
        paths.RESOLVED_CONFIG,
    params:
        config=canonical_params(dict(config)),
    log:
        "logs/report/resolved_config.log",
    localrule: True
    threads: 1
    run:
        from polysql.workflow_config import dump_config

        Path(output[0]).write_text(dump_config(params.config), encoding="utf-8")


use rule main_table as main_table_in_domain with:
    """The main table's rows on the in-domain evaluation set (data.in_domain_eval): unseen questions on the
    training databases, a positive control for learning beside the evaluation split."""
    input:
        metrics=in_domain_table_examples,
    output:
        main=report(paths.in_domain(paths.MAIN_TABLE), caption="../report/main_table.rst", category="In-domain"),
        markdown=paths.in_domain(paths.MAIN_MARKDOWN),
        significance=paths.in_domain(paths.SIGNIFICANCE_TABLE),
        hardness=paths.in_domain(paths.HARDNESS_TABLE),
        consistency=paths.in_domain(paths.CONSISTENCY_TABLE),
        bars=paths.in_domain(paths.MAIN_BARS),
    params:
        metrics_dir=paths.in_domain(paths.METRICS_DIR),
        report=main_report_params(),
        heading="In-domain evaluation set: unseen questions on the training databases (config data.in_domain_eval)",
    log:
        "logs/report/main_table_in_domain.log",
    benchmark:
        "benchmarks/report/main_table_in_domain.tsv"
