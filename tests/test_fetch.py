"""The MultiSpider normaliser on a copy of the published layout built from the mini benchmark."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from multispider_fixture import LANGUAGES, build_multispider_fixture, mini_counts
from polysql.data.fetch import fetch_multispider, main, normalise_layout
from polysql.data.spider import load_split
from polysql.io import DataError

REPO = Path(__file__).resolve().parents[1]
MINI = REPO / "resources" / "mini"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The dataset card's spelling, ``with_English_value``; English only in dataset/spider."""
    return build_multispider_fixture(tmp_path_factory.mktemp("ms") / "repo", variant_folder="with_English_value")


def _read(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("spelling", ["with_English_value", "with_english_value", "WITH_ENGLISH_VALUE"])
def test_both_spellings_of_the_variant_folder(tmp_path, spelling):
    root = build_multispider_fixture(tmp_path / "repo", variant_folder=spelling, languages=["en", "de", "ja"])
    out = tmp_path / "out"
    placed = normalise_layout(
        root, out, variant="with_english_value", languages=["en", "de", "ja"], expected_dev_size=None
    )
    assert placed["train_de.json"] == f"dataset/multispider/{spelling}/train_de.json (448)"
    for split in ("train", "dev"):
        for lang in ("en", "de", "ja"):
            assert _read(out / f"{split}_{lang}.json") == _read(MINI / f"{split}_{lang}.json")
    assert _read(out / "tables.json") == _read(MINI / "tables.json")
    assert sorted(p.name for p in (out / "database").iterdir()) == sorted(p.name for p in (MINI / "database").iterdir())
    assert load_split(out, "dev", "ja")[0].db_id  # the loader reads the result


def test_the_other_variant_is_taken_when_asked(tmp_path, published):
    out = tmp_path / "out"
    placed = normalise_layout(published, out, variant="with_original_value", languages=["de"], expected_dev_size=None)
    assert placed["dev_de.json"].startswith("dataset/multispider/with_original_value/dev_de.json")


def test_english_train_is_train_spider_plus_train_others(tmp_path, published):
    out = tmp_path / "out"
    placed = normalise_layout(published, out, variant="with_english_value", languages=["en"], expected_dev_size=None)
    assert placed["train_en.json"] == ("dataset/spider/train_spider.json (358) + dataset/spider/train_others.json (90)")
    assert placed["dev_en.json"] == "dataset/spider/dev.json (180)"
    assert _read(out / "train_en.json") == _read(MINI / "train_en.json")  # parallel to the other languages, in order


def test_a_per_language_english_file_wins_over_spider(tmp_path):
    root = build_multispider_fixture(tmp_path / "repo", languages=["en"], english_per_language=True)
    placed = normalise_layout(
        root, tmp_path / "out", variant="with_english_value", languages=["en"], expected_dev_size=None
    )
    assert placed["train_en.json"] == "dataset/multispider/with_English_value/train_en.json (448)"


def test_counts_per_split_and_language_are_logged(tmp_path, published, caplog):
    caplog.set_level(logging.INFO, logger="polysql.data.fetch")
    normalise_layout(
        published, tmp_path / "out", variant="with_english_value", languages=LANGUAGES, expected_dev_size=None
    )
    counts = mini_counts()
    for split in ("train", "dev"):
        line = f"{split} examples per language: " + ", ".join(f"{lang} {counts[split][lang]}" for lang in LANGUAGES)
        assert line in caplog.text


def test_english_dev_must_hold_spiders_questions(tmp_path, published):
    with pytest.raises(DataError, match=r"holds 180 questions; Spider's dev set .* has 1034.*expected_dev_size: null"):
        normalise_layout(published, tmp_path / "out", variant="with_english_value", languages=["en", "de"])
    placed = normalise_layout(
        published, tmp_path / "out", variant="with_english_value", languages=["en", "de"], expected_dev_size=180
    )
    assert "dev_en.json" in placed


def test_several_candidates_log_which_was_taken_and_why(tmp_path, caplog):
    root = build_multispider_fixture(tmp_path / "repo", variant_folder="with_English_value", languages=["de"])
    shutil.copytree(root / "dataset/multispider/with_English_value", root / "dataset/multispider/with_english_value")
    caplog.set_level(logging.INFO, logger="polysql.data.fetch")
    placed = normalise_layout(
        root, tmp_path / "out", variant="with_english_value", languages=["de"], expected_dev_size=None
    )
    assert placed["dev_de.json"].startswith("dataset/multispider/with_english_value/dev_de.json")
    assert (
        "dev_de: 2 candidates; took dataset/multispider/with_english_value/dev_de.json "
        "(the variant folder spelled exactly 'with_english_value')" in caplog.text
    )
    assert "several variant folders match" in caplog.text


@pytest.mark.parametrize(
    "remove, message",
    [
        (
            "dataset/multispider/with_English_value/train_de.json",
            r"no with_english_value/train_de.json .*variant folders found: dataset/multispider/with_English_value",
        ),
        ("dataset/spider/train_others.json", r"no spider/train_others.json"),
        ("dataset/spider/dev.json", r"no with_english_value/dev_en.json nor spider/dev.json"),
        ("dataset/spider/database/museum/museum.sqlite", r"database/<db>/<db>.sqlite for 1 database\(s\).*museum"),
        ("dataset/spider/tables.json", r"no tables.json"),
    ],
)
def test_anything_missing_fails_clearly(tmp_path, remove, message):
    root = build_multispider_fixture(tmp_path / "repo", languages=["en", "de"])
    (root / remove).unlink()
    with pytest.raises(DataError, match=message):
        normalise_layout(
            root, tmp_path / "out", variant="with_english_value", languages=["en", "de"], expected_dev_size=None
        )


def test_a_schema_missing_from_tables_json_fails(tmp_path):
    root = build_multispider_fixture(tmp_path / "repo", languages=["de"])
    tables = _read(root / "dataset/spider/tables.json")
    (root / "dataset/spider/tables.json").write_text(json.dumps([t for t in tables if t["db_id"] != "museum"]))
    with pytest.raises(DataError, match="no schema for 1 database.*museum"):
        normalise_layout(root, tmp_path / "out", variant="with_english_value", languages=["de"], expected_dev_size=None)


def test_a_local_copy_needs_no_network(tmp_path, published, monkeypatch):
    def offline(*args, **kwargs):
        raise AssertionError("no network with a local copy")

    monkeypatch.setattr("polysql.data.fetch.check_online", offline)
    out = fetch_multispider(tmp_path / "bench", languages=["en", "zh"], local_dir=published, expected_dev_size=180)
    assert (out / ".fetched").read_text().startswith(f"local copy {published} with_english_value")
    assert len(load_split(out, "train", "zh")) == 448


def test_offline_without_a_local_copy_says_how_to_bring_one(tmp_path, monkeypatch):
    def offline(*args, **kwargs):
        raise ConnectionError("cannot reach huggingface.co")

    monkeypatch.setattr("polysql.data.fetch.check_online", offline)
    with pytest.raises(ConnectionError, match="benchmark.fetch.local_dir"):
        fetch_multispider(tmp_path / "bench", languages=["en"])


def test_the_command_line(tmp_path, published):
    assert (
        main(
            [
                "--local-dir",
                str(published),
                "--out",
                str(tmp_path / "bench"),
                "--languages",
                "en",
                "de",
                "--expected-dev-size",
                "180",
            ]
        )
        == 0
    )
    bench = tmp_path / "bench"
    assert (bench / ".fetched").read_text() == f"local copy {published} with_english_value\n"
    assert sorted(p.name for p in bench.glob("*.json")) == [
        "dev_de.json",
        "dev_en.json",
        "tables.json",
        "train_de.json",
        "train_en.json",
    ]
    assert _read(bench / "dev_de.json") == _read(MINI / "dev_de.json")
    assert len(load_split(bench, "dev", "en")) == 180
    # Spider's 1034 English dev questions are expected by default: the 180 of the copy fail, and
    # nothing is marked as fetched.
    assert main(["--local-dir", str(published), "--out", str(tmp_path / "other"), "--languages", "en"]) == 1
    assert not (tmp_path / "other" / ".fetched").exists()
