"""A corpus of bad inputs: every row must end in a clear error or a documented, counted decision.

Each row of ``ROWS`` builds its inputs in a fresh folder, runs one thing (the ``polysql evaluate``
CLI in-process, a library call, or the real Snakemake CLI on the data stage) and is judged in the
three classes found by a review of bad inputs:

* ``clear``  -- an error whose message names the problem (file, line, record or option) and
  nothing was lost, or the documented decision (with its count, its warning) and nothing lost;
* ``weak``   -- it fails, but with a raw traceback, a repeated message, or one naming the wrong
  thing (or it does not fail where it must);
* ``silent`` -- a wrong result with exit 0, data lost or replaced, nonsense accepted.

The test asserts ``clear`` for every row. To add a case, add a row: ``Row(id, issue_class, setup,
run, judge)`` where ``setup`` is a tuple of actions that build the input in the row's folder
(:func:`bench`, :func:`tiny`, :func:`write`, :func:`link`, :func:`corrupt_db` ...), ``run`` runs
it (:func:`evaluate`, :func:`evaluate_cli`, :func:`evaluate_record`, :func:`prepare_dev`,
:func:`data_workflow`, or any ``f(tmp) -> Outcome``) and ``judge`` is :func:`fails` (a pattern
the message must match + checks that nothing was damaged) or :func:`succeeds` (checks of the
documented result). ``issue_class`` is how the review filed the case (``silent``/``weak``),
``clear`` for a case that already behaved, ``new`` for a case found while fixing the issue.

``python tests/test_bad_inputs.py`` prints every row's verdict and the counts per class; with
``PYTHONPATH=<an older checkout>/src POLYSQL_REPO=<that checkout>`` it classifies that version
(how the before/after counts in the issue were made).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from tiny_bench import write_tiny_benchmark  # noqa: E402

REPO = Path(os.environ.get("POLYSQL_REPO") or Path(__file__).resolve().parents[1])
CLEAR_ERRORS = ("DataError", "GoldQueryError", "GoldParseError", "GoldRecordError", "UnsafePathError")

GOLD = (
    "SELECT count(*) FROM customer\tshop\n"
    "SELECT name FROM customer WHERE city = 'Paris'\tshop\n"
    "SELECT species FROM animal WHERE age > 3\tzoo\n"
)
PRED = (
    "SELECT count(*) FROM customer\n"
    "SELECT name FROM customer WHERE city = 'Rome'\n"
    "SELECT species FROM animal WHERE age > 3\n"
)


# ---------------------------------------------------------------------------- running a row
@dataclass
class Outcome:
    """What one run gave: exit code, captured output, an exception that escaped, a value."""

    rc: int | None = None
    out: str = ""
    err: str = ""
    exc: BaseException | None = None
    value: Any = None
    seconds: float = 0.0

    @property
    def message(self) -> str:
        return self.err + ("" if self.exc is None else f"{type(self.exc).__name__}: {self.exc}")


def bench(tmp: Path, **kwargs) -> Path:
    """The tiny benchmark (databases shop and zoo, en + de) with gold/pred files beside it."""
    root = write_tiny_benchmark(tmp / "bench", **kwargs)
    (tmp / "gold.sql").write_text(GOLD, encoding="utf-8")
    (tmp / "pred.txt").write_text(PRED, encoding="utf-8")
    return root


def cli(*argv: Any) -> Outcome:
    """``polysql evaluate ARGV`` in-process; an exception escaping it is a raw traceback."""
    from polysql.cli import main as cli_main

    out, err = io.StringIO(), io.StringIO()
    start = time.monotonic()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = cli_main(["evaluate", *map(str, argv)])
        except SystemExit as exc:  # argparse refusing an option
            rc = exc.code if isinstance(exc.code, int) else 2
        except Exception as exc:  # noqa: BLE001 - judged as a raw traceback
            return Outcome(None, out.getvalue(), err.getvalue(), exc, seconds=time.monotonic() - start)
    return Outcome(rc, out.getvalue(), err.getvalue(), seconds=time.monotonic() - start)


def evaluate_files(tmp: Path, *extra: Any, gold: str | None = None, pred: str | None = None) -> Outcome:
    """``polysql evaluate --gold tmp/gold.sql --pred tmp/pred.txt --db tmp/bench/database``."""
    gold_path, pred_path = tmp / "gold.sql", tmp / "pred.txt"
    if gold is not None:
        gold_path.write_text(gold, encoding="utf-8")
    if pred is not None:
        pred_path.write_text(pred, encoding="utf-8")
    return cli("--gold", gold_path, "--pred", pred_path, "--db", tmp / "bench" / "database", *extra)


def call(function: Callable[[], Any]) -> Outcome:
    """A library call; a DataError-like exception is its (clear or not) error message."""
    start = time.monotonic()
    with contextlib.redirect_stderr(io.StringIO()) as err:
        try:
            value = function()
        except Exception as exc:  # noqa: BLE001
            if type(exc).__name__ in CLEAR_ERRORS or any(c.__name__ in CLEAR_ERRORS for c in type(exc).__mro__):
                return Outcome(2, err=f"{type(exc).__name__}: {exc}", seconds=time.monotonic() - start)
            return Outcome(None, err=err.getvalue(), exc=exc, seconds=time.monotonic() - start)
    return Outcome(0, err=err.getvalue(), value=value, seconds=time.monotonic() - start)


def workflow(workdir: Path, config: dict, *targets: str) -> Outcome:
    """The real Snakemake CLI (the data stage) with ``config`` in ``workdir``."""
    configfile = workdir / "config.yaml"
    configfile.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    env = dict(
        os.environ,
        HF_HUB_OFFLINE="1",
        OMP_NUM_THREADS="1",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")])),
    )
    start = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "snakemake",
            "--snakefile",
            str(REPO / "Snakefile"),
            "--directory",
            str(workdir),
            "--profile",
            str(REPO / "profiles" / "default"),
            "--cores",
            "1",
            *targets,
            "--configfile",
            str(configfile),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    return Outcome(result.returncode, result.stdout, result.stderr, seconds=time.monotonic() - start)


def data_config(bench_dir: Path, languages=("en", "de"), eval_per_language: int = 3) -> dict:
    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))
    config["languages"] = list(languages)
    config["benchmark"]["dir"] = str(bench_dir)
    config["data"]["eval_per_language"] = eval_per_language
    return config


# ---------------------------------------------------------------------------- judging a row
Check = Callable[[Path, Outcome], "str | None"]  # None when fine, else what is wrong ("weak: ..."
#                                                  for a poor message, anything else is damage)


def fails(pattern: str, *checks: Check) -> Callable[[Path, Outcome], tuple[str, str]]:
    """The run must fail cleanly (exit 2 / a DataError) with a message matching ``pattern``."""

    def judge(tmp: Path, outcome: Outcome) -> tuple[str, str]:
        reasons = [reason for check in checks if (reason := check(tmp, outcome))]
        damage = [reason for reason in reasons if not reason.startswith("weak: ")]
        if damage:
            return "silent", "; ".join(damage)
        if outcome.exc is not None:
            return "weak", f"raw traceback: {type(outcome.exc).__name__}: {str(outcome.exc)[:160]}"
        if outcome.rc == 0:
            return "silent", f"exit 0 where it must fail; stderr: {outcome.err[-200:]!r}"
        if reasons:  # a message that repeats itself or names the wrong thing, or a log without it
            return "weak", "; ".join(reason[len("weak: ") :] for reason in reasons)
        if not re.search(pattern, outcome.message, re.S):
            return "weak", f"message does not say /{pattern}/: {outcome.message[-300:]!r}"
        return "clear", ""

    return judge


def succeeds(*checks: Check) -> Callable[[Path, Outcome], tuple[str, str]]:
    """The run must succeed (the documented decision) and every check must hold."""

    def judge(tmp: Path, outcome: Outcome) -> tuple[str, str]:
        if outcome.exc is not None:
            return "weak", f"raw traceback: {type(outcome.exc).__name__}: {str(outcome.exc)[:160]}"
        if outcome.rc not in (0, None):
            return "weak", f"fails (rc {outcome.rc}): {outcome.message[-300:]!r}"
        wrong = [reason for check in checks if (reason := check(tmp, outcome))]
        if any(not reason.startswith("weak: ") for reason in wrong):
            return "silent", "; ".join(wrong)
        return ("weak", "; ".join(reason[len("weak: ") :] for reason in wrong)) if wrong else ("clear", "")

    return judge


def unchanged(name: str, text: str | None = None) -> Check:
    """``tmp/name`` still holds ``text`` (default: the content written by :func:`bench`)."""

    def check(tmp: Path, outcome: Outcome) -> str | None:
        expected = text if text is not None else {"gold.sql": GOLD, "pred.txt": PRED}[name]
        path = tmp / name
        if not path.is_file() or path.read_text(encoding="utf-8") != expected:
            return f"{name} was modified"
        return None

    return check


def is_symlink(name: str) -> Check:
    def check(tmp: Path, outcome: Outcome) -> str | None:
        return None if (tmp / name).is_symlink() else f"the symlink {name} was replaced by a file"

    return check


def examples(tmp: Path, name: str = "out.jsonl") -> list[dict]:
    path = tmp / name
    return (
        [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if path.is_file()
        else []
    )


def summary_of(tmp: Path, name: str = "summary.json") -> dict:
    path = tmp / name
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def expect(predicate: Callable[[Path, Outcome], bool], reason: str) -> Check:
    def check(tmp: Path, outcome: Outcome) -> str | None:
        try:
            return None if predicate(tmp, outcome) else reason
        except Exception as exc:  # noqa: BLE001 - a missing key is a failed expectation
            return f"{reason} ({type(exc).__name__}: {exc})"

    return check


def printed_once(text: str) -> Check:
    """``text`` appears at most once in the error output (no repeated message)."""

    def check(tmp: Path, outcome: Outcome) -> str | None:
        count = outcome.message.count(text.format(tmp=tmp))
        return None if count <= 1 else f"weak: the message repeats {text!r} {count} times"

    return check


# ---------------------------------------------------------------------------- inputs
def sqlite_file(path: Path, content: bytes | None = None, corrupt: bool = False) -> Path:
    """A database at ``path``: raw bytes, or a valid one whose schema page is overwritten."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if content is not None:
        path.write_bytes(content)
        return path
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.executescript(
            "CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT, city TEXT);"
            "INSERT INTO customer VALUES (1, 'Ann', 'Paris');"
        )
        conn.commit()
    if corrupt:
        data = bytearray(path.read_bytes())
        data[100:400] = b"\xff" * 300  # page 1 b-tree header and cells: sqlite_master unreadable
        path.write_bytes(bytes(data))
    return path


def drop_entry(root: Path, name: str, index: int = 0) -> None:
    path = root / name
    entries = json.loads(path.read_text(encoding="utf-8"))
    del entries[index]
    path.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")


def records_file(tmp: Path, db: Path, gold: str, prediction: Any = "SELECT 1") -> Path:
    path = tmp / "records.jsonl"
    path.write_text(
        json.dumps({"id": "r1", "db_path": str(db), "gold_sql": gold, "prediction": prediction}) + "\n",
        encoding="utf-8",
    )
    return path


def with_umask(mask: int, function: Callable[[], Outcome]) -> Outcome:
    old = os.umask(mask)
    try:
        return function()
    finally:
        os.umask(old)


def fifo_out(tmp: Path) -> Outcome:
    """--out is a FIFO with a reader: the examples must arrive through it."""
    bench(tmp)
    fifo = tmp / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    outcome = evaluate_files(tmp, "--out", fifo)
    thread.join(timeout=10)
    if thread.is_alive():  # the CLI never opened the FIFO: release the reader, still waiting for a writer
        # Non-blocking: a blocking open could wait forever if the reader finished in between.
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:  # ENXIO: no reader left
            pass
        thread.join(timeout=10)
    outcome.value = b"".join(received).decode("utf-8", "replace")
    return outcome


def run_logged_script(tmp: Path) -> Outcome:
    """A workflow script (setup_logging, then a DataError): the error must reach its log file."""
    script = tmp / "job.py"
    script.write_text(
        "import sys\nfrom polysql.runlog import setup_logging\nfrom polysql.io import DataError\n"
        "setup_logging(sys.argv[1])\nraise DataError('dev_de.json: entry 3 lacks query')\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")])))
    result = subprocess.run(
        [sys.executable, str(script), str(tmp / "logs" / "job.log")],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    return Outcome(result.returncode, result.stdout, result.stderr)


def log_has(name: str, pattern: str) -> Check:
    def check(tmp: Path, outcome: Outcome) -> str | None:
        path = tmp / name
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        return None if re.search(pattern, text) else f"weak: {name} does not hold the error /{pattern}/"

    return check


def prepare(root: Path, out: Path, languages=("en", "de")) -> Outcome:
    from polysql.data.prepare import prepare_benchmark

    return call(lambda: prepare_benchmark(root, out, splits=["dev"], languages=list(languages)))


def eval_sets_call(pools: dict) -> Outcome:
    from polysql.data.sample import eval_sets

    return call(lambda: eval_sets(pools, None, seed=0))


# ---------------------------------------------------------------------------- the corpus
@dataclass
class Row:
    """One bad input: ``setup`` actions build it in ``tmp``, ``run`` runs it, ``judge`` judges it."""

    id: str
    issue_class: str  # how the review filed it: silent | weak | clear (already behaved) | new
    setup: tuple[Callable[[Path], Any], ...]
    run: Callable[[Path], Outcome]
    judge: Callable[[Path, Outcome], tuple[str, str]]
    slow: bool = field(default=False)  # runs the Snakemake CLI (a few seconds)


# Set-up actions (each takes the row's folder). Paths in arguments written "@name" mean tmp/name.
def at(tmp: Path, value: Any) -> Any:
    return tmp / value[1:] if isinstance(value, str) and value.startswith("@") else value


def tiny(tmp: Path) -> Path:
    return write_tiny_benchmark(tmp / "bench")


def write(name: str, content: str | bytes) -> Callable[[Path], Any]:
    def action(tmp: Path) -> None:
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")

    return action


def link(name: str, target: str) -> Callable[[Path], Any]:
    return lambda tmp: (tmp / name).symlink_to(at(tmp, target))


def mkdir(name: str) -> Callable[[Path], Any]:
    return lambda tmp: (tmp / name).mkdir()


def unlink(name: str) -> Callable[[Path], Any]:
    return lambda tmp: (tmp / name).unlink()


def corrupt_db(name: str) -> Callable[[Path], Any]:
    return lambda tmp: os.replace(sqlite_file(tmp / "corrupt.sqlite", corrupt=True), tmp / name)


def drop(name: str, index: int) -> Callable[[Path], Any]:
    return lambda tmp: drop_entry(tmp / "bench", name, index)


ZOO_DB, SHOP_DB = "bench/database/zoo/zoo.sqlite", "bench/database/shop/shop.sqlite"


# Identifiers that become path components (db_id, language, system, run) stay inside their root.
def outside_db(name: str = "outside") -> Callable[[Path], Any]:
    """A real database outside the benchmark: ``tmp/<name>.sqlite`` and ``tmp/<name>/<name>.sqlite``."""

    def action(tmp: Path) -> None:
        sqlite_file(tmp / f"{name}.sqlite")
        sqlite_file(tmp / name / f"{name}.sqlite")

    return action


def untouched_outputs(tmp: Path, outcome: Outcome) -> str | None:
    """Nothing was written: no --out or --summary file."""
    made = [name for name in ("out.jsonl", "summary.json") if (tmp / name).exists()]
    return f"written although refused: {made}" if made else None


def gold_for(db_id_of: Callable[[Path], str]) -> Callable[[Path], Outcome]:
    """``polysql evaluate`` with one gold line whose db_id is ``db_id_of(tmp)`` (absolute paths need tmp)."""

    def run(tmp: Path) -> Outcome:
        return evaluate_files(
            tmp,
            *(at(tmp, a) for a in OUT_SUMMARY),
            gold=f"SELECT count(*) FROM customer\t{db_id_of(tmp)}\n",
            pred="SELECT 1\n",
        )

    return run


def records_with(tmp: Path, record: dict, *extra: Any) -> Outcome:
    path = tmp / "records.jsonl"
    path.write_text(
        json.dumps({"id": "r1", "gold_sql": "SELECT count(*) FROM customer", "prediction": "SELECT 1", **record})
        + "\n",
        encoding="utf-8",
    )
    return cli("--records", path, *(at(tmp, a) for a in extra), *(at(tmp, a) for a in OUT_SUMMARY))


def prepare_with_db_id(db_id: str) -> Callable[[Path], Any]:
    return write("bench/dev_en.json", json.dumps([{"db_id": db_id, "question": "q", "query": "SELECT 1"}]))


def path_call(function_name: str, *args: str) -> Callable[[Path], Outcome]:
    """``polysql.paths.<function_name>(*args)`` (a config or wildcard identifier becoming an output path)."""
    from polysql import paths

    return lambda tmp: call(lambda: getattr(paths, function_name)(*args))


# Runs (each takes the row's folder and returns an Outcome).
def evaluate(*args: Any, gold: str | None = None, pred: str | None = None) -> Callable[[Path], Outcome]:
    """``polysql evaluate --gold gold.sql --pred pred.txt --db bench/database ARGS``."""
    return lambda tmp: evaluate_files(tmp, *(at(tmp, a) for a in args), gold=gold, pred=pred)


def evaluate_cli(*args: Any) -> Callable[[Path], Outcome]:
    """``polysql evaluate ARGS`` (no default inputs)."""
    return lambda tmp: cli(*(at(tmp, a) for a in args))


def evaluate_record(db: str, gold: str, prediction: Any = "SELECT 1") -> Callable[[Path], Outcome]:
    """``polysql evaluate --records`` with one record."""
    return lambda tmp: cli("--records", records_file(tmp, at(tmp, db), gold, prediction))


def prepare_dev(*languages: str) -> Callable[[Path], Outcome]:
    """``prepare_benchmark(tmp/bench, tmp/out)`` on the dev split."""
    return lambda tmp: prepare(tmp / "bench", tmp / "out", languages or ("en", "de"))


def data_workflow() -> Callable[[Path], Outcome]:
    """The Snakemake data stage to ``results/data/eval_summary.json`` on tmp/bench (en, de)."""
    return lambda tmp: workflow(tmp, data_config(tmp / "bench"), "results/data/eval_summary.json")


def no_de_counterpart(tmp: Path) -> None:
    """Every de dev query changed: no de entry has an en counterpart any more."""
    path = tmp / "bench" / "dev_de.json"
    entries = json.loads(path.read_text(encoding="utf-8"))
    for entry in entries:
        entry["query"] += " LIMIT 1"
    path.write_text(json.dumps(entries), encoding="utf-8")


def _mode(tmp: Path, name: str) -> int:
    return stat.S_IMODE(os.stat(tmp / name).st_mode)


def _read_json(tmp: Path, name: str) -> Any:
    return json.loads((tmp / name).read_text(encoding="utf-8"))


HUGE = "SELECT name FROM customer WHERE city = " + " OR city = ".join(["'x'"] * 120_000)  # 1.7 MB
TABLES_SHOP_ONLY = json.dumps(
    [
        {
            "db_id": "shop",
            "table_names_original": ["customer"],
            "table_names": ["customer"],
            "column_names_original": [[-1, "*"], [0, "id"], [0, "name"], [0, "city"]],
            "column_names": [[-1, "*"], [0, "id"], [0, "name"], [0, "city"]],
            "column_types": ["text", "number", "text", "text"],
            "primary_keys": [1],
            "foreign_keys": [],
        }
    ]
)
OUT = ("--out", "@out.jsonl")
OUT_SUMMARY = ("--out", "@out.jsonl", "--summary", "@summary.json")

ROWS: list[Row] = [
    # --- silent failures ----------------------------------------------------------------------
    Row(
        "intent-missing-in-one-language",
        "silent",
        (tiny, drop("dev_de.json", 0)),
        data_workflow(),
        succeeds(
            expect(
                lambda t, o: (
                    _read_json(t, "results/data/eval_summary.json")["dropped_not_parallel"] == {"en": 1, "de": 0}
                ),
                "the dropped intent is not counted as en: 1",
            ),
            expect(
                lambda t, o: len((t / "results/data/eval_de.jsonl").read_text().splitlines()) == 3,
                "the other 3 intents are not kept in de",
            ),
        ),
        slow=True,
    ),
    Row(
        "no-intent-in-every-language-workflow",
        "silent",
        (tiny, drop("dev_de.json", 0), no_de_counterpart),
        data_workflow(),
        fails(
            r"no intent is present in every language",
            log_has("logs/data/sample_eval.log", r"no intent is present in every language"),
        ),
        slow=True,
    ),
    Row(
        "no-intent-in-every-language-api",
        "new",
        (),
        lambda t: eval_sets_call(
            {"en": [{"intent": "a", "hardness": "easy"}], "de": [{"intent": "b", "hardness": "easy"}]}
        ),
        fails(r"no intent is present in every language.*en: 1.*de: 1"),
    ),
    Row(
        "out-is-a-symlink",
        "silent",
        (bench, link("link.jsonl", "@target.jsonl")),
        evaluate("--out", "@link.jsonl"),
        succeeds(
            is_symlink("link.jsonl"),
            expect(lambda t, o: len(examples(t, "target.jsonl")) == 3, "the link's target was not written"),
        ),
    ),
    Row(
        "out-is-a-fifo",
        "silent",
        (),
        fifo_out,
        succeeds(
            expect(lambda t, o: stat.S_ISFIFO(os.lstat(t / "fifo").st_mode), "the FIFO was replaced by a file"),
            expect(lambda t, o: o.value.count("\n") == 3, "the examples did not come through the FIFO"),
        ),
    ),
    Row(
        "out-links-to-a-device",
        "silent",
        (bench, link("null", "/dev/null")),
        evaluate("--out", "@null"),
        succeeds(
            is_symlink("null"),
            expect(lambda t, o: stat.S_ISCHR(os.stat("/dev/null").st_mode), "/dev/null is no longer a device"),
        ),
    ),
    Row(
        "out-links-to-stdout",
        "silent",
        (bench, link("stdout", "/proc/self/fd/1")),
        evaluate("--out", "@stdout"),
        succeeds(is_symlink("stdout")),
    ),
    Row(
        "out-is-the-gold-input",
        "silent",
        (bench,),
        evaluate("--out", "@gold.sql"),
        fails(r"--out .*gold\.sql is the input", unchanged("gold.sql")),
    ),
    Row(
        "summary-is-the-pred-input",
        "new",
        (bench,),
        evaluate("--summary", "@pred.txt"),
        fails(r"--summary .*pred\.txt is the input", unchanged("pred.txt")),
    ),
    Row(
        "out-exists",
        "silent",
        (bench, write("out.jsonl", "keep me\n")),
        evaluate(*OUT),
        fails(r"--out .*out\.jsonl already exists; pass --force", unchanged("out.jsonl", "keep me\n")),
    ),
    Row(
        "out-exists-with-force",
        "new",
        (bench, write("out.jsonl", "old\n")),
        evaluate(*OUT, "--force"),
        succeeds(expect(lambda t, o: len(examples(t)) == 3, "--force did not replace the file")),
    ),
    Row(
        "out-is-a-directory",
        "silent",
        (bench, mkdir("outdir")),
        evaluate("--out", "@outdir"),
        fails(r"--out .*outdir is a directory"),
    ),
    Row(
        "out-mode-follows-umask",
        "silent",
        (bench,),
        lambda t: with_umask(0o002, lambda: evaluate(*OUT_SUMMARY)(t)),
        succeeds(
            expect(
                lambda t, o: _mode(t, "out.jsonl") == 0o664 and _mode(t, "summary.json") == 0o664,
                "output mode does not follow the umask 002 (expected 0664)",
            )
        ),
    ),
    Row("timeout-zero", "silent", (bench,), evaluate("--timeout", "0"), fails(r"--timeout.*> 0")),
    Row("timeout-negative", "silent", (bench,), evaluate("--timeout", "-2"), fails(r"--timeout.*> 0")),
    Row("timeout-nan", "new", (bench,), evaluate("--timeout", "nan"), fails(r"--timeout.*> 0")),
    Row("workers-negative", "silent", (bench,), evaluate("--workers", "-3"), fails(r"--workers.*0 .*or more")),
    Row(
        "tab-inside-prediction",
        "silent",
        (bench,),
        evaluate(
            *OUT,
            pred=PRED.replace(
                "SELECT name FROM customer WHERE city = 'Rome'", "SELECT name\tFROM customer WHERE city = 'Paris'"
            ),
        ),
        succeeds(
            expect(
                lambda t, o: examples(t)[1]["exec"] == 1 and examples(t)[1]["exact_match"] == 1,
                "the prediction with a tab was cut (scored wrong)",
            ),
            expect(
                lambda t, o: examples(t)[1]["prediction"] == "SELECT name\tFROM customer WHERE city = 'Paris'",
                "the per-example output does not show the scored text",
            ),
        ),
    ),
    Row(
        "pred-line-with-db-id-field",
        "clear",
        (bench,),
        evaluate(*OUT, pred="SELECT count(*) FROM customer\tshop\nSELECT 1\nSELECT 1\n"),
        succeeds(expect(lambda t, o: examples(t)[0]["exec"] == 1, "'SQL<TAB>db_id' prediction lines not read")),
    ),
    Row(
        "allow-gold-errors-excludes",
        "silent",
        (bench,),
        evaluate(
            "--allow-gold-errors",
            *OUT_SUMMARY,
            gold=GOLD.replace("FROM customer\tshop", "FROM no_such_table\tshop", 1),
            pred=PRED.replace("'Rome'", "'Paris'"),
        ),
        succeeds(
            expect(
                lambda t, o: (
                    summary_of(t)["n"] == 2
                    and summary_of(t)["ex"] == 1.0
                    and summary_of(t)["errors"]["gold_error"] == 1
                ),
                "a failing gold query is counted in EX (n 3, EX 2/3) instead of excluded",
            ),
            expect(
                lambda t, o: examples(t)[0]["exec"] is None and examples(t)[0]["exact_match"] is None,
                "the excluded example carries a 0",
            ),
            expect(lambda t, o: "excluded" in o.err, "weak: no warning that examples were excluded"),
        ),
    ),
    Row(
        "unreadable-gold-allowed",
        "silent",
        (bench,),
        evaluate(
            "--allow-gold-errors",
            *OUT_SUMMARY,
            gold=GOLD.replace("SELECT count(*) FROM customer", "SELEC name FROM customer"),
        ),
        succeeds(
            expect(
                lambda t, o: summary_of(t)["errors"]["gold_error"] == 1 and summary_of(t)["n"] == 2,
                "the unreadable gold query is not excluded and counted",
            )
        ),
    ),
    Row(
        "unreadable-gold-strict",
        "silent",
        (bench,),
        evaluate(*OUT_SUMMARY, gold=GOLD.replace("SELECT count(*) FROM customer", "SELEC name FROM customer")),
        fails(r"record 1 .*gold\.sql:1.*gold query failed.*SELEC name"),
    ),
    # --- identifiers that become paths are confined ------------------------------------------------
    Row(
        "db-id-absolute-path",
        "silent",
        (bench, outside_db()),
        gold_for(lambda t: str(t / "outside")),
        fails(r"db_id '.*outside' \(in .*gold\.sql:1\) is an absolute path", untouched_outputs),
    ),
    Row(
        "db-id-dotdot",
        "weak",
        (bench, outside_db()),
        gold_for(lambda t: "../../outside"),
        fails(r"db_id '\.\./\.\./outside' \(in .*gold\.sql:1\) contains a path separator", untouched_outputs),
    ),
    Row(
        "db-id-is-dotdot",
        "weak",
        (bench,),
        gold_for(lambda t: ".."),
        fails(r"db_id '\.\.' \(in .*gold\.sql:1\) is '\.\.'", untouched_outputs),
    ),
    Row(
        "db-id-with-separator-inside-root",
        "weak",
        (bench,),
        gold_for(lambda t: "shop/../zoo"),
        fails(r"db_id 'shop/\.\./zoo' \(in .*gold\.sql:1\) contains a path separator", untouched_outputs),
    ),
    Row(
        "db-folder-links-outside-root",
        "silent",
        (bench, outside_db("evil"), link("bench/database/evil", "@evil")),
        gold_for(lambda t: "evil"),
        fails(r"db_id 'evil' \(in .*gold\.sql:1\): .*resolves to .*outside", untouched_outputs),
    ),
    Row(
        "records-db-id-with-dotdot",
        "new",
        (bench,),
        lambda t: records_with(t, {"db_id": "../shop", "db_path": str(t / SHOP_DB)}),
        fails(r"db_id '\.\./shop' \(in .*records\.jsonl record 1\) contains a path separator", untouched_outputs),
    ),
    Row(
        "records-db-path-outside-db",
        "new",
        (bench, outside_db()),
        lambda t: records_with(t, {"db_path": str(t / "outside.sqlite")}, "--db", "@bench/database"),
        fails(r"db_path .*outside\.sqlite.*records\.jsonl record 1.*outside --db", untouched_outputs),
    ),
    Row(
        "records-db-path-inside-db",
        "new",
        (bench,),
        lambda t: records_with(t, {"db_path": str(t / SHOP_DB)}, "--db", "@bench/database"),
        succeeds(expect(lambda t, o: summary_of(t)["n"] == 1, "a record inside --db was not scored")),
    ),
    Row(
        "benchmark-db-id-escapes",
        "weak",
        (tiny, prepare_with_db_id("../../outside"), outside_db()),
        prepare_dev("en"),
        fails(
            r"db_id '\.\./\.\./outside' \(in .*bench: dev/en entry 0\) contains a path separator",
            expect(lambda t, o: not (t / "out").exists(), "an output was written"),
        ),
    ),
    Row(
        "language-code-escapes",
        "weak",
        (tiny,),
        prepare_dev("../en"),
        fails(r"language '\.\./en' contains a path separator"),
    ),
    Row(
        "language-code-in-output-path",
        "new",
        (),
        path_call("eval_set", "../../etc"),
        fails(r"language '\.\./\.\./etc' contains a path separator"),
    ),
    Row(
        "system-name-escapes",
        "new",
        (),
        path_call("predictions", "../../tmp", "en"),
        fails(r"system '\.\./\.\./tmp': part '\.\.' is '\.\.'"),
    ),
    Row(
        "system-name-absolute",
        "new",
        (),
        path_call("metrics", "/etc", "en"),
        fails(r"system '/etc' is an absolute path"),
    ),
    Row(
        "run-name-escapes",
        "new",
        (),
        path_call("grpo_adapter", "lang~all/../../../x"),
        fails(r"run name 'lang~all/\.\./\.\./\.\./x': part '\.\.' is '\.\.'"),
    ),
    Row(
        "model-name-escapes",
        "new",
        (),
        path_call("warm_start_model", "../m"),
        fails(r"model name '\.\./m' contains a path separator"),
    ),
    # --- raw tracebacks ---------------------------------------------------------------------------
    Row(
        "gold-not-utf8",
        "weak",
        (bench, write("gold.sql", GOLD.encode() + b"SELECT \xff\tshop\n")),
        evaluate(),
        fails(r"gold\.sql:4: not valid UTF-8"),
    ),
    Row(
        "pred-not-utf8",
        "weak",
        (bench, write("pred.txt", b"SELECT 1\nSELECT \xe9\nSELECT 1\n")),
        evaluate(),
        fails(r"pred\.txt:2: not valid UTF-8"),
    ),
    Row(
        "records-not-utf8",
        "new",
        (write("r.jsonl", b'{"a": "\xff"}\n'),),
        evaluate_cli("--records", "@r.jsonl"),
        fails(r"r\.jsonl:1: not valid UTF-8"),
    ),
    Row(
        "corrupt-sqlite-evaluate",
        "weak",
        (bench, corrupt_db(SHOP_DB)),
        evaluate(),
        fails(r"corrupt SQLite database .*malformed.*shop\.sqlite"),
    ),
    Row(
        "corrupt-sqlite-records",
        "new",
        (corrupt_db("bad.sqlite"),),
        evaluate_record("@bad.sqlite", "SELECT 1"),
        fails(r"corrupt SQLite database .*bad\.sqlite"),
    ),
    Row(
        "not-a-sqlite-file-evaluate",
        "new",
        (bench, write(ZOO_DB, b"PK\x03\x04" * 300)),
        evaluate(),
        fails(r"not a SQLite database .*zoo\.sqlite"),
    ),
    Row(
        "corrupt-sqlite-prepare",
        "weak",
        (tiny, corrupt_db(ZOO_DB)),
        prepare_dev(),
        fails(r"database of 'zoo' .*corrupt SQLite database .*malformed.*zoo\.sqlite"),
    ),
    Row(
        "nul-in-gold-line",
        "weak",
        (bench,),
        evaluate(gold=GOLD.replace("count(*)", "count(*)\x00", 1)),
        fails(r"gold\.sql:1: .*NUL byte"),
    ),
    Row(
        "nul-in-gold-record",
        "new",
        (bench,),
        evaluate_record("@" + SHOP_DB, "SELECT name FROM customer\x00"),
        fails(r"record 1 \(id r1.*NUL byte"),
    ),
    Row(
        "nul-in-benchmark-query",
        "new",
        (tiny, write("bench/dev_en.json", json.dumps([{"db_id": "zoo", "question": "q", "query": "SELECT 1\x00"}]))),
        prepare_dev("en"),
        fails(r"dev_en\.json: entry 0: NUL byte in query"),
    ),
    # --- messages -----------------------------------------------------------------------------------
    Row(
        "missing-database-said-once",
        "weak",
        (bench, unlink(ZOO_DB)),
        evaluate(),
        fails(
            r"record 3 .*database not found: .*zoo\.sqlite",
            printed_once("zoo.sqlite"),
            printed_once("gold query failed"),
        ),
    ),
    Row(
        "db-folder-missing",
        "weak",
        (bench,),
        evaluate_cli("--gold", "@gold.sql", "--pred", "@pred.txt", "--db", "@no_such_dir"),
        fails(r"--db folder not found: .*no_such_dir"),
    ),
    Row(
        "empty-database-evaluate",
        "weak",
        (bench, write(ZOO_DB, b"")),
        evaluate(),
        fails(r"database file is empty \(0 bytes\): .*zoo\.sqlite"),
    ),
    Row(
        "empty-database-prepare",
        "new",
        (tiny, write(ZOO_DB, b"")),
        prepare_dev(),
        fails(r"database of 'zoo' .*empty \(0 bytes\)"),
    ),
    Row(
        "huge-prediction",
        "weak",
        (bench,),
        evaluate(*OUT, pred=f"{HUGE}\nSELECT 1\nSELECT 1\n"),
        succeeds(
            expect(lambda t, o: o.seconds < 15, "a 1.7 MB prediction took more than 15 s"),
            expect(
                lambda t, o: examples(t)[0]["exec"] == 0 and examples(t)[0]["exact_match"] == 0,
                "the huge prediction is not scored wrong",
            ),
            expect(
                lambda t, o: (
                    "too long" in (examples(t)[0]["parse_error"] or "") and examples(t)[0]["error_kind"] == "too_large"
                ),
                "no error label says the prediction is too long",
            ),
        ),
    ),
    Row(
        "per-language-folders-layout",
        "weak",
        (lambda t: write_tiny_benchmark(t / "bench", layout="per_lang"),),
        data_workflow(),
        succeeds(
            expect(
                lambda t, o: _read_json(t, "results/data/eval_summary.json")["per_language"] == {"en": 3, "de": 3},
                "the {lang}/{split}.json layout was not prepared",
            )
        ),
        slow=True,
    ),
    Row(
        "error-in-the-job-log",
        "weak",
        (),
        run_logged_script,
        fails(
            r"DataError: dev_de\.json: entry 3",
            log_has("logs/job.log", r"DataError: dev_de\.json: entry 3 lacks query"),
        ),
    ),
    # --- smaller items ----------------------------------------------------------------------------
    Row(
        "empty-gold-and-pred",
        "weak",
        (bench,),
        evaluate(gold="", pred=""),
        fails(r"--gold .*gold\.sql: no gold queries"),
    ),
    Row(
        "empty-records",
        "new",
        (write("r.jsonl", ""),),
        evaluate_cli("--records", "@r.jsonl"),
        fails(r"--records .*r\.jsonl: no records"),
    ),
    Row(
        "blank-pred-line-is-an-empty-prediction",
        "weak",
        (bench,),
        evaluate(*OUT, pred="SELECT count(*) FROM customer\n\nSELECT species FROM animal WHERE age > 3\n"),
        succeeds(
            expect(
                lambda t, o: [e["exec"] for e in examples(t)] == [1, 0, 1],
                "the blank line was not scored as an empty prediction in place",
            ),
            expect(lambda t, o: "blank line" in o.err and "line 2" in o.err, "weak: no warning names the blank line"),
        ),
    ),
    Row(
        "blank-pred-line-count-mismatch",
        "weak",
        (bench,),
        evaluate(pred="SELECT 1\n\nSELECT 1\nSELECT 1\n"),
        fails(r"pred\.txt: 3 predictions \(4 lines\) but 3 gold queries; blank lines \(2\)"),
    ),
    Row(
        "tables-json-lacks-the-database",
        "weak",
        (bench, write("t.json", TABLES_SHOP_ONLY)),
        evaluate("--table", "@t.json"),
        succeeds(
            expect(
                lambda t, o: re.search(r"tables\.json has no entry for database 'zoo'", o.err),
                "weak: no warning that tables.json lacks the database",
            )
        ),
    ),
    Row(
        "tables-json-lacks-the-database-prepare",
        "new",
        (tiny, write("bench/tables.json", '[{"db_id": "shop"}]')),
        prepare_dev(),
        succeeds(
            expect(
                lambda t, o: o.value["missing_from_tables_json"] == ["zoo"],
                "weak: the database missing from tables.json is not listed",
            )
        ),
    ),
    Row(
        "intent-missing-in-one-language-prepare",
        "new",
        (tiny, drop("dev_de.json", 1)),
        prepare_dev(),
        succeeds(
            expect(
                lambda t, o: (
                    [json.loads(line)["intent"] for line in (t / "out/dev_de.jsonl").read_text().splitlines()]
                    == ["dev-00000", "dev-00002", "dev-00003"]
                ),
                "de intents are not aligned to en by content",
            ),
            expect(
                lambda t, o: o.value["not_parallel"]["dev"]["missing_from_reference"] == {"de": 1},
                "the missing entry is not counted in the summary",
            ),
        ),
    ),
    # --- already clear before the review (kept so that they stay clear) ----------------------------
    Row(
        "gold-line-without-tab",
        "clear",
        (bench,),
        evaluate(gold="SELECT 1\n"),
        fails(r"gold\.sql:1: expected 'SQL<TAB>db_id'"),
    ),
    Row(
        "pred-count-mismatch",
        "clear",
        (bench,),
        evaluate(pred="SELECT 1\n"),
        fails(r"pred\.txt: 1 predictions \(1 lines\) but 3 gold queries"),
    ),
    Row(
        "records-bad-json",
        "clear",
        (write("r.jsonl", '{"a": 1}\n{oops\n'),),
        evaluate_cli("--records", "@r.jsonl"),
        fails(r"r\.jsonl:2: not valid JSON"),
    ),
    Row(
        "records-missing-key",
        "clear",
        (write("r.jsonl", '{"id": "x", "db_path": "d"}\n'),),
        evaluate_cli("--records", "@r.jsonl"),
        fails(r"record 1 \(x\): missing 'gold_sql'"),
    ),
    Row(
        "records-and-gold-together",
        "clear",
        (bench,),
        evaluate_cli("--records", "@gold.sql", "--gold", "@gold.sql"),
        fails(r"either --records or --gold"),
    ),
    Row(
        "gold-query-fails-strict",
        "clear",
        (bench,),
        evaluate(gold=GOLD.replace("FROM customer\tshop", "FROM nope\tshop", 1)),
        fails(r"record 1 .*gold query failed.*no such table: nope"),
    ),
    Row(
        "benchmark-entry-lacks-query",
        "clear",
        (tiny, write("bench/dev_en.json", '[{"db_id": "zoo", "question": "q"}]')),
        prepare_dev("en"),
        fails(r"dev_en\.json: entry 0 lacks query"),
    ),
    Row(
        "benchmark-file-not-utf8",
        "new",
        (tiny, write("bench/dev_de.json", b'[{"db_id": "zoo",\n "question": "\xff"}]')),
        prepare_dev(),
        fails(r"dev_de\.json:2: not valid UTF-8"),
    ),
    Row(
        "benchmark-database-missing",
        "clear",
        (tiny, unlink(ZOO_DB)),
        prepare_dev(),
        fails(
            r"database of 'zoo'.*not found: .*zoo\.sqlite",
            expect(lambda t, o: not (t / ZOO_DB).exists(), "the database was created"),
        ),
    ),
]


def judge_row(row: Row, tmp: Path) -> tuple[str, str]:
    """Build the row's input in ``tmp``, run it and judge it: ``(verdict, reason)``."""
    tmp.mkdir(parents=True, exist_ok=True)
    for action in row.setup:
        action(tmp)
    try:
        outcome = row.run(tmp)
    except Exception as exc:  # noqa: BLE001 - escaped from the run: a raw traceback
        outcome = Outcome(None, exc=exc)
    return row.judge(tmp, outcome)


@pytest.mark.parametrize("row", [pytest.param(r, id=r.id) for r in ROWS])
def test_bad_input(row: Row, tmp_path: Path) -> None:
    verdict, reason = judge_row(row, tmp_path)
    assert verdict == "clear", f"{row.id}: {verdict}: {reason}"


def test_corpus_ids_are_unique_and_classified() -> None:
    assert len({row.id for row in ROWS}) == len(ROWS)
    assert {row.issue_class for row in ROWS} <= {"silent", "weak", "clear", "new"}


if __name__ == "__main__":  # classify the rows: python tests/test_bad_inputs.py [--fast] [ID_PART ...]
    import tempfile
    from collections import Counter

    fast = "--fast" in sys.argv
    wanted = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    counts: Counter = Counter()
    with tempfile.TemporaryDirectory() as base:
        for number, row in enumerate(ROWS):
            if (fast and row.slow) or (wanted and not any(part in row.id for part in wanted)):
                continue
            verdict, reason = judge_row(row, Path(base) / f"row{number}")
            counts[verdict] += 1
            print(f"{verdict:7} {row.issue_class:7} {row.id:45} {reason[:150]}", flush=True)
    print(f"\n{sum(counts.values())} rows: " + ", ".join(f"{k} {counts[k]}" for k in ("clear", "weak", "silent")))
