"""Reward functions and the registry, on crafted completions and real SQLite databases."""

from __future__ import annotations

import sqlite3

import pytest

from polysql.rewards.registry import REWARD_FACTORIES, RewardContext, build_reward_funcs
from polysql.rewards import semantic
from polysql.rewards.completions import completion_text, is_sql_only, parses_as_one_query

GOLD = "SELECT count(*) FROM singer"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "concert.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE singer (id INTEGER PRIMARY KEY, name TEXT, age INTEGER)")
    conn.executemany("INSERT INTO singer VALUES (?, ?, ?)", [(1, "Ana", 22), (2, "Bo", 31), (3, "Cy", 40)])
    conn.commit()
    conn.close()
    return str(path)


@pytest.fixture(scope="module")
def context():
    return RewardContext(sql_config={"timeout_s": 2.0, "max_rows": 1000, "max_result_bytes": 1_000_000})


def _execution(context, section=None):
    return REWARD_FACTORIES["execution"](section or {}, context=context)


def _score(func, completions, db_path, gold=GOLD, **extra):
    n = len(completions)
    return func(
        prompts=["p"] * n,
        completions=completions,
        db_path=[db_path] * n,
        gold_sql=[gold] * n,
        question=["How many singers?"] * n,
        lang=["en"] * n,
        **extra,
    )


def test_execution_reward_grades_match_wrong_and_error(db_path, context):
    completions = [
        "SELECT count(*) FROM singer;",  # match
        "```sql\nSELECT COUNT(*)\nFROM singer\n```",  # match inside a fence
        "SELECT count(*) FROM singer WHERE age > 25",  # executes, wrong result (2 vs 3)
        "SELECT nope FROM singer",  # error: no such column
        "I do not know.",  # no SQL at all
    ]
    assert _score(_execution(context), completions, db_path) == [1.0, 1.0, 0.1, 0.0, 0.0]


def test_execution_reward_scores_come_from_config(db_path, context):
    reward = _execution(context, {"match": 2.0, "wrong": 0.5, "error": -1.0})
    scores = _score(reward, ["SELECT count(*) FROM singer", "SELECT 1", "SELEC oops"], db_path)
    assert scores == [2.0, 0.5, -1.0]


def test_failing_gold_query_gives_none_not_zero(db_path, context):
    metrics = {}
    scores = _score(
        _execution(context),
        ["SELECT count(*) FROM singer"] * 2,
        db_path,
        gold="SELECT count(*) FROM no_such_table",
        log_metric=metrics.__setitem__,
    )
    assert scores == [None, None]
    assert metrics["rewards/execution/gold_errors"] == 2.0


def test_rewards_accept_chat_message_completions(db_path, context):
    chat = [
        [{"role": "assistant", "content": "SELECT count(*) FROM singer"}],
        [{"role": "assistant", "content": "SELECT name FROM singer"}],
    ]
    assert _score(_execution(context), chat, db_path) == [1.0, 0.1]
    syntax = REWARD_FACTORIES["syntax"]({}, context=context)
    fmt = REWARD_FACTORIES["format"]({}, context=context)
    assert _score(syntax, chat, db_path) == [1.0, 1.0]
    assert _score(fmt, chat, db_path) == [1.0, 1.0]
    assert completion_text([{"role": "user", "content": "x"}, {"role": "assistant", "content": "y"}]) == "y"


def test_execution_reward_names_a_missing_column(context):
    with pytest.raises(KeyError, match="gold_sql"):
        _execution(context)(prompts=["p"], completions=["SELECT 1"], db_path=["x.sqlite"])


@pytest.mark.parametrize(
    "sql, expected",
    [
        ("SELECT name FROM singer WHERE age > 20", True),
        ("SELECT 1 UNION SELECT 2", True),
        ("SELECT a FROM t EXCEPT SELECT a FROM u", True),
        ("WITH x AS (SELECT 1 AS a) SELECT a FROM x", True),
        ("SELECT name FROM singer WHERE", False),
        ("DELETE FROM singer", False),
        ("SELECT 1; SELECT 2", False),
        ("", False),
        ("hello world", False),
    ],
)
def test_parses_as_one_query(sql, expected):
    assert parses_as_one_query(sql) is expected


def test_syntax_reward_uses_the_extracted_sql(db_path, context):
    syntax = REWARD_FACTORIES["syntax"]({}, context=context)
    completions = [
        "The query is:\nSELECT name FROM singer;",  # prose around valid SQL still parses
        "SELECT name FROM singer WHERE",  # truncated
        "no sql here",
        "DELETE FROM singer;",
    ]
    assert _score(syntax, completions, db_path) == [1.0, 0.0, 0.0, 0.0]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("SELECT name FROM singer;", True),
        ("  SELECT name\nFROM singer  \n", True),
        ("```sql\nSELECT name FROM singer;\n```", True),
        ("```\nSELECT name FROM singer\n```", True),
        ("Here is the query: SELECT name FROM singer", False),
        ("SELECT name FROM singer;\nThis lists the singers.", False),
        ("```sql\nSELECT name FROM singer\n```\nDone.", False),
        ("SELECT 1; SELECT 2", False),
        ("SELECT name FROM singer WHERE", False),
        ("", False),
    ],
)
def test_is_sql_only(text, expected):
    assert is_sql_only(text) is expected


def test_build_reward_funcs_keeps_order_weights_and_names(context):
    funcs, weights = build_reward_funcs(
        {"execution": 1.0, "syntax": 0.2, "format": 0.1},
        {"execution": {"match": 1.0, "wrong": 0.1, "error": 0.0}, "syntax": {}},  # format: defaults
        context=context,
    )
    assert [f.__name__ for f in funcs] == ["execution", "syntax", "format"]
    assert weights == [1.0, 0.2, 0.1]


def test_build_reward_funcs_rejects_bad_input(context):
    with pytest.raises(ValueError, match="unknown reward 'exact'.*execution"):
        build_reward_funcs({"exact": 1.0}, {}, context=context)
    with pytest.raises(ValueError, match=r"rewards.execution: unknown key\(s\) \['partial'\]"):
        build_reward_funcs({"execution": 1.0}, {"execution": {"partial": 0.5}}, context=context)
    with pytest.raises(ValueError, match="weight must be a number"):
        build_reward_funcs({"syntax": "high"}, {}, context=context)


def test_semantic_reward_is_built_lazily_from_the_encoder_name(tmp_path, monkeypatch):
    encoder_dir = tmp_path / "encoder" / "model"
    encoder_dir.mkdir(parents=True)
    calls = {}

    def make_semantic_reward(encoder_path, *, anchor="question", batch_size=64):
        calls.update(encoder_path=encoder_path, anchor=anchor, batch_size=batch_size)

        def reward(prompts, completions, **columns):
            return [0.5] * len(completions)

        return reward  # deliberately not named "semantic": the registry names it

    monkeypatch.setattr(semantic, "make_semantic_reward", make_semantic_reward)  # no encoder is loaded
    context = RewardContext(encoder_paths={"mini-enc": str(encoder_dir)})
    funcs, weights = build_reward_funcs(
        {"semantic": 0.5}, {"semantic": {"encoder": "mini-enc", "anchor": "gold_sql", "batch_size": 8}}, context=context
    )
    assert calls == {"encoder_path": str(encoder_dir), "anchor": "gold_sql", "batch_size": 8}
    assert funcs[0].__name__ == "semantic" and weights == [0.5]
    assert funcs[0](["p"], ["SELECT 1"], question=["q"]) == [0.5]

    with pytest.raises(FileNotFoundError, match="encoder 'other'"):
        build_reward_funcs(
            {"semantic": 1.0}, {"semantic": {"encoder": "other"}}, context=RewardContext(encoder_root=tmp_path)
        )
    with pytest.raises(ValueError, match="rewards.semantic.encoder is required"):
        build_reward_funcs({"semantic": 1.0}, {"semantic": {}}, context=context)


def test_real_semantic_reward_joins_a_weighted_set(tmp_path, db_path, context):
    from tiny_encoder import build_tiny_encoder

    encoder = build_tiny_encoder(tmp_path / "enc" / "model", extra_texts=["How many singers?", GOLD])
    ctx = RewardContext(sql_config=context.sql_config, encoder_paths={"tiny": str(encoder)})
    funcs, weights = build_reward_funcs(
        {"execution": 1.0, "semantic": 0.5}, {"semantic": {"encoder": "tiny", "anchor": "question"}}, context=ctx
    )
    assert [f.__name__ for f in funcs] == ["execution", "semantic"] and weights == [1.0, 0.5]
    scores = _score(funcs[1], ["SELECT count(*) FROM singer", "no sql"], db_path)
    # The reward is max(0, cos) between the question and the SQL in the encoder's own space; text
    # that is not SQL scores exactly 0 without reaching the encoder.
    from sentence_transformers import SentenceTransformer

    question, sql = SentenceTransformer(str(encoder), device="cpu").encode(
        ["How many singers?", "SELECT count(*) FROM singer"], normalize_embeddings=True
    )
    assert scores == [pytest.approx(max(0.0, float(question @ sql)), abs=1e-5), 0.0]
    assert _score(funcs[0], ["SELECT count(*) FROM singer", "no sql"], db_path) == [1.0, 0.0]
