"""The sentence embedder's lean runtime: a BERT encoder (all-MiniLM-L6-v2) run in numpy.

Why not sentence-transformers: importing it costs about 3 s on two cores (it pulls transformers,
scikit-learn and much of ``torch.distributed``), and torch itself another second, for a model whose
forward pass is a dozen matrix products per layer. Here the WordPiece tokeniser is the model's own
``tokenizer.json`` run by ``tokenizers`` (the library transformers' fast tokenisers wrap), the weights
are read from ``model.safetensors`` as numpy arrays, and the forward pass, mean pooling and
normalisation are written out below, following the model folder's sentence-transformers configuration
(``modules.json``, ``1_Pooling/config.json``, ``sentence_bert_config.json``). Nothing is converted or
cached on disk: the model folder as shipped is read directly, so no artefact can go stale.

The result agrees with ``SentenceTransformer.encode`` to under 1e-6 per component (4.7e-7 at most
over 1,048 sentences of 40 eval articles: float32 products summed in another order), and the
extractive summariser picks the same sentences (tests/test_embedding_runtime.py,
bench/brief_latency.py).
Only what this runtime implements is accepted: a BERT with absolute positions and exact GELU, mean
pooling, optional normalisation; :func:`unsupported_reason` says why any other folder is not, and the
loader then uses sentence-transformers instead.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import ModelLoadError

# Sentences per forward pass, at most. They are sorted by length first, and a small batch keeps the
# padding small: on the seed (26 sentences, 5 to 41 tokens) a batch of 64 pads 491 tokens to 1,066 and
# takes twice as long as batches of 8.
BATCH_SIZE = 8
_TRANSFORMER = "sentence_transformers.models.Transformer"
_POOLING = "sentence_transformers.models.Pooling"
_NORMALIZE = "sentence_transformers.models.Normalize"


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelLoadError(
            f"could not read {path}: {error}", "reinstall the package that ships the model, or check --model-path"
        ) from None


def unsupported_reason(path: Path) -> str | None:
    """Why the numpy runtime cannot run the sentence-transformers model in ``path``, or None when it can."""
    if not (path / "model.safetensors").is_file():
        return "no model.safetensors"
    if not (path / "tokenizer.json").is_file():
        return "no tokenizer.json"
    modules_file = path / "modules.json"
    if not modules_file.is_file():
        return "no modules.json"
    types = [module.get("type") for module in _read_json(modules_file)]
    if not types or types[0] != _TRANSFORMER or types[1:2] != [_POOLING] or any(t != _NORMALIZE for t in types[2:]):
        return f"modules {types} are not Transformer, Pooling[, Normalize]"
    config = _read_json(path / "config.json")
    if config.get("model_type") != "bert":
        return f"model_type {config.get('model_type')!r} is not bert"
    if config.get("hidden_act") != "gelu" or config.get("position_embedding_type", "absolute") != "absolute":
        return "not a BERT with exact GELU and absolute positions"
    pooling = _read_json(path / "1_Pooling" / "config.json")
    modes = sorted(key for key, value in pooling.items() if key.startswith("pooling_mode") and value)
    if modes != ["pooling_mode_mean_tokens"]:
        return f"pooling {modes} is not mean pooling alone"
    return None


_SAFETENSORS_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
MAX_HEADER_BYTES = 100_000_000


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a .safetensors file as read-only arrays mapped from it (nothing is copied: of the
    47 MB word-embedding table only the rows a text uses are ever read). The format is an 8-byte
    little-endian header length, a JSON header giving each tensor's dtype, shape and byte range, and
    the raw little-endian data."""
    with path.open("rb") as file:
        size = int.from_bytes(file.read(8), "little")
        # The safetensors library refuses headers over 100 MB; so does this, before asking for the memory.
        if size > min(MAX_HEADER_BYTES, path.stat().st_size - 8):
            raise ValueError(f"{path} is not a safetensors file: its header claims {size:,} bytes")
        header = json.loads(file.read(size))
        if not isinstance(header, dict):
            raise ValueError(f"{path} is not a safetensors file: its header is not a JSON object")
    out = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        dtype = _SAFETENSORS_DTYPES.get(entry["dtype"])
        if dtype is None:
            raise ModelLoadError(f"{path} stores {name} as {entry['dtype']}, which the numpy encoder does not read",
                                 "set SUMMARISE_EMBEDDER=sentence-transformers")
        begin, end = entry["data_offsets"]
        shape = tuple(entry["shape"])
        if end - begin != int(np.prod(shape, dtype=np.int64)) * np.dtype(dtype).itemsize:
            raise ValueError(f"{name}: byte range {begin}-{end} does not hold shape {shape}")
        out[name] = np.memmap(path, dtype=np.dtype(dtype).newbyteorder("<"), mode="r", offset=8 + size + begin,
                              shape=shape)
    return out


@dataclass(frozen=True)
class _Layer:
    qkv: np.ndarray  # (hidden, 3 * hidden): query, key and value projections side by side
    qkv_bias: np.ndarray
    attention_out: np.ndarray
    attention_out_bias: np.ndarray
    attention_norm: tuple[np.ndarray, np.ndarray]
    intermediate: np.ndarray
    intermediate_bias: np.ndarray
    output: np.ndarray
    output_bias: np.ndarray
    output_norm: tuple[np.ndarray, np.ndarray]


class NumpySentenceEncoder:
    """A sentence-transformers BERT model (all-MiniLM-L6-v2) in numpy: texts -> unit-length float32 rows."""

    def __init__(self, path: Path):
        reason = unsupported_reason(path)
        if reason:
            raise ModelLoadError(
                f"the numpy sentence encoder cannot run the model in {path}: {reason}",
                "set SUMMARISE_EMBEDDER=sentence-transformers (or auto) to run it with sentence-transformers",
            )
        from tokenizers import Tokenizer

        self.path = path
        config = _read_json(path / "config.json")
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        modules = _read_json(path / "modules.json")
        self.normalise = any(module.get("type") == _NORMALIZE for module in modules)
        bert_config = path / "sentence_bert_config.json"
        st_config = _read_json(bert_config) if bert_config.is_file() else {}
        self.max_tokens = int(st_config.get("max_seq_length") or config["max_position_embeddings"])
        self.lower_case = bool(st_config.get("do_lower_case", False))
        # A damaged file raises the library's own error here; models.loading.model_folder turns it into
        # a ModelLoadError naming the model and what to do.
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        weights = read_safetensors(path / "model.safetensors")
        # tokenizer.json pins truncation at 128 and pads to 128; sentence-transformers overrides both
        # per call (its max_seq_length, padding to the longest in the batch), and so does this.
        self.tokenizer.enable_truncation(self.max_tokens)
        self.tokenizer.no_padding()
        self.pad_id = self.tokenizer.token_to_id("[PAD]") or 0
        self._load_weights(weights, int(config["num_hidden_layers"]))

    def _load_weights(self, weights: dict[str, np.ndarray], layers: int) -> None:
        prefix = "bert." if "bert.embeddings.word_embeddings.weight" in weights else ""

        def get(name: str) -> np.ndarray:
            try:
                return np.ascontiguousarray(weights[prefix + name], dtype=np.float32)
            except KeyError:
                raise ModelLoadError(
                    f"the sentence model in {self.path} has no weight {prefix + name}",
                    "reinstall the package that ships it, or check --model-path",
                ) from None

        def linear(name: str) -> tuple[np.ndarray, np.ndarray]:  # torch stores (out, in): keep x @ W.T ready
            return np.ascontiguousarray(get(f"{name}.weight").T), get(f"{name}.bias")

        def norm(name: str) -> tuple[np.ndarray, np.ndarray]:
            return get(f"{name}.weight"), get(f"{name}.bias")

        self.word_embeddings = get("embeddings.word_embeddings.weight")
        self.position_embeddings = get("embeddings.position_embeddings.weight")
        self.token_type_embedding = get("embeddings.token_type_embeddings.weight")[0]  # one segment only
        self.embedding_norm = norm("embeddings.LayerNorm")
        self.layers = []
        for i in range(layers):
            base = f"encoder.layer.{i}"
            projections = [linear(f"{base}.attention.self.{part}") for part in ("query", "key", "value")]
            attention_out, attention_out_bias = linear(f"{base}.attention.output.dense")
            intermediate, intermediate_bias = linear(f"{base}.intermediate.dense")
            output, output_bias = linear(f"{base}.output.dense")
            self.layers.append(_Layer(
                qkv=np.ascontiguousarray(np.concatenate([w for w, _ in projections], axis=1)),
                qkv_bias=np.concatenate([b for _, b in projections]),
                attention_out=attention_out,
                attention_out_bias=attention_out_bias,
                attention_norm=norm(f"{base}.attention.output.LayerNorm"),
                intermediate=intermediate,
                intermediate_bias=intermediate_bias,
                output=output,
                output_bias=output_bias,
                output_norm=norm(f"{base}.output.LayerNorm"),
            ))

    def embed(self, texts: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
        """One float32 row per text (unit length when the model normalises), in the order given."""
        out = np.zeros((len(texts), self.word_embeddings.shape[1]), dtype=np.float32)
        if not texts:
            return out
        prepared = [text.lower() for text in texts] if self.lower_case else list(texts)
        ids = [encoding.ids for encoding in self.tokenizer.encode_batch(prepared, add_special_tokens=True)]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        with _one_blas_thread():
            for start in range(0, len(order), batch_size):
                rows = order[start:start + batch_size]
                width = max(len(ids[i]) for i in rows)
                batch = np.full((len(rows), width), self.pad_id, dtype=np.int64)
                mask = np.zeros((len(rows), width), dtype=np.float32)
                for j, i in enumerate(rows):
                    batch[j, :len(ids[i])] = ids[i]
                    mask[j, :len(ids[i])] = 1.0
                out[rows] = self._forward(batch, mask)
        return out

    def encode(self, texts: Sequence[str], *, batch_size: int = BATCH_SIZE, normalize_embeddings: bool = True,
               show_progress_bar: bool = False, convert_to_numpy: bool = True) -> np.ndarray:
        """The part of ``SentenceTransformer.encode`` this project calls, so callers need not know which
        runtime they hold. ``normalize_embeddings`` is honoured; a model whose modules normalise
        (all-MiniLM-L6-v2 does) returns unit rows either way, as sentence-transformers does.
        ``batch_size`` is an upper bound (this runtime's own is ``BATCH_SIZE``); no progress bar is ever
        drawn; the result is always a numpy array."""
        vectors = self.embed(texts, batch_size=min(batch_size, BATCH_SIZE))
        return _unit_rows(vectors) if normalize_embeddings and not self.normalise else vectors

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        batch, width = ids.shape
        hidden = self.word_embeddings.shape[1]
        head_size = hidden // self.heads
        x = self.word_embeddings[ids] + self.position_embeddings[:width] + self.token_type_embedding
        x = _layer_norm(x, *self.embedding_norm, self.eps)
        # Padding keys get the most negative float: their softmax weight is exactly 0, as in transformers.
        key_bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        scale = np.float32(1.0 / np.sqrt(head_size))
        for layer in self.layers:
            qkv = x @ layer.qkv + layer.qkv_bias  # (batch, width, 3 * hidden)
            qkv = qkv.reshape(batch, width, 3, self.heads, head_size).transpose(2, 0, 3, 1, 4)
            query, key, value = qkv[0], qkv[1], qkv[2]  # (batch, heads, width, head_size)
            scores = (query * scale) @ key.transpose(0, 1, 3, 2) + key_bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ value).transpose(0, 2, 1, 3).reshape(batch, width, hidden)
            x = _layer_norm(context @ layer.attention_out + layer.attention_out_bias + x, *layer.attention_norm, self.eps)
            inner = _gelu(x @ layer.intermediate + layer.intermediate_bias)
            x = _layer_norm(inner @ layer.output + layer.output_bias + x, *layer.output_norm, self.eps)
        # Mean over the real tokens (sentence-transformers' Pooling, mean mode), then unit length.
        counts = np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        pooled = (x * mask[:, :, None]).sum(axis=1) / counts
        return _unit_rows(pooled) if self.normalise else pooled


def _one_blas_thread():
    """One BLAS thread for the forward pass. Its products are small (a batch is a few hundred tokens by
    384), so a second thread gains little on an idle machine, while on a busy one OpenBLAS threads
    spin-wait for each other: embedding the seed's 26 sentences took 13-23 s with two threads and
    1.5-1.7 s with one, on two cores shared with other jobs (load average 10)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1, user_api="blas")


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Rows divided by their L2 norm (at least 1e-12), as torch.nn.functional.normalize does."""
    norms = np.sqrt(np.einsum("ij,ij->i", vectors, vectors, dtype=np.float32))[:, None]
    return (vectors / np.maximum(norms, np.float32(1e-12))).astype(np.float32)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = np.mean(centred * centred, axis=-1, keepdims=True)
    return centred / np.sqrt(variance + np.float32(eps)) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact GELU, x * Phi(x) = x/2 * (1 + erf(x / sqrt 2)), in place on ``x``'s buffer."""
    half = x * np.float32(0.5)
    x *= np.float32(1 / np.sqrt(2.0))
    phi = erf(x)
    phi += np.float32(1.0)
    phi *= half
    return phi


# Abramowitz & Stegun 7.1.26: |error| < 1.5e-7 for all x, about one float32 rounding of erf's value.
# numpy has no erf, and scipy.special would cost a third of a second to import.
_P = np.float32(0.3275911)
_A = tuple(np.float32(a) for a in (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429))


def erf(x: np.ndarray) -> np.ndarray:
    """erf(x) of a float32 array to within about 2e-7 (Abramowitz & Stegun 7.1.26)."""
    z = np.abs(x)
    decay = np.square(z)
    np.negative(decay, out=decay)
    np.exp(decay, out=decay)  # exp(-z^2)
    t = z
    t *= _P
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    poly = t * _A[4]
    for a in (_A[3], _A[2], _A[1], _A[0]):
        poly += a
        poly *= t
    poly *= decay
    np.subtract(np.float32(1.0), poly, out=poly)
    return np.copysign(poly, x, out=poly)
