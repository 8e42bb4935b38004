"""A tiny sentence-transformers encoder built in-process, for tests that need a real encoder offline.

``build_tiny_encoder(out_dir)`` trains a WordPiece vocabulary on a small multilingual + SQL corpus,
initialises a 2-layer BERT with hidden size 32 from a fixed seed and saves it as a
sentence-transformers folder (Transformer + mean Pooling) that loads with
``SentenceTransformer(str(path))`` and no network.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

# A few sentences per language plus SQL, enough for a useful sub-word vocabulary.
BASE_CORPUS = (
    "How many singers are there? What is the name of the oldest singer?",
    "List the titles of all concerts held in 2014 ordered by date.",
    "Wie viele Sänger gibt es? Wie heißt der älteste Sänger?",
    "Liste die Titel aller Konzerte aus dem Jahr 2014 nach Datum geordnet.",
    "¿Cuántos cantantes hay? ¿Cuál es el nombre del cantante más viejo?",
    "Enumera los títulos de todos los conciertos celebrados en 2014 ordenados por fecha.",
    "Combien de chanteurs y a-t-il ? Quel est le nom du chanteur le plus âgé ?",
    "Liste les titres de tous les concerts de 2014 triés par date.",
    "歌手は何人いますか？最年長の歌手の名前は何ですか？",
    "2014年に開催されたすべてのコンサートのタイトルを日付順に表示してください。",
    "Có bao nhiêu ca sĩ? Tên của ca sĩ lớn tuổi nhất là gì?",
    "Liệt kê tiêu đề của tất cả các buổi hòa nhạc năm 2014 theo ngày.",
    "有多少歌手？最年长的歌手叫什么名字？",
    "列出2014年举办的所有音乐会的标题，按日期排序。",
    "SELECT count(*) FROM singer",
    "SELECT name FROM singer ORDER BY age DESC LIMIT 1",
    "SELECT title FROM concert WHERE year = 2014 ORDER BY date",
    "SELECT T1.name , count(*) FROM singer AS T1 JOIN concert AS T2 ON T1.id = T2.singer_id GROUP BY T1.id",
    "SELECT avg(age) , min(age) , max(age) FROM singer WHERE country = 'France'",
    "SELECT name FROM stadium WHERE capacity > 5000 INTERSECT SELECT name FROM stadium WHERE year < 2000",
    "SELECT DISTINCT country FROM singer EXCEPT SELECT country FROM singer WHERE age > 40 HAVING sum(x) < 3",
)

SPECIAL_TOKENS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")


def _train_tokenizer(texts: list[str], vocab_size: int):
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

    tokenizer = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    # Lowercase, strip accents off Latin letters, and split CJK ideographs into single characters.
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True, handle_chinese_chars=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.decoder = decoders.WordPiece()
    trainer = trainers.WordPieceTrainer(vocab_size=vocab_size, special_tokens=list(SPECIAL_TOKENS))
    tokenizer.train_from_iterator(texts, trainer=trainer)
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)],
    )
    return tokenizer


def build_tiny_encoder(
    out_dir: str | Path,
    *,
    extra_texts: Iterable[str] = (),
    vocab_size: int = 2000,
    hidden_size: int = 32,
    num_layers: int = 2,
    max_seq_length: int = 64,
    seed: int = 0,
) -> Path:
    """Build and save a tiny BERT sentence encoder (random weights, trained WordPiece vocabulary).

    Args:
        out_dir: Folder to write the sentence-transformers model to (created).
        extra_texts: More texts for the vocabulary (e.g. a test's toy questions and SQL).
        vocab_size: Upper bound on the WordPiece vocabulary size.
        hidden_size: Hidden size (2 attention heads).
        num_layers: Number of transformer layers.
        max_seq_length: Longest input in tokens.
        seed: Seed for the weight initialisation.

    Returns:
        The folder, loadable offline with ``SentenceTransformer(str(path))``.
    """
    import torch
    from transformers import BertConfig, BertModel, BertTokenizerFast

    out_dir = Path(out_dir)
    hf_dir = out_dir.parent / f".{out_dir.name}-hf"
    texts = list(BASE_CORPUS) + [text for text in extra_texts if text]
    tokenizer = BertTokenizerFast(
        tokenizer_object=_train_tokenizer(texts, vocab_size),
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
        do_lower_case=True,
        model_max_length=max_seq_length,
    )
    config = BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=hidden_size,
        num_hidden_layers=num_layers,
        num_attention_heads=2,
        intermediate_size=2 * hidden_size,
        max_position_embeddings=max(128, max_seq_length),
        hidden_dropout_prob=0.0,
        attention_probs_dropout_prob=0.0,
    )
    torch.manual_seed(seed)
    return save_as_sentence_transformer(BertModel(config), tokenizer, hf_dir, out_dir, max_seq_length=max_seq_length)


def save_as_sentence_transformer(model, tokenizer, hf_dir: Path, out_dir: Path, *, max_seq_length: int) -> Path:
    """Save ``model`` + ``tokenizer`` as a sentence-transformers folder (mean pooling) at ``out_dir``."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Pooling, Transformer

    model.save_pretrained(hf_dir)
    tokenizer.save_pretrained(hf_dir)
    transformer = Transformer(str(hf_dir), max_seq_length=max_seq_length)
    pooling = Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
    SentenceTransformer(modules=[transformer, pooling], device="cpu").save(str(out_dir))
    shutil.rmtree(hf_dir, ignore_errors=True)
    return out_dir


# A toy parallel set: (db_id, gold SQL, {lang: question}); three databases, four structures each.
TOY_EXAMPLES = (
    (
        "concert",
        "SELECT count(*) FROM singer",
        {"en": "How many singers are there?", "de": "Wie viele Sänger gibt es?", "es": "¿Cuántos cantantes hay?"},
    ),
    (
        "concert",
        "SELECT name FROM singer ORDER BY age DESC LIMIT 1",
        {
            "en": "What is the name of the oldest singer?",
            "de": "Wie heißt der älteste Sänger?",
            "es": "¿Cuál es el nombre del cantante más viejo?",
        },
    ),
    (
        "concert",
        "SELECT title FROM concert WHERE year = 2014",
        {
            "en": "List the titles of concerts held in 2014.",
            "de": "Liste die Titel der Konzerte aus 2014.",
            "es": "Enumera los títulos de los conciertos de 2014.",
        },
    ),
    (
        "concert",
        "SELECT T1.name , count(*) FROM singer AS T1 JOIN concert AS T2 ON T1.id = T2.singer_id GROUP BY T1.id",
        {
            "en": "For each singer, how many concerts did they give?",
            "de": "Wie viele Konzerte gab jeder Sänger?",
            "es": "¿Cuántos conciertos dio cada cantante?",
        },
    ),
    (
        "library",
        "SELECT count(*) FROM book",
        {
            "en": "How many books are in the library?",
            "de": "Wie viele Bücher hat die Bibliothek?",
            "es": "¿Cuántos libros tiene la biblioteca?",
        },
    ),
    (
        "library",
        "SELECT avg(pages) FROM book",
        {
            "en": "What is the average number of pages of a book?",
            "de": "Wie viele Seiten hat ein Buch im Durchschnitt?",
            "es": "¿Cuál es el número medio de páginas de un libro?",
        },
    ),
    (
        "library",
        "SELECT title FROM book WHERE author = 'Tolstoy'",
        {
            "en": "Which books were written by Tolstoy?",
            "de": "Welche Bücher schrieb Tolstoi?",
            "es": "¿Qué libros escribió Tolstói?",
        },
    ),
    (
        "library",
        "SELECT DISTINCT genre FROM book",
        {
            "en": "List all distinct book genres.",
            "de": "Nenne alle verschiedenen Buchgenres.",
            "es": "Enumera todos los géneros de libros distintos.",
        },
    ),
    (
        "airline",
        "SELECT count(*) FROM flight WHERE origin = 'Paris'",
        {
            "en": "How many flights leave from Paris?",
            "de": "Wie viele Flüge starten in Paris?",
            "es": "¿Cuántos vuelos salen de París?",
        },
    ),
    (
        "airline",
        "SELECT max(distance) FROM flight",
        {
            "en": "What is the longest flight distance?",
            "de": "Was ist die längste Flugstrecke?",
            "es": "¿Cuál es la distancia de vuelo más larga?",
        },
    ),
    (
        "airline",
        "SELECT name FROM airline ORDER BY name",
        {
            "en": "Show the airline names in alphabetical order.",
            "de": "Zeige die Namen der Fluglinien alphabetisch.",
            "es": "Muestra los nombres de las aerolíneas en orden alfabético.",
        },
    ),
    (
        "airline",
        "SELECT origin FROM flight GROUP BY origin HAVING count(*) > 2",
        {
            "en": "Which cities have more than two departing flights?",
            "de": "Welche Städte haben mehr als zwei Abflüge?",
            "es": "¿Qué ciudades tienen más de dos vuelos de salida?",
        },
    ),
)

TOY_LANGS = ("en", "de", "es")


def toy_records(split: str = "train") -> list[dict]:
    """Prepared-example records (the shared data contract) of :data:`TOY_EXAMPLES`, every language."""
    records = []
    for index, (db_id, sql, questions) in enumerate(TOY_EXAMPLES):
        intent = f"{split}-{index:05d}"
        for lang in TOY_LANGS:
            records.append(
                {
                    "id": f"{intent}-{lang}",
                    "intent": intent,
                    "lang": lang,
                    "split": split,
                    "db_id": db_id,
                    "db_path": f"database/{db_id}/{db_id}.sqlite",
                    "question": questions[lang],
                    "gold_sql": sql,
                    "hardness": "easy",
                }
            )
    return records


def toy_texts() -> list[str]:
    """Every question and SQL of the toy set (for the tiny encoder's vocabulary)."""
    return [text for _, sql, questions in TOY_EXAMPLES for text in (sql, *questions.values())]


@functools.lru_cache(maxsize=None)
def toy_trained_encoder() -> tuple[Path, Path, dict]:
    """A tiny base encoder and a copy fine-tuned on the toy set, built once per test session.

    Returns:
        ``(base_dir, trained_dir, summary)`` with the summary of
        :func:`polysql.encoder.train.train_encoder` (its loss log at ``trained_dir.parent / "train_log.jsonl"``).
    """
    from polysql.encoder.train import train_encoder

    root = Path(tempfile.mkdtemp(prefix="polysql-tiny-encoder-"))
    atexit.register(shutil.rmtree, root, True)
    base = build_tiny_encoder(root / "base", extra_texts=toy_texts())
    records = toy_records()
    summary = train_encoder(
        base,
        root / "trained" / "model",
        records,
        records,
        epochs=8,
        batch_size=8,
        learning_rate=2e-3,
        max_seq_length=48,
        cross_lingual_pairs=True,
        hard_negatives=True,
        seed=0,
        warmup_ratio=0.05,
        log_path=root / "trained" / "train_log.jsonl",
        threads=1,
        device="cpu",
    )
    return base, root / "trained" / "model", summary
