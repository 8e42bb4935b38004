"""A copy of MultiSpider's published layout (``dreamerdeo/multispider``), built from the mini benchmark.

::

    dataset/multispider/with_original_value/{train,dev}_<lang>.json     every language but English
    dataset/multispider/<variant_folder>/{train,dev}_<lang>.json        with_English_value (or another spelling)
    dataset/spider/train_spider.json, train_others.json                 English train, split in two in file order
    dataset/spider/dev.json, tables.json                                English dev, every schema
    dataset/spider/database/<db>/<db>.sqlite                            the mini databases
    dataset/spider/database/<db>/examples_<lang>.json, tables_<lang>.json   DuoRAT per-database files
    dataset/pkl/train_<lang>.pkl                                        stand-ins for the preprocessed pickles

    from multispider_fixture import build_multispider_fixture
    root = build_multispider_fixture(tmp_path / "multispider", variant_folder="with_English_value")
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MINI = REPO / "resources" / "mini"
LANGUAGES = ["en", "de", "es", "fr", "ja", "vi", "zh"]


def _write(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _read(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def build_multispider_fixture(
    root: str | Path,
    *,
    variant_folder: str = "with_English_value",
    languages: list[str] = LANGUAGES,
    english_per_language: bool = False,
    train_others_share: float = 0.2,
    source: Path = MINI,
) -> Path:
    """Write the published MultiSpider layout under ``root`` from the mini benchmark; returns ``root``.

    Args:
        root: the folder that plays the dataset repository (it gets ``dataset/``).
        variant_folder: the spelling of the English-value folder (``with_English_value`` as on the
            dataset card, or ``with_english_value``).
        languages: the languages written (English always goes to ``dataset/spider``).
        english_per_language: also write ``{train,dev}_en.json`` into both variant folders.
        train_others_share: the tail of English train that goes to ``train_others.json`` (file order
            kept, so ``train_spider + train_others`` is parallel to the other languages).
        source: a benchmark in the flat layout (default: the bundled mini benchmark).
    """
    root = Path(root)
    dataset = root / "dataset"
    spider = dataset / "spider"
    data = {(split, lang): _read(source / f"{split}_{lang}.json") for split in ("train", "dev") for lang in languages}
    for folder in ("with_original_value", variant_folder):
        for (split, lang), examples in data.items():
            if lang != "en" or english_per_language:
                _write(dataset / "multispider" / folder / f"{split}_{lang}.json", examples)
    train_en = _read(source / "train_en.json")
    cut = round(len(train_en) * (1 - train_others_share))
    _write(spider / "train_spider.json", train_en[:cut])
    _write(spider / "train_others.json", train_en[cut:])
    _write(spider / "dev.json", _read(source / "dev_en.json"))
    tables = _read(source / "tables.json")
    _write(spider / "tables.json", tables)
    for entry in tables:
        db_id = entry["db_id"]
        db_dir = spider / "database" / db_id
        db_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / "database" / db_id / f"{db_id}.sqlite", db_dir / f"{db_id}.sqlite")
        for lang in languages:
            examples = [e for split in ("train", "dev") for e in data[(split, lang)] if e["db_id"] == db_id]
            _write(db_dir / f"examples_{lang}.json", examples)
            _write(db_dir / f"tables_{lang}.json", [entry])
    (dataset / "pkl").mkdir(parents=True, exist_ok=True)
    for lang in languages:
        (dataset / "pkl" / f"train_{lang}.pkl").write_bytes(b"\x80\x04N.")  # pickle of None
    return root


def mini_counts(languages: list[str] = LANGUAGES, source: Path = MINI) -> dict[str, dict[str, int]]:
    """Examples per split and language in the source benchmark."""
    return {
        split: {lang: len(_read(source / f"{split}_{lang}.json")) for lang in languages} for split in ("train", "dev")
    }
