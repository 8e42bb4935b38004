"""The CUDA code paths with tiny in-process models: bf16 GRPO steps, generation, encoder training.

Skipped without CUDA. On a GPU machine: ``pytest -m gpu tests/test_gpu.py`` (or ``bash bench/gpu_check.sh``).
"""

from __future__ import annotations

import json
import math
import sqlite3

import pytest

torch = pytest.importorskip("torch")

pytestmark = [
    pytest.mark.gpu,
    pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA"),
]

RUN = {"train_lang": "all", "reward_set": "paper", "seed": 0}


def _config(**trainer):
    return {
        "data": {"seed": 0},
        "sql": {"timeout_s": 2.0, "max_rows": 1000, "max_result_bytes": 1_000_000, "workers": 0},
        "prompt": {"system": "Answer with one SQLite query.", "shots": 0, "sample_rows": 0, "chat_template": True},
        "rewards": {
            "execution": {"match": 1.0, "wrong": 0.1, "error": 0.0},
            "syntax": {},
            "format": {},
            "semantic": {"encoder": "enc", "anchor": "gold_sql", "batch_size": 8},
        },
        "reward_sets": {"paper": {"execution": 1.0, "syntax": 0.2, "semantic": 0.5}},
        "grpo": {
            "threads": 1,
            "lora": {
                "r": 4,
                "alpha": 8,
                "dropout": 0.0,
                "target_modules": ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
            },
            "trainer": {
                "learning_rate": 5.0e-3,
                "beta": 0.02,
                "num_generations": 2,
                "per_device_train_batch_size": 4,
                "gradient_accumulation_steps": 1,
                "max_completion_length": 8,
                "temperature": 1.0,
                "max_steps": 2,
                "logging_steps": 1,
                "save_steps": 1,
                "bf16": True,
                "gradient_checkpointing": True,
                "loss_type": "dapo",
                "report_to": "none",
                **trainer,
            },
        },
    }


@pytest.fixture(scope="module")
def train_path(tmp_path_factory):
    root = tmp_path_factory.mktemp("gpu-grpo-data")
    records = []
    for db_id in ("music", "shop"):
        db_path = root / f"{db_id}.sqlite"
        with sqlite3.connect(db_path) as conn:
            conn.execute("CREATE TABLE singer (id INTEGER PRIMARY KEY, name TEXT, age INTEGER)")
            conn.executemany("INSERT INTO singer VALUES (?, ?, ?)", [(1, "Ana", 22), (2, "Bo", 31)])
        for lang, question in (("en", "How many singers are there?"), ("de", "Wie viele Sänger gibt es?")):
            records.append(
                {
                    "id": f"train-{db_id}-{lang}",
                    "intent": f"train-{db_id}",
                    "lang": lang,
                    "split": "train",
                    "db_id": db_id,
                    "db_path": str(db_path),
                    "question": question,
                    "gold_sql": "SELECT count(*) FROM singer",
                    "hardness": "easy",
                }
            )
    path = root / "grpo_train_all.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_bf16_grpo_steps_on_cuda(tmp_path, tiny_llama_path, train_path):
    """The paper's trainer settings (bf16, gradient checkpointing, DAPO loss) and reward mix, on CUDA."""
    from transformers import TrainerCallback

    from polysql.grpo.train import train_grpo
    from polysql.io import read_jsonl
    from tiny_encoder import toy_trained_encoder

    class Where(TrainerCallback):
        def on_train_begin(self, args, state, control, model=None, **kwargs):
            self.devices = {p.device.type for p in model.parameters()}
            self.dtypes = {str(p.dtype) for n, p in model.named_parameters() if "lora_" not in n}

    where = Where()
    _, encoder, _ = toy_trained_encoder()
    out_dir = tmp_path / "run"
    summary = train_grpo(
        RUN,
        train_path=train_path,
        model_path=tiny_llama_path,
        out_dir=out_dir,
        checkpoints_dir=out_dir / "checkpoints",
        encoder_paths={"enc": str(encoder)},
        config=_config(),
        callbacks=[where],
    )
    assert summary["global_step"] == 2
    assert where.devices == {"cuda"} and where.dtypes == {"torch.bfloat16"}
    log = read_jsonl(out_dir / "train_log.jsonl")
    assert [r["step"] for r in log if "loss" in r] == [1, 2]
    assert all(math.isfinite(r["loss"]) for r in log if "loss" in r)
    assert all(r.get("rewards/semantic/mean") is not None for r in log if "loss" in r)
    assert (out_dir / "adapter" / "adapter_config.json").is_file()


def test_generation_on_cuda(tiny_llama_path):
    from polysql.models.generate import make_generator

    prompts = [
        f"<|im_start|>user\nHow many singers are older than {n}?<|im_end|>\n<|im_start|>assistant\n" for n in range(6)
    ]
    outputs = {}
    for device, dtype in (("cuda", "bfloat16"), ("cuda", "float32"), ("cpu", "float32")):
        generator = make_generator(
            "transformers", tiny_llama_path, dtype=dtype, batch_size=4, max_new_tokens=8, device=device, progress=False
        )
        assert next(generator.model.parameters()).device.type == device
        outputs[device, dtype] = generator.generate(prompts)
        assert len(outputs[device, dtype]) == len(prompts) and all(isinstance(t, str) for t in outputs[device, dtype])
    same = sum(a == b for a, b in zip(outputs["cuda", "float32"], outputs["cpu", "float32"]))
    print(f"greedy float32 CUDA == CPU on {same} of {len(prompts)} prompts")
    assert same >= len(prompts) // 2  # greedy float32 agrees across devices (bar near-ties)


def test_encoder_training_on_cuda(tmp_path):
    from polysql.encoder.model import load_encoder
    from polysql.encoder.train import train_encoder
    from tiny_encoder import toy_records, toy_trained_encoder

    base, _, _ = toy_trained_encoder()
    records = toy_records()
    summary = train_encoder(
        base,
        tmp_path / "model",
        records,
        records,
        epochs=1,
        batch_size=8,
        learning_rate=1e-3,
        hard_negatives=True,
        seed=0,
        log_path=tmp_path / "log.jsonl",
        threads=1,
        device="cuda",
    )
    assert summary["device"].startswith("cuda")
    losses = [json.loads(line)["loss"] for line in (tmp_path / "log.jsonl").read_text().splitlines()]
    assert losses and all(math.isfinite(loss) for loss in losses)
    model = load_encoder(tmp_path / "model", device="cuda")
    embeddings = model.encode(["SELECT count(*) FROM book", "Wie viele Bücher hat die Bibliothek?"])
    assert embeddings.shape[0] == 2
