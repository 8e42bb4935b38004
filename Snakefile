"""polysql: multilingual Text-to-SQL with GRPO and contrastive semantic rewards.

    snakemake --cores all results/tables/main.csv                   # embedded default, offline
    snakemake --profile profiles/slurm --configfile config/paper.yaml results/tables/main.csv

Stages (one rule file each): data -> models (prepare, generate, evaluate) -> warm start -> encoder -> grpo -> report.
"""

from polysql.workflow_config import check_config_files_early

# Snakemake's own YAML error names neither file nor line, and it keeps the last of two equal keys:
# read the default config strictly first (--configfile files are read again in common.smk).
check_config_files_early(["config/config.yaml"])


configfile: "config/config.yaml"


include: "workflow/rules/common.smk"
include: "workflow/rules/data.smk"
include: "workflow/rules/models.smk"
include: "workflow/rules/warmstart.smk"
include: "workflow/rules/encoder.smk"
include: "workflow/rules/grpo.smk"
include: "workflow/rules/audit.smk"
include: "workflow/rules/report.smk"


rule all:
    """The main table (and, through it, every plot it shows)."""
    default_target: True
    input:
        paths.MAIN_TABLE,
