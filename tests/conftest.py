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
        if name.startswith("SUMMARISE_") or name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("SUMMARISE_MODELS_DIR", str(tmp_path / "model-store"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


class NetworkAccess(AssertionError):
    pass


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any connection to a non-loopback address fails the test: nothing but `models pull` may use the
    network, and the tests replace the Hub for that one. (HF_HUB_OFFLINE is deliberately not set: it
    would hide an attempt instead of catching it.)"""
    import ipaddress
    import socket

    real_connect = socket.socket.connect

    def guarded_connect(sock, address, *args, **kwargs):
        host = address[0] if isinstance(address, tuple) else None
        if host is not None:
            try:
                loopback = ipaddress.ip_address(host).is_loopback
            except ValueError:
                loopback = host == "localhost"
            if not loopback:
                raise NetworkAccess(f"the code under test tried to connect to {address!r}")
        return real_connect(sock, address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)


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


@pytest.fixture(scope="module")
def one_torch_thread():
    """Tiny models gain nothing from threads, and on a busy machine OpenMP threads spin-wait for
    each other: one thread runs their tests many times faster. Use with
    ``pytestmark = pytest.mark.usefixtures("one_torch_thread")``."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)
