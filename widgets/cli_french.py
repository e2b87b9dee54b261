"""The ``parcours`` command's own words in French: Typer's help screens and its usage errors.

Typer writes its screens in English: « Usage: », « Commands », « Show this message and exit. »,
« [default: zip] », « Missing argument 'OUT'. », « Try 'parcours export --help' for help. ».
Since Typer 0.22 these are plain strings in its copy of Click (no gettext catalogue to add), so
the words are changed where Typer lets a program change them: its command classes (``cls=``:
the usage line, the help option, the errors raised while reading the command line) and the
panel titles of ``typer.rich_utils`` (module settings, read each time a screen is drawn).
``tests/test_cli.py`` reads every ``--help`` and an error for English left over.
"""

from __future__ import annotations

import re
from typing import Any

from typer import rich_utils
from typer._click import Command as ClickCommand
from typer._click import exceptions as click_errors
from typer.core import TyperCommand, TyperGroup

from widgets.french import NBSP

USAGE = f"Utilisation{NBSP}: "
HELP = "Afficher cette aide et quitter."
SUBCOMMAND_METAVAR = "COMMANDE [ARGUMENTS]…"

PANEL_WORDS: dict[str, str] = {
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commandes",
    "ERRORS_PANEL_TITLE": "Erreur",
    "DEFAULT_STRING": f"[par défaut{NBSP}: {{}}]",
    "ENVVAR_STRING": f"[variable d'environnement{NBSP}: {{}}]",
    "REQUIRED_LONG_STRING": "[obligatoire]",
    "DEPRECATED_STRING": "(obsolète) ",
    "ABORTED_TEXT": "Interrompu.",
    "RICH_HELP": f"Aide{NBSP}: [blue]{{command_path}} {{help_option}}[/]",
}
"""``typer.rich_utils`` settings and their French text (placeholders kept)."""

_DETAILS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"No such command '(.*?)'\. Did you mean '(.*)'\?"),
        "commande inconnue{sep}«{0}» (vouliez-vous dire «{1}»{nbsp}?)",
    ),
    (re.compile(r"No such command '(.*)'\."), "commande inconnue{sep}«{0}»"),
    (
        re.compile(r"Got unexpected extra arguments?(?:\(s\))? \((.*)\)"),
        "argument en trop{sep}«{0}»",
    ),
    (re.compile(r"Option '(.*)' requires an argument\."), "l'option {1} attend une valeur"),
    (re.compile(r"Input should be a valid integer.*"), "un nombre entier est attendu"),
    (re.compile(r"Input should be a valid number.*"), "un nombre est attendu"),
    (re.compile(r"Input should be a valid boolean.*"), "oui ou non est attendu"),
    (re.compile(r"(?:File|Path|Directory) '(.*)' does not exist\.?"), "«{0}» n'existe pas"),
]
"""Typer's error details that carry the learner's input, in French (``{1}``: the raw group)."""


def _quoted(text: str) -> str:
    return f"{NBSP}{text}{NBSP}"


def french_detail(message: str) -> str | None:
    """A known English error detail in French, or None."""
    for pattern, french in _DETAILS:
        match = pattern.fullmatch(message.strip())
        if match:
            groups = [_quoted(group) for group in match.groups()] or [""]
            raw = match.group(1) if match.groups() else ""
            first = groups[0]
            second = groups[1] if len(groups) > 1 else raw
            return french.format(first, second, sep=f"{NBSP}: ", nbsp=NBSP)
    return None


def _hint(error: click_errors.BadParameter) -> str:
    hint = error.param_hint
    if hint is None and error.param is not None:
        hint = error.param.get_error_hint()
    names = [hint] if isinstance(hint, str) else list(hint or [])
    return " / ".join(f"«{_quoted(name.strip(chr(39)))}»" for name in names)


def french_error(error: click_errors.UsageError) -> str:
    """What went wrong on the command line, in French, naming the option or argument."""
    if isinstance(error, click_errors.NoSuchOption):
        text = f"Option inconnue{NBSP}: {error.option_name}"
        if error.possibilities:
            text += f" (vouliez-vous dire {' ou '.join(sorted(error.possibilities))}{NBSP}?)"
        return text + "."
    if isinstance(error, click_errors.MissingParameter):
        kind = str(error.param_type or getattr(error.param, "param_type_name", ""))
        article = {"argument": "l'argument", "option": "l'option"}.get(kind, "le paramètre")
        return f"Il manque {article} {_hint(error)}."
    if isinstance(error, click_errors.BadParameter):
        detail = french_detail(error.message)
        return f"Valeur invalide pour {_hint(error)}" + (f"{NBSP}: {detail}." if detail else ".")
    detail = french_detail(error.message)
    if detail:
        return detail[0].upper() + detail[1:] + "."
    return f"Ligne de commande incomprise{NBSP}; l'aide ci-dessus dit ce qui est attendu."


class FrenchUsageError(click_errors.UsageError):
    """A usage error whose message is French already (not translated twice)."""


def _translated(error: click_errors.UsageError) -> click_errors.UsageError:
    if isinstance(error, FrenchUsageError | click_errors.NoArgsIsHelpError):
        return error
    return FrenchUsageError(french_error(error), error.ctx)


def _flags_without_type(command: Any, ctx: Any) -> None:
    for param in command.get_params(ctx):
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""  # a flag takes no value: no « <bool> » next to it
        elif param.param_type_name == "argument" and param.metavar:
            # Typer writes an argument's type in English next to its French name (« DOSSIER
            # <path> »); the name says what is expected, the type column stays empty.
            param.display_type_rich = _no_type


def _no_type(ctx: Any) -> None:
    return None


def _help_in_french(option: Any) -> Any:
    if option is not None:
        option.help = HELP
    return option


class _InFrench(ClickCommand):
    """What a command and the group say the same way: usage line, help option, errors."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), USAGE)

    def get_help_option(self, ctx: Any) -> Any:
        return _help_in_french(super().get_help_option(ctx))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _flags_without_type(self, ctx)
        super().format_help(ctx, formatter)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except click_errors.UsageError as error:
            raise _translated(error) from None


class FrenchCommand(_InFrench, TyperCommand):
    """A ``parcours`` subcommand (``@app.command(cls=FrenchCommand)``).

    Its usage line, help option and errors in French; :class:`FrenchGroup` says the same.
    """


class FrenchGroup(_InFrench, TyperGroup):
    """The ``parcours`` command (``typer.Typer(cls=FrenchGroup)``), as :class:`FrenchCommand`.

    A mistyped subcommand is found in :meth:`invoke`, after the group's own options are read.
    """

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except click_errors.UsageError as error:
            raise _translated(error) from None


def use_french_panels() -> None:
    """Set Typer's panel titles and markers to :data:`PANEL_WORDS` (idempotent)."""
    for name, text in PANEL_WORDS.items():
        setattr(rich_utils, name, text)


__all__ = ["FrenchCommand", "FrenchGroup", "french_error", "use_french_panels"]
