"""GPU readiness check, in one call of at most 10 minutes on a GPU machine without internet.

Two halves (``bash bench/gpu_check.sh`` wraps both):

    python bench/gpu_check.py download [--dir build/gpu_wheels]    # here, with PyPI: fill the wheel folder
    python bench/gpu_check.py check    [--dir build/gpu_wheels]    # on the GPU machine: install, test, summary

``download`` fetches, for the GPU machine's Python (3.12, manylinux x86_64), the wheels of what that
machine lacks: trl, datasets, snakemake and sqlglot at the versions of this checkout's environment, with
their dependencies minus what the machine has (torch, transformers, peft, accelerate,
sentence-transformers, pandas, matplotlib, pytest and their own dependencies) and minus PuLP (only
Snakemake's ILP scheduler imports it; the check runs ``--scheduler greedy``). ``build/`` is git-ignored,
so the wheels are never committed; they travel beside the repository (64 MiB in all).

``check`` installs, with ``--no-index --no-deps``, only the wheels whose distribution is not installed,
into ``build/gpu/site-packages`` (put on PYTHONPATH; nothing installed is replaced), reports unmet requirements,
then runs the ``gpu`` tests (tests/test_gpu.py) and the tiny workflow (tests/tiny_workflow.py) with the
GPU options on (generation, encoder and GRPO on CUDA, bf16, gradient checkpointing), and prints a
summary. Without CUDA the gpu tests are skipped and the workflow step is skipped (``--cpu-workflow``
runs it with the GPU options off): the CPU dry run of everything up to the CUDA checks.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WANTED = ["trl", "datasets", "snakemake", "sqlglot"]
# On the lent GPU machine already (with their dependencies), or not needed: never downloaded.
PRESENT = {
    "torch",
    "transformers",
    "tokenizers",
    "safetensors",
    "regex",
    "huggingface-hub",
    "hf-xet",
    "peft",
    "accelerate",
    "sentence-transformers",
    "scikit-learn",
    "scipy",
    "pandas",
    "numpy",
    "python-dateutil",
    "tzdata",
    "pytz",
    "six",
    "matplotlib",
    "pillow",
    "pytest",
    "pluggy",
    "iniconfig",
    "jinja2",
    "markupsafe",
    "sympy",
    "mpmath",
    "networkx",
    "filelock",
    "typing-extensions",
    "pyyaml",
    "tqdm",
    "packaging",
    "psutil",
    "typer",
    "click",
    "rich",
    "shellingham",
    "markdown-it-py",
    "mdurl",
    "pygments",
    "annotated-doc",
    "httpx",
    "httpcore",
    "httpx2",
    "httpcore2",
    "h11",
    "anyio",
    "sniffio",
    "idna",
    "truststore",
    "setuptools",
    "pulp",
}
PLATFORMS = [
    "manylinux_2_28_x86_64",
    "manylinux_2_17_x86_64",
    "manylinux2014_x86_64",
    "manylinux_2_5_x86_64",
    "linux_x86_64",
]
GPU_PYTHON = "3.12"
LIMIT_MIB = 64
# Where missing packages go (on PYTHONPATH). The path must contain "site-packages": dill (which datasets
# uses to fingerprint every Dataset) pickles by value any module whose file is outside the interpreter's
# prefixes and not under a folder of that name, and fails on pyarrow ("Can't pickle <class 'MonthDayNano'>").
SITE = REPO / "build" / "gpu" / "site-packages"
REPACK_BYTES = 5 * 2**20  # wheels above this travel as .whl.tar.xz


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _env(python_version: str) -> dict[str, str]:
    return {
        "python_version": python_version,
        "python_full_version": f"{python_version}.0",
        "sys_platform": "linux",
        "platform_system": "Linux",
        "os_name": "posix",
        "platform_machine": "x86_64",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "extra": "",
    }


def closure(names: list[str], python_version: str = GPU_PYTHON) -> dict[str, str]:
    """Distribution -> installed version, for ``names`` and their (non-extra) requirements, from this environment."""
    from packaging.requirements import Requirement

    env, found = _env(python_version), {}

    def walk(name: str) -> None:
        key = _key(name)
        if key in found:
            return
        dist = md.distribution(name)
        found[key] = dist.version.split("+")[0]
        for line in dist.requires or []:
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate(env):
                walk(req.name)

    for name in names:
        walk(name)
    return found


def download(folder: Path) -> int:
    wanted = {name: version for name, version in closure(WANTED).items() if name not in PRESENT}
    folder.mkdir(parents=True, exist_ok=True)
    specs = [f"{name}=={version}" for name, version in sorted(wanted.items())]
    print(f"downloading {len(specs)} wheels for CPython {GPU_PYTHON} into {folder}: {' '.join(specs)}")
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--quiet",
        "--no-deps",
        "--only-binary=:all:",
        "--dest",
        str(folder),
        "--python-version",
        GPU_PYTHON,
        "--implementation",
        "cp",
        "--abi",
        f"cp{GPU_PYTHON.replace('.', '')}",
        "--abi",
        "abi3",
        "--abi",
        "none",
    ]
    for platform in PLATFORMS:
        cmd += ["--platform", platform]
    code = 0
    for spec in specs:  # one at a time: a package published only as an sdist is built into a wheel here
        if subprocess.call(cmd + ["--platform", "any", spec], stderr=subprocess.DEVNULL) != 0:
            print(f"{spec}: no wheel for CPython {GPU_PYTHON}; building one from the sdist (pure Python only)")
            built = subprocess.call(
                [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(folder), spec],
                stderr=subprocess.DEVNULL,
            )
            name = _key(spec.split("==")[0]).replace("-", "_")
            pure = any(
                p.name.endswith("-none-any.whl")
                for p in folder.glob("*.whl")
                if _key(p.name.split("-")[0]) == _key(name)
            )
            if built != 0 or not pure:
                print(f"{spec}: FAILED (no wheel, and the sdist does not build into a pure-Python wheel)")
                code = 1
    for path in sorted(folder.glob("*.whl")):
        if path.stat().st_size > REPACK_BYTES:
            repacked = repack(path)
            print(
                f"{path.name}: {path.stat().st_size / 2**20:.1f} MiB as a wheel, "
                f"{repacked.stat().st_size / 2**20:.1f} MiB as {repacked.name}"
            )
            path.unlink()
    files = [p for p in folder.iterdir() if p.name.endswith((".whl", ".whl.tar.xz"))]
    print(f"{len(files)} wheels, {sum(p.stat().st_size for p in files) / 2**20:.1f} MiB")
    return code


def repack(wheel: Path) -> Path:
    """``x.whl`` -> ``x.whl.tar.xz`` of its files: xz packs big native libraries a third smaller than zip."""
    target = wheel.with_name(wheel.name + ".tar.xz")
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(tmp)
        with tarfile.open(target, "w:xz", preset=6) as tar:
            for path in sorted(Path(tmp).rglob("*")):
                tar.add(path, arcname=path.relative_to(tmp).as_posix(), recursive=False)
    return target


def unpack(packed: Path, into: Path) -> Path:
    """``x.whl.tar.xz`` -> ``into/x.whl`` (stored, uncompressed: pip checks each file against RECORD)."""
    wheel = into / packed.name[: -len(".tar.xz")]
    into.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(packed) as tar:
            tar.extractall(tmp, filter="data")
        with zipfile.ZipFile(wheel, "w", zipfile.ZIP_STORED) as archive:
            for path in sorted(Path(tmp).rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(tmp).as_posix())
    return wheel


def _wheel_dist(path: Path) -> tuple[str, str]:
    name, version = path.name.split("-")[:2]
    return _key(name), version


def install_missing(folder: Path, target: Path) -> dict:
    """Install the wheels whose distribution is not installed into ``target`` (emptied first; no index, no deps)."""
    shutil.rmtree(target, ignore_errors=True)
    installed = {_key(dist.metadata["Name"]) for dist in md.distributions() if dist.metadata["Name"]}
    wheels = sorted(folder.glob("*.whl")) + sorted(folder.glob("*.whl.tar.xz")) if folder.is_dir() else []
    missing = [path for path in wheels if _wheel_dist(path)[0] not in installed]
    missing = [unpack(path, target.parent / "wheels") if path.name.endswith(".tar.xz") else path for path in missing]
    report = {"wheels": len(wheels), "installed_now": [_wheel_dist(p)[0] for p in missing]}
    if missing:
        target.mkdir(parents=True, exist_ok=True)
        code = subprocess.call(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-index",
                "--no-deps",
                "--target",
                str(target),
                *map(str, missing),
            ]
        )
        report["pip_exit"] = code
    return report


def unmet_requirements(names: list[str]) -> list[str]:
    """Requirements of ``names`` (recursively) that the environment does not satisfy (PuLP is optional)."""
    from packaging.requirements import Requirement

    env = _env(f"{sys.version_info.major}.{sys.version_info.minor}")
    problems, seen = [], set()

    def walk(name: str) -> None:
        if _key(name) in seen:
            return
        seen.add(_key(name))
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            problems.append(f"{name}: not installed")
            return
        for line in dist.requires or []:
            req = Requirement(line)
            if req.marker is not None and not req.marker.evaluate(env) or _key(req.name) == "pulp":
                continue
            try:
                version = md.version(req.name)
            except md.PackageNotFoundError:
                problems.append(f"{name} needs {req}: not installed")
                continue
            if req.specifier and not req.specifier.contains(version.split("+")[0], prereleases=True):
                problems.append(f"{name} needs {req}: {version} installed")
            walk(req.name)

    for name in names:
        walk(name)
    return problems


def _run(cmd: list[str], *, timeout: int, env: dict, log: Path) -> tuple[str, float, str]:
    started = time.perf_counter()
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, cwd=REPO)
        output, code = result.stdout + result.stderr, result.returncode
    except subprocess.TimeoutExpired as exc:
        output, code = f"{exc.stdout or ''}{exc.stderr or ''}\nTIMEOUT after {timeout} s", 124
    log.write_text(output if isinstance(output, str) else output.decode(errors="replace"), encoding="utf-8")
    return ("PASS" if code == 0 else f"FAIL ({code})"), time.perf_counter() - started, output


def tiny_workflow_gpu(workdir: Path, *, gpu: bool) -> Path:
    """The tiny workflow's config with the GPU options on (or off); returns the config file."""
    sys.path.insert(0, str(REPO / "tests"))
    import yaml
    from tiny_workflow import write_tiny_config

    path = write_tiny_config(workdir)
    config = yaml.safe_load(path.read_text())
    if gpu:
        config["generation"].update(device="cuda", dtype="bfloat16", gpu=True)
        config["encoders"]["enc"]["gpu"] = True
        config["warm_start"].update(bf16=True, gpu=True)
        config["grpo"]["gpu"] = True
        config["grpo"]["trainer"].update(bf16=True, gradient_checkpointing=True)
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def check(folder: Path, *, cpu_workflow: bool, pytest_timeout: int, workflow_timeout: int, budget_s: int) -> int:
    out = REPO / "build" / "gpu_check"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    target = SITE
    rows: list[tuple[str, str, float, str]] = []
    started = time.perf_counter()

    report = install_missing(folder, target)
    sys.path.insert(0, str(target))
    env = dict(
        os.environ,
        HF_HUB_OFFLINE="1",
        MPLBACKEND="Agg",
        TOKENIZERS_PARALLELISM="false",
        PYTHONPATH=os.pathsep.join([str(target), str(REPO / "src"), os.environ.get("PYTHONPATH", "")]).rstrip(
            os.pathsep
        ),
    )
    status = "PASS" if report.get("pip_exit", 0) == 0 else f"FAIL (pip {report['pip_exit']})"
    rows.append(
        (
            "install missing wheels",
            status,
            time.perf_counter() - started,
            f"{report['wheels']} wheels brought; installed now: {', '.join(report['installed_now']) or 'none'}",
        )
    )

    t0 = time.perf_counter()
    probe = (
        "import json, torch, transformers, peft, trl, datasets, snakemake, sqlglot, sentence_transformers, polysql;"
        "print(json.dumps({'python': __import__('sys').version.split()[0], 'torch': torch.__version__,"
        "'cuda': torch.cuda.is_available(), 'device': torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,"
        "'bf16': torch.cuda.is_bf16_supported() if torch.cuda.is_available() else None,"
        "'transformers': transformers.__version__, 'trl': trl.__version__, 'datasets': datasets.__version__,"
        "'snakemake': snakemake.__version__, 'sqlglot': sqlglot.__version__}))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=REPO)
    facts = json.loads(result.stdout.strip().splitlines()[-1]) if result.returncode == 0 else {}
    unmet = unmet_requirements(WANTED)
    detail = json.dumps(facts) if facts else " ".join(result.stderr.strip().splitlines()[-1:])
    rows.append(
        (
            "imports",
            "PASS" if facts else "FAIL",
            time.perf_counter() - t0,
            detail + (f"; unmet requirements (warning): {'; '.join(unmet)}" if unmet else ""),
        )
    )
    cuda = bool(facts.get("cuda"))

    if facts:
        status, wall, output = _run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-m",
                "gpu",
                "-p",
                "no:cacheprovider",
                "tests/test_gpu.py",
                "-rs",
                "-s",
            ],
            timeout=pytest_timeout,
            env=env,
            log=out / "pytest_gpu.log",
        )
        tail = [
            line.strip("= ")
            for line in output.splitlines()
            if re.search(r"\d+ (passed|failed|skipped|errors?|deselected)", line)
        ]
        agreement = re.findall(r"greedy float32 CUDA == CPU on .*", output)
        rows.append(("gpu tests (tests/test_gpu.py)", status, wall, "; ".join(tail[-1:] + agreement)))

    def snakemake(workdir: Path, configfile: Path, *args: str) -> list[str]:
        return [
            sys.executable,
            "-m",
            "snakemake",
            "--snakefile",
            str(REPO / "Snakefile"),
            "--directory",
            str(workdir),
            "--profile",
            str(REPO / "profiles" / "default"),
            "--scheduler",
            "greedy",
            *args,
            "results/tables/main.csv",
            "--configfile",
            str(configfile),
        ]

    if facts:  # the GPU options validate against the schema and schedule the GPU jobs (a dry run, any machine)
        workdir = out / "tiny_workflow_dry"
        configfile = tiny_workflow_gpu(workdir, gpu=True)
        status, wall, output = _run(snakemake(workdir, configfile, "-n"), timeout=120, env=env, log=out / "dry_run.log")
        jobs = re.search(r"^total\s+(\d+)$", output, re.M)
        gpu_jobs = len(re.findall(r"resources: .*gpu=1", output))
        rows.append(
            (
                "tiny workflow, GPU options, dry run",
                status,
                wall,
                f"{jobs.group(1) if jobs else '?'} jobs, {gpu_jobs} of them with gpu=1",
            )
        )
    if facts and (cuda or cpu_workflow):
        workdir = out / "tiny_workflow"
        configfile = tiny_workflow_gpu(workdir, gpu=cuda)
        left = int(budget_s - (time.perf_counter() - started)) - 15  # keep time for the summary
        status, wall, output = _run(
            snakemake(workdir, configfile, "--cores", str(min(8, os.cpu_count() or 1))),
            timeout=max(30, min(workflow_timeout, left)),
            env=dict(env, OMP_NUM_THREADS="1"),
            log=out / "tiny_workflow.log",
        )
        detail = ""
        grpo_logs = sorted((workdir / "logs" / "grpo").glob("**/*.log"))
        modes = {m for p in grpo_logs for m in re.findall(r"rewards \{.*?\}, (GPU \w+|CPU[\w +]*),", p.read_text())}
        jobs = re.search(r"(\d+) of (\d+) steps \(100%\) done", output)
        detail = f"{jobs.group(0) if jobs else 'not finished'}; GRPO ran on {', '.join(sorted(modes)) or '?'}"
        encoder = workdir / "results" / "encoder" / "enc" / "model" / "polysql_train.json"
        if encoder.is_file():
            detail += f"; encoder on {json.loads(encoder.read_text()).get('device', '?')}"
        if cuda and status == "PASS" and not any(mode.startswith("GPU") for mode in modes):
            status = "FAIL (GRPO did not run on the GPU)"
        rows.append((f"tiny workflow ({'GPU options on' if cuda else 'CPU'})", status, wall, detail))
    elif facts:
        rows.append(
            ("tiny workflow (GPU options on)", "SKIP", 0.0, "no CUDA (run with --cpu-workflow to try it on CPU)")
        )

    print("\n=== polysql GPU check ===")
    print(
        f"machine: {facts.get('device') or 'no CUDA device'}; python {facts.get('python', '?')}, "
        f"torch {facts.get('torch', '?')}, bf16 {facts.get('bf16')}"
    )
    for name, status, wall, detail in rows:
        print(f"{status:<10} {wall:7.1f} s  {name}: {detail}")
    print(f"total {time.perf_counter() - started:.0f} s; logs in {out.relative_to(REPO)}/")
    failed = [row for row in rows if row[1].startswith("FAIL")]
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["download", "check", "install", "size"])
    parser.add_argument("--dir", type=Path, default=REPO / "build" / "gpu_wheels", help="the wheel folder")
    parser.add_argument("--cpu-workflow", action="store_true", help="without CUDA, run the tiny workflow on CPU anyway")
    parser.add_argument("--pytest-timeout", type=int, default=200)
    parser.add_argument("--workflow-timeout", type=int, default=400)
    parser.add_argument(
        "--budget", type=int, default=580, help="seconds for the whole check (the tiny workflow gets what is left)"
    )
    args = parser.parse_args(argv)
    if args.command == "download":
        return download(args.dir)
    if args.command == "install":  # only the first step of check: install what is missing, list unmet requirements
        target = SITE
        report = install_missing(args.dir, target)
        sys.path.insert(0, str(target))
        import importlib

        importlib.invalidate_caches()
        unmet = unmet_requirements(WANTED)
        print(
            f"{report['wheels']} wheels brought; installed now into {target.relative_to(REPO)}: "
            f"{', '.join(report['installed_now']) or 'none'}"
        )
        print("unmet requirements: " + ("; ".join(unmet) or "none"))
        return 1 if report.get("pip_exit") or unmet else 0
    if args.command == "size":
        files = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        repo = sum((REPO / f).stat().st_size for f in files if (REPO / f).is_file())
        wheels = sum(p.stat().st_size for p in args.dir.iterdir() if p.name.endswith((".whl", ".whl.tar.xz")))
        print(
            f"repository (tracked + untracked, not ignored) {repo / 2**20:.1f} MiB + wheels {wheels / 2**20:.1f} MiB "
            f"= {(repo + wheels) / 2**20:.1f} MiB of {LIMIT_MIB} MiB"
        )
        return 0 if repo + wheels <= LIMIT_MIB * 2**20 else 1
    return check(
        args.dir,
        cpu_workflow=args.cpu_workflow,
        pytest_timeout=args.pytest_timeout,
        workflow_timeout=args.workflow_timeout,
        budget_s=args.budget,
    )


if __name__ == "__main__":
    sys.exit(main())
