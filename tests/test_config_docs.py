"""The config schema documents every key, and config/README.md is exactly what it generates."""

from __future__ import annotations

from typing import Any, Iterator

import pytest

from polysql.config_docs import README_PATH, SCHEMA_PATH, iter_keys, load_schema, main, render


def schema_properties(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(location, subschema) of every key listed under a ``properties`` mapping anywhere in the schema.

    Read from the raw YAML, independently of the generator's walk, so a key the generator does not
    reach still needs a description. ``if`` clauses only test a value (``source: {const: hub}``) and
    are skipped.
    """
    if isinstance(node, dict):
        for key, sub in (node.get("properties") or {}).items():
            yield f"{path}.properties.{key}", sub
        for key, sub in node.items():
            if key != "if":
                yield from schema_properties(sub, f"{path}.{key}")
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            yield from schema_properties(sub, f"{path}[{index}]")


@pytest.fixture(scope="module")
def schema():
    return load_schema(SCHEMA_PATH)


def test_every_property_has_a_description(schema):
    found = list(schema_properties(schema))
    assert len(found) > 100  # the walk reaches the whole schema, $defs included
    undocumented = [
        where for where, sub in found if not (isinstance(sub, dict) and str(sub.get("description", "")).strip())
    ]
    assert not undocumented, "keys without a description:\n" + "\n".join(undocumented)


def test_the_readme_documents_every_key_the_schema_lists(schema):
    paths = {doc.path for doc in iter_keys(schema)}
    for where, _ in schema_properties(schema):
        if where.startswith(".$defs"):
            continue  # reached through a $ref; their keys are checked by name below
        key = where.rsplit(".", 1)[1]
        assert any(path == key or path.endswith("." + key) for path in paths), where
    for name in ("source", "repo_id", "sha256", "train_lang", "reward_set"):  # keys of $defs
        assert any(path.endswith("." + name) for path in paths), name
    rows = {doc.path: doc for doc in iter_keys(schema)}
    assert rows["sql.timeout_s"].default == "`2.0`" and rows["sql.timeout_s"].type == "number"
    assert rows["grpo.lora.target_modules"].type == "list of string"
    assert rows["reward_sets.<name>.semantic"].type == "number or mapping"
    assert rows["benchmark.dir"].default == "required"
    assert rows["report.main_table[].run.reward_set"].description.startswith("a key of reward_sets")
    assert "models.<name>" in rows and rows["models.<name>.source"].type == "`hub`, `local`, `gguf` or `warm_start`"


def test_config_readme_is_generated_from_the_schema(schema):
    assert README_PATH.read_text(encoding="utf-8") == render(schema), (
        "config/README.md differs from the schema; run `python -m polysql.config_docs --write`"
    )


def test_check_mode_flags_a_stale_readme(tmp_path, capsys):
    stale = tmp_path / "README.md"
    stale.write_text("# old\n", encoding="utf-8")
    assert main(["--readme", str(stale), "--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main(["--readme", str(stale), "--write"]) == 0
    assert main(["--readme", str(stale), "--check"]) == 0
    assert "| `rewards.semantic.anchor` |" in stale.read_text(encoding="utf-8")
