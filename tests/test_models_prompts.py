"""Prompt building: schema and question present, shots from other databases, chat template."""

import sqlite3

import pytest

from polysql.models.prompts import (  # noqa: E402
    build_messages,
    build_prompt,
    render_prompt,
    select_shots,
    shot_schema_text,
)
from tiny_llama import train_tokenizer  # noqa: E402

SCHEMAS = {
    "concert": [
        "CREATE TABLE singer (singer_id INTEGER PRIMARY KEY, name TEXT, age INTEGER)",
        "CREATE TABLE stadium (stadium_id INTEGER PRIMARY KEY, location TEXT, capacity INTEGER)",
        "INSERT INTO singer VALUES (1, 'Ann', 31), (2, 'Bo', 25)",
    ],
    "shop": [
        "CREATE TABLE shop (shop_id INTEGER PRIMARY KEY, city TEXT)",
        "CREATE TABLE item (item_id INTEGER PRIMARY KEY, shop_id INTEGER REFERENCES shop(shop_id), price REAL)",
    ],
    "school": ["CREATE TABLE student (student_id INTEGER PRIMARY KEY, grade INTEGER)"],
    "zoo": ["CREATE TABLE animal (animal_id INTEGER PRIMARY KEY, species TEXT)"],
}
QUESTIONS = {
    "concert": ("How many singers are there?", "SELECT count(*) FROM singer"),
    "shop": ("What is the most expensive item?", "SELECT max(price) FROM item"),
    "school": ("List all grades.", "SELECT grade FROM student"),
    "zoo": ("Which species live here?", "SELECT DISTINCT species FROM animal"),
}


@pytest.fixture(scope="module")
def dbs(tmp_path_factory):
    root = tmp_path_factory.mktemp("dbs")
    paths = {}
    for db_id, statements in SCHEMAS.items():
        path = root / db_id / f"{db_id}.sqlite"
        path.parent.mkdir()
        with sqlite3.connect(path) as conn:
            for statement in statements:
                conn.execute(statement)
        paths[db_id] = str(path)
    return paths


def _record(db_id, lang, dbs, number=0, split="train"):
    question, sql = QUESTIONS[db_id]
    return {
        "id": f"{split}-{db_id}-{number}-{lang}",
        "intent": f"{split}-{db_id}-{number}",
        "lang": lang,
        "split": split,
        "db_id": db_id,
        "db_path": dbs[db_id],
        "question": f"[{lang}] {question}",
        "gold_sql": sql,
        "hardness": "easy",
    }


@pytest.fixture(scope="module")
def pool(dbs):
    return [_record(db, lang, dbs, n) for db in SCHEMAS for lang in ("en", "de") for n in range(3)]


def test_build_messages_layout(dbs):
    example = _record("concert", "de", dbs, split="dev")
    shot = _record("shop", "de", dbs)
    messages = build_messages(
        example, schema_text="CREATE TABLE singer (name TEXT);", shots=[shot], system="Answer with SQL."
    )
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[0]["content"] == "Answer with SQL."
    # The shot's schema is read from its own database, only the tables its SQL uses.
    assert "CREATE TABLE item" in messages[1]["content"] and "CREATE TABLE shop" not in messages[1]["content"]
    assert messages[1]["content"].endswith("Question: [de] What is the most expensive item?")
    assert messages[2]["content"] == "SELECT max(price) FROM item;"
    assert "CREATE TABLE singer (name TEXT);" in messages[3]["content"]
    assert messages[3]["content"].endswith("Question: [de] How many singers are there?")


def test_no_system_turn_when_empty(dbs):
    messages = build_messages(_record("zoo", "en", dbs), schema_text="S", shots=[], system="")
    assert [m["role"] for m in messages] == ["user"]


def test_shot_schema_falls_back_to_all_tables(dbs):
    shot = dict(_record("concert", "en", dbs), gold_sql="SELECT 1")
    text = shot_schema_text(shot)
    assert "CREATE TABLE singer" in text and "CREATE TABLE stadium" in text


def test_select_shots_other_databases_same_language_first(dbs, pool):
    example = _record("concert", "de", dbs, split="dev")
    shots = select_shots(example, pool, k=3, seed=0)
    assert len(shots) == 3
    assert all(shot["db_id"] != "concert" for shot in shots)
    assert {shot["lang"] for shot in shots} == {"de"}
    assert len({shot["db_id"] for shot in shots}) == 3  # distinct databases while possible
    # Deterministic per example id and seed; another id draws independently.
    assert select_shots(example, pool, k=3, seed=0) == shots
    draws = {tuple(s["id"] for s in select_shots(dict(example, id=f"dev-{i}"), pool, 3, 0)) for i in range(12)}
    assert len(draws) > 1


def test_select_shots_fills_from_other_languages_and_never_same_intent(dbs, pool):
    example = _record("concert", "fr", dbs, split="dev")  # no French in the pool
    shots = select_shots(example, pool, k=2, seed=1)
    assert len(shots) == 2 and all(s["lang"] in {"en", "de"} and s["db_id"] != "concert" for s in shots)
    train_example = _record("shop", "en", dbs, number=1)  # an example of the pool itself
    assert all(s["intent"] != train_example["intent"] for s in select_shots(train_example, pool, 20, 0))
    assert select_shots(example, pool, k=0, seed=0) == []
    small = [s for s in pool if s["db_id"] == "shop"][:2]
    assert len(select_shots(example, small, k=3, seed=0)) == 2  # pool too small: what exists


def test_render_prompt_chat_template():
    tokenizer = train_tokenizer()
    messages = [{"role": "system", "content": "S"}, {"role": "user", "content": "Q"}]
    text = render_prompt(tokenizer, messages)
    assert text == "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nQ<|im_end|>\n<|im_start|>assistant\n"
    plain = render_prompt(
        tokenizer, messages + [{"role": "assistant", "content": "SELECT 1;"}, messages[1]], chat_template=False
    )
    assert plain == "S\n\nQ\nSQL: SELECT 1;\n\nQ\nSQL:"
    tokenizer.chat_template = None
    with pytest.raises(ValueError, match="prompt.chat_template"):
        render_prompt(tokenizer, messages)


def test_build_prompt_end_to_end(dbs, pool):
    tokenizer = train_tokenizer()
    example = _record("concert", "en", dbs, split="dev")
    cfg = {"system": "Write SQLite.", "shots": 2, "sample_rows": 1, "chat_template": True}
    text = build_prompt(example, tokenizer, pool=pool, prompt_config=cfg, seed=0)
    assert text.startswith("<|im_start|>system\nWrite SQLite.<|im_end|>")
    assert text.endswith("Question: [en] How many singers are there?<|im_end|>\n<|im_start|>assistant\n")
    assert text.count("<|im_start|>assistant\n") == 3  # two shots + the generation prompt
    assert "CREATE TABLE singer" in text and "'Ann'" in text  # schema with one sample row
    assert text == build_prompt(example, tokenizer, pool=pool, prompt_config=cfg, seed=0)
