"""The contrastive semantic reward: ranking, zero for bad SQL, chat completions, embedding cache."""

from __future__ import annotations

import pytest
from tiny_encoder import TOY_EXAMPLES, toy_trained_encoder

from polysql.rewards.semantic import SemanticReward, make_semantic_reward


@pytest.fixture(scope="module")
def reward():
    _, trained, _ = toy_trained_encoder()
    return make_semantic_reward(trained, anchor="question", device="cpu")


def _call(reward_fn, questions, completions, **extra):
    n = len(completions)
    columns = {"question": questions, "gold_sql": ["SELECT 1"] * n, "lang": ["de"] * n, "db_path": ["x"] * n}
    columns.update(extra)
    return reward_fn([None] * n, completions, **columns)


@pytest.mark.parametrize("lang", ["de", "es", "en"])
def test_correct_sql_outranks_structurally_wrong_sql(reward, lang):
    # For every toy question: its gold SQL beats the gold SQL of another intent on the same database.
    wins = 0
    for index, (db_id, gold, questions) in enumerate(TOY_EXAMPLES):
        wrong = next(sql for other, (db, sql, _) in enumerate(TOY_EXAMPLES) if db == db_id and other != index)
        right_score, wrong_score = _call(reward, [questions[lang]] * 2, [gold, wrong])
        # each score is max(0, cos) of the question and the SQL in the encoder's space
        anchor, right, other = reward.model.encode([questions[lang], gold, wrong], normalize_embeddings=True)
        assert [right_score, wrong_score] == pytest.approx(
            [max(0.0, float(anchor @ right)), max(0.0, float(anchor @ other))], abs=1e-5
        )
        wins += right_score > wrong_score
    assert wins == len(TOY_EXAMPLES)


def test_empty_or_unparsable_completions_score_zero(reward):
    question = TOY_EXAMPLES[0][2]["de"]
    completions = [
        "",
        "I do not know.",
        "SELECT FROM WHERE",
        "DELETE FROM singer",
        "```sql\nSELECT count(*) FROM singer\n```",
    ]
    scores = _call(reward, [question] * len(completions), completions)
    assert scores[:4] == [0.0, 0.0, 0.0, 0.0]
    assert scores[4] > 0.5  # the fenced gold query, extracted


def test_chat_message_completions_match_plain_strings(reward):
    _, gold, questions = TOY_EXAMPLES[1]
    plain = _call(reward, [questions["es"]] * 2, [gold, "nothing"])
    chat = _call(
        reward,
        [questions["es"]] * 2,
        [
            [{"role": "assistant", "content": f"SQL: {gold};"}],
            [{"role": "assistant", "content": "nothing"}],
        ],
    )
    assert chat == pytest.approx(plain)
    assert chat[0] > 0 and chat[1] == 0.0


def test_gold_sql_anchor_and_affine_scale():
    _, trained, _ = toy_trained_encoder()
    affine = make_semantic_reward(trained, anchor="gold_sql", scale="affine", device="cpu")
    _, gold, questions = TOY_EXAMPLES[0]
    scores = affine([None] * 2, [gold, "SELECT 1 FROM"], question=[questions["en"]] * 2, gold_sql=[gold] * 2)
    assert scores[0] == pytest.approx(1.0, abs=1e-5)  # identical text: cos 1 -> 1
    assert scores[1] == 0.0


def test_bad_arguments_and_missing_columns(reward):
    _, trained, _ = toy_trained_encoder()
    with pytest.raises(ValueError, match="anchor"):
        make_semantic_reward(trained, anchor="answer", device="cpu")
    with pytest.raises(ValueError, match="scale"):
        make_semantic_reward(trained, scale="sigmoid", device="cpu")
    with pytest.raises(KeyError, match="question"):
        reward([None], ["SELECT 1"], gold_sql=["SELECT 1"])
    with pytest.raises(ValueError, match="1 values for 2 completions"):
        reward([None, None], ["SELECT 1", "SELECT 2"], question=["q"])


class _CountingModel:
    """Wraps an encoder and records every text it embeds."""

    def __init__(self, model):
        self.model, self.calls = model, []

    def encode(self, texts, **kwargs):
        self.calls.append(list(texts))
        return self.model.encode(texts, **kwargs)


def test_embeddings_are_cached(reward):
    spy = _CountingModel(reward.model)
    fresh = SemanticReward(spy, anchor="question", cache_size=100)
    _, gold, questions = TOY_EXAMPLES[2]
    other = TOY_EXAMPLES[3][1]
    group = [gold, other, gold, gold]  # a GRPO group: one question, repeated completions
    first = _call(fresh, [questions["de"]] * 4, group)
    assert len(spy.calls) == 1 and sorted(spy.calls[0]) == sorted([questions["de"], gold, other])
    second = _call(fresh, [questions["de"]] * 4, group)
    assert second == first and len(spy.calls) == 1  # all from the cache
    assert fresh.cache_info()["encoded_texts"] == 3


def test_cache_is_bounded_lru(reward):
    spy = _CountingModel(reward.model)
    small = SemanticReward(spy, cache_size=2)
    small.embed(["a", "b"])
    small.embed(["a"])  # refresh "a": "b" is now the oldest
    small.embed(["c"])
    assert small.cache_info()["size"] == 2
    small.embed(["a"])
    assert len(spy.calls) == 2  # "a" still cached
    small.embed(["b"])
    assert spy.calls[-1] == ["b"]  # "b" was evicted
