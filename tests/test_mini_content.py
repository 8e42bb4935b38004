"""The mini benchmark's data files (src/polysql/data/mini/content/): packaged, validated, language-extensible.

Malformed copies are written to a temporary folder; every error must name the file and the key.
"""

from __future__ import annotations

import fnmatch
import importlib.resources
import json
import shutil
import tomllib
from pathlib import Path

import pytest

from polysql import LANGUAGES
from polysql.data.mini.build import build, discover_domains
from polysql.data.mini.content_files import CONTENT_DIR, content_domains, load_templates

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
        assert (root / db_id / "templates.json").is_file(), db_id
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
    with pytest.raises(ValueError, match=rf"museum/questions\.vi\.json: no phrasings for template id\(s\) \['{victim}'\]"):
        load_templates(DB, LANGUAGES, content)


def test_language_file_key_that_is_no_template_is_named(content):
    path = content / DB / "questions.de.json"
    data = _json(path)
    data["no_such_template"] = ["Gibt es nicht?", "Wirklich nicht?"]
    _write(path, data)
    with pytest.raises(ValueError, match=r"museum/questions\.de\.json: key\(s\) \['no_such_template'\] are not template ids"):
        load_templates(DB, LANGUAGES, content)


def test_unknown_slot_in_a_phrasing_is_named(content):
    templates = _json(content / DB / "templates.json")
    spec = next(t for t in templates if t.get("slots"))
    path = content / DB / "questions.es.json"
    data = _json(path)
    data[spec["id"]][1] += " {colour}"
    _write(path, data)
    with pytest.raises(ValueError, match=rf"museum/questions\.es\.json: '{spec['id']}' \[1\]: unknown slot\(s\) \['colour'\]"):
        load_templates(DB, LANGUAGES, content)


def test_phrasing_missing_a_slot_is_named(content):
    templates = _json(content / DB / "templates.json")
    spec = next(t for t in templates if t.get("slots"))
    path = content / DB / "questions.ja.json"
    data = _json(path)
    data[spec["id"]][0] = "スロットのない質問ですか？"
    _write(path, data)
    with pytest.raises(ValueError, match=rf"museum/questions\.ja\.json: '{spec['id']}' \[0\]: phrasing does not use slot"):
        load_templates(DB, LANGUAGES, content)


def test_unknown_slot_in_sql_and_unknown_key_are_named(content):
    path = content / DB / "templates.json"
    templates = _json(path)
    templates[2]["sql"] += " AND 1 = {missing}"
    _write(path, templates)
    with pytest.raises(ValueError, match=rf"museum/templates\.json: template '{templates[2]['id']}': \"sql\" uses unknown slot"):
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
    assert sorted(p.name for p in tmp_path.glob("*.json")) == ["dev_ja.json", "tables.json", "test_suite.json",
                                                              "train_ja.json"]
    assert _json(tmp_path / "dev_ja.json") == _committed("dev_ja.json", DB)


def test_adding_a_language_is_adding_files_and_changes_no_other_language(content, tmp_path):
    for db_id in content_domains(content):
        french = _json(content / db_id / "questions.fr.json")
        _write(content / db_id / "questions.xx.json",
               {key: [f"[xx] {p}" for p in phrasings] for key, phrasings in french.items()})
    museum = next(d for d in discover_domains(("en", "xx"), content_dir=content) if d.db_id == DB)
    build(tmp_path, domains=[museum], variants=0, languages=("en", "xx"))
    assert _json(tmp_path / "dev_en.json") == _committed("dev_en.json", DB)
    added = _json(tmp_path / "dev_xx.json")
    english = _json(tmp_path / "dev_en.json")
    assert [(r["db_id"], r["query"]) for r in added] == [(r["db_id"], r["query"]) for r in english]
    assert all(r["question"].startswith("[xx] ") and "{" not in r["question"] for r in added)
