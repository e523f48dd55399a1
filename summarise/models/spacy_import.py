"""Import spaCy without the parts of its import that a brief never uses: torch and spaCy's own CLI.

A cold brief spends more time importing and loading spaCy than on anything else. Two pieces of that
serve other jobs:

- thinc (spaCy's network library) imports torch whenever it is installed, only to note that it
  could use it: about a second on two cores, while en_core_web_sm runs on thinc's numpy operations
  and never touches torch;
- ``spacy/__init__.py`` imports ``spacy.cli.info`` for ``spacy.info``, which pulls in the whole
  command-line package (weasel, httpx, jinja2 ...): about 0.2 s of CPU.

Within :func:`lean_spacy_import`, while spaCy is first imported, thinc's ``import torch`` fails as
if torch were absent (every other import of torch, in any thread, is untouched), and ``spacy.cli`` is
a placeholder whose ``info`` imports the real one when called. The placeholder is gone when the block
ends, so ``import spacy.cli`` afterwards gives the real package. When spaCy is already imported there
is nothing to save and the block does nothing. What thinc then believes, for this process, is that
torch is absent: it matters only to pipelines that wrap torch models (spacy-transformers), which
summarise does not load.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import sys
import types
from collections.abc import Iterator


class _NoTorchForThinc(importlib.abc.MetaPathFinder):
    """Answers thinc's probe for torch with "not installed", and nobody else's."""

    def find_spec(self, name, path=None, target=None):
        if name == "torch" or name.startswith("torch."):
            frame = sys._getframe(1)
            while frame is not None:
                if frame.f_globals.get("__name__") == "thinc.compat":
                    raise ModuleNotFoundError("torch is not offered to thinc (summarise runs spaCy on numpy)", name=name)
                frame = frame.f_back
        return None


def _info(*args, **kwargs):
    """``spacy.info``, imported from spaCy's CLI when it is first called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _placeholder_cli() -> dict[str, types.ModuleType]:
    cli = types.ModuleType("spacy.cli", "placeholder while spaCy is imported (summarise.models.spacy_import)")
    cli.__path__ = []  # a package, so that spacy.cli.info can be looked up in it
    info = types.ModuleType("spacy.cli.info")
    info.info = _info
    cli.info = info
    return {"spacy.cli": cli, "spacy.cli.info": info}


@contextlib.contextmanager
def lean_spacy_import() -> Iterator[None]:
    """Import spaCy (and a spaCy model package) inside this block to leave torch and spaCy's CLI out."""
    if "spacy" in sys.modules:
        yield
        return
    finder = None
    if "torch" not in sys.modules and "thinc.compat" not in sys.modules:
        finder = _NoTorchForThinc()
        sys.meta_path.insert(0, finder)
    placeholders = {} if "spacy.cli" in sys.modules else _placeholder_cli()
    sys.modules.update(placeholders)
    try:
        yield
    finally:
        if finder is not None:
            sys.meta_path.remove(finder)
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        spacy = sys.modules.get("spacy")
        if placeholders and spacy is not None and getattr(spacy, "cli", None) is placeholders["spacy.cli"]:
            del spacy.cli
