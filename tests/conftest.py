"""Shared fixtures. Tests never touch the network or the user's own model store and config."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tiny_models import build_marian, build_mt5

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "russia-peace-memorandum.txt"
EVAL_DIR = ROOT.parent / "shared" / "eval"


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path, monkeypatch):
    """An empty model store and no config file or SUMMARISE_* variables from the developer's shell."""
    import os

    for name in list(os.environ):
        if name.startswith("SUMMARISE_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("SUMMARISE_MODELS_DIR", str(tmp_path / "model-store"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory) -> dict[str, Path]:
    """Tiny random-weight models, built once per test session, keyed by the registry name they stand in for."""
    root = tmp_path_factory.mktemp("tiny-models")
    marian_en_ar = build_marian(root / "opus-mt-en-ar", seed=1)
    marian_ar_en = build_marian(root / "opus-mt-ar-en", target_prefix=None, seed=2)
    mt5 = build_mt5(root / "mt5-xlsum", seed=3)
    return {"opus-mt-en-ar": marian_en_ar, "opus-mt-ar-en": marian_ar_en, "mt5-xlsum": mt5}


@pytest.fixture(scope="session")
def model_path_args(tiny_models) -> list[str]:
    """CLI arguments that point every tiny model's registry name at its directory."""
    args: list[str] = []
    for name, path in tiny_models.items():
        args += ["--model-path", f"{name}={path}"]
    return args
