"""Loading: weights-only for PyTorch .bin files, caching, device checks."""

import shutil

import pytest

from summarise.errors import DeviceError, ModelLoadError
from summarise.models.loading import clear_cache, load_seq2seq, resolve_device
from summarise.models.registry import load_registry
from summarise.settings import Settings
from tests.tiny_models import write_code_running_bin


def settings_for(path):
    return Settings(model_paths={"opus-mt-en-ar": str(path)}, device="cpu")


def test_models_are_cached_per_model_and_device(tiny_models, tmp_path):
    card = load_registry().get("opus-mt-en-ar")
    first = load_seq2seq(card, settings_for(tiny_models["opus-mt-en-ar"]))
    assert load_seq2seq(card, settings_for(tiny_models["opus-mt-en-ar"])) is first
    # Another copy of the weights (another --model-path) is another model, not the cached one.
    copy = tmp_path / "copy"
    shutil.copytree(tiny_models["opus-mt-en-ar"], copy)
    assert load_seq2seq(card, settings_for(copy)) is not first


def test_bin_weights_load_weights_only(tiny_models, tmp_path):
    """A .bin-only copy loads; a .bin whose pickle would run code is refused, and the code never runs."""
    import torch
    from safetensors.torch import load_file

    card = load_registry().get("opus-mt-en-ar")
    bin_copy = tmp_path / "bin-copy"
    shutil.copytree(tiny_models["opus-mt-en-ar"], bin_copy)
    state = load_file(bin_copy / "model.safetensors")
    (bin_copy / "model.safetensors").unlink()
    torch.save(state, bin_copy / "pytorch_model.bin")
    clear_cache()
    model = load_seq2seq(card, settings_for(bin_copy))
    assert len(model.generate(["Hello."])) == 1

    evil = tmp_path / "evil"
    shutil.copytree(bin_copy, evil)
    marker = tmp_path / "pwned"
    write_code_running_bin(evil / "pytorch_model.bin", marker)
    clear_cache()
    with pytest.raises(ModelLoadError, match="weights") as caught:
        load_seq2seq(card, settings_for(evil))
    assert not marker.exists(), f"unpickling ran code: {caught.value}"


def test_cuda_request_without_a_gpu_is_a_clear_error():
    import torch

    if torch.cuda.is_available():
        pytest.skip("a GPU is visible here")
    with pytest.raises(DeviceError, match="--device cpu"):
        resolve_device("cuda")
    assert resolve_device("auto") == "cpu"
