"""Read any Spider / MultiSpider-format directory.

Layouts understood (the first match wins, per split and language):

* ``DIR/{split}_{lang}.json`` — the bundled mini benchmark and MultiSpider's flat release;
* ``DIR/{lang}/{split}.json`` — per-language folders;
* ``DIR/{split}.json`` — plain English Spider (lang ``en`` only); Spider's train is
  ``train_spider.json`` (+ ``train_others.json``), accepted for the split ``train``.

Tables: ``tables_{lang}.json``, ``{lang}/tables.json`` or ``tables.json``. Databases:
``DIR/database/<db_id>/<db_id>.sqlite``. Both MultiSpider value variants have the same layout
(``with_english_value`` keeps database values in English, as the mini benchmark does).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from polysql.io import DataError, read_json
from polysql.paths import check_component, confined_path

REQUIRED_FIELDS = ("db_id", "question", "query")


@dataclass(frozen=True)
class RawExample:
    """One question/SQL pair as stored in the benchmark file (``index`` is its position there)."""

    index: int
    db_id: str
    question: str
    query: str


def split_files(bench_dir: str | Path, split: str, lang: str) -> list[Path]:
    """The data file(s) holding ``split`` in ``lang``; raises DataError listing what was tried."""
    root = Path(bench_dir)
    check_component(split, "split")
    check_component(lang, "language")
    candidates: list[list[Path]] = [[root / f"{split}_{lang}.json"], [root / lang / f"{split}.json"]]
    if lang == "en":
        candidates.append([root / f"{split}.json"])
        if split == "train":
            candidates.append([root / "train_spider.json", root / "train_others.json"])
    for group in candidates:
        if group[0].is_file():
            return [path for path in group if path.is_file()]
    tried = ", ".join(str(group[0]) for group in candidates)
    raise DataError(f"no '{split}' data for language '{lang}' in {root} (tried {tried})")


def tables_file(bench_dir: str | Path, lang: str | None = None) -> Path:
    """The Spider ``tables.json`` to use (a language-specific one is preferred)."""
    root = Path(bench_dir)
    candidates = []
    if lang:
        check_component(lang, "language")
        candidates += [root / f"tables_{lang}.json", root / lang / "tables.json"]
    candidates.append(root / "tables.json")
    for path in candidates:
        if path.is_file():
            return path
    raise DataError(f"no tables.json in {root} (tried {', '.join(map(str, candidates))})")


def load_split(bench_dir: str | Path, split: str, lang: str) -> list[RawExample]:
    """Load the question/SQL pairs of one split and language, in file order.

    Raises:
        DataError: a missing file, a file that is not a JSON list (or not UTF-8), or an entry
            without ``db_id``/``question``/``query`` or with a NUL byte in one (named by file and
            index).
    """
    examples: list[RawExample] = []
    for path in split_files(bench_dir, split, lang):
        entries = read_json(path)
        if not isinstance(entries, list):
            raise DataError(f"{path}: expected a JSON list of examples, got {type(entries).__name__}")
        for position, entry in enumerate(entries):
            if not isinstance(entry, dict):
                raise DataError(f"{path}: entry {position} is not an object")
            missing = [key for key in REQUIRED_FIELDS if not isinstance(entry.get(key), str) or not entry[key].strip()]
            if missing:
                raise DataError(f"{path}: entry {position} lacks {', '.join(missing)}")
            nul = [key for key in REQUIRED_FIELDS if "\x00" in entry[key]]
            if nul:
                raise DataError(f"{path}: entry {position}: NUL byte in {', '.join(nul)}")
            examples.append(
                RawExample(
                    index=len(examples),
                    db_id=entry["db_id"],
                    question=" ".join(entry["question"].split()),
                    query=" ".join(entry["query"].split()),
                )
            )
    return examples


def database_path(bench_dir: str | Path, db_id: str, *, source: str | None = None) -> Path:
    """``DIR/database/<db_id>/<db_id>.sqlite`` (not checked for existence).

    Raises:
        UnsafePathError: ``db_id`` is not one plain name, or the path resolves outside ``DIR/database``
            (``source`` names where the db_id came from).
    """
    return confined_path(Path(bench_dir) / "database", db_id, f"{db_id}.sqlite", kind="db_id", source=source)


def database_files(bench_dir: str | Path) -> tuple[list[str], list[str]]:
    """The benchmark's SQLite files as workflow inputs: ``(originals, test-suite variants)``, each sorted.

    Originals are ``DIR/database/<db_id>/<db_id>.sqlite`` (what prepare, generation, GRPO rewards and
    evaluation read); variants are the other ``.sqlite`` files in such a folder (what test-suite EX reads,
    :func:`polysql.sql.exec_eval.suite_databases`). A folder without its original is skipped (it names no
    database). Declaring them as rule inputs makes an edited database replan the jobs that read it.
    No folder (a benchmark still to be fetched): two empty lists.
    """
    root = Path(bench_dir) / "database"
    originals: list[str] = []
    variants: list[str] = []
    if not root.is_dir():
        return originals, variants
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        original = folder / f"{folder.name}.sqlite"
        if not original.is_file():
            continue
        originals.append(str(original))
        variants += [str(p) for p in sorted(folder.glob("*.sqlite")) if p != original and p.is_file()]
    return originals, variants


def load_tables(bench_dir: str | Path, lang: str | None = None) -> dict[str, dict[str, Any]]:
    """Spider table descriptions by db_id."""
    path = tables_file(bench_dir, lang)
    entries = read_json(path)
    if not isinstance(entries, list):
        raise DataError(f"{path}: expected a JSON list of databases")
    tables = {}
    for position, entry in enumerate(entries):
        if not isinstance(entry, dict) or "db_id" not in entry:
            raise DataError(f"{path}: entry {position} has no db_id")
        tables[entry["db_id"]] = entry
    return tables
