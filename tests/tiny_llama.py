"""A tiny Llama causal LM built in-process, with its own trained tokenizer and a chat template.

Tests of generation, GRPO and the workflow load it like any local model folder::

    from tiny_llama import build_tiny_llama
    path = build_tiny_llama(tmp_path / "tiny-llama")
    model, tokenizer = polysql.models.sources.load_causal_lm(path)

Nothing is downloaded: the byte-level BPE tokenizer is trained on a small corpus of SQL and
multilingual text, and the model weights are random (seeded), so outputs are deterministic.
"""

from __future__ import annotations

import os
from pathlib import Path

CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "<|im_start|>{{ message['role'] }}\n{{ message['content'] }}<|im_end|>\n"
    "{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)

SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<pad>"]

CORPUS = [
    "SELECT name FROM singer WHERE age > 20 ORDER BY name LIMIT 5;",
    "SELECT count(*) FROM concert JOIN stadium ON concert.stadium_id = stadium.id GROUP BY year;",
    "SELECT T1.name, avg(T2.price) FROM shop AS T1 JOIN item AS T2 ON T1.id = T2.shop_id HAVING count(*) >= 2;",
    "CREATE TABLE singer (id INTEGER PRIMARY KEY, name TEXT, age INTEGER, country TEXT);",
    "SELECT DISTINCT country FROM singer WHERE name LIKE '%a%' AND age BETWEEN 18 AND 30 UNION SELECT 'x';",
    "INSERT UPDATE DELETE INTERSECT EXCEPT NOT IN EXISTS MIN MAX SUM DESC ASC NULL IS",
    "```sql\nSELECT * FROM t;\n```  SQL: Query:",
    "How many singers are there? What is the name of the oldest singer?",
    "Wie viele Sänger gibt es? Welche Konzerte fanden 2014 statt?",
    "¿Cuántos cantantes hay? ¿Cuál es el nombre del cantante más viejo?",
    "Combien de chanteurs y a-t-il ? Quel est le nom du chanteur le plus âgé ?",
    "歌手は何人いますか？最年長の歌手の名前は何ですか？",
    "Có bao nhiêu ca sĩ? Tên của ca sĩ lớn tuổi nhất là gì?",
    "有多少歌手？最年长的歌手叫什么名字？",
    "You are an expert SQLite assistant. Given a database schema and a question, answer with one query.",
    "system user assistant schema question answer 0 1 2 3 4 5 6 7 8 9 , . ( ) * = < > ' \" ;",
]


def train_tokenizer(vocab_size: int = 512):
    """Train a byte-level BPE tokenizer on :data:`CORPUS` and wrap it for transformers."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    backend = Tokenizer(models.BPE())
    backend.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    backend.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    backend.train_from_iterator(CORPUS * 4, trainer=trainer)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=backend,
        bos_token="<|im_start|>",
        eos_token="<|im_end|>",
        unk_token="<|endoftext|>",
        pad_token="<pad>",
    )
    tokenizer.chat_template = CHAT_TEMPLATE
    tokenizer.padding_side = "left"
    return tokenizer


# Llama 3 Instruct's special tokens and chat template (shortened: no date header), the quirks real
# snapshots have: no pad token (a reserved <|finetune_right_pad_id|> exists), EOS <|eot_id|> while the
# generation config also stops on <|end_of_text|> and <|eom_id|>, and a tokenizer that prepends BOS to
# any text it encodes with special tokens, while the chat template writes BOS itself.
LLAMA3_SPECIAL_TOKENS = [
    "<|begin_of_text|>",
    "<|end_of_text|>",
    "<|reserved_special_token_0|>",
    "<|finetune_right_pad_id|>",
    "<|start_header_id|>",
    "<|end_header_id|>",
    "<|eom_id|>",
    "<|eot_id|>",
]
LLAMA3_CHAT_TEMPLATE = (
    "{{- bos_token }}"
    "{%- for message in messages %}"
    "{{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n' + message['content'] | trim + '<|eot_id|>' }}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{%- endif %}"
)


def train_llama3_tokenizer(vocab_size: int = 512):
    """A byte-level BPE tokenizer with Llama 3 Instruct's special tokens, BOS post-processor and chat template."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    backend = Tokenizer(models.BPE())
    backend.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    backend.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=LLAMA3_SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    backend.train_from_iterator(CORPUS * 4, trainer=trainer)
    bos_id = backend.token_to_id("<|begin_of_text|>")
    backend.post_processor = processors.TemplateProcessing(
        single="<|begin_of_text|> $A",
        pair="<|begin_of_text|> $A <|begin_of_text|> $B:1",
        special_tokens=[("<|begin_of_text|>", bos_id)],
    )
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=backend, bos_token="<|begin_of_text|>", eos_token="<|eot_id|>")
    tokenizer.chat_template = LLAMA3_CHAT_TEMPLATE
    return tokenizer


def build_tiny_llama3(out_dir: str | os.PathLike, *, hidden_size: int = 64, num_layers: int = 2, seed: int = 0) -> Path:
    """A tiny Llama with Llama 3 Instruct's tokenizer quirks (:func:`train_llama3_tokenizer`): what the
    paper's hub snapshots look like, shrunk. The generation config stops on <|end_of_text|>, <|eom_id|> and
    <|eot_id|>, as Meta's does; there is no pad token."""
    return build_tiny_llama(
        out_dir,
        hidden_size=hidden_size,
        num_layers=num_layers,
        seed=seed,
        tokenizer=train_llama3_tokenizer(),
        max_position_embeddings=16384,
        eos_tokens=("<|end_of_text|>", "<|eom_id|>", "<|eot_id|>"),
    )


def build_tiny_llama(
    out_dir: str | os.PathLike,
    *,
    hidden_size: int = 64,
    num_layers: int = 2,
    seed: int = 0,
    tokenizer=None,
    eos_tokens: tuple[str, ...] = (),
    max_position_embeddings: int = 2048,
) -> Path:
    """Build and save a tiny LlamaForCausalLM with a trained tokenizer and chat template.

    Args:
        out_dir: folder to write (created; reused as is when it already holds the model).
        hidden_size: model width (default 64).
        num_layers: decoder layers (default 2).
        seed: torch seed of the random weights.
        tokenizer: the tokenizer (default: :func:`train_tokenizer`'s ChatML one).
        eos_tokens: the generation config's EOS tokens (default: the tokenizer's EOS).

    Returns:
        ``out_dir`` as a Path; loads with ``AutoModelForCausalLM.from_pretrained(out_dir)``.
    """
    import torch
    from transformers import GenerationConfig, LlamaConfig, LlamaForCausalLM

    out_dir = Path(out_dir)
    if (out_dir / "config.json").is_file() and (out_dir / "tokenizer.json").is_file():
        return out_dir
    tokenizer = tokenizer or train_tokenizer()
    eos_ids = [tokenizer.convert_tokens_to_ids(token) for token in eos_tokens] or tokenizer.eos_token_id
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=hidden_size,
        intermediate_size=hidden_size * 2,
        num_hidden_layers=num_layers,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=max_position_embeddings,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        tie_word_embeddings=True,
        initializer_range=0.2,  # spread-out logits: varied, tie-free greedy outputs
    )
    torch.manual_seed(seed)
    model = LlamaForCausalLM(config)
    model.generation_config = GenerationConfig(
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=eos_ids,
        pad_token_id=tokenizer.pad_token_id,
        do_sample=False,
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    return out_dir


def _llama_cpp_permute(weight, n_head: int):
    """Reorder q/k projection rows the way llama.cpp stores them (transformers undoes it on load)."""
    rows = weight.shape[0]
    return weight.reshape(n_head, 2, rows // n_head // 2, *weight.shape[1:]).swapaxes(1, 2).reshape(weight.shape)


def write_tiny_gguf(model_dir: str | os.PathLike, gguf_path: str | os.PathLike) -> Path:
    """Write the tiny Llama of ``model_dir`` (from :func:`build_tiny_llama`) as an F32 GGUF file.

    The file carries llama metadata, the byte-level BPE vocabulary with its merges, the special
    token ids and the chat template, so transformers can load it with ``gguf_file=``.
    """
    import json

    import gguf
    import numpy as np
    from safetensors.numpy import load_file

    model_dir, gguf_path = Path(model_dir), Path(gguf_path)
    config = json.loads((model_dir / "config.json").read_text())
    tok_json = json.loads((model_dir / "tokenizer.json").read_text())
    tok_config = json.loads((model_dir / "tokenizer_config.json").read_text())
    vocab = dict(tok_json["model"]["vocab"])
    special = {added["content"]: added["id"] for added in tok_json["added_tokens"]}
    vocab.update(special)
    tokens = [token for token, _ in sorted(vocab.items(), key=lambda item: item[1])]
    merges = [m if isinstance(m, str) else " ".join(m) for m in tok_json["model"]["merges"]]
    chat_template = tok_config.get("chat_template") or (model_dir / "chat_template.jinja").read_text()

    heads, kv_heads = config["num_attention_heads"], config["num_key_value_heads"]
    writer = gguf.GGUFWriter(str(gguf_path), "llama")
    writer.add_name("tiny-llama")
    writer.add_context_length(config["max_position_embeddings"])
    writer.add_embedding_length(config["hidden_size"])
    writer.add_block_count(config["num_hidden_layers"])
    writer.add_feed_forward_length(config["intermediate_size"])
    writer.add_head_count(heads)
    writer.add_head_count_kv(kv_heads)
    writer.add_rope_dimension_count(config["hidden_size"] // heads)
    writer.add_rope_freq_base(
        float(config.get("rope_theta") or config.get("rope_parameters", {}).get("rope_theta", 10000.0))
    )
    writer.add_layer_norm_rms_eps(config["rms_norm_eps"])
    writer.add_vocab_size(len(tokens))
    writer.add_tokenizer_model("gpt2")
    writer.add_token_list(tokens)
    writer.add_token_types([3 if token in special else 1 for token in tokens])
    writer.add_token_merges(merges)
    writer.add_bos_token_id(config["bos_token_id"])
    writer.add_eos_token_id(config["eos_token_id"])
    writer.add_pad_token_id(config["pad_token_id"])
    writer.add_chat_template(chat_template)

    weights = load_file(str(model_dir / "model.safetensors"))
    names = {"embed_tokens.weight": "token_embd.weight", "norm.weight": "output_norm.weight"}
    per_layer = {
        "input_layernorm": "attn_norm",
        "self_attn.q_proj": "attn_q",
        "self_attn.k_proj": "attn_k",
        "self_attn.v_proj": "attn_v",
        "self_attn.o_proj": "attn_output",
        "post_attention_layernorm": "ffn_norm",
        "mlp.gate_proj": "ffn_gate",
        "mlp.up_proj": "ffn_up",
        "mlp.down_proj": "ffn_down",
    }
    for name, array in weights.items():
        short = name.removeprefix("model.")
        if short in names:
            target = names[short]
        elif short.startswith("layers."):
            _, layer, rest = short.split(".", 2)
            module = rest.removesuffix(".weight")
            target = f"blk.{layer}.{per_layer[module]}.weight"
            if module == "self_attn.q_proj":
                array = _llama_cpp_permute(array, heads)
            elif module == "self_attn.k_proj":
                array = _llama_cpp_permute(array, kv_heads)
        elif name == "lm_head.weight":
            continue  # tied to the embeddings
        else:
            raise ValueError(f"unexpected tensor {name}")
        writer.add_tensor(target, np.ascontiguousarray(array, dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return gguf_path


def tiny_lora_policy(path: str | os.PathLike, target_modules: str | list[str] = "all-linear"):
    """The tiny Llama at ``path`` under a LoRA adapter with non-zero initial weights (so gradients reach every
    adapter matrix), in train mode, float32, seeded."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    torch.manual_seed(0)
    config = LoraConfig(r=4, lora_alpha=8, target_modules=target_modules, lora_dropout=0.0, init_lora_weights=False)
    return get_peft_model(AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32), config).train()
