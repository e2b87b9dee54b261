"""On stage: the radar dashboard survives a long webinar, and a failure reads as French.

No browser is needed to see what the kernel does with a page's changes: the dashboard notebook
runs in a real kernel as Voilà runs it (nbclient, the notebook's folder as working directory),
then its controls are changed from inside that kernel, which is what a page's dropdowns amount
to on the kernel's side. Driving 1 000 changes through Chromium would take minutes; here they
take about twenty seconds. (A page would also acknowledge each figure edit; the explorer keeps
nothing per acknowledgement, and the browser tests cover the page itself.)
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import ROOT

pytestmark = pytest.mark.notebooks

DASHBOARD = ROOT / "dashboards" / "radar_fragilites.ipynb"

# Run in the kernel once the dashboard is on screen: the explorer the notebook displayed, a way
# to read the kernel's memory, and a participant's-eye sequence of changes (mostly the radar,
# as in a webinar, with the map and the ranking in between).
HELPERS = """
import gc, json, psutil
from widgets.ui.indices import IndicesExplorer

explorer = next(v for v in Out.values() if isinstance(v, IndicesExplorer))
_regions = [code for _, code in explorer.region.options]
_compare = [code for _, code in explorer.compare.options]
_indicators = [code for _, code in explorer.indicator.options]
_views = ["radar", "radar", "map", "radar", "ranking"]

def drive(start, count):
    for i in range(start, start + count):
        step = i % 10
        if step < 5:
            explorer.region.value = _regions[(i * 5) % len(_regions)]
        elif step < 8:
            explorer.compare.value = _compare[(i * 3) % len(_compare)]
        elif step == 8:
            explorer.view.value = _views[(i // 10) % len(_views)]
        else:
            explorer.indicator.value = _indicators[(i // 10) % len(_indicators)]

def memory():
    gc.collect()
    info = psutil.Process().memory_full_info()
    return {"rss": info.rss, "pss": info.pss, "uss": info.uss}
"""


@dataclass
class Stage:
    """The dashboard's kernel, and the facilitator's log file it writes to."""

    client: NotebookClient
    log_file: Path

    def run(self, code: str) -> list[dict[str, Any]]:
        """Execute ``code`` in the kernel; the outputs a screen would show."""
        cell = nbformat.v4.new_code_cell(code)
        self.client.nb.cells.append(cell)
        self.client.execute_cell(cell, len(self.client.nb.cells) - 1)
        return list(cell.outputs)

    def value(self, expression: str) -> Any:
        outputs = self.run(f"print(json.dumps({expression}))")
        return json.loads("".join(o["text"] for o in outputs if o.get("name") == "stdout"))


@pytest.fixture(scope="module")
def stage(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stage]:
    log_file = tmp_path_factory.mktemp("stage") / "parcours.log"
    notebook = nbformat.read(DASHBOARD, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(DASHBOARD.parent)}},
    )
    with client.setup_kernel(env={**os.environ, "PARCOURS_LOG_FILE": str(log_file)}):
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
        running = Stage(client, log_file)
        running.run(HELPERS)
        yield running


def test_a_thousand_changes_leave_the_kernel_memory_flat(stage: Stage) -> None:
    stage.run("drive(0, 300)")  # every radar selection once: the kernel's caches are full
    before = stage.value("memory()")
    assert stage.run("drive(300, 1000)") == []  # nothing printed, no error
    after = stage.value("memory()")
    assert after["pss"] <= 1.10 * before["pss"], {k: (before[k], after[k]) for k in before}
    assert stage.value("len(explorer.errors.outputs)") == 0


def test_a_failed_change_shows_french_in_place_and_logs_the_details(stage: Stage) -> None:
    shown = stage.run(
        "def _broken(*args):\n"
        "    raise RuntimeError('panne simulée du radar')\n"
        "explorer.view.value = 'radar'\n"
        "explorer._radar.apply = _broken\n"
        "explorer.region.value = '11'\n"
    )
    assert shown == []  # no traceback, no stderr under the cell that made the change
    message = stage.value("[o['data']['text/html'] for o in explorer.errors.outputs]")
    assert len(message) == 1 and 'role="alert"' in message[0]
    assert "Impossible d'afficher cet élément" in message[0]
    assert "Traceback" not in message[0] and "panne simulée" not in message[0]
    assert stage.value("explorer.errors in explorer.children")  # in place, under the figure
    logged = stage.log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError: panne simulée du radar" in logged

    stage.run("del explorer._radar.apply\nexplorer.region.value = '84'")
    assert stage.value("len(explorer.errors.outputs)") == 0  # working again: the message goes
    assert stage.value("explorer.figures['radar'].data[0].name") == "Auvergne-Rhône-Alpes"
