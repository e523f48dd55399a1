"""GPU tier: skipped where no CUDA device is visible."""

import pytest

torch = pytest.importorskip("torch")
pytestmark = [pytest.mark.gpu, pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA GPU visible")]


def test_auto_device_uses_the_gpu_in_half_precision(tiny_models):
    from summarise.models.loading import load_seq2seq
    from summarise.models.registry import load_registry
    from summarise.settings import Settings

    model = load_seq2seq(load_registry().get("opus-mt-en-ar"), Settings(model_paths={"opus-mt-en-ar": str(tiny_models["opus-mt-en-ar"])}))
    assert model.device == "cuda" and model.dtype in ("bfloat16", "float16")
    assert next(model.model.parameters()).is_cuda
    assert not torch.backends.cuda.cudnn_sdp_enabled()  # a plan per decoding step otherwise (loading.py)
    assert len(model.generate(["Russia said 2,000 prisoners were swapped."] * 40)) == 40


def test_ctranslate2_copy_runs_on_the_gpu_and_agrees_with_transformers(tmp_path):
    ctranslate2 = pytest.importorskip("ctranslate2")
    if ctranslate2.get_cuda_device_count() == 0:
        pytest.skip("this ctranslate2 build sees no CUDA device")
    from summarise.errors import DeviceError
    from summarise.models.ct2 import load_generator
    from summarise.models.ct2_convert import convert
    from summarise.models.loading import clear_cache, load_seq2seq
    from summarise.models.registry import load_registry
    from summarise.settings import Settings
    from tests.tiny_models import ENGLISH, build_marian

    marian = build_marian(tmp_path / "opus-mt-en-ar", max_positions=64, seed=4, pad_last=True)  # the OPUS layout
    card = load_registry().get("opus-mt-en-ar")
    store = {"models_dir": tmp_path / "store", "model_paths": {card.name: str(marian)}}
    exact = Settings(device="cuda", dtype="float32", backend="ctranslate2", **store)
    greedy = {"num_beams": 1, "max_length": 12, "min_length": 0, "no_repeat_ngram_size": 0}
    texts = [">>ara<< " + t for t in ENGLISH[:4]]
    clear_cache()
    convert(card, exact, "float32")
    try:
        try:
            fast = load_generator(card, exact)
        except DeviceError as error:  # e.g. a build for CUDA 12 where only CUDA 13's libraries are installed
            pytest.skip(f"this ctranslate2 build cannot run on this GPU: {error.message}")
        assert fast.description == "ctranslate2 float32 cuda"
        assert fast.generate(texts, **greedy) == load_seq2seq(card, exact).generate(texts, **greedy)

        convert(card, exact, "int8")
        clear_cache()
        fast = load_generator(card, Settings(device="cuda", backend="ctranslate2", **store))
        assert fast.description in ("ctranslate2 int8_float16 cuda", "ctranslate2 int8_bfloat16 cuda"), fast.description
        assert len(fast.generate(texts * 50, **greedy)) == 200
    finally:
        clear_cache()
