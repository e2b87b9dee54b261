"""Notebooks served with the kernel's own ``language_info``, so that opening one does not mark it
modified.

When a notebook's kernel connects, JupyterLab writes the kernel's ``language_info`` (language
version, lexer, mime type…) into the notebook's metadata; unless it is already there, word for
word, the notebook is then « modified » (the dot on its tab, the question on closing) though
the learner changed nothing. The course's notebooks cannot carry it: its ``version`` is that of
the Python the course runs on, which differs from one installation to the next. The kernel is
ipykernel on the server's own Python (the ``python3`` kernel of the environment that serves the
course), so the server can say in advance what the kernel will report, and fills it in each
notebook it sends. The file on disk is unchanged until the learner saves, which would have
written the same metadata.
"""

from __future__ import annotations

import sys
from typing import Any

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager


def kernel_language_info() -> dict[str, Any]:
    """What ipykernel reports as ``language_info`` on this Python (``ipykernel/ipkernel.py``)."""
    return {
        "codemirror_mode": {"name": "ipython", "version": sys.version_info[0]},
        "file_extension": ".py",
        "mimetype": "text/x-python",
        "name": "python",
        "nbconvert_exporter": "python",
        "pygments_lexer": f"ipython{sys.version_info[0]}",
        "version": sys.version.split()[0],
    }


def with_kernel_language_info(model: dict[str, Any]) -> dict[str, Any]:
    """``model`` (a contents API notebook model) with the kernel's ``language_info``, in place.

    Only Python notebooks, and only what ipykernel would write: a notebook for another
    language, or without content, passes unchanged.
    """
    content = model.get("content") if model.get("type") == "notebook" else None
    metadata = getattr(content, "metadata", None)
    if metadata is None:
        return model
    language = metadata.get("language_info", {}).get("name")
    kernel = metadata.get("kernelspec", {}).get("language", "python")
    if language in (None, "python") and kernel == "python":
        metadata["language_info"] = kernel_language_info()
    return model


class CourseContentsManager(AsyncLargeFileManager):
    """Jupyter's contents manager, its notebooks with :func:`kernel_language_info`."""

    async def get(
        self,
        path: Any,
        content: Any = True,
        type: Any = None,
        format: Any = None,
        require_hash: Any = False,
    ) -> Any:
        model = await super().get(path, content, type, format, require_hash)
        return with_kernel_language_info(model)
