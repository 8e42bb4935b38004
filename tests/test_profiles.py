"""Snakemake profiles name only real rules: a misspelt rule under set-resources/set-threads is silently ignored."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
RULE_KEYS = ("set-resources", "set-threads")
PROFILES = sorted((REPO / "profiles").glob("**/config.yaml"))


def workflow_rules() -> set[str]:
    """Names of every rule of the workflow (the Snakefile and workflow/rules/*.smk)."""
    files = [REPO / "Snakefile", *sorted((REPO / "workflow" / "rules").glob("*.smk"))]
    return {name for path in files for name in re.findall(r"^rule (\w+):", path.read_text(), flags=re.MULTILINE)}


def commented_sections(text: str) -> dict[str, object]:
    """Sections written as commented-out examples (``# set-resources:`` then ``#   rule: ...`` lines), parsed."""
    sections: dict[str, object] = {}
    lines = text.splitlines()
    for index, line in enumerate(lines):
        match = re.fullmatch(r"#\s?({}):\s*".format("|".join(RULE_KEYS)), line)
        if not match:
            continue
        body = []
        for following in lines[index + 1 :]:
            nested = re.fullmatch(r"#\s?(  .*)", following)
            if not nested:
                break
            body.append(nested.group(1))
        sections[match.group(1)] = (yaml.safe_load(f"{match.group(1)}:\n" + "\n".join(body)) or {})[match.group(1)]
    return sections


def rule_names(section) -> set[str]:
    """Rule names of a set-resources/set-threads value: a mapping by rule, or a list of ``rule:...``/``rule=...``."""
    if isinstance(section, dict):
        return set(section)
    return {re.split(r"[:=]", str(item), maxsplit=1)[0] for item in section or []}


def named_rules(path: Path) -> dict[str, set[str]]:
    """``"<key> (active|commented)"`` -> rule names, for each rule-keyed section of a profile."""
    text = path.read_text()
    found = {
        f"{key} (active)": rule_names(value) for key, value in (yaml.safe_load(text) or {}).items() if key in RULE_KEYS
    }
    found.update({f"{key} (commented)": rule_names(value) for key, value in commented_sections(text).items()})
    return found


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: str(p.relative_to(REPO)))
def test_profiles_name_only_rules_of_the_workflow(profile):
    rules = workflow_rules()
    assert {"train_grpo", "generate", "main_table"} <= rules
    for section, names in named_rules(profile).items():
        assert names <= rules, (
            f"{profile.relative_to(REPO)}: {section} names {sorted(names - rules)}, not a rule ({sorted(rules)})"
        )


def test_the_slurm_example_is_found(tmp_path):
    # The check reads the commented example, and it would catch a wrong name there.
    text = (REPO / "profiles" / "slurm" / "config.yaml").read_text()
    assert named_rules(REPO / "profiles" / "slurm" / "config.yaml")["set-resources (commented)"] == {
        "train_grpo",
        "generate",
    }
    broken = tmp_path / "config.yaml"
    broken.write_text(text.replace("#   train_grpo:", "#   grpo:") + "set-threads:\n  evaluate: 2\n")
    found = named_rules(broken)
    assert found["set-resources (commented)"] - workflow_rules() == {"grpo"}
    assert found["set-threads (active)"] == {"evaluate"}
