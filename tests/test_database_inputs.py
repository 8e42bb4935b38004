"""Databases are inputs: editing a benchmark ``.sqlite`` replans exactly the jobs that read it.

The real Snakemake CLI on a copy of the mini benchmark: the data stage runs, then ``evaluate`` of one
system on predictions written here (the gold queries, so no model is needed), then ``snakemake -n``
after a database is edited. Before, the ``.sqlite`` files were inputs of no rule and every
dry run said "Nothing to be done".
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest
import yaml

from polysql.data.spider import database_files
from polysql.io import read_jsonl, write_jsonl
from test_workflow import _check, _count, _dry_run_jobs, snakemake
from tiny_workflow import write_tiny_config

REPO = Path(__file__).resolve().parents[1]
METRICS = ["results/metrics/base/en.json", "results/metrics/base/de.json"]


def _drop_a_table(db: Path, later_than: float) -> None:
    """Edit a database as a user would (a table dropped), its mtime after every output so far.

    The mtime is the clock's, never set ahead: an input dated in the future makes the rerun's fresh outputs
    "older than the input" and Snakemake fails the job (seen in CI when the rerun came within the margin).
    """
    with closing(sqlite3.connect(db)) as conn:
        table = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchone()[0]
        conn.execute(f'DROP TABLE "{table}"')
        conn.commit()
    while db.stat().st_mtime <= later_than:  # a coarse file-system clock: wait until the edit dates after them
        time.sleep(0.01)
        os.utime(db)


def _newest_output(workdir: Path) -> float:
    return max(path.stat().st_mtime for path in (workdir / "results").rglob("*") if path.is_file())


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory):
    """A workdir where prepare, sample_eval and evaluate (system base, en + de) have run on a benchmark copy."""
    workdir = tmp_path_factory.mktemp("db_inputs")
    bench = shutil.copytree(REPO / "resources" / "mini", workdir / "bench")
    configfile = write_tiny_config(workdir)
    config = yaml.safe_load(configfile.read_text())
    config["benchmark"]["dir"] = str(bench)
    configfile.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    _check(snakemake(workdir, "--cores", "1", "results/data/eval_summary.json", configfile=configfile))
    for lang in ("en", "de"):  # predictions written by hand: the gold queries (generation needs no model here)
        records = read_jsonl(workdir / f"results/data/eval_{lang}.jsonl")
        write_jsonl(
            workdir / f"results/predictions/base/{lang}.jsonl",
            [{**record, "prediction": record["gold_sql"], "completion": record["gold_sql"]} for record in records],
        )
    _check(snakemake(workdir, "--cores", "1", *METRICS, configfile=configfile))
    nothing = snakemake(workdir, "-n", *METRICS, configfile=configfile)
    _check(nothing)
    assert "Nothing to be done" in nothing.stdout + nothing.stderr
    return workdir, bench, configfile


def _used_database(workdir: Path) -> Path:
    """The original database of the first evaluation example."""
    return Path(read_jsonl(workdir / "results/data/eval_en.jsonl")[0]["db_path"])


def test_database_files_lists_originals_and_suite_variants(tmp_path):
    bench = shutil.copytree(REPO / "resources" / "mini" / "database", tmp_path / "bench" / "database")
    (bench / "stray").mkdir()  # a folder without its <db>/<db>.sqlite names no database
    (bench / "stray" / "other.sqlite").write_bytes(b"")
    originals, variants = database_files(tmp_path / "bench")
    assert originals and all(Path(p).stem == Path(p).parent.name for p in originals)
    assert variants and all("_ts" in Path(p).stem for p in variants)
    assert not any("stray" in p for p in originals + variants)
    assert database_files(tmp_path / "nowhere") == ([], [])


def test_an_edited_suite_variant_replans_the_evaluations_only(evaluated):
    workdir, bench, configfile = evaluated
    original = _used_database(workdir)
    variant = sorted(original.parent.glob(f"{original.stem}_ts*.sqlite"))[0]
    _drop_a_table(variant, _newest_output(workdir))
    dry = snakemake(workdir, "-n", *METRICS, configfile=configfile)
    _check(dry)
    jobs = _dry_run_jobs(dry.stdout + dry.stderr)
    assert _count(jobs) == {"evaluate": 2}, jobs
    assert all(variant.name in job["reason"] or "Updated input files" in job["reason"] for job in jobs)
    _check(snakemake(workdir, "--cores", "1", *METRICS, configfile=configfile))  # back to up to date


def test_an_edited_database_replans_prepare_and_everything_after_it(evaluated):
    workdir, bench, configfile = evaluated
    original = _used_database(workdir)
    _drop_a_table(original, _newest_output(workdir))
    dry = snakemake(workdir, "-n", *METRICS, configfile=configfile)
    _check(dry)
    jobs = _dry_run_jobs(dry.stdout + dry.stderr)
    counts = _count(jobs)
    # prepare reads the database; the eval sets (and the in-domain set, drawn from the train split and left out
    # of the shot pool), the base system's predictions and its scores follow it
    assert counts == {"prepare": 1, "sample_eval": 1, "sample_in_domain": 1, "generate": 1, "evaluate": 2}, jobs
    prepare = next(job for job in jobs if job["rule"] == "prepare")
    assert prepare["reason"].startswith("Updated input files") and original.name in prepare["reason"], prepare
    generate = next(job for job in jobs if job["rule"] == "generate")
    assert generate["wildcards"] == "system=base"
