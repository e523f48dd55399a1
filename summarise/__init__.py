"""summarise: bilingual English–Arabic news briefs on local models, with key claims traced to the source.

Importing the package loads no model and touches no network.

    >>> import summarise
    >>> result = summarise.brief(Path("seeds/russia-peace-memorandum.txt"))
    >>> result.sentences("en")

``brief`` takes a ``str`` as the article's text, a ``pathlib.Path`` (or ``os.PathLike``) as a file,
``bytes`` as a file's content and a ``Document`` as it is (see ``summarise.article_source``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Pipeline", "Settings", "brief", "load_settings", "__version__"]

if TYPE_CHECKING:
    from .pipeline import Pipeline, brief
    from .settings import Settings, load_settings


def __getattr__(name: str):
    # Lazy: `import summarise` stays cheap; the pipeline's modules load on first use.
    if name in ("Pipeline", "brief"):
        from . import pipeline

        return getattr(pipeline, name)
    if name in ("Settings", "load_settings"):
        from . import settings

        return getattr(settings, name)
    raise AttributeError(f"module 'summarise' has no attribute {name!r}")
