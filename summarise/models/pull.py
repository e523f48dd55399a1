"""``summarise models pull``: the only code in the tool that reaches the network.

Downloads the card's pinned revision from the Hugging Face Hub, safetensors weights where the repo
has them (PyTorch ``.bin`` otherwise; those are later loaded weights-only), and records the exact
commit in the lock file.
"""

from __future__ import annotations

import datetime as _dt
import errno
import fnmatch
import shutil
from collections.abc import Iterable
from pathlib import Path

from ..errors import PullError
from ..files import writing
from ..settings import Settings
from .registry import ModelCard
from .store import LocalModel, has_weights, write_lock_entry

CONFIG_AND_TOKENIZER_FILES = (
    "config.json",
    "generation_config.json",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "added_tokens.json",
    "vocab.json",
    "vocab.txt",
    "merges.txt",
    "source.spm",
    "target.spm",
    "spiece.model",
    "spm.model",  # DeBERTa-v3's sentencepiece model (the entailment model)
    "sentencepiece.bpe.model",
)


def choose_files(repo_files: Iterable[str]) -> list[str]:
    """Which files of a hub repo to download: configs, tokenizer, and one set of weights.

    Safetensors are preferred; PyTorch ``.bin`` weights are taken only when the repo has no
    safetensors. TensorFlow, Flax, Rust and ONNX exports are never downloaded.
    """
    files = [f for f in repo_files if "/" not in f]  # top level only: sub-folders hold other exports
    chosen = [f for f in files if f in CONFIG_AND_TOKENIZER_FILES]
    safetensors = [f for f in files if fnmatch.fnmatch(f, "*.safetensors") or f == "model.safetensors.index.json"]
    if any(f.endswith(".safetensors") for f in safetensors):
        chosen += safetensors
    else:
        chosen += [f for f in files if fnmatch.fnmatch(f, "pytorch_model*.bin") or f == "pytorch_model.bin.index.json"]
    return sorted(set(chosen))


_LOCAL_WRITE_ERRORS = (errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EISDIR)


def _prepare_models_dir(models_dir: Path, name: str) -> None:
    """The models folder exists and may be written, checked before the network is asked anything."""
    from ..files import may_write

    hint = "set models_dir (SUMMARISE_MODELS_DIR) to a folder you may write to"
    try:
        models_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PullError(f"cannot pull {name}: the models folder {models_dir} cannot be made ({error.strerror or error})", hint) from None
    if not may_write(models_dir):
        raise PullError(f"cannot pull {name}: the models folder {models_dir} is read-only", hint)


def pull(card: ModelCard, settings: Settings) -> LocalModel:
    if card.embedded:
        raise PullError(f"{card.name} is embedded in the tool and needs no download")
    if settings.offline:
        raise PullError(f"cannot pull {card.name} in offline mode", "drop --offline / SUMMARISE_OFFLINE for this command")
    try:
        from huggingface_hub import HfApi, snapshot_download
    except ImportError:  # pragma: no cover - huggingface_hub is a dependency of transformers
        raise PullError("huggingface_hub is not installed", "pip install huggingface_hub") from None

    target = settings.models_dir / card.name
    _prepare_models_dir(settings.models_dir, card.name)
    try:
        info = HfApi().model_info(card.hub_id, revision=card.revision)
        files = choose_files(s.rfilename for s in (info.siblings or []))
        if not any(f.endswith((".safetensors", ".bin")) for f in files):
            raise PullError(f"{card.hub_id}@{card.revision} has no PyTorch weights to download")
        staging = settings.models_dir / f".{card.name}.partial"
        staging.mkdir(parents=True, exist_ok=True)
        # Downloads resume in the staging folder; only a complete snapshot replaces the old one.
        snapshot_download(card.hub_id, revision=info.sha, local_dir=staging, allow_patterns=files)
    except PullError:
        raise
    except Exception as error:  # noqa: BLE001 - HTTP, connection (httpx), disk and hub errors all mean the same
        if isinstance(error, OSError) and error.errno in _LOCAL_WRITE_ERRORS:
            # The disk, not the network: saying "check the connection" would send the user the wrong way.
            raise PullError(
                f"could not save {card.name} in {settings.models_dir}: {error.strerror or error}",
                "free disk space, or set models_dir (SUMMARISE_MODELS_DIR) to a folder you may write to; "
                "finished files are kept and the download resumes",
            ) from None
        raise PullError(
            f"could not download {card.name} ({card.hub_id}@{card.revision}): {' '.join(str(error).split())[:300] or type(error).__name__}",
            "check the network connection (and HF_TOKEN for gated models), then run the command again; "
            "finished files are kept and the download resumes",
        ) from None

    if not has_weights(staging):
        raise PullError(f"download of {card.name} finished without weights in {staging}")
    with writing(target, "the model folder"):
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    shutil.rmtree(target / ".cache", ignore_errors=True)  # huggingface_hub's download bookkeeping
    write_lock_entry(
        settings.models_dir,
        card.name,
        {
            "hub_id": card.hub_id,
            "requested_revision": card.revision,
            "commit": info.sha,
            "files": files,
            "pulled_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        },
    )
    return LocalModel(card, target, "pulled", info.sha)
