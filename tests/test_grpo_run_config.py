"""The typed GRPO run config: one description of a run, whether Snakemake, the CLI or a test builds it."""

from __future__ import annotations

import dataclasses

import pytest

from polysql import paths
from polysql.grpo import fingerprint as fp
from polysql.grpo.run_config import GRPORunConfig
from polysql.grpo.train import main, run_from_config
from polysql.workflow_plan import grpo_output_params
from polysql.workflow_config import load_workflow_config

RUN_ID = "lang~all/reward~exec_semantic/seed~0"


@pytest.fixture()
def config(repo_root, monkeypatch):
    monkeypatch.chdir(repo_root)  # config/config.yaml and the schema are found from the repository root
    return load_workflow_config([], "workflow/schemas/config.schema.yaml")


@pytest.fixture()
def files(tmp_path):
    """A model folder, a training sample and an encoder folder to fingerprint."""
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "config.json").write_text("{}")
    (tmp_path / "encoder").mkdir()
    (tmp_path / "encoder" / "weights.bin").write_text("w")
    (tmp_path / "sample.jsonl").write_text('{"id": "1"}\n')
    return tmp_path


def _fingerprint(run: GRPORunConfig, files) -> dict:
    return fp.run_fingerprint(
        run.grid_entry,
        config=run.training_config(),
        model_path=files / "model",
        train_path=files / "sample.jsonl",
        encoder_paths={"minilm-contrastive": str(files / "encoder")},
    )


def test_every_field_explains_itself():
    for field in dataclasses.fields(GRPORunConfig):
        assert len(field.metadata.get("help", "")) > 10, field.name


def test_the_cli_reads_and_writes_what_the_rule_does(config):
    run = run_from_config(config, RUN_ID)
    assert run.train_path == paths.grpo_sample("all")
    assert run.encoder_paths == {"minilm-contrastive": paths.encoder_model("minilm-contrastive")}
    assert str(run.adapter_dir) == paths.grpo_adapter(RUN_ID)
    assert str(run.train_log_path) == paths.grpo_train_log(RUN_ID)
    assert run.checkpoints_dir == paths.grpo_checkpoints(RUN_ID)
    assert run.heldout_pool == tuple(paths.split_file("dev", lang) for lang in config["languages"])
    assert run.eval_sets == tuple(paths.eval_set(lang) for lang in config["languages"])
    assert run.threads == config["grpo"]["threads"] and run.sql["workers"] == config["sql"]["workers"]
    assert run.grpo["trainer"]["save_steps"] == config["grpo"]["trainer"]["save_steps"]  # cadence, not a param


def test_cli_rule_and_config_mapping_give_one_fingerprint(config, files):
    """A checkpoint written by `python -m polysql.grpo.train` resumes under Snakemake, and the other way round."""
    grid_entry = {"train_lang": "all", "reward_set": "exec_semantic", "seed": 0}
    where = dict(train_path="s", model_path="m", out_dir="o", checkpoints_dir="c")
    from_mapping = GRPORunConfig.from_config(grid_entry, config, **where)
    from_cli = run_from_config(config, RUN_ID)
    params = {
        "run": grid_entry,
        "model_dir": "m",
        "out_dir": "o",
        "checkpoints_dir": "c",
        **grpo_output_params(config, grid_entry),
    }
    from_rule = GRPORunConfig.from_rule(RUN_ID, params, inputs={"data": "s", "encoders": "e/minilm-contrastive/model"})
    expected = _fingerprint(from_mapping, files)
    assert _fingerprint(from_cli, files) == expected
    assert _fingerprint(from_rule, files) == expected
    changed = dataclasses.replace(from_rule, grpo={**from_rule.grpo, "train_size": 3})
    assert fp.changed_parts(expected, _fingerprint(changed, files)) == ["train_size"]


def test_rule_params_of_another_reward_set_are_refused(config):
    grid_entry = {"train_lang": "all", "reward_set": "exec", "seed": 0}
    params = {
        "run": grid_entry,
        "model_dir": "m",
        "out_dir": "o",
        "checkpoints_dir": "c",
        **grpo_output_params(config, {**grid_entry, "reward_set": "exec_semantic"}),
    }
    with pytest.raises(ValueError, match="exec_semantic"):
        GRPORunConfig.from_rule(RUN_ID, params, inputs={"data": "s"})


def test_cli_layers_config_files_as_the_workflow_does(repo_root, monkeypatch, capsys):
    monkeypatch.chdir(repo_root)
    # config/cpu_study.yaml extends config/config.yaml (seeds 0-2), as with `snakemake --configfile`.
    assert main(["--configfile", "config/cpu_study.yaml", "--run", "lang~all/reward~exec/seed~2", "--show"]) == 0
    shown = capsys.readouterr().out
    assert "run_id = 'lang~all/reward~exec/seed~2'" in shown and "seed = 2" in shown
    assert "The run's seed" in shown  # help text beside each value
    with pytest.raises(SystemExit) as exit_info:
        main(["--run", "lang~all/reward~exec/seed~2", "--show"])  # not in the default grid
    assert exit_info.value.code == 2
    assert "is not in the grid" in capsys.readouterr().err


def test_the_cli_run_knows_its_process_layout(config):
    layout = {"processes": 4, "nodes": 2, "strategy": "zero3"}
    run = run_from_config({**config, "grpo": {**config["grpo"], **layout}}, RUN_ID)
    assert {key: run.grpo[key] for key in layout} == layout
    assert run.resolved()["launch"] == {**layout, "world_size": 8}
