"""Fetch MultiSpider from the Hugging Face dataset ``dreamerdeo/multispider`` at a pinned revision.

Only the ``fetch_multispider`` local rule calls this (on a machine with internet, e.g. a login
node); every other job reads the local copy. Offline, it fails at once with a message saying
where to put the files by hand.

The download is normalised into the flat layout polysql's loader reads
(``{split}_{lang}.json``, ``tables.json``, ``database/<db_id>/<db_id>.sqlite``).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import socket
from pathlib import Path

from polysql.io import DataError

log = logging.getLogger(__name__)

HOST = "huggingface.co"

MANUAL_HINT = (
    "Download it on a machine with internet (snakemake --cores 1 fetch_multispider, or "
    "huggingface-cli download dreamerdeo/multispider --repo-type dataset), then copy the files to "
    "{out}/ as {{train,dev}}_<lang>.json, tables.json and database/<db_id>/<db_id>.sqlite, and "
    "touch {out}/.fetched"
)


def check_online(host: str = HOST, timeout_s: float = 5.0) -> None:
    """Fail fast (no retry loop) when the hub cannot be reached."""
    try:
        socket.create_connection((host, 443), timeout=timeout_s).close()
    except OSError as exc:
        raise ConnectionError(f"cannot reach {host} ({exc})") from None


def _find(files: list[Path], pattern: str) -> list[Path]:
    regex = re.compile(pattern)
    return sorted(path for path in files if regex.search(path.as_posix()))


def normalise_layout(download_dir: Path, out_dir: Path, *, variant: str, languages: list[str]) -> dict[str, str]:
    """Copy the downloaded MultiSpider files into polysql's flat layout; returns what went where."""
    files = [path for path in download_dir.rglob("*") if path.is_file()]
    placed: dict[str, str] = {}
    for lang in languages:
        for split in ("train", "dev"):
            # MultiSpider names per-language files e.g. .../<variant>/dev_de.json or .../<variant>/de/dev.json
            hits = _find(files, rf"{variant}/(?:.*/)?(?:{split}_{lang}|{lang}/{split})\.json$")
            if not hits and lang == "en":
                hits = _find(files, rf"spider/{split}(?:_spider)?\.json$")
            if not hits:
                raise DataError(f"MultiSpider download has no {split} file for '{lang}' (variant {variant})")
            target = out_dir / f"{split}_{lang}.json"
            shutil.copyfile(hits[0], target)
            placed[target.name] = str(hits[0].relative_to(download_dir))
    tables = _find(files, r"(?:^|/)tables\.json$")
    if not tables:
        raise DataError("MultiSpider download has no tables.json")
    shutil.copyfile(tables[0], out_dir / "tables.json")
    placed["tables.json"] = str(tables[0].relative_to(download_dir))
    databases = _find(files, r"database/([^/]+)/\1\.sqlite$")
    for path in databases:
        target = out_dir / "database" / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    placed["database"] = f"{len(databases)} databases"
    return placed


def fetch_multispider(
    out_dir: str | Path,
    *,
    repo_id: str = "dreamerdeo/multispider",
    revision: str = "8e159f59bf5ba1f4e89977cece36402f84925405",
    variant: str = "with_english_value",
    languages: list[str],
) -> Path:
    """Download MultiSpider into ``out_dir`` (flat layout) and write ``out_dir/.fetched``.

    Raises:
        ConnectionError: offline; the message says how to place the files by hand.
    """
    out_dir = Path(out_dir)
    try:
        check_online()
    except ConnectionError as exc:
        raise ConnectionError(f"{exc}. " + MANUAL_HINT.format(out=out_dir)) from None
    os.environ["HF_HUB_OFFLINE"] = "0"  # this rule is the one place allowed online
    from huggingface_hub import snapshot_download

    download_dir = out_dir / ".download"
    log.info("downloading %s@%s into %s", repo_id, revision, download_dir)
    snapshot_download(repo_id, repo_type="dataset", revision=revision, local_dir=download_dir,
                      allow_patterns=["dataset/*", "dataset/**"], ignore_patterns=["**/pkl/**", "*.pkl"])
    placed = normalise_layout(download_dir, out_dir, variant=variant, languages=languages)
    for name, source in placed.items():
        log.info("%s <- %s", name, source)
    (out_dir / ".fetched").write_text(f"{repo_id}@{revision} {variant}\n", encoding="utf-8")
    return out_dir
