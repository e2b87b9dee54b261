"""The house keeps its shape: layer contracts, types, and the editions side by side.

The rules are written in ``pyproject.toml`` (``[tool.importlinter]``, ``[tool.mypy]``) and the
README's « Où sont les choses » explains them; these tests run the tools that check them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / tool), *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def test_import_contracts_are_kept() -> None:
    """Entry points above the three editions, editions independent, a core without ipywidgets,
    Tornado or Jupyter, and no cycle (import-linter)."""
    result = run("lint-imports", "--no-cache")
    assert result.returncode == 0, result.stdout[-4000:]
    assert "0 broken" in result.stdout


def test_the_package_type_checks() -> None:
    result = run("mypy", "--no-incremental")
    assert result.returncode == 0, result.stdout[-4000:]


def test_every_folder_says_what_it_holds_and_may_import() -> None:
    for init in sorted((ROOT / "widgets").rglob("__init__.py")):
        text = init.read_text(encoding="utf-8").lstrip()
        assert text.startswith('"""'), f"{init.relative_to(ROOT)} has no docstring"


def test_no_module_is_over_400_lines() -> None:
    """Small modules named after what they hold (STYLE.md): split one before it grows past 400."""
    long = {
        str(path.relative_to(ROOT)): count
        for path in (ROOT / "widgets").rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}


def test_the_readme_names_every_folder() -> None:
    """« Où sont les choses » lists each folder of the package (a sub-folder by its last two
    names, as in `` `offline/static/` ``), so the map keeps up with the house."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Où sont les choses", 1)[1].split("\n## ", 1)[0]
    missing = []
    for folder in sorted(p for p in (ROOT / "widgets").rglob("*") if p.is_dir()):
        parts = folder.relative_to(ROOT / "widgets").parts
        if "__pycache__" in parts or parts[0] == "_content":
            continue
        names = {f"`widgets/{'/'.join(parts)}/`", f"`{'/'.join(parts[-2:])}/`"}
        if not any(name in section for name in names):
            missing.append("/".join(parts))
    assert missing == []
