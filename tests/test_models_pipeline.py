"""The generate -> evaluate chain on a real SQLite database with a stub and a tiny real model."""

import sqlite3

import pytest
import torch

from polysql.models.generate import make_generator  # noqa: E402
from polysql.models.pipeline import generate_by_language, generate_predictions  # noqa: E402
from polysql.sql.evaluate import evaluate_predictions  # noqa: E402
from tiny_llama import build_tiny_llama  # noqa: E402


class CannedGenerator:
    """Answers each prompt with a fixed completion picked by a word of its question."""

    def __init__(self, tokenizer, answers):
        self.tokenizer = tokenizer
        self.answers = answers
        self.prompts = []

    def generate(self, prompts):
        self.prompts = list(prompts)
        return [next(text for key, text in self.answers.items() if key in p.rsplit("Question:", 1)[1]) for p in prompts]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "concert" / "concert.sqlite"
    path.parent.mkdir()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE singer (singer_id INTEGER PRIMARY KEY, name TEXT, age INTEGER)")
        conn.execute("INSERT INTO singer VALUES (1, 'Ann', 31), (2, 'Bo', 25), (3, 'Cy', 40)")
    return str(path)


def _examples(db):
    rows = [
        ("How many singers?", "SELECT count(*) FROM singer"),
        ("Oldest singer name?", "SELECT name FROM singer ORDER BY age DESC LIMIT 1"),
        ("Names of singers?", "SELECT name FROM singer"),
    ]
    return [
        {
            "id": f"dev-{i}-en",
            "intent": f"dev-{i}",
            "lang": "en",
            "split": "dev",
            "db_id": "concert",
            "db_path": db,
            "question": q,
            "gold_sql": sql,
            "hardness": "easy",
        }
        for i, (q, sql) in enumerate(rows)
    ]


def test_generate_then_evaluate_counts(db, tmp_path):
    from tiny_llama import train_tokenizer

    answers = {
        "How many": "```sql\nSELECT COUNT(*)\nFROM singer;\n```",  # right, in a fence
        "Oldest": "SQL: SELECT name FROM singer ORDER BY age ASC LIMIT 1; -- wrong order",  # runs, wrong
        "Names": "I think the answer is the names.",  # no SQL at all
    }
    generator = CannedGenerator(train_tokenizer(), answers)
    examples = _examples(db)
    records = generate_predictions(examples, generator, prompt_config={"system": "S", "shots": 0})
    assert "CREATE TABLE singer" in generator.prompts[0]
    assert [r["prediction"] for r in records] == [
        "SELECT COUNT(*) FROM singer",
        "SELECT name FROM singer ORDER BY age ASC LIMIT 1",
        "",
    ]
    assert records[1]["completion"] == answers["Oldest"]
    per_example, summary = evaluate_predictions(records, sql_config={"timeout_s": 1.0}, system="stub", lang="en")
    assert [e["exec"] for e in per_example] == [1, 0, 0]
    assert [e["id"] for e in per_example] == [e["id"] for e in examples]
    assert summary["system"] == "stub" and summary["lang"] == "en" and summary["n"] == 3
    assert summary["ex"] == pytest.approx(1 / 3)
    assert per_example[0]["exact_match"] == 1 and per_example[1]["exact_match"] == 0


def test_tiny_model_end_to_end(db, tmp_path):
    torch.set_num_threads(1)
    generator = make_generator(
        "transformers",
        build_tiny_llama(tmp_path / "tiny"),
        batch_size=2,
        max_new_tokens=4,
        device="cpu",
        progress=False,
    )
    records = generate_predictions(_examples(db), generator, prompt_config={"system": "S", "shots": 0})
    per_example, summary = evaluate_predictions(records, system="tiny", lang="en")
    assert summary["n"] == 3 and summary["ex"] == 0  # random weights write no working SQL
    assert all(e["exec"] == 0 for e in per_example)


def _in_language(examples, lang):
    return [{**ex, "id": ex["id"].replace("-en", f"-{lang}"), "lang": lang} for ex in examples]


def test_generate_by_language_splits_one_pass_back_per_language(db):
    from tiny_llama import train_tokenizer

    answers = {"How many": "SELECT count(*) FROM singer", "Oldest": "SELECT 1", "Names": "SELECT name FROM singer"}
    generator = CannedGenerator(train_tokenizer(), answers)
    sets = {"en": _examples(db), "de": _in_language(_examples(db), "de")[:2]}
    by_lang = generate_by_language(sets, generator, prompt_config={"system": "S", "shots": 0})
    assert len(generator.prompts) == 5  # one call for both languages
    assert list(by_lang) == ["en", "de"]
    assert [r["id"] for r in by_lang["de"]] == ["dev-0-de", "dev-1-de"]
    assert [r["prediction"] for r in by_lang["en"]] == [
        "SELECT count(*) FROM singer",
        "SELECT 1",
        "SELECT name FROM singer",
    ]
    with pytest.raises(ValueError, match="evaluation set 'de' holds example 'dev-0-en'"):
        generate_by_language({"de": _examples(db)}, generator, prompt_config={})


def test_generate_by_language_draws_the_same_shots_from_a_pool_of_every_language(db):
    from tiny_llama import train_tokenizer

    pool_en = [
        {**ex, "db_id": f"other{i}", "id": f"train-{i}-en", "intent": f"train-{i}"}
        for i, ex in enumerate(_examples(db) * 2)
    ]
    pool_de = [{**shot, "question": "[de] " + shot["question"]} for shot in _in_language(pool_en, "de")]
    config = {"system": "S", "shots": 2}
    answers = {"How many": "x", "Oldest": "y", "Names": "z"}
    alone = CannedGenerator(train_tokenizer(), answers)
    generate_predictions(_in_language(_examples(db), "de"), alone, pool=pool_de, prompt_config=config)
    together = CannedGenerator(train_tokenizer(), answers)
    generate_by_language(
        {"en": _examples(db), "de": _in_language(_examples(db), "de")},
        together,
        pool=pool_en + pool_de,
        prompt_config=config,
    )
    assert together.prompts[3:] == alone.prompts
    assert "[de]" in alone.prompts[0] and "[de]" not in together.prompts[0]
