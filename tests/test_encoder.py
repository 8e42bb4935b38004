"""Contrastive encoder: training pairs, fine-tuning (loss goes down) and retrieval evaluation."""

from __future__ import annotations

import json

import numpy as np
import pytest
from tiny_encoder import TOY_LANGS, toy_records, toy_trained_encoder

from polysql.encoder.evaluate import average_metrics, evaluate_encoder, rank_of, retrieval_metrics
from polysql.encoder.model import load_encoder
from polysql.encoder.pairs import (
    build_training_sets,
    cross_lingual_pairs,
    hard_negative_triplets,
    sql_skeleton,
)
from polysql.encoder.train import TRAIN_INFO_FILE
from polysql.io import DataError


def _by_lang(records):
    return {lang: [r for r in records if r["lang"] == lang] for lang in TOY_LANGS}


def test_sql_skeleton_ignores_values_but_not_structure():
    assert sql_skeleton("SELECT name FROM t WHERE age > 30") == sql_skeleton("select name from t where age >  41")
    assert sql_skeleton("SELECT name FROM t WHERE x = 'a'") != sql_skeleton("SELECT count(*) FROM t WHERE x = 'a'")


def test_training_sets_pairs_and_cross_lingual():
    records = toy_records()
    sets = build_training_sets(records, records, cross_lingual=True, hard_negatives=False)
    assert sorted(sets) == ["cross_lingual", "question_sql"]
    assert len(sets["question_sql"]) == len(records)  # one pair per record, nothing dropped
    # Every non-English question is paired with its own intent's English question.
    english = {r["intent"]: r["question"] for r in records if r["lang"] == "en"}
    expected = sorted((r["question"], english[r["intent"]]) for r in records if r["lang"] != "en")
    assert sorted((row["anchor"], row["positive"]) for row in sets["cross_lingual"]) == expected


def test_hard_negatives_share_the_database_but_not_the_structure():
    records = toy_records()
    triplets, pairs = hard_negative_triplets(records, records, seed=0)
    assert len(triplets) + len(pairs) == len(records)
    db_of_sql = {r["gold_sql"]: r["db_id"] for r in records}
    assert triplets, "every toy database has several structures"
    for row in triplets:
        assert db_of_sql[row["negative"]] == db_of_sql[row["positive"]]
        assert sql_skeleton(row["negative"]) != sql_skeleton(row["positive"])
    # Seeded: the same seed gives the same negatives.
    assert hard_negative_triplets(records, records, seed=0) == (triplets, pairs)
    # A database with a single structure leaves its records as plain pairs.
    lone = [dict(records[0], db_id="lonely")]
    assert hard_negative_triplets(lone, [], seed=0) == (
        [],
        [{"anchor": lone[0]["question"], "positive": lone[0]["gold_sql"]}],
    )


def test_cross_lingual_pairs_missing_english_intent_is_an_error():
    records = [r for r in toy_records() if r["lang"] == "de"]
    with pytest.raises(DataError, match="no English question for intent"):
        cross_lingual_pairs(records, [], source="train_en.jsonl")


def test_rank_counts_ties_against_the_model():
    candidates = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    assert rank_of(np.array([1.0, 0.0]), candidates, 0) == 2  # tied with candidate 1
    assert rank_of(np.array([0.0, 1.0]), candidates, 2) == 1


def test_training_lowers_the_loss_and_saves_a_model():
    base, trained, summary = toy_trained_encoder()
    log = [json.loads(line) for line in (trained.parent / "train_log.jsonl").read_text().splitlines()]
    assert len(log) == summary["steps"] >= 20
    assert [row["step"] for row in log] == list(range(1, len(log) + 1))
    first, last = np.mean([r["loss"] for r in log[:5]]), np.mean([r["loss"] for r in log[-5:]])
    assert first > 1.0  # about log(batch) for an untrained encoder
    assert last < 0.25 * first
    assert summary["sets"] == {"question_sql_hard": 36, "cross_lingual": 24}
    info = json.loads((trained / TRAIN_INFO_FILE).read_text())
    assert info["hyperparameters"]["hard_negatives"] is True
    # The saved folder loads offline and differs from the base model.
    text = "Wie viele Sänger gibt es?"
    before = load_encoder(base, device="cpu").encode([text])[0]
    after = load_encoder(trained, device="cpu").encode([text])[0]
    assert not np.allclose(before, after)


def test_retrieval_after_training_beats_before():
    base, trained, _ = toy_trained_encoder()
    metrics = evaluate_encoder(base, trained, _by_lang(toy_records()), device="cpu")
    assert set(metrics["before"]) == set(TOY_LANGS)
    for lang in TOY_LANGS:
        after = metrics["after"][lang]
        assert after["n"] == 12 and after["sql_candidates"] == 4.0
        assert after["sql_acc@1"] > metrics["before"][lang]["sql_acc@1"]
        assert after["sql_mrr"] >= after["sql_acc@1"]
    assert metrics["after"]["en"]["xling_acc@1"] is None  # identity task, left out
    avg = metrics["average"]
    assert avg["after"]["sql_acc@1"] >= 0.9 > avg["before"]["sql_acc@1"]
    assert avg["after"]["xling_acc@1"] > avg["before"]["xling_acc@1"]
    assert avg["after"]["xling_acc@1"] == pytest.approx(
        np.mean([metrics["after"][lang]["xling_acc@1"] for lang in ("de", "es")])
    )


def test_retrieval_metrics_reject_mixed_languages():
    base, _, _ = toy_trained_encoder()
    with pytest.raises(DataError, match="several languages"):
        retrieval_metrics(load_encoder(base, device="cpu"), toy_records(), None)


def test_average_skips_missing_values():
    avg = average_metrics(
        {
            "en": {"sql_acc@1": 1.0, "sql_mrr": 1.0, "xling_acc@1": None, "xling_mrr": None},
            "de": {"sql_acc@1": 0.0, "sql_mrr": 0.5, "xling_acc@1": 0.5, "xling_mrr": 0.75},
        }
    )
    assert avg == {"sql_acc@1": 0.5, "sql_mrr": 0.75, "xling_acc@1": 0.5, "xling_mrr": 0.75}


def test_training_is_seeded(tmp_path):
    from polysql.encoder.train import train_encoder

    base, _, _ = toy_trained_encoder()
    records = toy_records()
    logs = []
    for run in ("a", "b"):
        train_encoder(
            base,
            tmp_path / run / "model",
            records,
            records,
            epochs=1,
            batch_size=8,
            learning_rate=1e-3,
            hard_negatives=False,
            seed=3,
            log_path=tmp_path / run / "log.jsonl",
            threads=1,
            device="cpu",
        )
        logs.append([json.loads(line)["loss"] for line in (tmp_path / run / "log.jsonl").read_text().splitlines()])
    assert logs[0] == pytest.approx(logs[1])
    text = ["SELECT count(*) FROM book"]
    a = load_encoder(tmp_path / "a" / "model", device="cpu").encode(text)
    b = load_encoder(tmp_path / "b" / "model", device="cpu").encode(text)
    np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_a_plain_transformers_folder_loads_as_transformer_plus_mean_pooling(tmp_path):
    """A hub layout without modules.json (FacebookAI/xlm-roberta-base) is a sentence encoder: the transformer's
    token states, mean-pooled over the attention mask, as sentence-transformers builds it."""
    import shutil

    import torch
    from transformers import AutoModel, AutoTokenizer

    from polysql.encoder.model import load_encoder
    from tiny_encoder import build_tiny_encoder

    st_dir = build_tiny_encoder(tmp_path / "st")
    plain = tmp_path / "plain"
    plain.mkdir()
    for path in st_dir.iterdir():  # the transformer's own files only (sentence-transformers keeps them at the top)
        if path.is_file() and path.name not in (
            "modules.json",
            "sentence_bert_config.json",
            "config_sentence_transformers.json",
        ):
            shutil.copy(path, plain / path.name)
    assert not (plain / "modules.json").exists()
    texts = ["How many singers are there?", "SELECT count(*) FROM singer"]
    encoder = load_encoder(plain, device="cpu")
    got = torch.as_tensor(encoder.encode(texts))
    tokenizer, model = AutoTokenizer.from_pretrained(plain), AutoModel.from_pretrained(plain)
    batch = tokenizer(texts, padding=True, return_tensors="pt")
    with torch.no_grad():
        states = model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    expected = (states * mask).sum(1) / mask.sum(1)
    assert torch.allclose(got, expected, atol=1e-5)
    assert torch.allclose(got, torch.as_tensor(load_encoder(st_dir, device="cpu").encode(texts)), atol=1e-5)
    with pytest.raises(FileNotFoundError, match="not an encoder folder"):
        load_encoder(tmp_path, device="cpu")
