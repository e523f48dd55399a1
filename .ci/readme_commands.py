"""Print one of the README's two setup commands, so CI runs exactly what a new user runs.

    python3 .ci/readme_commands.py install   # the first ```bash block at the top of README.md
    python3 .ci/readme_commands.py test      # the second

Only the standard library: it runs before the project's virtualenv exists.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
WHICH = ("install", "test")
_FENCE = re.compile(r"^```bash\n(.*?)^```", re.MULTILINE | re.DOTALL)


def readme_commands(text: str) -> dict[str, str]:
    """The first two ```bash blocks before the README's first ``##`` section: install, then test."""
    top = re.split(r"^## ", text, maxsplit=1, flags=re.MULTILINE)[0]
    blocks = [block.strip() for block in _FENCE.findall(top)]
    if len(blocks) < 2:
        raise SystemExit(f"{README}: expected two ```bash blocks (install, test) before the first '## ' heading")
    return dict(zip(WHICH, blocks))


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in WHICH:
        print(f"usage: readme_commands.py {{{'|'.join(WHICH)}}}", file=sys.stderr)
        return 2
    print(readme_commands(README.read_text(encoding="utf-8"))[argv[0]])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
