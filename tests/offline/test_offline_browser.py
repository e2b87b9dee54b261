"""The offline edition as a learner uses it: opened from ``file://`` with the network off.

Any request that is not ``file:``, ``data:`` or ``blob:`` fails the test. The walk goes home →
a module (its quiz) → the indices page (a region change redraws the radar) → a diagnostic →
« Mes résultats », whose JSON export is read by :func:`widgets.storage.import_json` and
compared with :func:`score_diagnostic` on the same answers, then imported back in the page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Guard
from widgets.banks import DiagnosticBank, QuizBank, load_banks
from widgets.figures import radar_layout_updates
from widgets.loaders import load_indicator_data
from widgets.scoring.diagnostic import score_diagnostic
from widgets.scoring.indices import normalise_all
from widgets.scoring.quiz import score_quiz
from widgets.storage import import_json

pytestmark = pytest.mark.browser
BANKS = load_banks()

# Module 3's maturity diagnostic, partly answered, with its reverse item at the top of the scale.
DIAGNOSTIC = {
    "sol_interconnaissance": 4,
    "sol_besoins": 3,
    "cv_roles": 1,
    "me_financement": 2,
    "po_clair": 4,
    "po_operateur": 4,  # reverse: agreeing lowers « chaîne de valeur »
    "go_modele": 3,
    "go_diversite": 4,
}


def radar_title(region: str) -> str:
    data = load_indicator_data()
    scores = normalise_all(data.values, data.indicators)
    return radar_layout_updates(scores, data.indicators, region)["title"]["text"]


def answer_quiz(page: Any, bank: QuizBank, wrong: set[str]) -> None:
    for item in bank.items:
        chosen = next(o.id for o in item.options if (o.id == item.answer) != (item.id in wrong))
        block = page.locator(f'.question-quiz[data-item="{item.id}"]')
        block.locator(f'input[value="{chosen}"]').check()
        block.locator("button[data-action=validate]").click()


def answer_diagnostic(page: Any, bank: DiagnosticBank, answers: dict[str, int]) -> None:
    form = page.locator(".parcours-diagnostic").first
    for index, axis in enumerate(bank.axes):
        for item in bank.items:
            if item.axis == axis.id and item.id in answers:
                fieldset = form.locator(f'fieldset[data-item="{item.id}"]')
                fieldset.locator(f'input[value="{answers[item.id]}"]').check()
        if index < len(bank.axes) - 1:
            form.locator("button[data-action=next]").click()
    form.locator("button[data-action=profile]").click()
    form.locator(".figure-profil .main-svg").first.wait_for(timeout=15_000)


def test_walk_through_the_offline_edition(
    exported: Path, offline_page: tuple[Any, Guard], tmp_path: Path
) -> None:
    page, seen = offline_page
    page.goto((exported / "index.html").as_uri())
    summary = page.locator("[data-part=summary]")
    summary.locator("strong").wait_for()
    assert summary.text_content() == "Quiz faits\u00a0: 0 sur 10."

    # home → module 1, whose quiz is answered with one mistake
    page.locator("tr[data-module='1'] a").click()
    page.wait_for_url("**/m1_etat_des_lieux.html")
    quiz = BANKS["quiz_module_1"]
    assert isinstance(quiz, QuizBank)
    wrong = {quiz.items[0].id}
    answer_quiz(page, quiz, wrong)
    expected_quiz = score_quiz(
        quiz,
        {
            i.id: next(o.id for o in i.options if (o.id == i.answer) != (i.id in wrong))
            for i in quiz.items
        },
    )
    score = page.locator(".parcours-quiz .score").text_content() or ""
    assert f"Score\u00a0: {expected_quiz.correct} / {expected_quiz.total}" in score
    assert "Ce n'est pas cela" in (
        page.locator(".parcours-quiz .feedback").first.text_content() or ""
    )

    # → the indices page, from the menu: a region change redraws the radar
    page.locator(".entete a[href='radar_fragilites.html']").click()
    title = page.locator(".figure-explorateur .gtitle")
    title.wait_for(timeout=15_000)
    assert title.text_content() == radar_title("32")
    page.select_option("[data-control=region]", "53")
    page.wait_for_function(
        "t => document.querySelector('.figure-explorateur .gtitle').textContent === t",
        arg=radar_title("53"),
    )
    page.locator("button[data-view=ranking]").click()
    page.wait_for_function(
        "() => document.querySelector('.parcours-explorer').dataset.selection"
        ".startsWith('ranking|')"
    )
    assert page.locator(".figure-explorateur .bars path").count() >= 13

    # → module 3's diagnostic, reached through the previous / next links
    page.locator(".suite-haut a[href='index.html']").click()
    page.locator("tr[data-module='3'] a").click()
    bank = BANKS["maturite_co_construction"]
    assert isinstance(bank, DiagnosticBank)
    answer_diagnostic(page, bank, DIAGNOSTIC)
    result = score_diagnostic(bank, DIAGNOSTIC)
    table = page.locator(".parcours-diagnostic table.parcours-axes").text_content() or ""
    for axis in result.axes:
        assert (axis.stage or "—") in table
    assert f"Profil calculé sur {result.answered} réponses sur {result.total}." in (
        page.locator(".parcours-diagnostic .resume").text_content() or ""
    )

    # → « Mes résultats »: export, read in Python, compare; then import the file back
    page.locator(".entete a[href='resultats.html']").click()
    page.locator(".parcours-results table").wait_for()
    with page.expect_download() as download:
        page.click("[data-action=export]")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert re.fullmatch(r"parcours-resultats-[\w-]+-\d{4}-\d{2}-\d{2}\.json", saved.name)
    records = {record.kind: record for record in import_json(saved.read_bytes())}
    diagnostic = records["diagnostic"]
    assert diagnostic.bank_id == bank.id and diagnostic.answers == DIAGNOSTIC
    assert diagnostic.scores == result.scores
    assert diagnostic.meta["stages"] == {axis.axis: axis.stage for axis in result.axes}
    assert diagnostic.meta["completion"] == result.completion
    assert diagnostic.meta["modules"] == list(result.modules)
    assert records["quiz"].scores == {
        "correct": expected_quiz.correct,
        "total": expected_quiz.total,
    }

    page.set_input_files("[data-control=import]", str(saved))
    notice = page.locator(".import-notice")
    notice.locator("p").wait_for()
    assert (
        notice.text_content()
        == f"«\u00a0{saved.name}\u00a0»\u00a0: 0 résultat importé, 2 déjà présents."
    )

    page.goto((exported / "index.html").as_uri())
    summary.locator("strong").wait_for()
    assert summary.text_content() == "Quiz faits\u00a0: 1 sur 10."
    for module in ("3", "9"):  # the same maturity diagnostic closes module 9
        cell = page.locator(f"tr[data-module='{module}'] [data-part=diagnostic]")
        assert cell.text_content() == "✓ fait"
    assert seen.external == []
    assert seen.console_errors == []


def test_the_room_is_laid_over_the_learner_profile(
    exported: Path, offline_page: tuple[Any, Guard]
) -> None:
    page, seen = offline_page
    page.goto((exported / "webinaire-1.html").as_uri())
    assert "12 participants" in (page.locator("main").text_content() or "")
    page.locator(".parcours-figure .main-svg").first.wait_for(timeout=15_000)
    page.goto((exported / "m3_modeles_co_construction.html").as_uri())
    bank = BANKS["maturite_co_construction"]
    assert isinstance(bank, DiagnosticBank)
    answer_diagnostic(page, bank, {"sol_besoins": 2})
    page.check("[data-control=group]")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.figure-profil .legendtext')]"
        ".some(e => e.textContent.startsWith('Moyenne de la salle'))"
    )
    assert seen.external == [] and seen.console_errors == []


class _Resources(HTMLParser):
    """Every address a page would load by itself, and every link."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "a" and "href" in values:
            self.links.append((values["href"], values.get("class", "")))
        elif tag in {"script", "img", "iframe", "source", "link", "audio", "video", "embed"}:
            self.loads += [values[n] for n in ("src", "href", "srcset", "data") if n in values]


def test_every_page_is_local_and_its_links_exist(exported: Path) -> None:
    pages = sorted(exported.glob("*.html"))
    assert {p.name for p in pages} >= {
        "index.html",
        "resultats.html",
        "radar_fragilites.html",
        "m0_catalyseur.html",
        "m9_evaluer_maturite.html",
    }
    for path in pages:
        parser = _Resources()
        parser.feed(path.read_text(encoding="utf-8"))
        for address in parser.loads:
            assert not re.match(r"^[a-z][a-z0-9+.-]*:|^//", address), (path.name, address)
            assert (exported / address).is_file(), (path.name, address)
        for href, css in parser.links:
            if re.match(r"^[a-z][a-z0-9+.-]*:", href):
                assert "lien-externe" in css, (path.name, href)  # marked, never loaded
            elif not href.startswith("#"):
                assert (exported / href.split("#")[0]).is_file(), (path.name, href)
        text = path.read_text(encoding="utf-8")
        assert 'class="suite suite-haut"' in text and 'href="index.html"' in text
    css = (exported / "assets" / "parcours.css").read_text(encoding="utf-8")
    assert "url(" not in css and "@import" not in css


# Traces that plotly.js did not draw as asked: a type unknown to the partial plotly.js of the
# export (widgets.offline.plotlyjs) is read as an invisible scatter, without a word.
MISREAD_TRACES = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap((gd) =>
  gd.data.map((t, i) => [t.type || 'scatter', gd._fullData[i]])
    .filter(([type, full]) => !full || full.type !== type || !full._module)
    .map(([type]) => type))"""


def test_every_page_opens_offline_without_errors(
    exported: Path, offline_page: tuple[Any, Guard]
) -> None:
    page, seen = offline_page
    drawn = 0
    for path in sorted(exported.glob("*.html")):
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        figures = page.locator("[data-parcours=figure], .figure-explorateur")
        for index in range(figures.count()):  # figures are drawn when they near the screen
            figures.nth(index).scroll_into_view_if_needed()
            figures.nth(index).locator(".main-svg").first.wait_for(timeout=15_000)
        drawn += figures.count()
        assert page.evaluate(MISREAD_TRACES) == [], path.name
        started = page.evaluate("() => document.querySelectorAll('[data-started]').length")
        expected = page.evaluate("() => document.querySelectorAll('[data-parcours]').length")
        assert started == expected, path.name
        assert page.locator("text=n'a pas pu s'afficher").count() == 0, path.name
    assert drawn >= 5
    assert seen.external == []
    assert seen.console_errors == []


def test_the_binome_activity_saves_like_a_quiz(
    exported: Path, offline_page: tuple[Any, Guard]
) -> None:
    """Module 3's activity offline: the record Python reads back is the one the form made."""
    from widgets.activities import load_activities
    from widgets.templates.results import record_summary

    page, seen = offline_page
    page.goto((exported / "m3_modeles_co_construction.html").as_uri())
    form = page.locator(".parcours-activity")
    form.locator("button[data-action=save]").click()
    assert "Rien à enregistrer" in form.locator(".save-notice").text_content()
    block = form.locator('.dimension[data-dimension="modele_economique"]')
    block.locator('input[value="1"]').check()
    block.locator("textarea").fill("  Un financement à trouver.  ")
    form.locator("textarea.note").fill("Module 7 à suivre.")
    form.locator("button[data-action=save]").click()
    assert "Résultat enregistré" in form.locator(".save-notice").text_content()
    exported_json = page.evaluate("() => Parcours.exportDocument(Parcours.results())")
    (record,) = [r for r in import_json(exported_json) if r.kind == "activity"]
    assert record.bank_id == "activite_quatre_dimensions" and record.bank_version == "1"
    assert "activite_quatre_dimensions" in load_activities()
    assert record.answers == {
        "modele_economique": 1,
        "modele_economique_note": "Un financement à trouver.",
        "note": "Module 7 à suivre.",
    }
    assert record.meta == {"module": 3, "placed": 1, "total": 4}
    assert record_summary(record, None) == page.evaluate(
        "(meta) => Parcours.activitySummary(meta)", record.meta
    )
    assert seen.external == [] and seen.console_errors == []


def test_the_actors_map_is_built_with_the_keyboard_saved_and_back_in_module_6(
    exported: Path, offline_page: tuple[Any, Guard]
) -> None:
    """Module 5's actors map offline: actors and a link added with the keyboard only, drawn as
    SVG, saved as the record Python reads; module 6 opens on the saved map."""
    from widgets.actors import map_from_answers
    from widgets.templates.actors import actors_text
    from widgets.ui.results import record_summary

    page, seen = offline_page
    page.goto((exported / "m5_tiers_lieux.html").as_uri())
    form = page.locator(".parcours-actors")
    for name, profile in [("Mairie", "0"), ("Épicerie solidaire", "2"), ("IUT", "3")]:
        form.locator("input[type=text]").focus()
        page.keyboard.type(name)
        form.locator("select").first.select_option(profile)
        form.locator("button[data-action=add]").focus()
        page.keyboard.press("Enter")
    form.locator("select[data-role=first]").select_option(label="Mairie")
    form.locator("select[data-role=second]").select_option(label="Épicerie solidaire")
    form.locator("button[data-action=link]").focus()
    page.keyboard.press("Enter")
    svg = form.locator("svg.parcours-actors-map")
    assert svg.locator("rect").count() == 3 and svg.locator("path").count() == 1
    assert svg.locator("rect[stroke-dasharray]").count() == 1  # the IUT, linked to nobody
    form.locator("textarea.note").fill("Au forum des associations.")
    form.locator("button[data-action=save]").click()
    assert "Résultat enregistré" in (form.locator(".save-notice").text_content() or "")
    exported_json = page.evaluate("() => Parcours.exportDocument(Parcours.results())")
    (record,) = [r for r in import_json(exported_json) if r.bank_id == "carte_des_acteurs"]
    actors_map = map_from_answers(record.answers)
    assert [a.name for a in actors_map.actors] == ["Mairie", "Épicerie solidaire", "IUT"]
    assert actors_map.links == ((0, 1),) and actors_map.note == "Au forum des associations."
    assert record_summary(record, None) == "3\u00a0acteurs, 1\u00a0lien"
    assert (svg.get_attribute("aria-label") or "") == actors_text(actors_map)

    page.goto((exported / "m6_partenariats_asso_entreprises.html").as_uri())
    again = page.locator(".parcours-actors svg.parcours-actors-map")
    assert again.locator("rect").count() == 3
    assert seen.external == [] and seen.console_errors == []


def test_every_module_activity_saves_offline(
    exported: Path, offline_page: tuple[Any, Guard]
) -> None:
    """The one offline script renders each module's activity from data/activities.yaml."""
    from widgets.activities import load_activities
    from widgets.plan import MODULES

    page, seen = offline_page
    for activity in load_activities().values():
        page.goto(
            (exported / MODULES[activity.module].filename.replace(".ipynb", ".html")).as_uri()
        )
        form = page.locator(f'.parcours-activity[data-activity="{activity.id}"]')
        block = form.locator(f'.dimension[data-dimension="{activity.dimensions[0].id}"]')
        block.locator("textarea").fill("Une phrase.")
        form.locator("button[data-action=save]").click()
        assert "Résultat enregistré" in (form.locator(".save-notice").text_content() or "")
    records = import_json(page.evaluate("() => Parcours.exportDocument(Parcours.results())"))
    saved = {r.bank_id: r for r in records if r.kind == "activity"}
    assert set(saved) == set(load_activities())
    for activity_id, record in saved.items():
        assert record.meta["placed"] == 1, activity_id
    assert seen.external == [] and seen.console_errors == []
