"""Text alternatives, and the purity of the figure and scoring modules."""

from __future__ import annotations

import subprocess
import sys

import plotly.graph_objects as go
import pytest

from widgets.figures import describe


def test_describe_refuses_a_figure_it_did_not_build() -> None:
    with pytest.raises(ValueError, match=r"layout\.meta"):
        describe(go.Figure())
    with pytest.raises(ValueError, match="kind"):
        describe({"layout": {"meta": {"kind": "camembert"}}})


def test_builders_import_neither_ipywidgets_nor_storage() -> None:
    code = (
        "import sys, widgets.figures, widgets.scoring.indices; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('ipywidgets', 'anywidget') "
        "or m.startswith(('widgets.storage', 'widgets.ui', 'widgets.loaders'))]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
