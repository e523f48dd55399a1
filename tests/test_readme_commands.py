"""CI runs the README's own commands, and the package declares what its code imports (issue #12)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CI_RUN = ROOT / ".ci" / "run"


_FENCE = re.compile(r"^```bash\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _readme_commands() -> list[str]:
    """The first two ```bash blocks before the README's first ``##`` section: install, then test."""
    top = re.split(r"^## ", (ROOT / "README.md").read_text(encoding="utf-8"), maxsplit=1, flags=re.MULTILINE)[0]
    blocks = [block.strip() for block in _FENCE.findall(top)]
    assert len(blocks) >= 2, "README.md must open with two ```bash blocks: install, then test"
    return blocks[:2]


def _code_lines(script: str) -> list[str]:
    return [line.strip() for line in script.splitlines() if line.strip() and not line.strip().startswith("#")]


def test_the_readme_opens_with_an_install_and_a_test_command():
    install, tests = _readme_commands()
    assert install.startswith("python3 -m venv .venv") and 'pip install -e ".[test,' in install
    assert "summarise brief seeds/" in install
    assert tests.endswith("python -m pytest")


def test_ci_runs_the_readme_commands_as_written_and_nothing_else_installs():
    install, tests = _readme_commands()
    code = _code_lines(CI_RUN.read_text(encoding="utf-8"))
    # Each README command is one line of .ci/run, byte for byte, the tests last (their status is CI's).
    assert install in code and code[-1] == tests
    assert code.index(install) < len(code) - 1
    # Users get the pip that `python3 -m venv` gives; CI must too (an upgraded pip hid issue #12).
    other = [line for line in code if line not in (install, tests)]
    assert not [line for line in other if re.search(r"\bpip\b", line)], "CI installs on its own: run the README's command"


def _declared_distributions() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    return {_normal(re.match(r"[A-Za-z0-9_.\-]+", r).group()) for r in requirements}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_library_the_code_imports_is_declared():
    imported: set[str] = set()
    for path in (ROOT / "summarise").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"summarise", "__future__"}
    providers = packages_distributions()
    declared = _declared_distributions()
    missing = sorted(
        f"{module} ({', '.join(providers.get(module, ['not installed']))})"
        for module in third_party
        if not any(_normal(dist) in declared for dist in providers.get(module, []))
    )
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"


def test_html_cleaner_is_declared_directly():
    # justext (trafilatura's) imports lxml.html.clean; pip 23 drops the "lxml[html_clean]" extra it asks for.
    assert {"lxml", "lxml-html-clean"} <= _declared_distributions()


def test_ci_runs_the_install_then_the_tests_and_exits_with_their_status(tmp_path):
    """.ci/run with the README's two command lines swapped for stand-ins: the install one runs first,
    then the test one, whose exit status is CI's. Only bash, dirname and id are on PATH, so the optional
    chromium step (apt-get) cannot run here."""
    import shutil

    install, tests = _readme_commands()
    script = CI_RUN.read_text(encoding="utf-8")
    script = script.replace(install, "echo installed > installed.txt").replace(tests, "test -f installed.txt && exit 7")
    (tmp_path / ".ci").mkdir()
    (tmp_path / ".ci" / "run").write_text(script, encoding="utf-8")
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("bash", "dirname", "id"):
        (tools / tool).symlink_to(shutil.which(tool))
    done = subprocess.run(
        [str(tools / "bash"), str(tmp_path / ".ci" / "run")], check=False, cwd=tmp_path, capture_output=True, text=True,
        env={"PATH": str(tools), "HOME": str(tmp_path), "CI": "true"}, timeout=60,
    )
    assert (tmp_path / "installed.txt").is_file(), done.stderr
    assert done.returncode == 7, done.stderr
