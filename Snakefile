"""polysql: multilingual Text-to-SQL with GRPO and contrastive semantic rewards.

    snakemake --cores all results/tables/main.csv                   # embedded default, offline
    snakemake --profile profiles/slurm --configfile config/paper.yaml results/tables/main.csv

Stages (one rule file each): data -> models (prepare, generate, evaluate) -> encoder -> grpo -> report.
"""

configfile: "config/config.yaml"


include: "workflow/rules/common.smk"
include: "workflow/rules/data.smk"
include: "workflow/rules/models.smk"
include: "workflow/rules/encoder.smk"
include: "workflow/rules/grpo.smk"
include: "workflow/rules/report.smk"


rule all:
    """The main table (and, through it, every plot it shows)."""
    default_target: True
    input:
        "results/tables/main.csv",
