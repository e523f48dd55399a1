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


def _readme_command(which: str) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "readme_commands.py"), which], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def _code_lines(script: str) -> list[str]:
    return [line.strip() for line in script.splitlines() if line.strip() and not line.strip().startswith("#")]


def test_the_extracted_commands_are_the_readmes_first_two_bash_blocks():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```bash\n(.*?)^```", readme, flags=re.MULTILINE | re.DOTALL)
    install, tests = _readme_command("install"), _readme_command("test")
    assert [install, tests] == [blocks[0].strip(), blocks[1].strip()]
    assert install.startswith("python3 -m venv .venv") and 'pip install -e ".[test,' in install
    assert tests.endswith("python -m pytest")


def test_ci_runs_the_readme_commands_and_no_install_step_of_its_own():
    script = CI_RUN.read_text(encoding="utf-8")
    code = _code_lines(script)
    assert any("readme_commands.py install" in line for line in code)
    assert any("readme_commands.py test" in line for line in code)
    # Users get the pip that `python3 -m venv` gives; CI must too (an upgraded pip hid issue #12).
    assert not [line for line in code if re.search(r"\bpip\b", line)], "CI installs on its own: run the README's command"
    # The tests' exit status is the script's: the test command runs last, in place of the shell.
    assert code[-1].startswith("exec ") and "$tests" in code[-1]


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
    """.ci/run on a checkout whose README's commands are stand-ins: the install one runs first, then
    the test one, whose exit status is CI's. Only python3, bash and dirname are on PATH, so the
    optional chromium step (apt-get) cannot run here."""
    import shutil

    (tmp_path / ".ci").mkdir()
    for name in ("run", "readme_commands.py"):
        shutil.copy2(ROOT / ".ci" / name, tmp_path / ".ci" / name)
    (tmp_path / "README.md").write_text(
        "# x\n\n```bash\necho installed > installed.txt\n```\n\n```bash\ntest -f installed.txt && exit 7\n```\n\n"
        "## Later\n\n```bash\nexit 99\n```\n",
        encoding="utf-8",
    )
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("python3", "bash", "dirname"):
        (tools / tool).symlink_to(shutil.which(tool))
    done = subprocess.run(
        [str(tools / "bash"), str(tmp_path / ".ci" / "run")], check=False, cwd=tmp_path, capture_output=True, text=True,
        env={"PATH": str(tools), "HOME": str(tmp_path), "CI": "true"}, timeout=60,
    )
    assert (tmp_path / "installed.txt").is_file(), done.stderr
    assert done.returncode == 7, done.stderr
