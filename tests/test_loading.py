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


def test_cudnn_attention_is_taken_out_only_for_a_gpu():
    """cuDNN builds an attention plan for every new shape, and decoding makes a new shape every step
    (on an H200 a batched bfloat16 brief ran at half the speed of a one-at-a-time float32 loop). The
    switch is process-wide, so it is flipped only when a model goes onto a CUDA GPU."""
    import torch

    from summarise.models.loading import avoid_cudnn_attention

    torch.backends.cuda.enable_cudnn_sdp(True)
    try:
        avoid_cudnn_attention("cpu")
        assert torch.backends.cuda.cudnn_sdp_enabled()
        avoid_cudnn_attention("cuda")
        assert not torch.backends.cuda.cudnn_sdp_enabled()
        assert torch.backends.cuda.flash_sdp_enabled() and torch.backends.cuda.mem_efficient_sdp_enabled()
        assert torch.backends.cuda.math_sdp_enabled()
    finally:
        torch.backends.cuda.enable_cudnn_sdp(True)
