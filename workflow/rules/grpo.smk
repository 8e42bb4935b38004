"""GRPO stage: one LoRA adapter per run of the ablation grid (train languages x reward set x seed).

Checkpoints go to results/grpo/{run}/checkpoints/, which is not a declared output: Snakemake keeps
it when a job fails or is killed, and the restarted job resumes from the newest checkpoint.
"""


rule train_grpo:
    """SFT-free GRPO (TRL) with a LoRA adapter and the run's weighted reward set; resumable. Launched on
    grpo.processes x grpo.nodes processes (accelerate, torchrun on CPU, srun across nodes)."""
    input:
        unpack(grpo_heldout_inputs),
        data=run_train_data,
        model=run_model_ready,
        encoders=run_reward_encoders,
    output:
        adapter=directory(paths.GRPO_ADAPTER),
        train_log=paths.GRPO_TRAIN_LOG,
        resolved_config=paths.GRPO_RESOLVED_CONFIG,
    params:
        # Only what changes the adapter and the train log, canonical (see common.smk): the job itself
        # (python -m polysql.grpo.train) reads them, resources and checkpoint cadence included, from the
        # same config; these params make Snakemake rerun a run whose settings changed.
        run=grpo_run,
        model_dir=grpo_model_dir,
        model_spec=grpo_model_spec,
        checkpoints_dir=paths.GRPO_CHECKPOINTS,
        out_dir=paths.GRPO_RUN_DIR,
        grpo=grpo_params,
        rewards=grpo_reward_sections,
        reward_sets=grpo_reward_set,
        prompt=prompt_params(),
        sql=sql_params(),
        data=grpo_data_params,
        launch=grpo_launch,  # how many processes: a resource, which Snakemake does not track as a param
    log:
        "logs/grpo/{run}.log",
    benchmark:
        "benchmarks/grpo/{run}.tsv"
    threads: config["grpo"]["threads"]
    resources:
        gpu=grpo_gpus,
        gres=grpo_gres,
        nodes=grpo_nodes,
        mem_mb=grpo_mem_mb,
        runtime=grpo_runtime,
    conda:
        "../../envs/train.yaml"
    shell:
        "OMP_NUM_THREADS={threads} {params.launch} --run-id {wildcards.run:q} --job-log {log:q} > {log:q} 2>&1"
