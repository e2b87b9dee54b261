"""The ``parcours`` command line: serve the course and dashboards, validate the data.

Typer gives us typed options, ``--help`` and exit codes; each command stays a thin shell over
functions of the package so that the tests call the same code the facilitator runs.
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from widgets.cli_french import FrenchCommand, FrenchGroup, use_french_panels

use_french_panels()
app = typer.Typer(
    cls=FrenchGroup,
    subcommand_metavar="COMMANDE [ARGUMENTS]…",
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


@app.command(cls=FrenchCommand)
def validate(
    data_dir: Annotated[
        Path | None,
        typer.Argument(
            metavar="DOSSIER",
            help="Dossier de données à vérifier (par défaut\N{NO-BREAK SPACE}: data/ du projet).",
        ),
    ] = None,
) -> None:
    """Vérifie les fichiers de données et les banques de questions (Frictionless + contrôles)."""
    from widgets.activities import activity_problems
    from widgets.config import data_dir as default_data_dir
    from widgets.loaders.validation import validate_data_dir

    folder = data_dir if data_dir is not None else default_data_dir()
    report = validate_data_dir(folder)
    report.problems += activity_problems(folder)
    if report.valid:
        typer.echo(report.summary_fr())
        return
    for problem in report.problems:
        typer.echo(f"ERREUR {problem.message_fr()}", err=True)
    typer.echo(report.summary_fr(), err=True)
    raise typer.Exit(code=1)


@app.command(cls=FrenchCommand)
def serve(
    port: Annotated[
        int, typer.Option(metavar="PORT", help="Port HTTP (0\N{NO-BREAK SPACE}: un port libre).")
    ] = 8866,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Ne pas ouvrir de navigateur.")
    ] = False,
    ip: Annotated[
        str,
        typer.Option(
            metavar="ADRESSE",
            help="Adresse d'écoute (127.0.0.1\N{NO-BREAK SPACE}: cette machine seulement).",
        ),
    ] = "127.0.0.1",
    token: Annotated[
        str | None,
        typer.Option(
            metavar="JETON",
            help="Jeton d'accès du formateur (par défaut\N{NO-BREAK SPACE}: tiré au hasard).",
        ),
    ] = None,
    folder: Annotated[
        Path | None,
        typer.Option(
            "--dir",
            "--root-dir",
            metavar="DOSSIER",
            help="Votre dossier de travail\N{NO-BREAK SPACE}: les carnets du cours y sont "
            "copiés puis mis à jour, sans jamais écraser ceux que vous avez modifiés (par "
            "défaut\N{NO-BREAK SPACE}: «\N{NO-BREAK SPACE}parcours\N{NO-BREAK SPACE}» dans vos "
            "Documents\N{NO-BREAK SPACE}; depuis une copie des sources\N{NO-BREAK SPACE}: les "
            "sources elles-mêmes).",
        ),
    ] = None,
) -> None:
    """Lance JupyterLab (le cours) et Voilà (les tableaux de bord) sur un seul serveur."""
    from widgets.config import durability, learner_dir
    from widgets.french import NBSP
    from widgets.host.server import launch, served_folder

    try:
        durability()  # a broken setting stops the server; broken data never does
    except ValueError as exc:
        typer.echo(f"ERREUR{NBSP}: configuration invalide{NBSP}: {exc}.", err=True)
        raise typer.Exit(code=1) from None
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


@app.command(cls=FrenchCommand)
def export(
    out: Annotated[
        Path,
        typer.Argument(
            metavar="DOSSIER",
            help="Dossier à créer, dossier vide ou export précédent (seuls les fichiers qu'il "
            "avait écrits sont remplacés). Une archive DOSSIER.zip est écrite à côté.",
        ),
    ],
    zip_: Annotated[
        bool, typer.Option("--zip/--no-zip", help="Écrire aussi l’archive DOSSIER.zip.")
    ] = True,
    replay: Annotated[
        list[Path] | None,
        typer.Option(
            "--replay",
            metavar="FICHIER",
            help="Agrégat anonyme d'une session en direct (JSON «\N{NO-BREAK SPACE}parcours-replay"
            "\N{NO-BREAK SPACE}» v1 ou v2)\N{NO-BREAK SPACE}: ajoute une page "
            "«\N{NO-BREAK SPACE}Ce qu'a répondu la salle\N{NO-BREAK SPACE}». Répétable.",
        ),
    ] = None,
    course_dir: Annotated[
        Path | None,
        typer.Option(
            metavar="DOSSIER",
            help="Carnets du cours (par défaut\N{NO-BREAK SPACE}: course/ du projet).",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Écrire l'export dans OUT même s'il contient d'autres fichiers\u00a0: ils sont "
            "conservés, jamais remplacés (seuls ceux d'un export précédent le sont).",
        ),
    ] = False,
    dashboards_dir: Annotated[
        Path | None,
        typer.Option(
            metavar="DOSSIER",
            help="Tableaux de bord (par défaut\N{NO-BREAK SPACE}: dashboards/ du projet).",
        ),
    ] = None,
) -> None:
    """Construit l'édition hors ligne : des pages HTML qui s'ouvrent sans Python ni réseau."""
    from widgets.errors import DataError
    from widgets.french import NBSP
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
                force=force,
            )
    except ExportError as exc:
        typer.echo(f"ERREUR {exc.message_fr()}", err=True)
        raise typer.Exit(code=1) from None
    except DataError as exc:  # data read while pages are built (a notebook's own call)
        typer.echo(
            f"ERREUR Données invalides{NBSP}: aucun export n'a été installé.\n{exc.message_fr()}",
            err=True,
        )
        raise typer.Exit(code=1) from None
    except Exception as exc:  # a bug: still no traceback on screen, the details in the log
        from widgets.ui.messages import report

        report(exc, "parcours export")
        typer.echo(
            f"ERREUR inattendue pendant l'export ({type(exc).__name__}{NBSP}: {exc}). Aucun "
            f"export à moitié écrit n'a été installé{NBSP}; le détail est dans le journal du "
            "formateur.",
            err=True,
        )
        raise typer.Exit(code=1) from None
    for name, reason in summary.skipped.items():
        typer.echo(f"Tableau de bord non repris hors ligne{NBSP}: {name}{NBSP}: {reason}.")
    typer.echo(export_summary_fr(summary))
    if summary.zip is not None:
        typer.echo(f"Archive{NBSP}: {summary.zip}")
    typer.echo(f"Ouvrez {summary.out / 'index.html'} dans un navigateur.")


def export_summary_fr(summary: Any) -> str:
    """The line that says the export is ready, with French numbers: « 2,8\u00a0Mo »."""
    from widgets.french import NBSP, format_number, plural

    size = format_number(summary.bytes / 1_000_000, 1)
    return (
        f"Édition hors ligne prête{NBSP}: {summary.out} ({len(summary.pages)} pages, "
        f"{plural(summary.files, 'fichier')}, {size}{NBSP}Mo, "
        f"{format_number(summary.seconds, 0)}{NBSP}s)."
    )


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
