"""Notebooks are served with the ``language_info`` their kernel will report (not marked modified
on open): the same dictionary ipykernel writes, for Python notebooks only."""

from __future__ import annotations

import nbformat
from ipykernel.ipkernel import IPythonKernel

from widgets.host.contents import kernel_language_info, with_kernel_language_info


def notebook_model(language_info: dict[str, object], kernel_language: str = "python") -> dict:
    content = nbformat.v4.new_notebook()
    content.metadata["language_info"] = language_info
    content.metadata["kernelspec"] = {"name": "k", "display_name": "K", "language": kernel_language}
    return {"type": "notebook", "content": content}


def test_what_ipykernel_reports() -> None:
    assert kernel_language_info() == IPythonKernel.language_info


def test_a_python_notebook_gets_it_and_nothing_else_changes() -> None:
    model = notebook_model({"name": "python"})
    with_kernel_language_info(model)
    assert model["content"].metadata["language_info"] == IPythonKernel.language_info
    assert model["content"].metadata["kernelspec"]["name"] == "k"


def test_other_languages_and_files_pass_unchanged() -> None:
    r_notebook = notebook_model({"name": "R"}, kernel_language="R")
    assert with_kernel_language_info(r_notebook)["content"].metadata["language_info"] == {
        "name": "R"
    }
    listing = {"type": "notebook", "content": None}
    assert with_kernel_language_info(listing) == {"type": "notebook", "content": None}
    text = {"type": "file", "content": "x"}
    assert with_kernel_language_info(text) == {"type": "file", "content": "x"}
