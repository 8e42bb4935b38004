"""The mini benchmark's data files (src/polysql/data/mini/content/): packaged, validated, language-extensible.

A domain is its data folder (schema.json, values.json, templates.json, questions.<lang>.json) plus its
generator module (domains/<db_id>.py).

Malformed copies are written to a temporary folder; every error must name the file and the key.
"""

from __future__ import annotations

import fnmatch
import importlib.resources
import inspect
import json
import random
import shutil
import sqlite3
import tomllib
from pathlib import Path

import pytest

from polysql import LANGUAGES
from polysql.data.mini.build import build, discover_domains
from polysql.data.mini.content_files import CONTENT_DIR, content_domains, load_schema, load_templates, load_values
from polysql.data.mini.template import distinct_names

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "resources" / "mini"
DB = "museum"  # a small dev domain


def _json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _write(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


@pytest.fixture
def content(tmp_path) -> Path:
    """A writable copy of the package's data files."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    return copy


# packaging ------------------------------------------------------------------------------------------


def test_every_domain_has_its_data_files_in_the_package():
    domains = [d.db_id for d in discover_domains()]
    assert len(domains) >= 10
    root = importlib.resources.files("polysql.data.mini") / "content"
    for db_id in domains:
        for name in ("schema.json", "values.json", "templates.json"):
            assert (root / db_id / name).is_file(), f"{db_id}: {name}"
        for lang in LANGUAGES:
            assert (root / db_id / f"questions.{lang}.json").is_file(), f"{db_id}: questions.{lang}.json"


def test_pyproject_package_data_covers_every_data_file():
    """A non-editable ``pip install .`` copies only the package-data globs; every data file must match one."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["polysql.data.mini"]
    package_dir = CONTENT_DIR.parent
    files = [p.relative_to(package_dir).as_posix() for p in CONTENT_DIR.rglob("*") if p.is_file()]
    assert files
    unmatched = [f for f in files if not any(fnmatch.fnmatch(f, pattern) for pattern in patterns)]
    assert not unmatched, f"not in [tool.setuptools.package-data]: {unmatched}"


def test_domain_modules_hold_no_templates():
    for domain in discover_domains():
        module = importlib.import_module(f"polysql.data.mini.domains.{domain.db_id}")
        assert module.DOMAIN.templates == (), f"{domain.db_id}: templates belong in content/{domain.db_id}/"


# schema.json and values.json ------------------------------------------------------------------------------


CREATE_TABLE_TEXTS = "SELECT sql FROM sqlite_master WHERE type = 'table' ORDER BY rowid"


def _statements(schema_sql: str) -> list[str]:
    """The CREATE TABLE texts as SQLite keeps them in sqlite_master (no trailing semicolon)."""
    return [statement.strip() for statement in schema_sql.split(";") if statement.strip()]


def test_schema_json_gives_the_committed_create_table_text():
    """Prompts show sqlite_master's CREATE TABLE text, so its whitespace is part of the benchmark."""
    for db_id in content_domains():
        schema_sql = load_schema(db_id)
        module = importlib.import_module(f"polysql.data.mini.domains.{db_id}")
        assert module.DOMAIN.schema_sql == schema_sql
        memory = sqlite3.connect(":memory:")
        memory.executescript(schema_sql)
        built = [row[0] for row in memory.execute(CREATE_TABLE_TEXTS)]
        committed = sqlite3.connect(MINI / "database" / db_id / f"{db_id}.sqlite")
        stored = [row[0] for row in committed.execute(CREATE_TABLE_TEXTS)]
        memory.close()
        committed.close()
        assert built == stored == _statements(schema_sql), db_id


def test_every_value_is_drawn_by_its_generator():
    """No dead data: each key of values.json is read by the domain module."""
    for db_id in content_domains():
        source = inspect.getsource(importlib.import_module(f"polysql.data.mini.domains.{db_id}"))
        unused = [key for key in load_values(db_id).keys() if f'VALUES["{key}"]' not in source]
        assert not unused, f"{db_id}: values.json keys {unused} are not used by domains/{db_id}.py"


def test_values_are_tuples_and_tables_keep_their_cell_types():
    values = load_values(DB)
    museum = values["museums"][0]
    assert isinstance(values["exhibitions"], tuple) and all(isinstance(v, str) for v in values["exhibitions"])
    assert isinstance(museum, tuple) and len(museum) == 3
    assert isinstance(values["artists"][0][2], int)
    assert all(isinstance(mediums, tuple) for _, mediums in values["mediums"])


def test_missing_value_key_is_named():
    with pytest.raises(ValueError, match=r"museum/values\.json: no key 'painters'"):
        load_values(DB)["painters"]


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda v: v["artists"]["rows"][3].pop(), r"'artists' row \[3\]: expected a list of 4 cells"),
        (lambda v: v["artists"]["rows"][2].__setitem__(2, 0.5), r"'artists' row \[2\]: column 'birth_year' holds real"),
        (lambda v: v["exhibitions"].append("Light and Water"), r"'exhibitions': value\(s\) \['Light and Water'\]"),
        (lambda v: v["title_nouns"].append(7), r"'title_nouns' \[\d+\]: integer in a list of strings"),
        (lambda v: v["museums"].update(colums=[]), r"'museums': a table has \"columns\", \"rows\""),
        (lambda v: v.update(Artists=[]), r"'Artists': keys must be lowercase snake_case"),
    ],
)
def test_malformed_values_are_named(content, change, message):
    path = content / DB / "values.json"
    values = _json(path)
    change(values)
    _write(path, values)
    with pytest.raises(ValueError, match=r"museum/values\.json: " + message):
        load_values(DB, content)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda t: t[1]["columns"].__setitem__(0, "artist_id INTEGER,"), r"'artist': \"columns\" \[0\]"),
        (lambda t: t[2]["constraints"].append("UNIQUE (title);"), r"'artwork': \"constraints\" \[2\]"),
        (lambda t: t[1]["columns"].append("name TEXT"), r"'artist': \"columns\" defines \['name'\] more than once"),
        (lambda t: t[3].__setitem__("name", "museum"), r"'museum': duplicate name"),
        (lambda t: t[0].__setitem__("column", []), r"'museum': unknown key\(s\) \['column'\]"),
        (lambda t: t[0].__setitem__("name", "Museum"), r"\[0\]: \"name\" must be lowercase snake_case"),
    ],
)
def test_malformed_schema_is_named(content, change, message):
    path = content / DB / "schema.json"
    tables = _json(path)
    change(tables)
    _write(path, tables)
    with pytest.raises(ValueError, match=r"museum/schema\.json: table " + message):
        load_schema(DB, content)


def test_missing_schema_file_is_named(content):
    (content / DB / "schema.json").unlink()
    with pytest.raises(ValueError, match=r"museum/schema\.json: no such file"):
        load_schema(DB, content)


def test_distinct_names_share_what_is_taken():
    taken: set[str] = set()
    first = distinct_names(random.Random(0), ["Ann", "Bo"], ["Lee", "Ng"], 3, taken)
    second = distinct_names(random.Random(0), ["Ann", "Bo"], ["Lee", "Ng"], 1, taken)
    assert len(set(first + second)) == 4 and taken == set(first + second)


# validation errors name the file and the key ------------------------------------------------------------


def test_malformed_json_names_the_file_and_line(content):
    path = content / DB / "questions.fr.json"
    path.write_text(path.read_text(encoding="utf-8").replace("]", "", 1), encoding="utf-8")
    with pytest.raises(ValueError, match=r"museum/questions\.fr\.json: invalid JSON at line \d+"):
        load_templates(DB, LANGUAGES, content)


def test_missing_template_id_in_a_language_file_is_named(content):
    path = content / DB / "questions.vi.json"
    data = _json(path)
    victim = next(iter(data))
    del data[victim]
    _write(path, data)
    with pytest.raises(
        ValueError, match=rf"museum/questions\.vi\.json: no phrasings for template id\(s\) \['{victim}'\]"
    ):
        load_templates(DB, LANGUAGES, content)


def test_language_file_key_that_is_no_template_is_named(content):
    path = content / DB / "questions.de.json"
    data = _json(path)
    data["no_such_template"] = ["Gibt es nicht?", "Wirklich nicht?"]
    _write(path, data)
    with pytest.raises(
        ValueError, match=r"museum/questions\.de\.json: key\(s\) \['no_such_template'\] are not template ids"
    ):
        load_templates(DB, LANGUAGES, content)


def test_unknown_slot_in_a_phrasing_is_named(content):
    templates = _json(content / DB / "templates.json")
    spec = next(t for t in templates if t.get("slots"))
    path = content / DB / "questions.es.json"
    data = _json(path)
    data[spec["id"]][1] += " {colour}"
    _write(path, data)
    with pytest.raises(
        ValueError, match=rf"museum/questions\.es\.json: '{spec['id']}' \[1\]: unknown slot\(s\) \['colour'\]"
    ):
        load_templates(DB, LANGUAGES, content)


def test_phrasing_missing_a_slot_is_named(content):
    templates = _json(content / DB / "templates.json")
    spec = next(t for t in templates if t.get("slots"))
    path = content / DB / "questions.ja.json"
    data = _json(path)
    data[spec["id"]][0] = "スロットのない質問ですか？"
    _write(path, data)
    with pytest.raises(
        ValueError, match=rf"museum/questions\.ja\.json: '{spec['id']}' \[0\]: phrasing does not use slot"
    ):
        load_templates(DB, LANGUAGES, content)


def test_unknown_slot_in_sql_and_unknown_key_are_named(content):
    path = content / DB / "templates.json"
    templates = _json(path)
    templates[2]["sql"] += " AND 1 = {missing}"
    _write(path, templates)
    with pytest.raises(
        ValueError, match=rf"museum/templates\.json: template '{templates[2]['id']}': \"sql\" uses unknown slot"
    ):
        load_templates(DB, LANGUAGES, content)
    templates[2]["sql"] = templates[2]["sql"].replace(" AND 1 = {missing}", "")
    templates[3]["slot"] = templates[3].pop("slots", {})
    _write(path, templates)
    with pytest.raises(ValueError, match=rf"template '{templates[3]['id']}': unknown key\(s\) \['slot'\]"):
        load_templates(DB, LANGUAGES, content)


def test_missing_language_file_is_named(content):
    (content / DB / "questions.zh.json").unlink()
    with pytest.raises(ValueError, match=r"museum/questions\.zh\.json: no such file"):
        discover_domains(content_dir=content)


def test_data_folder_without_domain_module_is_rejected(content):
    shutil.copytree(content / DB, content / "zoo")
    with pytest.raises(ValueError, match=r"data folders \['zoo'\] no domain module"):
        discover_domains(content_dir=content)


def test_the_package_content_lists_exactly_the_domain_modules():
    assert content_domains() == sorted(d.db_id for d in discover_domains())


# languages --------------------------------------------------------------------------------------------


def _committed(name: str, db_id: str) -> list[dict]:
    return [r for r in _json(MINI / name) if r["db_id"] == db_id]


def test_a_language_subset_gives_the_committed_questions(tmp_path):
    """Building only some languages writes exactly those files, with the same questions as the full build."""
    museum = next(d for d in discover_domains(("ja",)) if d.db_id == DB)
    summary = build(tmp_path, domains=[museum], variants=0, languages=("ja",))
    assert summary.languages == ("ja",)
    assert sorted(p.name for p in tmp_path.glob("*.json")) == [
        "dev_ja.json",
        "tables.json",
        "test_suite.json",
        "train_ja.json",
    ]
    assert _json(tmp_path / "dev_ja.json") == _committed("dev_ja.json", DB)


def test_adding_a_language_is_adding_files_and_changes_no_other_language(content, tmp_path):
    for db_id in content_domains(content):
        french = _json(content / db_id / "questions.fr.json")
        _write(
            content / db_id / "questions.xx.json",
            {key: [f"[xx] {p}" for p in phrasings] for key, phrasings in french.items()},
        )
    museum = next(d for d in discover_domains(("en", "xx"), content_dir=content) if d.db_id == DB)
    build(tmp_path, domains=[museum], variants=0, languages=("en", "xx"))
    assert _json(tmp_path / "dev_en.json") == _committed("dev_en.json", DB)
    added = _json(tmp_path / "dev_xx.json")
    english = _json(tmp_path / "dev_en.json")
    assert [(r["db_id"], r["query"]) for r in added] == [(r["db_id"], r["query"]) for r in english]
    assert all(r["question"].startswith("[xx] ") and "{" not in r["question"] for r in added)
