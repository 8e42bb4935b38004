"""Report stage: the paper's tables and plots, with captions for `snakemake --report`."""


rule main_table:
    """The main table (EX/Sem per language with 95% CIs), significance, hardness, consistency, bars."""
    input:
        unpack(main_table_inputs),
        audit=reward_audit_outputs,  # the reward-validity audit (workflow/rules/audit.smk) is part of the main target
    output:
        main=report("results/tables/main.csv", caption="../report/main_table.rst", category="Tables"),
        markdown="results/tables/main.md",
        significance=report("results/tables/significance.csv", caption="../report/significance.rst", category="Tables"),
        hardness=report("results/tables/hardness.csv", caption="../report/hardness.rst", category="Tables"),
        consistency=report("results/tables/consistency.csv", caption="../report/consistency.rst", category="Tables"),
        bars=report("results/plots/main_bars.png", caption="../report/main_bars.rst", category="Plots"),
    params:
        metrics_dir="results/metrics",
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
        grid=report("results/tables/ablation_grid.csv", caption="../report/ablation_grid.rst", category="Ablations"),
        reward=report("results/tables/ablation_reward.csv", caption="../report/ablation_reward.rst", category="Ablations"),
        transfer=report("results/tables/ablation_transfer.csv", caption="../report/ablation_transfer.rst", category="Ablations"),
        heatmap=report("results/plots/ablation_heatmap.png", caption="../report/ablation_heatmap.rst", category="Plots"),
    params:
        metrics_dir="results/metrics",
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
        plot=report("results/plots/training_curves.png", caption="../report/training_curves.rst", category="Plots"),
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
        plot=report("results/plots/encoder_retrieval.png", caption="../report/encoder_retrieval.rst", category="Plots"),
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
