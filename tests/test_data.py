"""Loading Spider/MultiSpider layouts, preparing examples (gold executed, failures listed), sampling."""

from __future__ import annotations

import json
import random
from collections import Counter

import pytest

from polysql.data.sample import (
    eval_sets,
    grpo_sample,
    in_domain_intents,
    proportional_allocation,
    stratified_sample,
    without_intents,
)
from polysql.data.prompt_schema import serialize_schema
from polysql.data.spider import load_split, load_tables
from polysql.io import DataError, read_json, read_jsonl
from tiny_bench import write_tiny_benchmark


@pytest.mark.parametrize("layout", ["flat", "per_lang"])
def test_loader_reads_both_layouts(tmp_path, layout):
    root = write_tiny_benchmark(tmp_path / "bench", layout=layout)
    de = load_split(root, "dev", "de")
    assert [e.db_id for e in de] == ["zoo"] * 4
    assert de[0].question == "Wie viele Tiere gibt es?"
    assert de[0].query == "SELECT count(*) FROM animal"
    assert set(load_tables(root)) == {"shop", "zoo"}


def test_loader_names_the_file_and_entry(tmp_path):
    root = write_tiny_benchmark(tmp_path / "bench")
    (root / "dev_en.json").write_text('[{"db_id": "zoo", "question": "q"}]')
    with pytest.raises(DataError, match=r"dev_en\.json: entry 0 lacks query"):
        load_split(root, "dev", "en")
    with pytest.raises(DataError, match=r"no 'dev' data for language 'fr'"):
        load_split(root, "dev", "fr")
    (root / "dev_de.json").write_text('[{"db_id": "zoo",\n "question": }]')
    with pytest.raises(DataError, match=r"dev_de\.json:2"):
        load_split(root, "dev", "de")


def test_prepare_executes_gold_and_lists_failures(tmp_path):
    from polysql.data.prepare import prepare_benchmark

    root = write_tiny_benchmark(tmp_path / "bench", broken_gold=True)
    summary = prepare_benchmark(root, tmp_path / "out", splits=["train", "dev"], languages=["en", "de"])
    assert summary["counts"] == {"train": {"en": 4, "de": 4}, "dev": {"en": 4, "de": 4}}
    failures = summary["gold_failures"]
    assert [(f["split"], f["lang"], f["index"]) for f in failures] == [("dev", "en", 4), ("dev", "de", 4)]
    assert "nope" in failures[0]["error"]
    dev_de = read_jsonl(tmp_path / "out" / "dev_de.jsonl")
    assert [r["id"] for r in dev_de] == [f"dev-{i:05d}-de" for i in range(4)]
    assert {r["intent"] for r in dev_de} == {f"dev-{i:05d}" for i in range(4)}
    assert dev_de[0]["hardness"] == "easy"
    assert dev_de[3]["hardness"] == "hard"  # a NOT IN subquery with one condition
    assert read_json(tmp_path / "out" / "prepare_summary.json")["gold_failures"] == failures


def test_prepare_fails_on_missing_database(tmp_path):
    from polysql.data.prepare import prepare_benchmark

    root = write_tiny_benchmark(tmp_path / "bench")
    (root / "database" / "zoo" / "zoo.sqlite").unlink()
    with pytest.raises(DataError, match=r"database of 'zoo' .*not found: .*zoo\.sqlite"):
        prepare_benchmark(root, tmp_path / "out", splits=["dev"], languages=["en"])
    assert not (root / "database" / "zoo" / "zoo.sqlite").exists()  # never created by a read-only open


def test_proportional_allocation_sums_and_caps():
    assert proportional_allocation({"a": 50, "b": 30, "c": 20}, 10) == {"a": 5, "b": 3, "c": 2}
    assert proportional_allocation({"a": 1, "b": 99}, 10) == {"a": 0, "b": 10}
    # a small stratum hands its unused share to the others
    assert proportional_allocation({"a": 1, "b": 5, "c": 5}, 9) == {"a": 1, "b": 4, "c": 4}
    assert sum(proportional_allocation({"a": 3, "b": 3}, 100).values()) == 6


def _records(lang, counts):
    out, i = [], 0
    for hardness, n in counts.items():
        for _ in range(n):
            out.append({"id": f"x-{i}-{lang}", "intent": f"x-{i}", "lang": lang, "hardness": hardness})
            i += 1
    return out


def test_stratified_sample_keeps_proportions_and_is_seeded():
    pool = _records("en", {"easy": 400, "medium": 300, "hard": 200, "extra": 100})
    sample = stratified_sample(pool, 100, random.Random(1))
    assert Counter(r["hardness"] for r in sample) == {"easy": 40, "medium": 30, "hard": 20, "extra": 10}
    assert len({r["id"] for r in sample}) == 100
    assert sample == stratified_sample(pool, 100, random.Random(1))
    assert sample != stratified_sample(pool, 100, random.Random(2))


def test_grpo_sample_spreads_languages_and_reports_shortfall():
    pools = {lang: _records(lang, {"easy": 60, "hard": 40}) for lang in ("en", "de", "ja")}
    sample, summary = grpo_sample(pools, 90, seed=0)
    assert Counter(r["lang"] for r in sample) == {"en": 30, "de": 30, "ja": 30}
    assert Counter(r["hardness"] for r in sample) == {"easy": 54, "hard": 36}
    assert summary["drawn"] == 90
    small, summary = grpo_sample({"en": _records("en", {"easy": 5})}, 20, seed=0)
    assert len(small) == 5 and summary["requested"] == 20 and summary["drawn"] == 5


def test_eval_sets_share_intents_across_languages():
    pools = {lang: _records(lang, {"easy": 30, "medium": 20, "extra": 10}) for lang in ("en", "de", "zh")}
    pools["zh"] = pools["zh"][:-5]  # five intents missing in zh
    sets, summary = eval_sets(pools, 12, seed=3)
    intents = {lang: [r["intent"] for r in records] for lang, records in sets.items()}
    assert len(intents["en"]) == 12 and intents["en"] == intents["de"] == intents["zh"]
    assert summary["intents_in_all_languages"] == 55
    assert summary["dropped_not_parallel"] == {"en": 5, "de": 5, "zh": 0}
    everything, _ = eval_sets(pools, None, seed=3)
    assert len(everything["en"]) == 55
    assert summary["intents"] == sorted(intents["en"])


def test_in_domain_intents_leave_every_language_of_an_intent_out(tmp_path):
    pools = {lang: _records(lang, {"easy": 10, "hard": 10}) for lang in ("en", "de")}
    sets, summary = eval_sets(pools, 4, seed=0)
    summary_file = tmp_path / "summary.json"
    summary_file.write_text(json.dumps(summary), encoding="utf-8")
    held = in_domain_intents(summary_file)
    assert held == {r["intent"] for r in sets["en"]} and len(held) == 4
    kept = without_intents(pools["en"] + pools["de"], held)
    assert len(kept) == 2 * (20 - 4) and not {r["intent"] for r in kept} & held
    assert in_domain_intents(None) == frozenset() and without_intents(pools["en"], frozenset()) == pools["en"]
    summary_file.write_text("{}", encoding="utf-8")
    with pytest.raises(DataError, match="summary.json: no 'intents' list"):
        in_domain_intents(summary_file)


def test_schema_serialisation(tmp_path):
    root = write_tiny_benchmark(tmp_path / "bench")
    db = root / "database" / "zoo" / "zoo.sqlite"
    text = serialize_schema(db)
    assert text.splitlines()[0].startswith("CREATE TABLE keeper (id INTEGER PRIMARY KEY, name TEXT);")
    assert "REFERENCES keeper(id)" in text
    with_rows = serialize_schema(db, sample_rows=2, tables=["animal"])
    assert "keeper (" not in with_rows and "'lion', 4, 1" in with_rows
    with pytest.raises(FileNotFoundError, match="nothere.sqlite"):
        serialize_schema(tmp_path / "nothere.sqlite")
    assert not (tmp_path / "nothere.sqlite").exists()


def test_compact_schema_keeps_tables_columns_and_keys_in_fewer_characters(tmp_path):
    root = write_tiny_benchmark(tmp_path / "bench")
    db = root / "database" / "zoo" / "zoo.sqlite"
    compact = serialize_schema(db, style="compact")
    assert compact.splitlines()[0] == "keeper(id, name)"
    assert any(" -> keeper.id" in line and line.startswith("animal(") for line in compact.splitlines())
    assert len(compact) < 0.7 * len(serialize_schema(db))
    assert "'lion', 4, 1" in serialize_schema(db, sample_rows=2, tables=["animal"], style="compact")
    with pytest.raises(ValueError, match="prompt.schema_style: unknown style 'yaml'"):
        serialize_schema(db, style="yaml")
