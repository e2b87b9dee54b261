"""Browser waits that wait: Playwright's ``wait_for_function`` does not await a promise.

An ``async`` predicate returns a promise, which is truthy, so the wait ends at once. That is
how the JupyterLab quiz test ran cells before the notebook's session existed and failed on a
busy machine (« widget model not found »). Checks that need ``fetch`` go through
``page.evaluate`` in a loop instead (see ``tests/browser/test_course.py::wait_until_ready``).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _constants(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = "..."`` strings, to follow a predicate passed by name."""
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                    found[target.id] = node.value.value
    return found


def _async_waits(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = _constants(tree)
    bad = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "wait_for_function"
            and node.args
        ):
            continue
        first = node.args[0]
        text = first.value if isinstance(first, ast.Constant) else None
        if isinstance(first, ast.Name):
            text = constants.get(first.id)
        if isinstance(text, str) and text.lstrip().startswith("async"):
            bad.append(f"{path.name}:{node.lineno}")
    return bad


def test_no_wait_for_function_gets_an_async_predicate() -> None:
    files = [*ROOT.glob("tests/**/*.py"), *ROOT.glob("benchmarks/**/*.py")]
    bad = [where for path in files for where in _async_waits(path)]
    assert bad == [], f"wait_for_function with an async predicate ends at once: {bad}"


def test_the_check_sees_an_async_predicate_passed_by_name(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('CHECK = "async () => false"\npage.wait_for_function(CHECK)\n')
    assert _async_waits(sample) == ["sample.py:2"]
