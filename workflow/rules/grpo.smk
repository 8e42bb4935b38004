"""GRPO stage: one LoRA adapter per run of the ablation grid (train languages x reward set x seed).

Checkpoints go to results/grpo/{run}/checkpoints/, which is not a declared output: Snakemake keeps
it when a job fails or is killed, and the restarted job resumes from the newest checkpoint.
"""


rule train_grpo:
    """SFT-free GRPO (TRL) with a LoRA adapter and the run's weighted reward set; resumable."""
    input:
        data=run_train_data,
        model=run_model_ready,
        encoders=run_reward_encoders,
    output:
        adapter=directory("results/grpo/{run}/adapter"),
        train_log="results/grpo/{run}/train_log.jsonl",
    params:
        run=grpo_run,
        model_dir=grpo_model_dir,
        checkpoints_dir="results/grpo/{run}/checkpoints",
        out_dir="results/grpo/{run}",
        grpo=config["grpo"],
        rewards=config["rewards"],
        reward_sets=config["reward_sets"],
        prompt=config["prompt"],
        sql=config["sql"],
        data=config["data"],
    log:
        "logs/grpo/{run}.log",
    benchmark:
        "benchmarks/grpo/{run}.tsv"
    threads: config["grpo"]["threads"]
    resources:
        gpu=grpo_gpus,
        mem_mb=grpo_mem_mb,
        runtime=grpo_runtime,
    conda:
        "../../envs/train.yaml"
    script:
        "../scripts/train_grpo.py"
