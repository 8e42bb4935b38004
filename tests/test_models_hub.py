"""Prefetch downloads only what a job loads, reads HF_TOKEN, and says what to do when a gated repository refuses."""

from __future__ import annotations

import httpx2 as httpx  # huggingface_hub 2.x raises errors carrying httpx2 responses
import pytest
from huggingface_hub.errors import GatedRepoError, RepositoryNotFoundError

from polysql.models.hub import HubRefusal, download_snapshot, files_to_fetch
from polysql.models.sources import ModelSourceError, fetch_hub_model

# The file lists of the paper's hub repositories at their pinned revisions (listed 2026-12).
LLAMA_31_8B = [
    ".gitattributes",
    "LICENSE",
    "README.md",
    "USE_POLICY.md",
    "config.json",
    "generation_config.json",
    "model-00001-of-00004.safetensors",
    "model-00002-of-00004.safetensors",
    "model-00003-of-00004.safetensors",
    "model-00004-of-00004.safetensors",
    "model.safetensors.index.json",
    "original/consolidated.00.pth",
    "original/params.json",
    "original/tokenizer.model",
    "special_tokens_map.json",
    "tokenizer.json",
    "tokenizer_config.json",
]
XLM_ROBERTA_BASE = [
    ".gitattributes",
    "README.md",
    "config.json",
    "flax_model.msgpack",
    "model.safetensors",
    "onnx/config.json",
    "onnx/model.onnx",
    "onnx/special_tokens_map.json",
    "onnx/tokenizer.json",
    "onnx/tokenizer_config.json",
    "pytorch_model.bin",
    "rust_model.ot",
    "sentencepiece.bpe.model",
    "tf_model.h5",
    "tokenizer.json",
]


def test_llama_skips_the_original_checkpoint():
    assert files_to_fetch(LLAMA_31_8B) == [
        "LICENSE",
        "USE_POLICY.md",
        "config.json",
        "generation_config.json",
        "model-00001-of-00004.safetensors",
        "model-00002-of-00004.safetensors",
        "model-00003-of-00004.safetensors",
        "model-00004-of-00004.safetensors",
        "model.safetensors.index.json",
        "special_tokens_map.json",
        "tokenizer.json",
        "tokenizer_config.json",
    ]


def test_xlmr_takes_safetensors_only():
    assert files_to_fetch(XLM_ROBERTA_BASE) == [
        "config.json",
        "model.safetensors",
        "sentencepiece.bpe.model",
        "tokenizer.json",
    ]


def test_bin_weights_where_there_are_no_safetensors_and_sentence_transformers_modules():
    files = [
        "config.json",
        "pytorch_model.bin",
        "modules.json",
        "1_Pooling/config.json",
        "onnx/model.onnx",
        "vocab.txt",
        "sentence_bert_config.json",
        "2_Normalize/.gitkeep",
    ]
    assert files_to_fetch(files) == [
        "1_Pooling/config.json",
        "config.json",
        "modules.json",
        "pytorch_model.bin",
        "sentence_bert_config.json",
        "vocab.txt",
    ]


class _Api:
    def __init__(self, error=None, files=LLAMA_31_8B):
        self.error, self.files, self.calls = error, files, []

    def list_repo_files(self, repo_id, revision=None, token=None):
        self.calls.append(token)
        if self.error:
            raise self.error
        return self.files


def _response(status):
    return httpx.Response(status, request=httpx.Request("GET", "https://huggingface.co/api/models/x"))


def test_the_token_comes_from_hf_token_and_only_selected_files_download(monkeypatch, tmp_path):
    seen = {}
    monkeypatch.setenv("HF_TOKEN", "hf_abc")
    monkeypatch.setattr("huggingface_hub.snapshot_download", lambda **kwargs: seen.update(kwargs))
    api = _Api()
    download_snapshot("meta-llama/Llama-3.1-8B-Instruct", "0e9e", tmp_path, api=api)
    assert api.calls == ["hf_abc"] and seen["token"] == "hf_abc"
    assert not any(path.startswith("original/") for path in seen["allow_patterns"])


@pytest.mark.parametrize(
    "error, expected",
    [
        (GatedRepoError("gated", response=_response(403)), "gated repository"),
        (RepositoryNotFoundError("401", response=_response(401)), "not found or not authorised"),
    ],
)
def test_a_refusal_says_what_to_do(monkeypatch, tmp_path, error, expected):
    monkeypatch.delenv("HF_TOKEN", raising=False)
    with pytest.raises(HubRefusal, match=expected) as info:
        download_snapshot("meta-llama/Llama-3.2-3B-Instruct", "0cb8", tmp_path, api=_Api(error))
    assert "HF_TOKEN is not set" in str(info.value) and "export HF_TOKEN=" in str(info.value)


def test_fetch_hub_model_names_the_model_on_a_refusal(monkeypatch, tmp_path):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr("polysql.models.sources._hub_reachable", lambda timeout_s=5.0: True)

    def refuse(repo_id, revision, out_dir, api=None):
        raise HubRefusal("gated repository: accept the licence")

    monkeypatch.setattr("polysql.models.hub.download_snapshot", refuse)
    spec = {"source": "hub", "repo_id": "meta-llama/Llama-3.2-3B-Instruct", "revision": "0cb8"}
    with pytest.raises(ModelSourceError, match="model 'llama': gated repository"):
        fetch_hub_model("llama", spec, tmp_path / "llama")
    assert not (tmp_path / "llama").exists()
