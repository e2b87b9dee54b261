"""The kernel's event loop, for widgets that poll in the background."""

from __future__ import annotations

import asyncio


def kernel_loop() -> asyncio.AbstractEventLoop | None:
    """The kernel's running event loop, or ``None`` outside a Jupyter kernel.

    Only a kernel's loop keeps turning between cells; another running loop (Playwright's, in
    the tests) may sit idle for long, and a task on it would never poll.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return None
    shell = get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
