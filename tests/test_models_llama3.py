"""Llama 3's tokenizer facts and the vLLM backend's arguments, on a tiny model with Llama 3 Instruct's special
tokens, BOS post-processor and chat template (vLLM itself is not installed: a recording stand-in of its two
classes checks what the generator hands it)."""

from __future__ import annotations

import json
import sqlite3
import sys
import types

import pytest

from polysql.models.generate import (
    VLLMGenerator,
    encode_prompts,
    generate,
    vllm_engine_args,
    vllm_sampling_args,
)
from polysql.models.prompts import build_prompt
from polysql.models.sources import load_causal_lm, prepare_tokenizer, stop_token_ids
from tiny_llama import build_tiny_llama3, train_llama3_tokenizer

RECORD = {"id": "x", "db_id": "singer", "question": "How many singers are there?", "lang": "en"}


@pytest.fixture(scope="module", autouse=True)
def singer_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "singer.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE singer (id INTEGER PRIMARY KEY, name TEXT)")
    RECORD["db_path"] = str(path)
    return path


@pytest.fixture(scope="module")
def llama3_dir(tmp_path_factory):
    return build_tiny_llama3(tmp_path_factory.mktemp("llama3") / "model")


def _prompt(tokenizer) -> str:
    return build_prompt(RECORD, tokenizer, pool=[], prompt_config={"shots": 0, "chat_template": True})


def test_the_fixture_has_llama3s_quirks():
    tokenizer = train_llama3_tokenizer()
    assert tokenizer.pad_token is None
    assert tokenizer.eos_token == "<|eot_id|>"
    text = _prompt(tokenizer)
    assert text.startswith("<|begin_of_text|>")
    # encoding with special tokens, as vLLM and TRL's default do, would give two BOS
    assert tokenizer(text)["input_ids"][:2] == [tokenizer.bos_token_id] * 2


def test_a_prompt_holds_one_bos():
    tokenizer = train_llama3_tokenizer()
    (ids,) = encode_prompts(tokenizer, [_prompt(tokenizer)])
    assert ids[0] == tokenizer.bos_token_id and ids.count(tokenizer.bos_token_id) == 1


def test_pad_is_the_reserved_pad_token_not_eos():
    tokenizer = prepare_tokenizer(train_llama3_tokenizer())
    assert tokenizer.pad_token == "<|finetune_right_pad_id|>"
    assert tokenizer.pad_token_id != tokenizer.eos_token_id
    assert tokenizer.padding_side == "left"


def test_eot_and_end_of_text_both_end_a_turn(llama3_dir):
    model, tokenizer = load_causal_lm(llama3_dir, device="cpu")
    ids = {tokenizer.convert_tokens_to_ids(t) for t in ("<|eot_id|>", "<|end_of_text|>", "<|eom_id|>")}
    assert ids <= set(model.generation_config.eos_token_id)  # what TRL's GRPOTrainer and generate() stop on
    assert tokenizer.pad_token_id not in model.generation_config.eos_token_id
    # a tokenizer whose generation config names only <|eot_id|> still stops on <|end_of_text|>
    tokenizer2 = train_llama3_tokenizer()
    only_eot = types.SimpleNamespace(eos_token_id=tokenizer2.eos_token_id)
    assert tokenizer2.convert_tokens_to_ids("<|end_of_text|>") in stop_token_ids(tokenizer2, only_eot)


def test_generation_on_the_llama3_layout_returns_text_in_order(llama3_dir):
    model, tokenizer = load_causal_lm(llama3_dir, device="cpu")
    prompts = [_prompt(tokenizer), _prompt(tokenizer).replace("How many", "Which")]
    out = generate(model, tokenizer, prompts, batch_size=2, max_new_tokens=4, progress=False)
    assert len(out) == 2 and all(isinstance(text, str) for text in out)
    assert not any("<|" in text for text in out)  # special tokens are never part of the SQL


def test_vllm_engine_args_fit_the_adapter_and_the_prompts():
    args = vllm_engine_args("/m", dtype="bfloat16-if-native", max_model_len=900, lora_rank=32)
    assert (args["max_lora_rank"], args["enable_lora"], args["max_model_len"], args["dtype"]) == (
        32,
        True,
        900,
        "bfloat16",
    )
    assert vllm_engine_args("/m", dtype="float16", max_model_len=10, lora_rank=24)["max_lora_rank"] == 32
    plain = vllm_engine_args("/m", dtype="bfloat16", max_model_len=10)
    assert plain["enable_lora"] is False and "max_lora_rank" not in plain
    with pytest.raises(ValueError, match="rank 600"):
        vllm_engine_args("/m", dtype="bfloat16", max_model_len=10, lora_rank=600)
    sampling = vllm_sampling_args(max_new_tokens=256, stop_token_ids=[7, 5])
    assert sampling["temperature"] == 0.0 and sampling["max_tokens"] == 256 and sampling["stop_token_ids"] == [7, 5]


def test_without_vllm_the_error_says_how_to_get_it(llama3_dir, monkeypatch):
    monkeypatch.setitem(sys.modules, "vllm", None)
    with pytest.raises(ImportError, match="envs/vllm.yaml"):
        VLLMGenerator(llama3_dir)


def test_vllm_generator_hands_vllm_token_ids_and_sized_arguments(llama3_dir, tmp_path, monkeypatch):
    calls = {}

    class FakeLLM:
        def __init__(self, **kwargs):
            calls["engine"] = kwargs

        def generate(self, prompts, params, lora_request=None):
            calls.update(prompts=prompts, params=params, lora=lora_request)
            return [types.SimpleNamespace(outputs=[types.SimpleNamespace(text="SELECT 1;")]) for _ in prompts]

    class FakeSamplingParams:
        def __init__(self, **kwargs):
            self.kwargs = kwargs

    class FakeLoRARequest:
        def __init__(self, name, lora_id, path):
            self.path = path

    fake = types.ModuleType("vllm")
    fake.LLM, fake.SamplingParams = FakeLLM, FakeSamplingParams
    lora_module = types.ModuleType("vllm.lora.request")
    lora_module.LoRARequest = FakeLoRARequest
    monkeypatch.setitem(sys.modules, "vllm", fake)
    monkeypatch.setitem(sys.modules, "vllm.lora", types.ModuleType("vllm.lora"))
    monkeypatch.setitem(sys.modules, "vllm.lora.request", lora_module)
    adapter = tmp_path / "adapter"
    adapter.mkdir()
    (adapter / "adapter_config.json").write_text(json.dumps({"r": 32}))

    generator = VLLMGenerator(llama3_dir, dtype="bfloat16", adapter=adapter, max_new_tokens=16)
    prompts = [_prompt(generator.tokenizer), _prompt(generator.tokenizer) + " more words here"]
    assert generator.generate(prompts) == ["SELECT 1;", "SELECT 1;"]
    bos = generator.tokenizer.bos_token_id
    token_prompts = [p["prompt_token_ids"] for p in calls["prompts"]]
    assert [ids.count(bos) for ids in token_prompts] == [1, 1] and all(ids[0] == bos for ids in token_prompts)
    assert calls["engine"]["max_model_len"] == max(map(len, token_prompts)) + 16
    assert calls["engine"]["max_lora_rank"] == 32 and calls["lora"].path == str(adapter)
    eot = generator.tokenizer.convert_tokens_to_ids("<|eot_id|>")
    end = generator.tokenizer.convert_tokens_to_ids("<|end_of_text|>")
    assert {eot, end} <= set(calls["params"].kwargs["stop_token_ids"])
