"""« Préparer un sondage »: the facilitator's form for a poll or quiz made without YAML.

The form only wires controls to the core: it reads itself as a
:class:`~widgets.banks.authoring.PollDraft`, checks it with the checks of ``parcours validate``
(:func:`~widgets.banks.authoring.validated_bank`), previews it as the phones show it
(:func:`~widgets.templates.poll_preview.poll_preview_html`) and saves it with its resource
(:func:`~widgets.banks.writer.save_draft`). A spreadsheet (CSV or XLSX,
:mod:`widgets.banks.spreadsheet`) fills the form, to be previewed and saved the same way.
Every problem is a French message in the form, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as ipw

from widgets import config
from widgets.banks import load_banks
from widgets.banks.authoring import PollDraft, QuestionDraft, validated_bank
from widgets.banks.spreadsheet import read_spreadsheet
from widgets.banks.spreadsheet_template import template_csv, template_xlsx
from widgets.banks.writer import Saved, save_draft
from widgets.errors import DataError
from widgets.french import plural
from widgets.templates import macro
from widgets.templates.forms import download_link
from widgets.templates.notices import status_html
from widgets.templates.poll_preview import poll_preview_html
from widgets.ui.messages import guarded_callback, message_html

TYPES = [
    ("Choix unique", "choice"),
    ("Choix multiple", "multiple"),
    ("Échelle (un niveau parmi ceux du sondage)", "scale"),
    ("Quelques mots (nuage de mots)", "words"),
    ("Questions de la salle (avec votes)", "questions"),
]
RESULTS = [
    ("Après «\u00a0Révéler\u00a0» (par défaut)", "revealed"),
    ("Au fil des réponses", "always"),
    ("Une fois la question répondue", "answered"),
    ("Jamais sur les téléphones", "never"),
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_WIDE = {"layout": ipw.Layout(width="40em"), "style": {"description_width": "12em"}}


def _packaged_notice() -> str:
    """An installed course's own ``data/`` is replaced by its next version: say so before a
    poll is saved there (the README's answer: a copy named by ``PARCOURS_DATA_DIR``)."""
    packaged = config.packaged_content()
    if packaged is None or config.data_dir().resolve() != (packaged / "data").resolve():
        return ""
    return status_html(
        "Les sondages seront enregistrés dans le dossier du cours installé, que la prochaine "
        f"version remplacera\u00a0: copiez-le et désignez la copie par PARCOURS_DATA_DIR "
        f"({config.data_dir()}).",
        ok=False,
    )


def _heading(number: int) -> str:
    return macro("ui/forms.html.j2", "numbered", "Question", number)


def _sources() -> list[tuple[str, str]]:
    folder = config.data_dir() / "sources"
    names = sorted(p.name for p in folder.glob("*.txt")) if folder.is_dir() else []
    return [("— aucune (sondage)", ""), *[(name, name) for name in names]]


class QuestionEditor(ipw.VBox):
    """One question: its text, type, options, and for a quiz its answer, explanation, source."""

    def __init__(self, number: int, on_remove: Callable[[QuestionEditor], None]) -> None:
        self.heading = ipw.HTML(_heading(number))
        self.text = ipw.Textarea(description="Question", **_WIDE)
        self.type = ipw.Dropdown(options=TYPES, value="choice", description="Type", **_WIDE)
        self.options = ipw.Textarea(
            description="Options", placeholder="Une option par ligne", **_WIDE
        )
        self.max_choices = ipw.BoundedIntText(
            value=2, min=1, max=50, description="Choix permis (au plus)", **_WIDE
        )
        self.answer = ipw.Text(
            description="Bonne réponse (quiz)",
            placeholder="Texte ou numéro de l'option\u00a0; vide\u00a0: pas une question de quiz",
            **_WIDE,
        )
        self.explanation = ipw.Textarea(description="Explication (quiz)", **_WIDE)
        self.source = ipw.Dropdown(
            options=_sources(), value="", description="Source (quiz)", **_WIDE
        )
        self.results = ipw.Dropdown(
            options=RESULTS, value="revealed", description="Résultats sur les téléphones", **_WIDE
        )
        self.remove = ipw.Button(
            description="Retirer cette question", layout=ipw.Layout(width="auto")
        )
        self.remove.on_click(lambda _: on_remove(self))
        self.type.observe(lambda _: self._show(), names=["value"])
        super().__init__(layout=ipw.Layout(border="1px solid #767676", padding="0.5em"))
        self._show()

    def _show(self) -> None:
        """Only the fields the question's type uses."""
        kind = self.type.value
        fields: list[ipw.Widget] = [self.heading, self.text, self.type]
        scale = kind == "scale"  # its levels, the same for every scale question of the poll
        self.options.description = "Niveaux" if scale else "Options"
        self.options.placeholder = (
            "Un niveau par ligne, du premier au dernier" if scale else "Une option par ligne"
        )
        if kind in ("choice", "multiple", "scale"):
            fields.append(self.options)
        if kind == "multiple":
            fields.append(self.max_choices)
        if kind == "choice":
            fields += [self.answer, self.explanation, self.source]
        self.children = [*fields, self.results, self.remove]

    def renumber(self, number: int) -> None:
        self.heading.value = _heading(number)

    def draft(self) -> QuestionDraft:
        kind = str(self.type.value)
        options = tuple(line for line in str(self.options.value).splitlines() if line.strip())
        quiz = kind == "choice"
        return QuestionDraft(
            text=str(self.text.value),
            type=kind,
            options=options if kind in ("choice", "multiple", "scale") else (),
            max_choices=int(self.max_choices.value) if kind == "multiple" else None,
            answer=str(self.answer.value) if quiz else None,
            explanation=str(self.explanation.value) if quiz else None,
            source=str(self.source.value) if quiz else None,
            results=str(self.results.value),
        )

    def load(self, question: QuestionDraft) -> None:
        with self.hold_trait_notifications():
            self.text.value = question.text
            self.type.value = question.type
            self.options.value = "\n".join(question.options)
            self.max_choices.value = question.max_choices or 2
            self.answer.value = question.answer or ""
            self.explanation.value = question.explanation or ""
            known = {value for _, value in self.source.options}
            if question.source and question.source not in known:
                self.source.options = [*self.source.options, (question.source, question.source)]
            self.source.value = question.source or ""
            self.results.value = question.results
        self._show()


class PollForm(ipw.VBox):
    """The whole form. Hooks for tests: :meth:`add_question`, :meth:`draft`, :meth:`preview`,
    :meth:`save`, :meth:`import_spreadsheet`; :attr:`output` holds the messages."""

    def __init__(self, *, on_saved: Callable[[Saved], None] | None = None, **kwargs: Any) -> None:
        self.on_saved = on_saved
        self.output = ipw.Output()
        guard = guarded_callback(self.output)
        self.title = ipw.Text(description="Titre", **_WIDE)
        self.description = ipw.Textarea(
            description="Présentation",
            placeholder="Montrée aux participants (facultatif)",
            **_WIDE,
        )
        self.bank_id = ipw.Text(
            description="Identifiant", placeholder="fait à partir du titre", **_WIDE
        )
        self.questions = ipw.VBox()
        self.add_button = ipw.Button(
            description="Ajouter une question", icon="plus", layout=ipw.Layout(width="auto")
        )
        self.preview_button = ipw.Button(
            description="Aperçu (téléphone)", layout=ipw.Layout(width="auto")
        )
        self.save_button = ipw.Button(
            description="Enregistrer", button_style="primary", layout=ipw.Layout(width="auto")
        )
        self.replace = ipw.Checkbox(
            description="Remplacer la banque du même identifiant", indent=False
        )
        self.upload = ipw.FileUpload(
            accept=".csv,.xlsx", multiple=False, description="Importer un tableur"
        )
        self.templates = ipw.HTML(
            download_link(template_csv(), "sondage_modele.csv", "text/csv", "Modèle CSV")
            + " "
            + download_link(template_xlsx(), "sondage_modele.xlsx", XLSX, "Modèle XLSX")
        )
        self.preview_html = ipw.HTML()
        self.status = ipw.HTML(_packaged_notice())
        self.add_button.on_click(guard(lambda _: self.add_question()))
        self.preview_button.on_click(guard(self._refused_in_french(lambda _: self.preview())))
        self.save_button.on_click(guard(self._refused_in_french(lambda _: self.save())))
        self.upload.observe(guard(self._refused_in_french(self._on_upload)), names=["value"])
        self.add_question()
        super().__init__(
            [
                ipw.HBox([self.upload, self.templates]),
                self.title,
                self.description,
                self.bank_id,
                self.questions,
                self.add_button,
                ipw.HBox([self.preview_button, self.save_button, self.replace]),
                self.status,
                self.output,
                self.preview_html,
            ],
            **kwargs,
        )

    # -- questions ------------------------------------------------------------------------

    def add_question(self) -> QuestionEditor:
        editor = QuestionEditor(len(self.questions.children) + 1, self._remove)
        self.questions.children = [*self.questions.children, editor]
        return editor

    def _remove(self, editor: QuestionEditor) -> None:
        self.questions.children = [q for q in self.questions.children if q is not editor]
        for number, other in enumerate(self.questions.children, start=1):
            if isinstance(other, QuestionEditor):
                other.renumber(number)

    @property
    def editors(self) -> list[QuestionEditor]:
        return [q for q in self.questions.children if isinstance(q, QuestionEditor)]

    def draft(self) -> PollDraft:
        return PollDraft(
            title=str(self.title.value),
            questions=tuple(editor.draft() for editor in self.editors),
            description=str(self.description.value),
            id=str(self.bank_id.value),
        )

    def load(self, draft: PollDraft) -> None:
        """Fill the form with ``draft`` (an imported spreadsheet), replacing its questions."""
        self.title.value, self.description.value = draft.title, draft.description
        self.bank_id.value = draft.id
        self.questions.children = []
        for question in draft.questions:
            self.add_question().load(question)

    # -- actions --------------------------------------------------------------------------

    def _clear(self) -> None:
        self.output.clear_output()
        self.status.value = ""

    def preview(self) -> None:
        """Check the poll and show its questions as the phones will."""
        self._clear()
        self.preview_html.value = ""
        _, bank = validated_bank(self.draft(), data_root=config.data_dir())
        self.preview_html.value = poll_preview_html(bank)

    def save(self) -> Saved:
        self._clear()
        saved = save_draft(self.draft(), replace=bool(self.replace.value))
        self.preview_html.value = poll_preview_html(saved.bank)
        self.status.value = status_html(
            f"«\u00a0{saved.bank.title}\u00a0» est enregistré ({saved.path})\u00a0: "
            "choisissez-le dans «\u00a0Questionnaire\u00a0» pour créer sa session."
        )
        if self.on_saved is not None:
            self.on_saved(saved)
        return saved

    def import_spreadsheet(self, content: bytes, name: str) -> PollDraft:
        """Fill the form from a spreadsheet's bytes; the poll is checked and previewed."""
        self._clear()
        draft = read_spreadsheet(content, name, title=str(self.title.value))
        self.load(draft)
        self.preview()
        count = plural(len(draft.questions), "question importée", "questions importées")
        self.status.value = status_html(
            f"{name}\u00a0: {count}. Vérifiez l'aperçu, puis «\u00a0Enregistrer\u00a0»."
        )
        return draft

    def _refused_in_french(self, action: Callable[[Any], object]) -> Callable[[Any], None]:
        """What the checks refuse is shown in the form (:attr:`status`), named by question,
        field and row; anything else goes to the guard's output and the log."""

        def run(argument: Any) -> None:
            try:
                action(argument)
            except DataError as error:
                self.status.value = message_html(error)

        return run

    def _on_upload(self, change: dict[str, Any]) -> None:
        for upload in change["new"] or ():
            self.import_spreadsheet(bytes(upload["content"]), str(upload["name"]))


def with_poll_form(panel: Any) -> ipw.VBox:
    """The live panel with « Préparer un sondage » folded under it; a saved poll joins the
    panel's picker at once, selected."""

    def offer(saved: Saved) -> None:
        from widgets.ui.live import KIND_FR

        panel.banks = load_banks()
        picker = panel.bank_picker
        picker.options = [(f"{b.title} ({KIND_FR[b.kind]})", b.id) for b in panel.banks.values()]
        picker.value = saved.bank.id

    accordion = ipw.Accordion(children=[PollForm(on_saved=offer)], selected_index=None)
    accordion.set_title(0, "Préparer un sondage")
    return ipw.VBox([panel, accordion])
