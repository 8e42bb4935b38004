"""Gold queries of the GRPO sample run at start-up: a failing one stops the job before the model
loads, naming the record; ``reliability.gold_failures_allowed`` tolerates a counted number."""

from __future__ import annotations

import json
import logging
import sqlite3

import pytest

from polysql.grpo.sample_check import check_sample_gold
from polysql.grpo.train import train_grpo
from polysql.io import DataError, read_jsonl
from test_grpo import RUN, _chars_reward, _config, tiny_model, train_path  # noqa: F401  (fixtures)


@pytest.fixture()
def broken_sample(tmp_path, train_path):
    """The test sample with one record's database edited after sampling: its table is gone."""
    records = read_jsonl(train_path)
    db = tmp_path / "edited.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE other (id INTEGER)")
    conn.close()
    records[2] = {**records[2], "id": "train-edited", "db_path": str(db)}
    path = tmp_path / "grpo_train_all.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_a_failing_gold_query_is_named(broken_sample):
    records = read_jsonl(broken_sample)
    with pytest.raises(
        DataError,
        match=r"grpo_train_all\.jsonl: 1 of 6 gold queries fail before training "
        r"\(reliability\.gold_failures_allowed allows 0\): record 3 \(id train-edited, "
        r".*edited\.sqlite\): .*no such table: singer",
    ):
        check_sample_gold(records, source=broken_sample)


def test_an_allowed_failure_is_left_out_and_counted(broken_sample, caplog):
    records = read_jsonl(broken_sample)
    with caplog.at_level(logging.WARNING, logger="polysql.grpo.sample_check"):
        kept, failures = check_sample_gold(records, source=broken_sample, allowed=1)
    assert [r["id"] for r in kept] == [r["id"] for r in records if r["id"] != "train-edited"]
    assert [f["record"] for f in failures] == [3]
    assert "1 of 6 gold queries fail" in caplog.text and "left out of training" in caplog.text


def test_the_job_stops_before_the_model_loads(broken_sample, tmp_path):
    out_dir = tmp_path / "run"
    with pytest.raises(DataError, match=r"record 3 \(id train-edited"):  # a missing model would fail later
        train_grpo(
            RUN,
            train_path=broken_sample,
            model_path=tmp_path / "no-model-here",
            out_dir=out_dir,
            checkpoints_dir=out_dir / "checkpoints",
            config=_config(max_steps=1),
        )
    assert not (out_dir / "checkpoints").exists()


def test_with_the_switch_the_run_trains_and_counts(broken_sample, tmp_path, tiny_model):
    out_dir = tmp_path / "run"
    config = {**_config(max_steps=1), "reliability": {"gold_failures_allowed": 1}}
    summary = train_grpo(
        RUN,
        train_path=broken_sample,
        model_path=tiny_model,
        out_dir=out_dir,
        checkpoints_dir=out_dir / "checkpoints",
        config=config,
    )
    assert summary["gold_failures"] == 1 and summary["global_step"] == 1
