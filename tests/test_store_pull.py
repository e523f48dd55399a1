"""The local model store, the lock file and `models pull` (the Hub replaced by a local fake)."""

import json
import types

import pytest

from summarise.errors import ModelMissingError, PullError
from summarise.models import pull as pull_module
from summarise.models.pull import choose_files
from summarise.models.registry import load_registry
from summarise.models.store import locate, read_lock
from summarise.settings import Settings

REPO_WITH_BOTH = [
    "config.json", "generation_config.json", "pytorch_model.bin", "model.safetensors", "tf_model.h5",
    "rust_model.ot", "flax_model.msgpack", "source.spm", "target.spm", "vocab.json", "tokenizer_config.json",
    "onnx/encoder_model.onnx", "README.md",
]


def test_choose_files_prefers_safetensors_and_skips_other_frameworks():
    chosen = choose_files(REPO_WITH_BOTH)
    assert "model.safetensors" in chosen and "pytorch_model.bin" not in chosen
    assert not any(f.endswith((".h5", ".ot", ".msgpack", ".onnx")) for f in chosen)
    assert {"config.json", "source.spm", "target.spm", "vocab.json", "tokenizer_config.json"} <= set(chosen)


def test_choose_files_takes_bin_only_when_there_is_no_safetensors():
    chosen = choose_files([f for f in REPO_WITH_BOTH if not f.endswith(".safetensors")])
    assert "pytorch_model.bin" in chosen


def test_missing_models_are_reported_with_the_pull_command(tmp_path):
    card = load_registry().get("opus-mt-en-ar")
    settings = Settings(models_dir=tmp_path)
    assert locate(card, settings) is None
    with pytest.raises(ModelMissingError) as caught:
        locate(card, Settings(models_dir=tmp_path, model_paths={"opus-mt-en-ar": str(tmp_path / "nope")}))
    assert "summarise models pull opus-mt-en-ar" in str(caught.value)


def test_embedded_summariser_is_found_in_its_wheel(tmp_path):
    local = locate(load_registry().get("minilm-extractive"), Settings(models_dir=tmp_path))
    assert local is not None and local.source == "embedded" and (local.path / "model.safetensors").exists()


class FakeHub:
    """Stands in for the Hub: serves a tiny model directory as a repo at a fixed commit."""

    def __init__(self, source_dir, commit="0123456789abcdef0123456789abcdef01234567"):
        self.source_dir, self.commit, self.downloads = source_dir, commit, []

    def api(self):
        hub = self

        class Api:
            def model_info(self, repo_id, revision=None):
                siblings = [types.SimpleNamespace(rfilename=p.name) for p in hub.source_dir.iterdir()]
                return types.SimpleNamespace(sha=hub.commit, siblings=siblings)

        return Api()

    def snapshot_download(self, repo_id, revision, local_dir, allow_patterns):
        self.downloads.append((repo_id, revision, sorted(allow_patterns)))
        for name in allow_patterns:
            (local_dir / name).write_bytes((self.source_dir / name).read_bytes())
        return str(local_dir)


def test_pull_downloads_the_pinned_commit_and_records_it_in_the_lock(tmp_path, tiny_models, monkeypatch):
    import huggingface_hub

    hub = FakeHub(tiny_models["opus-mt-en-ar"])
    monkeypatch.setattr(huggingface_hub, "HfApi", hub.api)
    monkeypatch.setattr(huggingface_hub, "snapshot_download", hub.snapshot_download)
    card = load_registry().get("opus-mt-en-ar")
    settings = Settings(models_dir=tmp_path / "store")

    local = pull_module.pull(card, settings)

    assert hub.downloads[0][:2] == ("Helsinki-NLP/opus-mt-en-ar", hub.commit)
    lock = read_lock(settings.models_dir)
    assert lock["opus-mt-en-ar"]["commit"] == hub.commit
    assert lock["opus-mt-en-ar"]["requested_revision"] == "main"
    found = locate(card, settings)
    assert found is not None and found.commit == hub.commit and found.path == local.path
    assert json.loads((settings.models_dir / "models.lock.json").read_text())  # valid JSON on disk


def test_pull_refuses_offline_and_embedded(tmp_path):
    registry = load_registry()
    with pytest.raises(PullError, match="offline"):
        pull_module.pull(registry.get("opus-mt-en-ar"), Settings(models_dir=tmp_path, offline=True))
    with pytest.raises(PullError, match="embedded"):
        pull_module.pull(registry.get("minilm-extractive"), Settings(models_dir=tmp_path))
