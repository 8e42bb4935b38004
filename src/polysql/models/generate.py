"""Fast batched greedy generation of SQL, with a transformers backend and an optional vLLM one.

The transformers path sorts prompts by length (little padding per batch), pads on the left,
decodes greedily and stops each sequence as soon as its SQL statement has ended (a ';' outside
string literals or a closing code fence), so a batch ends when its slowest member does, not at
``max_new_tokens``. Results come back in input order.
"""

from __future__ import annotations

import logging
import os
from typing import Protocol, Sequence

from polysql.models.extract import statement_complete

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


def generate(
    model,
    tokenizer,
    prompts: Sequence[str],
    *,
    batch_size: int = 16,
    max_new_tokens: int = 128,
    progress: bool = True,
) -> list[str]:
    """Greedy completions for rendered prompts, batched and length-sorted.

    Args:
        model: a causal LM (eval mode; a merged or PEFT model).
        tokenizer: its tokenizer (a pad token is set to EOS if missing; padding goes left).
        prompts: rendered prompt texts (special tokens already in the text).
        batch_size: prompts per forward batch.
        max_new_tokens: generation budget per prompt.
        progress: show a tqdm bar.

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
    lengths = [len(ids) for ids in tokenizer(prompts, add_special_tokens=False)["input_ids"]]
    order = sorted(range(len(prompts)), key=lambda i: -lengths[i])  # longest first: OOM shows early
    results: list[str | None] = [None] * len(prompts)
    device = next(model.parameters()).device
    bar = tqdm(total=len(prompts), desc="generate", unit="prompt", disable=not progress)
    for start in range(0, len(order), batch_size):
        indices = order[start : start + batch_size]
        batch = tokenizer(
            [prompts[i] for i in indices], return_tensors="pt", padding=True, add_special_tokens=False
        ).to(device)
        width = batch["input_ids"].shape[1]
        with torch.inference_mode():
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


class VLLMGenerator:
    """Generation with vLLM (GPU only); LoRA adapters are served with a LoRARequest.

    vLLM stops at ';' or a code fence by plain string match (a ';' inside a string literal stops
    early there, unlike the transformers path); :func:`extract_sql` is applied afterwards anyway.
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
            from vllm import LLM, SamplingParams
        except ImportError as exc:
            raise ImportError(
                "generation.backend is 'vllm' but vllm is not installed; install it "
                "(pip install 'polysql[vllm]', needs a CUDA GPU) or set generation.backend: transformers"
            ) from exc
        from polysql.models.sources import resolve_dtype

        dtype = resolve_dtype(dtype, "cuda")  # vLLM runs on a GPU, where bf16 is native
        self.llm = LLM(model=str(model_path), dtype=dtype, enable_lora=adapter is not None, seed=0)
        self.tokenizer = self.llm.get_tokenizer()
        self.params = SamplingParams(
            temperature=0.0, max_tokens=max_new_tokens, stop=[";", "\n```"], include_stop_str_in_output=True
        )
        self.lora = None
        if adapter is not None:
            from vllm.lora.request import LoRARequest

            self.lora = LoRARequest("adapter", 1, str(adapter))

    def generate(self, prompts: list[str]) -> list[str]:
        outputs = self.llm.generate(list(prompts), self.params, lora_request=self.lora)
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
