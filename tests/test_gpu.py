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
    assert len(model.generate(["Russia said 2,000 prisoners were swapped."] * 40)) == 40
