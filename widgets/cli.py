"""The ``parcours`` command line: serve the course and dashboards, validate the data.

Typer gives us typed options, ``--help`` and exit codes; each command stays a thin shell over
functions of the package so that the tests call the same code the facilitator runs.
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help=(
        "Parcours «\u00a0co-construction territoriale\u00a0»\u00a0: "
        "cours, autodiagnostics et tableaux de bord."
    ),
)


def _print_version(asked: bool) -> None:
    if asked:
        from widgets.host.server import package_version

        typer.echo(f"parcours {package_version()}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Afficher la version installée et quitter.",
        ),
    ] = False,
) -> None:
    """Parcours « co-construction territoriale » : cours, autodiagnostics et tableaux de bord."""


@app.command()
def validate(
    data_dir: Annotated[
        Path | None,
        typer.Argument(help="Dossier de données à vérifier (par défaut\u00a0: data/ du projet)."),
    ] = None,
) -> None:
    """Vérifie les fichiers de données et les banques de questions (Frictionless + contrôles)."""
    from widgets.config import data_dir as default_data_dir
    from widgets.loaders.validation import validate_data_dir

    folder = data_dir if data_dir is not None else default_data_dir()
    report = validate_data_dir(folder)
    if report.valid:
        typer.echo(report.summary_fr())
        return
    for problem in report.problems:
        typer.echo(f"ERREUR {problem.message_fr()}", err=True)
    typer.echo(report.summary_fr(), err=True)
    raise typer.Exit(code=1)


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="Port HTTP (0\u00a0: un port libre).")] = 8866,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Ne pas ouvrir de navigateur.")
    ] = False,
    ip: Annotated[
        str, typer.Option(help="Adresse d'écoute (127.0.0.1\u00a0: cette machine seulement).")
    ] = "127.0.0.1",
    token: Annotated[
        str | None,
        typer.Option(help="Jeton d'accès du formateur (par défaut\u00a0: tiré au hasard)."),
    ] = None,
    folder: Annotated[
        Path | None,
        typer.Option(
            "--dir",
            "--root-dir",
            help="Votre dossier de travail\N{NO-BREAK SPACE}: les carnets du cours y sont "
            "copiés puis mis à jour, sans jamais écraser ceux que vous avez modifiés (par "
            "défaut\N{NO-BREAK SPACE}: «\N{NO-BREAK SPACE}parcours\N{NO-BREAK SPACE}» dans vos "
            "Documents\N{NO-BREAK SPACE}; depuis une copie des sources\N{NO-BREAK SPACE}: les "
            "sources elles-mêmes).",
        ),
    ] = None,
) -> None:
    """Lance JupyterLab (le cours) et Voilà (les tableaux de bord) sur un seul serveur."""
    from widgets.config import learner_dir
    from widgets.french import NBSP
    from widgets.host.server import launch, served_folder

    try:
        root_dir, copied = served_folder(folder)
    except OSError as exc:
        typer.echo(
            f"ERREUR{NBSP}: le dossier «{NBSP}{folder or learner_dir()}{NBSP}» ne peut pas "
            f"recevoir les carnets du cours ({exc.strerror or exc}){NBSP}; choisissez-en un "
            "autre avec --dir.",
            err=True,
        )
        raise typer.Exit(code=1) from None
    if copied is not None:
        for line in copied.lines_fr():
            typer.echo(line)
    launch(
        port=port,
        open_browser=not no_browser,
        ip=ip,
        token=token or secrets.token_hex(24),
        root=root_dir,
    )


@app.command()
def export(
    out: Annotated[
        Path,
        typer.Argument(
            help="Dossier à créer (ou un export précédent, remplacé). Une archive OUT.zip "
            "est écrite à côté."
        ),
    ],
    zip_: Annotated[
        bool, typer.Option("--zip/--no-zip", help="Écrire aussi l'archive OUT.zip.")
    ] = True,
    replay: Annotated[
        list[Path] | None,
        typer.Option(
            "--replay",
            help="Agrégat anonyme d'une session en direct "
            "(JSON «\u00a0parcours-replay\u00a0» v1)\u00a0: "
            "ajoute une page «\u00a0Ce qu'a répondu la salle\u00a0». Répétable.",
        ),
    ] = None,
    course_dir: Annotated[
        Path | None, typer.Option(help="Carnets du cours (par défaut\u00a0: course/ du projet).")
    ] = None,
    dashboards_dir: Annotated[
        Path | None,
        typer.Option(help="Tableaux de bord (par défaut\u00a0: dashboards/ du projet)."),
    ] = None,
) -> None:
    """Construit l'édition hors ligne : des pages HTML qui s'ouvrent sans Python ni réseau."""
    from widgets.offline import ExportError, build_export
    from widgets.offline.progress import RichProgress

    try:
        with RichProgress() as progress:
            summary = build_export(
                out,
                make_zip=zip_,
                replays=replay or [],
                course_dir=course_dir,
                dashboards_dir=dashboards_dir,
                progress=progress,
            )
    except ExportError as exc:
        typer.echo(f"ERREUR {exc.message_fr()}", err=True)
        raise typer.Exit(code=1) from None
    except Exception as exc:  # a bug: still no traceback on screen, the details in the log
        from widgets.ui.messages import report

        report(exc, "parcours export")
        typer.echo(
            f"ERREUR inattendue pendant l'export ({type(exc).__name__}\u00a0: {exc}). Aucun export "
            "à moitié écrit n'a été installé\u00a0; le détail est dans le journal du formateur.",
            err=True,
        )
        raise typer.Exit(code=1) from None
    for name, reason in summary.skipped.items():
        typer.echo(f"Tableau de bord non repris hors ligne\u00a0: {name}\u00a0: {reason}.")
    size = summary.bytes / 1_000_000
    typer.echo(
        f"Édition hors ligne prête\u00a0: {summary.out} ({len(summary.pages)} pages, "
        f"{summary.files} fichiers, {size:.1f} Mo, {summary.seconds:.0f} s)."
    )
    if summary.zip is not None:
        typer.echo(f"Archive\u00a0: {summary.zip}")
    typer.echo(f"Ouvrez {summary.out / 'index.html'} dans un navigateur.")


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
