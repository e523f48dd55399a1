"""News agencies, as named in datelines ("NAIROBI (Reuters) -") and photo credits ("John Smith/AFP")."""

from __future__ import annotations

import re
from collections.abc import Iterable

# The agencies both datelines (``metadata``) and photo credits (``captions``) name; each adds its own.
# Latin and Arabic script are kept apart because some credit patterns take only Latin names.
NEWS_AGENCIES = ("AFP", "AP", "Reuters", "BBC", "UPI", "dpa", "Xinhua", "Bloomberg", "TASS", "PA")
NEWS_AGENCIES_AR = ("رويترز", "أ ف ب", "أ.ف.ب", "فرانس برس", "أسوشيتد برس", "الأناضول")


def alternation(names: Iterable[str]) -> str:
    """A regular-expression alternation that matches any of ``names`` as written."""
    return "|".join(re.escape(name) for name in names)
