"""Fetch MultiSpider (``dreamerdeo/multispider`` at a pinned revision) and normalise it.

Only the ``fetch_multispider`` local rule calls this: on a machine with internet (e.g. a login
node) it downloads the dataset; on an air-gapped cluster it reads a copy downloaded elsewhere
(config ``benchmark.fetch.local_dir``, or ``python -m polysql.data.fetch --local-dir DIR``).
Every other job reads the normalised copy. Offline without a local copy, it fails at once with a
message saying where to put the files.

The published layout (seen in public sources)::

    dataset/multispider/with_original_value/{train,dev}_<lang>.json
    dataset/multispider/with_English_value/{train,dev}_<lang>.json   (folder case not known: matched case-insensitively)
    dataset/spider/{train_spider,train_others,dev,tables}.json       English Spider
    dataset/spider/database/<db>/<db>.sqlite                          (+ DuoRAT examples_<lang>.json,
                                                                      tables_<lang>.json)
    dataset/pkl/...                                                   preprocessed pickles (ignored)

is normalised into the flat layout polysql's loader reads: ``{split}_{lang}.json``,
``tables.json``, ``database/<db_id>/<db_id>.sqlite``. English comes from the variant folder
when it has ``{split}_en.json``, otherwise from Spider: ``dev.json`` for dev and
``train_spider.json`` + ``train_others.json`` *together* for train (MultiSpider's train set is
both, so English stays parallel to the other languages).

    python -m polysql.data.fetch --local-dir /data/multispider --out resources/multispider \
        --languages en de es fr ja vi zh
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import socket
import sys
from pathlib import Path
from typing import Callable

from polysql.io import DataError

log = logging.getLogger(__name__)

HOST = "huggingface.co"

#: Questions in Spider 1.0's English dev set, which MultiSpider's dev set translates. The English dev
#: file of a full download must hold exactly this many (config ``benchmark.fetch.expected_dev_size``;
#: ``None`` skips the check, e.g. for small fixtures).
SPIDER_DEV_SIZE = 1034

SPLITS = ("train", "dev")

MANUAL_HINT = (
    "Download it on a machine with internet (snakemake --cores 1 fetch_multispider, or "
    "huggingface-cli download dreamerdeo/multispider --repo-type dataset --local-dir DIR), bring DIR "
    "here and set benchmark.fetch.local_dir: DIR in the config (or run python -m polysql.data.fetch "
    "--local-dir DIR --out {out})"
)


def check_online(host: str = HOST, timeout_s: float = 5.0) -> None:
    """Fail fast (no retry loop) when the hub cannot be reached."""
    try:
        socket.create_connection((host, 443), timeout=timeout_s).close()
    except OSError as exc:
        raise ConnectionError(f"cannot reach {host} ({exc})") from None


def _parts_lower(path: Path) -> list[str]:
    return [part.lower() for part in path.parts]


def _choose(
    candidates: list[Path], root: Path, what: str, preferences: list[tuple[str, Callable[[Path], bool]]]
) -> Path:
    """The best of several candidate files for ``what``; logs which one was taken and why.

    ``preferences`` are (reason, predicate) pairs, tried in order: the first that singles out a
    non-empty subset narrows the candidates. Ties go to the shortest, then alphabetically first path.
    """
    remaining = sorted(candidates, key=lambda p: (len(p.parts), p.as_posix()))
    reasons = []
    for reason, predicate in preferences:
        preferred = [path for path in remaining if predicate(path)]
        if preferred and len(preferred) < len(remaining):
            remaining = preferred
            reasons.append(reason)
    chosen = remaining[0]
    if len(candidates) > 1:
        if len(remaining) > 1:
            reasons.append("shortest path, then alphabetical")
        others = ", ".join(str(p.relative_to(root)) for p in candidates if p != chosen)
        log.warning(
            "%s: %d candidates; took %s (%s); not taken: %s",
            what,
            len(candidates),
            chosen.relative_to(root),
            "; ".join(reasons),
            others,
        )
    return chosen


def _read_examples(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(f"{path}: not a UTF-8 JSON file ({exc})") from None
    if not isinstance(data, list):
        raise DataError(f"{path}: expected a JSON list of examples, got {type(data).__name__}")
    for index, entry in enumerate(data):
        if not isinstance(entry, dict) or not {"db_id", "question", "query"} <= set(entry):
            raise DataError(f"{path}[{index}]: an example needs db_id, question and query")
    return data


class _Download:
    """The files of a download (or local copy), with the folders that matter located."""

    def __init__(self, root: Path, variant: str):
        self.root = root
        self.variant = variant
        if not root.is_dir():
            raise DataError(f"MultiSpider copy {root} is not a folder")
        self.files = sorted(
            path
            for path in root.rglob("*")
            if path.is_file() and not {"pkl", ".cache", ".git"} & set(_parts_lower(path.relative_to(root)))
        )
        if not self.files:
            raise DataError(f"MultiSpider copy {root} holds no files")
        self.variant_dirs = sorted(
            {
                Path(*path.relative_to(root).parts[: index + 1])
                for path in self.files
                for index, part in enumerate(path.relative_to(root).parts[:-1])
                if part.lower() == variant.lower()
            }
        )

    def rel(self, path: Path) -> Path:
        return path.relative_to(self.root)

    def in_variant(self, path: Path) -> bool:
        return self.variant.lower() in _parts_lower(self.rel(path))[:-1]

    def exact_variant(self, path: Path) -> bool:
        return self.variant in self.rel(path).parts[:-1]

    def in_spider(self, path: Path) -> bool:
        return "spider" in _parts_lower(self.rel(path))[:-1]

    def per_language(self, split: str, lang: str) -> list[Path]:
        """``<variant>/.../{split}_{lang}.json`` or ``<variant>/.../{lang}/{split}.json``."""
        flat, nested = f"{split}_{lang}.json".lower(), f"{split}.json"
        return [
            path
            for path in self.files
            if self.in_variant(path)
            and "database" not in _parts_lower(self.rel(path))
            and (path.name.lower() == flat or (path.name.lower() == nested and path.parent.name.lower() == lang))
        ]

    def spider_file(self, name: str) -> list[Path]:
        """Spider's own file ``name`` (e.g. dev.json) in a ``spider`` folder, outside ``database``."""
        return [
            path
            for path in self.files
            if path.name.lower() == name
            and self.in_spider(path)
            and not self.in_variant(path)
            and "database" not in _parts_lower(self.rel(path))
        ]

    def pick_per_language(self, split: str, lang: str) -> Path | None:
        hits = self.per_language(split, lang)
        if not hits:
            return None
        return _choose(
            hits,
            self.root,
            f"{split}_{lang}",
            [
                (f"the variant folder spelled exactly {self.variant!r}", self.exact_variant),
                ("under dataset/multispider", lambda p: "multispider" in _parts_lower(self.rel(p))),
            ],
        )

    def pick_spider(self, name: str) -> Path | None:
        hits = self.spider_file(name)
        if not hits:
            return None
        return _choose(
            hits,
            self.root,
            f"spider/{name}",
            [
                ("under dataset/spider", lambda p: "dataset" in _parts_lower(self.rel(p))),
            ],
        )

    def missing(self, what: str) -> DataError:
        folders = ", ".join(str(d) for d in self.variant_dirs) or "none"
        return DataError(
            f"MultiSpider copy {self.root} has no {what} (variant {self.variant!r}, matched "
            f"case-insensitively; variant folders found: {folders}). Expected the published layout "
            f"dataset/multispider/<variant>/{{train,dev}}_<lang>.json and dataset/spider/"
            f"{{train_spider,train_others,dev,tables}}.json with dataset/spider/database/<db>/<db>.sqlite"
        )


def normalise_layout(
    download_dir: Path,
    out_dir: Path,
    *,
    variant: str,
    languages: list[str],
    expected_dev_size: int | None = SPIDER_DEV_SIZE,
) -> dict[str, str]:
    """Copy a MultiSpider download into polysql's flat layout; returns what went where.

    Args:
        download_dir: the downloaded (or hand-copied) dataset repository, holding ``dataset/``.
        out_dir: where ``{split}_{lang}.json``, ``tables.json`` and ``database/`` are written.
        variant: ``with_english_value`` or ``with_original_value``; the folder is matched
            case-insensitively (the dataset card spells it ``with_English_value``).
        languages: the languages to place; English falls back to Spider's own files.
        expected_dev_size: the number of English dev questions the copy must hold
            (:data:`SPIDER_DEV_SIZE` for the full MultiSpider); ``None`` skips the check.

    Raises:
        DataError: a file, a database or a tables.json entry is missing, a file is not a JSON
            list of examples, or English dev does not hold ``expected_dev_size`` questions.
    """
    download_dir, out_dir = Path(download_dir), Path(out_dir)
    found = _Download(download_dir, variant)
    if len(found.variant_dirs) > 1:
        log.warning("several variant folders match %r: %s", variant, ", ".join(map(str, found.variant_dirs)))
    sources: dict[str, list[Path]] = {}
    for lang in languages:
        for split in SPLITS:
            hit = found.pick_per_language(split, lang)
            if hit is not None:
                sources[f"{split}_{lang}.json"] = [hit]
            elif lang == "en" and split == "dev" and (spider := found.pick_spider("dev.json")):
                sources["dev_en.json"] = [spider]
            elif lang == "en" and split == "train" and (spider := found.pick_spider("train_spider.json")):
                others = found.pick_spider("train_others.json")
                if others is None:
                    raise found.missing(
                        "spider/train_others.json (English train is train_spider.json "
                        "+ train_others.json, as in every MultiSpider language)"
                    )
                sources["train_en.json"] = [spider, others]
            else:
                where = f"{variant}/{split}_{lang}.json"
                if lang == "en":
                    where += f" nor spider/{'dev.json' if split == 'dev' else 'train_spider.json'}"
                raise found.missing(where)

    out_dir.mkdir(parents=True, exist_ok=True)
    placed: dict[str, str] = {}
    counts: dict[str, dict[str, int]] = {split: {} for split in SPLITS}
    db_ids: set[str] = set()
    for name, paths in sources.items():
        parts = [_read_examples(path) for path in paths]
        examples = [example for part in parts for example in part]
        (out_dir / name).write_text(json.dumps(examples, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        placed[name] = " + ".join(f"{found.rel(path)} ({len(part)})" for path, part in zip(paths, parts))
        split, lang = name[: -len(".json")].split("_", 1)
        counts[split][lang] = len(examples)
        db_ids |= {example["db_id"] for example in examples}
    for split in SPLITS:
        log.info("%s examples per language: %s", split, ", ".join(f"{lang} {n}" for lang, n in counts[split].items()))

    reference = counts["dev"].get("en")
    if reference is not None:
        if expected_dev_size is not None and reference != expected_dev_size:
            raise DataError(
                f"English dev ({placed['dev_en.json']}) holds {reference} questions; Spider's dev set (and so "
                f"MultiSpider's) has {expected_dev_size}. The copy is incomplete or not MultiSpider; set "
                f"benchmark.fetch.expected_dev_size: null to accept it anyway"
            )
        if expected_dev_size is not None:
            log.info("English dev holds the expected %d questions", reference)
        uneven = {lang: n for lang, n in counts["dev"].items() if n != reference}
        if uneven:
            log.warning(
                "dev is not parallel across languages: en %d, %s",
                reference,
                ", ".join(f"{lang} {n}" for lang, n in uneven.items()),
            )

    tables = found.pick_spider("tables.json") or _tables_elsewhere(found)
    shutil.copyfile(tables, out_dir / "tables.json")
    placed["tables.json"] = str(found.rel(tables))
    in_tables = {entry.get("db_id") for entry in json.loads(tables.read_text(encoding="utf-8"))}
    if missing := sorted(db_ids - in_tables):
        raise DataError(
            f"{found.rel(tables)} has no schema for {len(missing)} database(s) the examples use: "
            f"{', '.join(missing[:10])}"
        )

    databases: dict[str, list[Path]] = {}
    for path in found.files:
        if path.suffix == ".sqlite" and path.parent.parent.name.lower() == "database" and path.stem == path.parent.name:
            databases.setdefault(path.stem, []).append(path)
    if missing := sorted(db_ids - set(databases)):
        raise found.missing(
            f"database/<db>/<db>.sqlite for {len(missing)} database(s) the examples use: {', '.join(missing[:10])}"
        )
    for db_id, paths in sorted(databases.items()):
        source = (
            paths[0]
            if len(paths) == 1
            else _choose(paths, download_dir, f"database {db_id}", [("under dataset/spider", found.in_spider)])
        )
        target = out_dir / "database" / db_id / f"{db_id}.sqlite"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    placed["database"] = f"{len(databases)} databases ({len(db_ids)} used by the examples)"
    return placed


def _tables_elsewhere(found: _Download) -> Path:
    hits = [path for path in found.files if path.name.lower() == "tables.json"]
    if not hits:
        raise found.missing("tables.json")
    return _choose(hits, found.root, "tables.json", [("under the variant folder", found.in_variant)])


def fetch_multispider(
    out_dir: str | Path,
    *,
    repo_id: str = "dreamerdeo/multispider",
    revision: str = "8e159f59bf5ba1f4e89977cece36402f84925405",
    variant: str = "with_english_value",
    languages: list[str],
    local_dir: str | Path | None = None,
    expected_dev_size: int | None = SPIDER_DEV_SIZE,
) -> Path:
    """Download MultiSpider (or read ``local_dir``) into ``out_dir`` (flat layout); writes ``out_dir/.fetched``.

    Raises:
        ConnectionError: offline without ``local_dir``; the message says how to bring a copy.
        DataError: see :func:`normalise_layout`.
    """
    out_dir = Path(out_dir)
    if local_dir is not None:
        download_dir = Path(local_dir).expanduser()
        source = f"local copy {download_dir}"
        log.info("normalising the local copy %s (no download)", download_dir)
    else:
        try:
            check_online()
        except ConnectionError as exc:
            raise ConnectionError(f"{exc}. " + MANUAL_HINT.format(out=out_dir)) from None
        os.environ["HF_HUB_OFFLINE"] = "0"  # this rule is the one place allowed online
        from huggingface_hub import snapshot_download

        download_dir = out_dir / ".download"
        source = f"{repo_id}@{revision}"
        log.info("downloading %s@%s into %s", repo_id, revision, download_dir)
        snapshot_download(
            repo_id,
            repo_type="dataset",
            revision=revision,
            local_dir=download_dir,
            allow_patterns=["dataset/*", "dataset/**"],
            ignore_patterns=["**/pkl/**", "*.pkl"],
        )
    placed = normalise_layout(
        download_dir, out_dir, variant=variant, languages=languages, expected_dev_size=expected_dev_size
    )
    for name, origin in placed.items():
        log.info("%s <- %s", name, origin)
    (out_dir / ".fetched").write_text(f"{source} {variant}\n", encoding="utf-8")
    return out_dir


def main(argv: list[str] | None = None) -> int:
    """``python -m polysql.data.fetch``: normalise a local copy (or download) by hand."""
    parser = argparse.ArgumentParser(prog="python -m polysql.data.fetch", description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="the benchmark folder to write (e.g. resources/multispider)")
    parser.add_argument("--local-dir", help="a copy downloaded elsewhere (holding dataset/); no download")
    parser.add_argument(
        "--variant", default="with_english_value", choices=["with_english_value", "with_original_value"]
    )
    parser.add_argument("--languages", nargs="+", default=["en", "de", "es", "fr", "ja", "vi", "zh"])
    parser.add_argument("--repo-id", default="dreamerdeo/multispider")
    parser.add_argument("--revision", default="8e159f59bf5ba1f4e89977cece36402f84925405")
    parser.add_argument(
        "--expected-dev-size",
        type=int,
        default=SPIDER_DEV_SIZE,
        help=f"English dev questions required (default {SPIDER_DEV_SIZE}); 0 skips the check",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    try:
        fetch_multispider(
            args.out,
            repo_id=args.repo_id,
            revision=args.revision,
            variant=args.variant,
            languages=args.languages,
            local_dir=args.local_dir,
            expected_dev_size=args.expected_dev_size or None,
        )
    except (DataError, ConnectionError) as exc:
        log.error("%s", exc)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
