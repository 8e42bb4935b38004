"""The bundled mini benchmark (resources/mini): reproducible from its builder and well-formed.

The committed files are checked against a fresh build from the domain modules and their data files
(JSON byte for byte, databases and test-suite variants by their SQL dump), every gold query is
executed read-only, and the benchmark's size, split and language rules are asserted on the committed data.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from polysql import LANGUAGES
from polysql.cli import main as cli_main
from polysql.data.mini.build import build, discover_domains

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "resources" / "mini"
SPLITS = ("train", "dev")
JSON_FILES = [f"{split}_{lang}.json" for split in SPLITS for lang in LANGUAGES] + ["tables.json", "test_suite.json"]
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _load(name: str, base: Path = MINI):
    return json.loads((base / name).read_text(encoding="utf-8"))


def _db_path(db_id: str, base: Path = MINI) -> Path:
    return base / "database" / db_id / f"{db_id}.sqlite"


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _dump(path: Path) -> list[str]:
    conn = _read_only(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> tuple[Path, str]:
    """The benchmark rebuilt once per module through the CLI (``polysql build-mini``), with its printed summary."""
    import contextlib
    import io

    out = tmp_path_factory.mktemp("mini")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert cli_main(["build-mini", "--out", str(out), "--seed", "0"]) == 0
    return out, printed.getvalue()


@pytest.fixture(scope="module")
def committed() -> dict[str, list[dict]]:
    if not (MINI / "tables.json").is_file():
        pytest.fail(f"{MINI} is missing; build it with `python -m polysql.data.mini --out resources/mini`")
    return {f"{split}_{lang}": _load(f"{split}_{lang}.json") for split in SPLITS for lang in LANGUAGES}


# (a) reproducibility ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", JSON_FILES)
def test_rebuild_gives_identical_json(rebuilt, name):
    out, _ = rebuilt
    assert (out / name).read_bytes() == (MINI / name).read_bytes(), (
        f"{name} differs from a fresh build; rerun `python -m polysql.data.mini --out resources/mini`"
    )


def test_rebuild_gives_identical_databases(rebuilt):
    out, _ = rebuilt
    built = sorted(p.name for p in (out / "database").iterdir())
    assert built == sorted(p.name for p in (MINI / "database").iterdir())
    for db_id in built:
        files = sorted(p.name for p in (out / "database" / db_id).glob("*.sqlite"))
        assert files == sorted(p.name for p in (MINI / "database" / db_id).glob("*.sqlite")), db_id
        for name in files:  # the database and its test-suite variants
            assert _dump(out / "database" / db_id / name) == _dump(MINI / "database" / db_id / name), (
                f"{db_id}/{name} differs from a fresh build"
            )


def test_cli_prints_summary(rebuilt, committed):
    _, printed = rebuilt
    assert f"en={len(committed['train_en'])}" in printed
    assert f"zh={len(committed['dev_zh'])}" in printed
    assert "hardness:" in printed


def test_domains_are_seeded_independently(tmp_path, rebuilt):
    """Building one domain alone gives exactly its rows and questions from the full build."""
    out, _ = rebuilt
    library = next(d for d in discover_domains() if d.db_id == "library")
    build(tmp_path, domains=[library])
    assert _dump(_db_path("library", tmp_path)) == _dump(_db_path("library", out))
    alone = _load(f"{library.split}_de.json", tmp_path)
    full = [r for r in _load(f"{library.split}_de.json", out) if r["db_id"] == "library"]
    assert alone == full


# (b) gold queries ------------------------------------------------------------------------------


def test_every_gold_query_executes_read_only(committed):
    queries = {(r["db_id"], r["query"]) for records in committed.values() for r in records}
    conns: dict[str, sqlite3.Connection] = {}
    try:
        for db_id, query in sorted(queries):
            if db_id not in conns:
                conns[db_id] = _read_only(_db_path(db_id))
            rows = conns[db_id].execute(query).fetchmany(1)
            assert rows, f"{db_id}: gold query returns no row: {query}"
    finally:
        for conn in conns.values():
            conn.close()


# (c) sizes, parallelism, splits, schemas -----------------------------------------------------------


def test_counts_and_parallel_files(committed):
    for split, minimum in (("train", 400), ("dev", 150)):
        english = committed[f"{split}_en"]
        assert len(english) >= minimum
        for lang in LANGUAGES:
            records = committed[f"{split}_{lang}"]
            assert len(records) == len(english), f"{split}_{lang}"
            for index, (record, reference) in enumerate(zip(records, english)):
                assert set(record) == {"db_id", "question", "query"}
                assert (record["db_id"], record["query"]) == (reference["db_id"], reference["query"]), (
                    f"{split}_{lang}[{index}] is not parallel to {split}_en"
                )


def test_train_and_dev_databases_are_disjoint(committed):
    train = {r["db_id"] for r in committed["train_en"]}
    dev = {r["db_id"] for r in committed["dev_en"]}
    assert not train & dev
    assert len(train | dev) >= 10
    assert len(dev) >= 2


def test_databases_have_keys_and_enough_rows():
    tables_json = {entry["db_id"]: entry for entry in _load("tables.json")}
    on_disk = sorted(p.name for p in (MINI / "database").iterdir())
    assert sorted(tables_json) == on_disk
    assert len(on_disk) >= 10
    for db_id in on_disk:
        conn = _read_only(_db_path(db_id))
        try:
            tables = [
                n
                for (n,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
                )
            ]
            assert 3 <= len(tables) <= 6, db_id
            for table in tables:
                (count,) = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()
                assert count >= 20, f"{db_id}.{table} has {count} rows"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == [], db_id
        finally:
            conn.close()
        entry = tables_json[db_id]
        assert entry["table_names_original"] == tables
        assert entry["column_names"][0] == [-1, "*"] and entry["column_names_original"][0] == [-1, "*"]
        assert len(entry["column_names"]) == len(entry["column_names_original"]) == len(entry["column_types"])
        assert set(entry["column_types"]) <= {"text", "number", "time", "boolean", "others"}
        pk_tables = {entry["column_names_original"][c][0] for c in entry["primary_keys"]}
        assert pk_tables == set(range(len(tables))), f"{db_id}: a table without a primary key"
        assert entry["foreign_keys"], f"{db_id}: no foreign key"
        for source, target in entry["foreign_keys"]:
            assert 0 < source < len(entry["column_names"]) and 0 < target < len(entry["column_names"])
        assert all("_" not in name for _, name in entry["column_names"][1:] + [[0, t] for t in entry["table_names"]]), (
            f"{db_id}: readable names keep no underscores"
        )


# (d) question text -----------------------------------------------------------------------------------


def test_questions_are_filled_and_translated(committed):
    for split in SPLITS:
        english = committed[f"{split}_en"]
        for lang in LANGUAGES:
            for index, record in enumerate(committed[f"{split}_{lang}"]):
                question = record["question"]
                where = f"{split}_{lang}[{index}] ({record['db_id']}): {question!r}"
                assert question.strip() == question and question, where
                assert "{" not in question and "}" not in question, where
                if lang in ("ja", "zh"):
                    assert CJK.search(question), where
                elif lang != "en":
                    assert question != english[index]["question"], where


def test_phrasings_vary(committed):
    """Several phrasings per language are used, so no language is a one-template-one-sentence corpus."""
    for lang in LANGUAGES:
        questions = [r["question"] for r in committed[f"train_{lang}"]]
        # distinct questions nearly everywhere (a duplicate needs the same intent and the same phrasing)
        assert len(set(questions)) >= 0.95 * len(questions), lang


# (e) hardness --------------------------------------------------------------------------------------


def test_dev_covers_every_hardness_level(committed):
    from polysql.sql import hardness
    from polysql.sql.schema import Schema

    schemas: dict[str, object] = {}
    levels = Counter()
    for record in committed["dev_en"]:
        db_id = record["db_id"]
        if db_id not in schemas:
            schemas[db_id] = Schema.from_sqlite(_db_path(db_id))
        levels[hardness.spider_hardness(record["query"], schemas[db_id])] += 1
    total = sum(levels.values())
    for level in ("easy", "medium", "hard", "extra"):
        assert levels[level] >= 0.10 * total, f"dev has {levels[level]}/{total} {level} queries"


# (f) a malformed domain -----------------------------------------------------------------------------


def test_malformed_domain_is_rejected_by_name(tmp_path):
    library = next(d for d in discover_domains() if d.db_id == "library")
    template = library.templates[1]
    assert template.slots, "expected a template with slots"
    broken = dataclasses.replace(template, slots={"not_in_sql": next(iter(template.slots.values()))})
    bad = dataclasses.replace(library, db_id="broken_library", templates=(library.templates[0], broken))
    with pytest.raises(ValueError, match=r"broken_library template 1"):
        build(tmp_path, domains=[bad])
    assert not (tmp_path / "database").exists(), "nothing is built before every domain validated"


def test_too_few_rows_is_rejected(tmp_path):
    library = next(d for d in discover_domains() if d.db_id == "library")

    def populate(conn, rng):
        library.populate(conn, rng)
        conn.execute("DELETE FROM loan WHERE loan_id > 5")

    bad = dataclasses.replace(library, db_id="thin_library", populate=populate)
    with pytest.raises(ValueError, match=r"thin_library: table loan has 5 rows"):
        build(tmp_path, domains=[bad])


def test_empty_gold_result_is_redrawn_or_rejected(tmp_path):
    library = next(d for d in discover_domains() if d.db_id == "library")
    empty = dataclasses.replace(
        library.templates[1], sql="SELECT title FROM book WHERE genre = '{genre}' AND pages < 0"
    )
    bad = dataclasses.replace(library, db_id="empty_library", templates=(empty,))
    with pytest.raises(ValueError, match=r"empty_library template 0 \(titles_genre_books\): only 0 of"):
        build(tmp_path, domains=[bad])
