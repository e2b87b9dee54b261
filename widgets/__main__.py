"""``python -m widgets``: the ``parcours`` command, for when its script is not on the PATH."""

from widgets.cli import app

if __name__ == "__main__":
    app(prog_name="parcours")
