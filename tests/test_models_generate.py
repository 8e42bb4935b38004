"""Batched greedy generation with a tiny Llama built in-process, with and without a LoRA adapter."""

import pytest
import torch

from polysql.models.generate import (  # noqa: E402
    TransformersGenerator,
    _stop_criterion,
    common_prefix_length,
    generate,
    make_generator,
    prefix_batches,
)
from polysql.models.pipeline import generate_predictions  # noqa: E402
from polysql.models.sources import load_causal_lm  # noqa: E402

QUESTIONS = [
    "How many singers are there?",
    "Wie viele Sänger gibt es? Welche Konzerte fanden 2014 statt? " * 3,
    "SELECT",
    "歌手は何人いますか？",
    "¿Cuántos cantantes hay? ¿Cuál es el nombre del cantante más viejo? " * 2,
    "Có bao nhiêu ca sĩ?",
    "有多少歌手？",
]


@pytest.fixture(scope="module")
def tiny(tiny_llama_path):
    return tiny_llama_path


@pytest.fixture(scope="module")
def loaded(tiny):
    return load_causal_lm(tiny, "float32", device="cpu")


@pytest.fixture(scope="module")
def prompts(loaded):
    _, tokenizer = loaded
    return [
        tokenizer.apply_chat_template([{"role": "user", "content": q}], tokenize=False, add_generation_prompt=True)
        for q in QUESTIONS
    ]


@pytest.fixture(scope="module")
def adapter(tiny, tmp_path_factory):
    """A fresh LoRA adapter whose B matrices are random (not zero), so it changes the outputs."""
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    torch.manual_seed(1)
    model = AutoModelForCausalLM.from_pretrained(tiny)
    config = LoraConfig(r=4, lora_alpha=32, target_modules=["q_proj", "v_proj"], init_lora_weights=False)
    peft_model = get_peft_model(model, config)
    out = tmp_path_factory.mktemp("adapters") / "lora"
    peft_model.save_pretrained(out)
    return out


def test_batched_equals_one_by_one_in_input_order(loaded, prompts):
    model, tokenizer = loaded
    batched = generate(model, tokenizer, prompts, batch_size=3, max_new_tokens=8, progress=False)
    single = [generate(model, tokenizer, [p], batch_size=1, max_new_tokens=8, progress=False)[0] for p in prompts]
    assert batched == single
    assert len(set(batched)) > 1  # different prompts, different outputs: the order check means something
    # Reversed input, reversed output (sorting by length must not leak into the result order).
    assert generate(model, tokenizer, prompts[::-1], batch_size=4, max_new_tokens=8, progress=False) == batched[::-1]


def test_prefix_batches_keep_shared_prefixes_together():
    schema_a, schema_b = list(range(100, 140)), list(range(200, 240))
    rows = [schema_a + [1, 2], schema_b + [3], schema_a + [4, 5, 6], schema_b + [7, 8], schema_a + [9]]
    batches = prefix_batches(rows, batch_size=2)
    assert sorted(i for batch in batches for i in batch) == list(range(5))
    assert all(common_prefix_length([rows[i] for i in batch]) >= 40 for batch in batches)
    assert [len(batch) for batch in batches] == [2, 1, 2]  # schema_a's three: longest first, cut at 2
    assert batches[0] == [2, 0]
    assert common_prefix_length([[1, 2, 3], [1, 2], [1, 2, 4]]) == 2 and common_prefix_length([]) == 0


def test_shared_prefix_generation_equals_whole_prompts(loaded):
    """Prompts on one schema: the prefix computed once gives the texts of each prompt computed whole."""
    model, tokenizer = loaded
    schema = (
        "Database schema:\nsinger(singer_id, name, country, age)\nconcert(concert_id, singer_id -> singer.singer_id)"
    )
    prompts = [
        tokenizer.apply_chat_template(
            [
                {"role": "system", "content": "Answer with SQL."},
                {"role": "user", "content": f"{schema}\n\nQuestion: {q}"},
            ],
            tokenize=False,
            add_generation_prompt=True,
        )
        for q in QUESTIONS
    ]
    with torch.no_grad():
        shared = generate(model, tokenizer, prompts, batch_size=4, max_new_tokens=8, progress=False)
        whole = generate(model, tokenizer, prompts, batch_size=4, max_new_tokens=8, progress=False, share_prefix=False)
    assert shared == whole
    assert len(set(shared)) > 1  # the questions lead to different texts: the tails are not lost


def test_empty_input_and_bad_batch_size(loaded, prompts):
    model, tokenizer = loaded
    assert generate(model, tokenizer, [], batch_size=2, max_new_tokens=3, progress=False) == []
    with pytest.raises(ValueError, match="batch_size"):
        generate(model, tokenizer, prompts, batch_size=0, max_new_tokens=3)


def test_stop_criterion_flags_finished_statements(loaded):
    _, tokenizer = loaded
    texts = ["SELECT name FROM singer; extra", "SELECT name FROM singer WHERE x = 'a;", "How many"]
    batch = tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=False)
    # Left padding puts pads before the text; decoding skips them.
    flags = _stop_criterion(tokenizer, prompt_length=0)(batch["input_ids"], None)
    assert flags.tolist() == [True, False, False]


def test_lora_adapter_changes_outputs_and_merging_keeps_them(tiny, adapter, loaded, prompts):
    base_model, tokenizer = loaded
    base = generate(base_model, tokenizer, prompts, batch_size=4, max_new_tokens=6, progress=False)
    merged_model, tok = load_causal_lm(tiny, "float32", adapter=adapter, device="cpu")
    merged = generate(merged_model, tok, prompts, batch_size=4, max_new_tokens=6, progress=False)
    peft_model, tok = load_causal_lm(tiny, "float32", adapter=adapter, merge_adapter=False, device="cpu")
    unmerged = generate(peft_model, tok, prompts, batch_size=4, max_new_tokens=6, progress=False)
    assert merged != base
    assert sum(m != b for m, b in zip(merged, base)) >= len(prompts) // 2
    assert unmerged == merged


def test_generator_and_predictions_keep_fields(tiny, monkeypatch):
    generator = make_generator("transformers", tiny, batch_size=2, max_new_tokens=5, device="cpu", progress=False)
    assert isinstance(generator, TransformersGenerator)
    examples = [
        {
            "id": f"dev-{i}-en",
            "lang": "en",
            "db_id": "db",
            "db_path": "db.sqlite",
            "question": q,
            "gold_sql": "SELECT 1",
            "extra": i,
        }
        for i, q in enumerate(QUESTIONS[:3])
    ]
    # No database needed here: the schema serializer is replaced by a constant.
    import polysql.models.prompts as prompts_module

    monkeypatch.setattr(prompts_module, "serialize_schema", lambda *a, **k: "CREATE TABLE t (a INTEGER);")
    records = generate_predictions(examples, generator, prompt_config={"system": "S", "shots": 0})
    assert [r["id"] for r in records] == [e["id"] for e in examples]
    for record, example in zip(records, examples):
        assert {k: record[k] for k in example} == example
        assert isinstance(record["completion"], str) and isinstance(record["prediction"], str)


def test_unknown_and_missing_backends(tiny):
    with pytest.raises(ValueError, match="transformers, vllm"):
        make_generator("onnx", tiny)
    try:
        import vllm  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="generation.backend"):
            make_generator("vllm", tiny)
