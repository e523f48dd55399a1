"""The one exception family. Every message says what failed and what to do next.

The CLI prints ``str(error)`` (message plus hint) and exits with ``error.exit_code``; batch jobs
record the same text in their manifest and carry on.
"""

from __future__ import annotations


class SummariseError(Exception):
    """Base class: a failure the user can act on."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  hint: {self.hint}" if self.hint else self.message


class InputError(SummariseError):
    """The article itself cannot be used: empty, binary, undecodable, too large, only boilerplate."""

    exit_code = 2


class UnsupportedLanguageError(InputError):
    pass


class UnknownModelError(SummariseError):
    exit_code = 2

    def __init__(self, name: str, valid: list[str], task: str | None = None):
        what = f"{task} model" if task else "model"
        super().__init__(
            f"unknown {what} {name!r}",
            "valid names: " + ", ".join(valid) + " (see `summarise models list`)",
        )
        self.name = name
        self.valid = valid


class ModelMissingError(SummariseError):
    """A registry model is known but its weights are not on this machine."""

    exit_code = 3

    def __init__(self, name: str, detail: str | None = None, install: str | None = None):
        """``install``: the command that gets the model (default: its pull; a wheel for embedded ones)."""
        super().__init__(
            f"model {name!r} is not present locally" + (f" ({detail})" if detail else ""),
            f"run `{install or f'summarise models pull {name}'}` once (needs network), "
            f"or point at a local copy with --model-path {name}=DIR",
        )
        self.name = name


class ConversionMissingError(ModelMissingError):
    """``backend = "ctranslate2"`` was asked for, but a model has no up-to-date CTranslate2 copy."""

    def __init__(self, name: str, command: str, *, stale: bool = False):
        SummariseError.__init__(
            self,
            f"the ctranslate2 backend was asked for, but model {name!r} "
            + ("has a CTranslate2 copy made from other weights" if stale else "has no CTranslate2 conversion"),
            f"run `{command}` once (pip install 'summarise[fast]'), or use --backend auto or transformers",
        )
        self.name = name
        self.command = command


class ModelLoadError(SummariseError):
    exit_code = 3


class PullError(SummariseError):
    exit_code = 4


class OutputError(SummariseError):
    """An output file or folder cannot be written."""

    exit_code = 6


class ConfigError(SummariseError):
    exit_code = 2


class DeviceError(SummariseError):
    """The requested device is unusable (e.g. --device cuda with no GPU), or ran out of memory."""

    exit_code = 5
