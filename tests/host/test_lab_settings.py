"""JupyterLab as the course ships it: the settings ``share/jupyter/lab/settings/overrides.json``
gives every learner, as the server hands them to JupyterLab."""

from __future__ import annotations

import json
import urllib.request

from tests.conftest import Server


def _default(server: Server, plugin: str, key: str) -> object:
    with urllib.request.urlopen(server.url(f"/lab/api/settings/{plugin}"), timeout=60) as reply:
        settings = json.loads(reply.read())
    return settings["schema"]["properties"][key]["default"]


def test_widget_messages_stay_on_the_kernel_main_shell(server: Server) -> None:
    """JupyterLab 4.4+ sends widget messages to a kernel subshell by default (ipykernel 7 runs
    them on another thread). Creating that subshell is one more control-channel round trip
    per notebook: on a busy machine it was cancelled (« Canceled future for
    create_subshell_request ») and the module's widgets never appeared. Voilà has no
    subshells; the course in JupyterLab now behaves the same."""
    kernels = "@jupyterlab/apputils-extension:kernels-settings"
    assert _default(server, kernels, "commsOverSubshells") == "disabled"


def test_jupyterlab_speaks_french(server: Server) -> None:
    assert _default(server, "@jupyterlab/translation-extension:plugin", "locale") == "fr_FR"
