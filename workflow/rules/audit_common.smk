"""Input functions and params of the reward-validity audit (workflow/rules/audit.smk), kept apart from
the rule so `snakemake --lint` stays clean (rule files hold rules only)."""

import json


def audit_encoder_name():
    """The encoder the semantic reward uses (the audited one), or None."""
    return config["rewards"]["semantic"].get("encoder")


def reward_audit_outputs(wildcards=None):
    """The audit's table and plot when the audit is enabled and an encoder is configured, else nothing."""
    if config["audit"]["enabled"] and audit_encoder_name():
        return [paths.REWARD_VALIDITY_TABLE, paths.REWARD_VALIDITY_PLOT]
    return []


def audit_question_files(wildcards):
    """The audited questions per language: the evaluation sets, or the whole eval split (audit.questions)."""
    if config["audit"]["questions"] == "split":
        return expand(paths.SPLIT_FILE, split=config["benchmark"]["eval_split"], lang=LANGS)
    return expand(paths.EVAL_SET, lang=LANGS)


def audit_trained_encoder(wildcards):
    name = audit_encoder_name()
    if not name:
        raise ValueError(f"{paths.REWARD_VALIDITY_TABLE} needs rewards.semantic.encoder (the audited encoder)")
    return paths.encoder_model(name)


def audit_base_ready(wildcards):
    return model_ready(config["encoders"][audit_encoder_name()]["base_model"])


def audit_base_dir(wildcards):
    return model_dir(config["encoders"][audit_encoder_name()]["base_model"])


def audit_predictions(wildcards):
    """Predictions of the main table's systems (labelled by EX and scored as candidates), if enabled."""
    if not config["audit"]["predictions"]:
        return []
    systems = sorted({s for row in MAIN_ROWS for s in row.systems})
    return expand(paths.PREDICTIONS, system=systems, lang=LANGS)


def audit_settings(wildcards):
    """Everything besides the inputs that changes the table, as canonical JSON (key order irrelevant)."""
    spec = config["encoders"][audit_encoder_name()]
    semantic = config["rewards"]["semantic"]
    settings = {
        # the configured setting (flagged in the table) and the scale; encoder name, batch and cache sizes
        # change no number
        "semantic": {k: v for k, v in semantic.items() if k not in ("encoder", "batch_size", "cache_size", "max_seq_length")},
        "sql": {k: config["sql"][k] for k in ("timeout_s", "max_rows", "max_result_bytes") if k in config["sql"]},
        "max_other_gold": config["audit"]["max_other_gold"],
        "seed": config["data"]["seed"],
        "max_seq_length": semantic.get("max_seq_length") or spec.get("max_seq_length"),
        "device": "cuda" if spec.get("gpu") else "cpu",
    }
    return json.dumps(settings, sort_keys=True)


def audit_threads(wildcards):
    return config["encoders"][audit_encoder_name()].get("threads", 2) if audit_encoder_name() else 1


def audit_gpus(wildcards):
    """GPUs of the audit job: the audited encoder's setting (encoders.<name>.gpu)."""
    return 1 if audit_encoder_name() and config["encoders"][audit_encoder_name()].get("gpu", False) else 0
