"""Command-line interface: parse, build settings, call the library, map errors to exit codes."""

from __future__ import annotations

from . import batch, brief, check, models, segment  # noqa: F401  (each module registers its commands on the app)
from .app import app

__all__ = ["app", "main"]


def main() -> None:
    import sys

    from .app import run_app

    sys.exit(run_app())
