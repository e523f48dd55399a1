"""Model folders added in session 4 (the entailment model, the numpy embedder's choice of runtime) go
through the one owner of "load a model folder" (models.loading.model_folder): a damaged folder is a
ModelLoadError naming it, never a library's own exception escaping to a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from summarise.errors import ModelLoadError
from summarise.models.loading import clear_cache, load_embedder
from summarise.models.registry import load_registry
from summarise.settings import Settings


@pytest.fixture(scope="module")
def tiny_nli(tmp_path_factory) -> Path:
    from tests.tiny_models import build_deberta_nli

    return build_deberta_nli(tmp_path_factory.mktemp("nli"))


def test_a_truncated_entailment_model_is_a_model_load_error_naming_the_folder(tiny_nli, tmp_path):
    from summarise.models.nli import load_entailment

    folder = tmp_path / "nli"
    shutil.copytree(tiny_nli, folder)
    weights = next(folder.glob("*.safetensors"))
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])
    clear_cache()
    settings = Settings(device="cpu", models_dir=tmp_path / "none", model_paths={"deberta-v3-base-nli": str(folder)})
    with pytest.raises(ModelLoadError) as caught:  # was safetensors' own SafetensorError
        load_entailment(load_registry().get("deberta-v3-base-nli"), settings)
    assert str(folder) in caught.value.message and "--model-path" in caught.value.hint


def test_an_entailment_folder_without_a_tokenizer_says_so(tiny_nli, tmp_path):
    from summarise.models.nli import load_entailment

    folder = tmp_path / "nli"
    shutil.copytree(tiny_nli, folder, ignore=shutil.ignore_patterns("spm.model", "tokenizer*"))
    clear_cache()
    settings = Settings(device="cpu", models_dir=tmp_path / "none", model_paths={"deberta-v3-base-nli": str(folder)})
    with pytest.raises(ModelLoadError, match="no tokenizer files"):
        load_entailment(load_registry().get("deberta-v3-base-nli"), settings)


def _embedder_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the embedded MiniLM folder without its weights, and the original folder."""
    from summarise.models.store import embedded_path

    original = embedded_path(load_registry().get("minilm-extractive"))
    if original is None:
        pytest.skip("the embedded MiniLM package is not installed")
    folder = tmp_path / "embedder"
    shutil.copytree(original, folder, ignore=shutil.ignore_patterns("model.safetensors"))
    return folder, original


@pytest.mark.parametrize("name, content", [
    ("modules.json", '{"not": "a list"}'),
    ("modules.json", "[1, 2]"),
    ("config.json", "[1]"),
    ("1_Pooling/config.json", "[]"),
])
@pytest.mark.parametrize("runtime", ["auto", "numpy"])
def test_embedder_json_of_the_wrong_shape_is_a_model_load_error(tmp_path, name, content, runtime):
    card = load_registry().get("minilm-extractive")
    folder, original = _embedder_copy(tmp_path)
    (folder / "model.safetensors").symlink_to(original / "model.safetensors")
    (folder / name).write_text(content)
    clear_cache()
    settings = Settings(device="cpu", embedder=runtime, models_dir=tmp_path / "none",
                        model_paths={"minilm-extractive": str(folder)})
    with pytest.raises(ModelLoadError) as caught:  # "auto" raised AttributeError while choosing the runtime
        load_embedder(card, settings)
    assert str(folder) in caught.value.message


def test_a_safetensors_header_claiming_a_terabyte_is_named_as_bogus_not_as_out_of_memory(tmp_path):
    card = load_registry().get("minilm-extractive")
    folder, _ = _embedder_copy(tmp_path)
    (folder / "model.safetensors").write_bytes((2**40).to_bytes(8, "little") + b"{}")
    clear_cache()
    settings = Settings(device="cpu", embedder="numpy", models_dir=tmp_path / "none",
                        model_paths={"minilm-extractive": str(folder)})
    with pytest.raises(ModelLoadError, match="not a safetensors file") as caught:  # was "ran out of memory"
        load_embedder(card, settings)
    assert str(folder) in caught.value.message
