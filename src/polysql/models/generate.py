"""Fast batched greedy generation of SQL, with a transformers backend and an optional vLLM one.

The transformers path decodes greedily and stops each sequence as soon as its SQL statement has
ended (a ';' outside string literals or a closing code fence), so a batch ends when its slowest
member does, not at ``max_new_tokens``. Results come back in input order.

Prompts that share their opening tokens (the system turn and the database schema: all the questions
on one database) are batched together and that shared prefix goes through the model once per batch;
its KV cache is copied to every row, and only each row's own tail (the question) is prefilled. Prefill
is most of what CPU generation computes (a 330-token prompt costs as much as ~90 decoding steps at
batch 16), and the tail is a fifth of the prompt. Rows are laid out ``prefix | padding | tail``, with
the padding masked and positions counted from the mask, so every token sees exactly the keys and
positions it would see alone: the rewrite is exact up to floating-point rounding. Prompts with no
prefix worth sharing are batched by length, padded on the left.
"""

from __future__ import annotations

import logging
import os
from typing import Protocol, Sequence

from polysql.rewards.extract import statement_complete

log = logging.getLogger(__name__)

BACKENDS = ("transformers", "vllm")


class Generator(Protocol):
    """Anything that turns rendered prompts into completions (input order kept)."""

    tokenizer: object

    def generate(self, prompts: list[str]) -> list[str]:
        """Return one completion per prompt."""


def _stop_criterion(tokenizer, prompt_length: int):
    """A StoppingCriteria flagging, per sequence, that its generated text holds a whole statement."""
    import torch
    from transformers import StoppingCriteria

    class StatementEnded(StoppingCriteria):
        def __call__(self, input_ids, scores, **kwargs):
            texts = tokenizer.batch_decode(input_ids[:, prompt_length:], skip_special_tokens=True)
            done = [statement_complete(text) for text in texts]
            return torch.tensor(done, dtype=torch.bool, device=input_ids.device)

    return StatementEnded()


MIN_SHARED_PREFIX = 16
"""Tokens two prompts must share before their prefix is computed once for both."""


def common_prefix_length(rows: Sequence[Sequence[int]]) -> int:
    """How many leading tokens every row of ``rows`` shares."""
    if not rows:
        return 0
    shortest = min(len(row) for row in rows)
    for position in range(shortest):
        token = rows[0][position]
        if any(row[position] != token for row in rows):
            return position
    return shortest


def prefix_batches(token_ids: Sequence[Sequence[int]], batch_size: int) -> list[list[int]]:
    """Prompt indices in batches of at most ``batch_size``, prompts sharing their opening tokens together.

    Prompts are sorted by their tokens, so those with a common prefix are neighbours; a group ends
    where a neighbour shares fewer than half of the shorter prompt's tokens (another database's
    schema). Each group is cut into batches longest first. Deterministic for a given input.
    """
    order = sorted(range(len(token_ids)), key=lambda i: (list(token_ids[i]), i))
    groups: list[list[int]] = []
    for i in order:
        if groups:
            previous = token_ids[groups[-1][-1]]
            shared = common_prefix_length([previous, token_ids[i]])
            if shared >= MIN_SHARED_PREFIX and 2 * shared >= min(len(previous), len(token_ids[i])):
                groups[-1].append(i)
                continue
        groups.append([i])
    batches = []
    for group in groups:
        group.sort(key=lambda i: -len(token_ids[i]))
        batches += [group[start : start + batch_size] for start in range(0, len(group), batch_size)]
    return batches


def _shared_prefix_inputs(model, rows: Sequence[Sequence[int]], pad_id: int):
    """``(input_ids, attention_mask, cache)`` for ``rows`` laid out ``prefix | padding | tail``.

    The prefix (all but at least one token of the shortest row) goes through ``model`` once and its
    KV cache is repeated for every row; the caller's ``generate`` then prefills only the tails.
    """
    import torch

    device = next(model.parameters()).device
    shared = min(common_prefix_length(rows), min(len(row) for row in rows) - 1)
    tails = [list(row[shared:]) for row in rows]
    width = max(len(tail) for tail in tails)
    ids = [list(rows[0][:shared]) + [pad_id] * (width - len(tail)) + tail for tail in tails]
    mask = [[1] * shared + [0] * (width - len(tail)) + [1] * len(tail) for tail in tails]
    prefix = torch.tensor([rows[0][:shared]], device=device)
    cache = model(input_ids=prefix, use_cache=True).cache
    cache.batch_repeat_interleave(len(rows))
    return torch.tensor(ids, device=device), torch.tensor(mask, device=device), cache


def generate(
    model,
    tokenizer,
    prompts: Sequence[str],
    *,
    batch_size: int = 16,
    max_new_tokens: int = 128,
    progress: bool = True,
    share_prefix: bool = True,
) -> list[str]:
    """Greedy completions for rendered prompts, batched by shared prefix (see the module's docstring).

    Args:
        model: a causal LM (eval mode; a merged or PEFT model).
        tokenizer: its tokenizer (a pad token is set to EOS if missing; padding goes left).
        prompts: rendered prompt texts (special tokens already in the text).
        batch_size: prompts per forward batch.
        max_new_tokens: generation budget per prompt.
        progress: show a tqdm bar.
        share_prefix: compute a batch's shared opening tokens once (False: every prompt whole, batched
            by length, left-padded; for callers whose processes must run the same forward passes).

    Returns:
        The decoded completions (special tokens dropped), in the order of ``prompts``.
    """
    import torch
    from tqdm.auto import tqdm

    from polysql.models.sources import prepare_tokenizer

    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    prepare_tokenizer(tokenizer, model)
    prompts = list(prompts)
    if not prompts:
        return []
    # Prompts carry their special tokens already (chat template), so add none.
    token_ids = encode_prompts(tokenizer, prompts)
    if share_prefix:
        batches = prefix_batches(token_ids, batch_size)
    else:
        order = sorted(range(len(prompts)), key=lambda i: -len(token_ids[i]))  # longest first: OOM shows early
        batches = [order[start : start + batch_size] for start in range(0, len(order), batch_size)]
    results: list[str | None] = [None] * len(prompts)
    device = next(model.parameters()).device
    bar = tqdm(total=len(prompts), desc="generate", unit="prompt", disable=not progress)
    for indices in batches:
        rows = [token_ids[i] for i in indices]
        with torch.inference_mode():
            if share_prefix and len(rows) > 1 and common_prefix_length(rows) >= MIN_SHARED_PREFIX:
                input_ids, attention_mask, cache = _shared_prefix_inputs(model, rows, tokenizer.pad_token_id)
                batch = {"input_ids": input_ids, "attention_mask": attention_mask, "cache": cache}
            else:
                batch = tokenizer(
                    [prompts[i] for i in indices], return_tensors="pt", padding=True, add_special_tokens=False
                ).to(device)
            width = batch["input_ids"].shape[1]
            output = model.generate(
                **batch,
                max_new_tokens=max_new_tokens,
                do_sample=False,
                temperature=None,
                top_p=None,
                top_k=None,
                pad_token_id=tokenizer.pad_token_id,
                stopping_criteria=[_stop_criterion(tokenizer, width)],
            )
        texts = tokenizer.batch_decode(output[:, width:], skip_special_tokens=True)
        for i, text in zip(indices, texts):
            results[i] = text
        bar.update(len(indices))
    bar.close()
    return results  # type: ignore[return-value]


class TransformersGenerator:
    """Generation with transformers: loads the model (and merges a LoRA adapter) once."""

    def __init__(
        self,
        model_path: str | os.PathLike,
        *,
        dtype: str = "float32",
        adapter: str | os.PathLike | None = None,
        batch_size: int = 16,
        max_new_tokens: int = 128,
        device: str | None = None,
        progress: bool = True,
    ):
        from polysql.models.sources import load_causal_lm

        self.model, self.tokenizer = load_causal_lm(model_path, dtype, adapter, device=device)
        self.batch_size = batch_size
        self.max_new_tokens = max_new_tokens
        self.progress = progress

    def generate(self, prompts: list[str]) -> list[str]:
        return generate(
            self.model,
            self.tokenizer,
            prompts,
            batch_size=self.batch_size,
            max_new_tokens=self.max_new_tokens,
            progress=self.progress,
        )


# LoRA ranks vLLM's punica kernels accept (max_lora_rank must be one of them).
VLLM_LORA_RANKS = (1, 8, 16, 32, 64, 128, 256, 320, 512)
VLLM_STOP_STRINGS = (";", "\n```")


def encode_prompts(tokenizer, prompts: Sequence[str]) -> list[list[int]]:
    """Token ids of rendered prompts, with no special token added: the chat template already wrote the
    BOS, and a tokenizer that prepends one (Llama 3) would otherwise start every prompt with two."""
    return [list(ids) for ids in tokenizer(list(prompts), add_special_tokens=False)["input_ids"]]


def adapter_rank(adapter: str | os.PathLike) -> int:
    """The LoRA rank ``r`` of a PEFT adapter folder (its ``adapter_config.json``)."""
    import json
    from pathlib import Path

    config_path = Path(adapter) / "adapter_config.json"
    try:
        return int(json.loads(config_path.read_text(encoding="utf-8"))["r"])
    except (OSError, KeyError, ValueError) as exc:
        raise ValueError(f"{config_path}: cannot read the adapter's LoRA rank 'r' ({exc})") from exc


def vllm_engine_args(
    model_path: str | os.PathLike, *, dtype: str, max_model_len: int, lora_rank: int | None = None, seed: int = 0
) -> dict:
    """Keyword arguments of ``vllm.LLM(...)`` for one generation job.

    Args:
        model_path: the local model folder.
        dtype: the config's generation dtype (resolved for a GPU: ``bfloat16-if-native`` is bfloat16).
        max_model_len: the longest prompt plus the completion budget, so a 128k-context model does not
            reserve KV cache for 128k tokens.
        lora_rank: the adapter's rank, or None without an adapter; ``max_lora_rank`` is the smallest rank
            vLLM supports at or above it (vLLM's default of 16 refuses a rank-32 adapter).
        seed: the engine's seed.
    """
    from polysql.models.sources import resolve_dtype

    args = {
        "model": str(model_path),
        "tokenizer": str(model_path),
        "dtype": resolve_dtype(dtype, "cuda"),
        "seed": int(seed),
        "max_model_len": int(max_model_len),
        "enable_lora": lora_rank is not None,
    }
    if lora_rank is not None:
        fitting = [rank for rank in VLLM_LORA_RANKS if rank >= lora_rank]
        if not fitting:
            raise ValueError(f"LoRA rank {lora_rank} is above the largest rank vLLM serves ({VLLM_LORA_RANKS[-1]})")
        args.update(max_lora_rank=fitting[0], max_loras=1)
    return args


def vllm_sampling_args(*, max_new_tokens: int, stop_token_ids: Sequence[int]) -> dict:
    """Keyword arguments of ``vllm.SamplingParams(...)``: greedy, stopping at the end of the statement (';' or
    a closing code fence, kept in the output) or at any end-of-turn token (Llama 3: <|eot_id|> and
    <|end_of_text|>)."""
    return {
        "temperature": 0.0,
        "max_tokens": int(max_new_tokens),
        "stop": list(VLLM_STOP_STRINGS),
        "include_stop_str_in_output": True,
        "stop_token_ids": [int(i) for i in stop_token_ids],
    }


class VLLMGenerator:
    """Generation with vLLM (GPU only); LoRA adapters are served with a LoRARequest.

    Prompts go in as token ids (:func:`encode_prompts`), tokenized as the transformers path tokenizes
    them, so both backends see the same single BOS. The engine starts on the first call, when the
    longest prompt is known (``max_model_len``). vLLM stops at ';' or a code fence by plain string
    match (a ';' inside a string literal stops early there, unlike the transformers path);
    :func:`extract_sql` is applied afterwards anyway.
    """

    def __init__(
        self,
        model_path: str | os.PathLike,
        *,
        dtype: str = "float32",
        adapter: str | os.PathLike | None = None,
        batch_size: int = 16,
        max_new_tokens: int = 128,
        **_: object,
    ):
        try:
            import vllm  # noqa: F401
        except ImportError as exc:
            raise ImportError(
                "generation.backend is 'vllm' but vllm is not installed; run with --sdm conda (envs/vllm.yaml "
                "pins it) or pip install vllm==0.31.0 on a CUDA machine, or set generation.backend: transformers"
            ) from exc
        from transformers import AutoTokenizer, GenerationConfig

        from polysql.models.sources import prepare_tokenizer, stop_token_ids

        self.model_path = str(model_path)
        self.dtype = dtype
        self.max_new_tokens = max_new_tokens
        self.tokenizer = prepare_tokenizer(AutoTokenizer.from_pretrained(self.model_path, local_files_only=True))
        try:
            generation_config = GenerationConfig.from_pretrained(self.model_path, local_files_only=True)
        except OSError:
            generation_config = None
        self.stop_token_ids = stop_token_ids(self.tokenizer, generation_config)
        self.adapter = str(adapter) if adapter is not None else None
        self.lora_rank = adapter_rank(adapter) if adapter is not None else None
        self.llm = None

    def generate(self, prompts: list[str]) -> list[str]:
        from vllm import LLM, SamplingParams

        token_ids = encode_prompts(self.tokenizer, prompts)
        if not token_ids:
            return []
        needed = max(len(ids) for ids in token_ids) + self.max_new_tokens
        if self.llm is None:
            self.llm = LLM(
                **vllm_engine_args(self.model_path, dtype=self.dtype, max_model_len=needed, lora_rank=self.lora_rank)
            )
            self.max_model_len = needed
        elif needed > self.max_model_len:
            raise ValueError(
                f"a prompt of {needed - self.max_new_tokens} tokens needs max_model_len {needed}; the "
                f"engine was started with {self.max_model_len}: generate every prompt in one call"
            )
        lora = None
        if self.adapter is not None:
            from vllm.lora.request import LoRARequest

            lora = LoRARequest("adapter", 1, self.adapter)
        params = SamplingParams(
            **vllm_sampling_args(max_new_tokens=self.max_new_tokens, stop_token_ids=self.stop_token_ids)
        )
        assert self.llm is not None  # set by __init__
        outputs = self.llm.generate([{"prompt_token_ids": ids} for ids in token_ids], params, lora_request=lora)
        return [output.outputs[0].text for output in outputs]


def make_generator(backend: str, model_path: str | os.PathLike, **kwargs) -> Generator:
    """A generator for ``backend`` ("transformers" or "vllm"); vllm is imported only when chosen.

    Args:
        backend: config ``generation.backend``.
        model_path: the local model folder.
        **kwargs: dtype, adapter, batch_size, max_new_tokens, device.
    """
    if backend == "transformers":
        return TransformersGenerator(model_path, **kwargs)
    if backend == "vllm":
        return VLLMGenerator(model_path, **kwargs)
    raise ValueError(f"generation.backend: unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
