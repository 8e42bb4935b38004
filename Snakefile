"""polysql: multilingual Text-to-SQL with GRPO and contrastive semantic rewards.

    snakemake --cores all results/tables/main.csv                   # embedded default, offline
    snakemake --profile profiles/slurm --configfile config/paper.yaml results/tables/main.csv

Stages (one rule file each): data -> models (prepare, generate, evaluate) -> warm start -> encoder -> grpo -> report.
"""

from polysql.config_files import DEFAULT_CONFIGFILE, check_config_files_early

# Config layers that cannot leak (polysql.workflow_config.read_config_layers): the embedded CPU demo,
# config/config.yaml, is the config only when no --configfile is given. A --configfile is a whole setup
# (config/paper.yaml) unless it starts with `extends: <file>` (config/cpu_study.yaml); common.smk builds
# the config from the layers, reading each file strictly (Snakemake's own YAML error names neither file
# nor line, and it keeps the last of two equal keys).
if not workflow.overwrite_configfiles:
    check_config_files_early([DEFAULT_CONFIGFILE])

    configfile: DEFAULT_CONFIGFILE



include: "workflow/rules/common.smk"
include: "workflow/rules/data.smk"
include: "workflow/rules/models.smk"
include: "workflow/rules/warm_start.smk"
include: "workflow/rules/encoder.smk"
include: "workflow/rules/grpo.smk"
include: "workflow/rules/audit.smk"
include: "workflow/rules/report.smk"


rule all:
    """The main table (and, through it, every plot it shows)."""
    default_target: True
    input:
        paths.MAIN_TABLE,
