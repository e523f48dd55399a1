"""Tiny random-weight seq2seq models with real architectures, built at test time.

Each model gets a sentencepiece tokenizer trained on the fly, is saved with ``save_pretrained`` to a
directory and is then loaded by the tests through the same code users run (``--model-path NAME=DIR``).
Outputs are gibberish by design: the tests check the mechanics (routing, batching, chunking,
provenance, rendering), never translation quality.
"""

from __future__ import annotations

import json
from pathlib import Path

ENGLISH = [
    "Russia says it has drafted a peace memorandum containing its terms for ending the war.",
    "Foreign Minister Sergey Lavrov said Russia was proposing new talks in Istanbul on Monday, June 2.",
    "The two sides agreed to swap about 2,000 prisoners but there was no clear progress.",
    "US President Donald Trump has sharply criticised both leaders as he pushes them to agree a truce.",
    "The central bank raised interest rates by 0.25 percentage points on Thursday.",
    "Officials in Cairo said 14 people were injured and 3 were killed in the fire.",
    "The company reported revenue of $4.5 billion in the third quarter of 2024.",
    "Mr Zelenskyy accused Russia of disrespecting the talks and efforts by the US and Turkey.",
]
ARABIC = [
    "قال وزير الخارجية الروسي سيرغي لافروف إن روسيا تقترح محادثات جديدة في إسطنبول يوم الاثنين 2 يونيو.",
    "اتفق الجانبان على تبادل نحو 2000 أسير لكن لم يحرز تقدم واضح.",
    "انتقد الرئيس الأمريكي دونالد ترامب الزعيمين بشدة بينما يضغط عليهما للاتفاق على هدنة.",
    "قال مسؤولون في القاهرة إن 14 شخصا أصيبوا وقتل 3 في الحريق.",
    "رفع البنك المركزي أسعار الفائدة بمقدار 0.25 نقطة مئوية يوم الخميس.",
]


def _train_spm(prefix: Path, lines: list[str], vocab_size: int, **extra) -> None:
    import sentencepiece as spm

    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines * 4),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
        **extra,
    )


def build_marian(
    directory: Path, *, target_prefix: str | None = ">>ara<<", max_positions: int = 48, seed: int = 0, pad_last: bool = False
) -> Path:
    """A 2-layer Marian translation model (d_model 32) with a shared sentencepiece vocabulary.

    ``pad_last``: <pad> gets the last id, as in the real OPUS-MT vocabularies (and as CTranslate2's
    Marian converter expects); otherwise it is id 2."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    directory.mkdir(parents=True, exist_ok=True)
    symbols = [target_prefix] if target_prefix else []
    _train_spm(directory / "spm", ENGLISH + ARABIC, 400, user_defined_symbols=symbols)
    (directory / "spm.model").rename(directory / "source.spm")
    (directory / "target.spm").write_bytes((directory / "source.spm").read_bytes())
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_file=str(directory / "source.spm"))
    vocab = {"</s>": 0, "<unk>": 1} if pad_last else {"</s>": 0, "<unk>": 1, "<pad>": 2}
    for i in range(processor.get_piece_size()):
        vocab.setdefault(processor.id_to_piece(i), len(vocab))
    if pad_last:
        vocab["<pad>"] = len(vocab)
    pad = vocab["<pad>"]
    (directory / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    for leftover in directory.glob("spm.*"):
        leftover.unlink()
    tokenizer = MarianTokenizer(
        str(directory / "source.spm"), str(directory / "target.spm"), str(directory / "vocab.json"), model_max_length=512
    )
    tokenizer.save_pretrained(directory)
    torch.manual_seed(seed)
    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=32,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=max_positions,
        pad_token_id=pad,
        eos_token_id=0,
        decoder_start_token_id=pad,
        forced_eos_token_id=0,
    )
    MarianMTModel(config).save_pretrained(directory)
    return directory


def build_mt5(directory: Path, *, seed: int = 0) -> Path:
    """A 2-layer mT5 summariser (d_model 32) with a sentencepiece tokenizer (like mT5_multilingual_XLSum)."""
    import torch
    from transformers import MT5Config, MT5ForConditionalGeneration, T5Tokenizer

    directory.mkdir(parents=True, exist_ok=True)
    _train_spm(directory / "spiece", ENGLISH + ARABIC, 400, pad_id=0, eos_id=1, unk_id=2, bos_id=-1)
    tokenizer = T5Tokenizer.from_pretrained(str(directory), extra_ids=0, model_max_length=512)
    tokenizer.save_pretrained(directory)
    torch.manual_seed(seed)
    config = MT5Config(
        vocab_size=len(tokenizer),
        d_model=32,
        d_kv=8,
        d_ff=64,
        num_layers=2,
        num_decoder_layers=2,
        num_heads=2,
        decoder_start_token_id=0,
        pad_token_id=0,
        eos_token_id=1,
    )
    MT5ForConditionalGeneration(config).save_pretrained(directory)
    return directory


def build_deberta_nli(directory: Path, *, seed: int = 0) -> Path:
    """A 2-layer DeBERTa-v3 sequence classifier (hidden 32) with entailment/neutral/contradiction labels
    and a sentencepiece tokenizer (spm.model), like MoritzLaurer/DeBERTa-v3-base-mnli-fever-anli."""
    import torch
    from transformers import DebertaV2Config, DebertaV2ForSequenceClassification, DebertaV2Tokenizer

    directory.mkdir(parents=True, exist_ok=True)
    _train_spm(directory / "spm", ENGLISH, 200, pad_id=0, bos_id=1, eos_id=2, unk_id=3,
               pad_piece="[PAD]", bos_piece="[CLS]", eos_piece="[SEP]", unk_piece="[UNK]")
    tokenizer = DebertaV2Tokenizer.from_pretrained(str(directory), model_max_length=512)
    tokenizer.save_pretrained(directory)
    (directory / "spm.vocab").unlink(missing_ok=True)
    torch.manual_seed(seed)
    config = DebertaV2Config(
        vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64,
        max_position_embeddings=512, relative_attention=True, position_buckets=64, pos_att_type=["p2c", "c2p"],
        norm_rel_ebd="layer_norm", share_att_key=True, position_biased_input=False, pad_token_id=0,
        id2label={0: "entailment", 1: "neutral", 2: "contradiction"},
        label2id={"entailment": 0, "neutral": 1, "contradiction": 2},
    )
    DebertaV2ForSequenceClassification(config).save_pretrained(directory)
    return directory


class _OpensAFile:
    """Unpickling this runs code: it opens (creates) a file."""

    def __init__(self, path: Path):
        self.path = path

    def __reduce__(self):
        return (open, (str(self.path), "w"))


def write_code_running_bin(weights: Path, marker: Path) -> None:
    """A PyTorch .bin whose pickle, if unpickled in full, creates ``marker``: what weights-only must refuse."""
    import pickle

    with open(weights, "wb") as handle:
        pickle.dump({"weight": _OpensAFile(marker)}, handle)
