"""A module opened with a broken data file still reads, and says in French which file to check."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]


def run_with_a_broken_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, notebook: Path, broken: str, content: str
) -> tuple[str, list[dict]]:
    """Execute ``notebook`` on a copy of ``data/`` whose ``broken`` file holds ``content``.

    Returns the text the reader sees (widget values and outputs) and the widget models, after
    checking that no cell raised and nothing went to stderr.
    """
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / broken).write_text(content, encoding="utf-8")
    monkeypatch.setenv("PARCOURS_DATA_DIR", str(data))
    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(
        nb,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": str(notebook.parent)}},
    ).execute(env={**os.environ})

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.get("name") == "stderr"]
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    models = list(state.get("state", {}).values())
    texts = " ".join(str(m.get("state", {}).get("value", "")) for m in models)
    texts += " ".join(str(o.get("data", {})) for o in outputs)
    return texts, models


@pytest.mark.parametrize(
    ("notebook", "broken", "file_named"),
    [
        ("m1_etat_des_lieux.ipynb", "seed_figures.csv", "seed_figures.csv"),
        ("m2_fragilites.ipynb", "regions_indicators.csv", "regions_indicators.csv"),
    ],
)
def test_module_with_a_broken_file_shows_one_french_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, notebook: str, broken: str, file_named: str
) -> None:
    texts, models = run_with_a_broken_file(
        tmp_path, monkeypatch, ROOT / "course" / notebook, broken, "ceci n'est pas un tableau\n"
    )
    assert file_named in texts and "Impossible d'afficher" in texts
    assert "Traceback" not in texts
    # The rest of the module still reads: its quiz is there.
    assert "Valider" in " ".join(str(m.get("state", {})) for m in models)


@pytest.mark.parametrize(
    ("dashboard", "broken"),
    [
        ("radar_fragilites.ipynb", "regions_indicators.csv"),
        ("barometre_partenariats.ipynb", "seed_figures.csv"),
        ("catalyseur.ipynb", "banks/profil_catalyseur.yaml"),
    ],
)
def test_dashboard_with_a_broken_file_says_so_in_french_and_logs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dashboard: str, broken: str
) -> None:
    """On stage: no traceback on the shared screen, the file named, the details in the log."""
    log_file = tmp_path / "parcours.log"
    monkeypatch.setenv("PARCOURS_LOG_FILE", str(log_file))
    texts, _ = run_with_a_broken_file(
        tmp_path, monkeypatch, ROOT / "dashboards" / dashboard, broken, "ceci: [n'est pas\n"
    )
    assert Path(broken).name in texts and "Traceback" not in texts
    assert Path(broken).name in log_file.read_text(encoding="utf-8")
