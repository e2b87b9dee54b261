"""The actors map's core: adding, linking, removing, and the flat answers a record keeps."""

from __future__ import annotations

import pytest

from widgets.actors import ActorsMap, layout, map_answers, map_from_answers, map_meta
from widgets.storage import ResultRecord, export_csv, import_csv
from widgets.templates.actors import actors_svg, actors_text


def sample() -> ActorsMap:
    return (
        ActorsMap()
        .add_actor("Mairie", 0)
        .add_actor("  Boulangerie   du  centre ", 1)
        .add_actor("Banque alimentaire", 2)
        .add_actor("IUT", 3)
        .add_link(1, 0)
        .add_link(2, 0)
    )


def test_answers_round_trip_through_a_record_and_csv() -> None:
    actors_map = ActorsMap(sample().actors, sample().links, " Se voir au café. ")
    answers = map_answers(actors_map)
    assert answers["acteur_2"] == "Boulangerie du centre" and answers["acteur_2_profil"] == 1
    assert (answers["lien_1_de"], answers["lien_1_vers"]) == (1, 2)
    record = ResultRecord(
        pseudonym="p",
        bank_id="carte_des_acteurs",
        bank_version="1",
        kind="activity",
        answers=answers,
        meta=map_meta(actors_map),
    )
    (back,) = import_csv(export_csv([record]))
    assert map_from_answers(back.answers) == ActorsMap(
        actors_map.actors, actors_map.links, "Se voir au café."
    )
    assert back.meta == {
        "module": 5,
        "actors": 4,
        "links": 2,
        "by_profile": [1, 1, 1, 1],
        "isolated": 1,
    }


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda m: m.add_actor(" ", 0), "blank name"),
        (lambda m: m.add_actor("mairie", 2), "same name"),
        (lambda m: m.add_actor("Lycée", 4), "no such profile"),
        (lambda m: m.add_link(0, 0), "itself"),
        (lambda m: m.add_link(0, 1), "twice"),
        (lambda m: m.add_link(0, 9), "nobody"),
    ],
)
def test_refused_changes(change, why: str) -> None:
    with pytest.raises(ValueError):
        change(sample())


def test_removing_an_actor_removes_its_links_and_shifts_the_others() -> None:
    smaller = sample().remove_actor(0)
    assert [a.name for a in smaller.actors] == [
        "Boulangerie du centre",
        "Banque alimentaire",
        "IUT",
    ]
    assert smaller.links == () and smaller.isolated() == [0, 1, 2]


def test_a_saved_map_with_broken_parts_reads_what_fits() -> None:
    answers = {
        "acteur_1": "A",
        "acteur_1_profil": 0,
        "acteur_2": "B",
        "acteur_2_profil": 7,
        "acteur_3": "C",
        "acteur_3_profil": 3,
        "lien_1_de": 1,
        "lien_1_vers": 2,
        "lien_2_de": 1,
        "lien_2_vers": 3,
    }
    read = map_from_answers(answers)
    assert [a.name for a in read.actors] == ["A", "C"] and read.links == ((0, 1),)


def test_the_drawing_puts_each_profile_in_its_column_and_says_it_in_words() -> None:
    drawn = layout(sample())
    assert [box["x"] for box in drawn["boxes"]] == [8, 208, 408, 608]
    svg = actors_svg(sample())
    assert svg.count("<path") == 2 and svg.count("<rect") == 4
    assert svg.count("stroke-dasharray") == 1  # the IUT is linked to nobody
    text = actors_text(sample())
    assert "Académiques\u00a0: IUT" in text and "Reliés à personne\u00a0: IUT." in text
    assert "vide" in actors_text(ActorsMap())


def test_links_are_curves_that_never_cross_the_actor_between() -> None:
    """A link two columns away bends upwards (capped), one within a column bends sideways."""
    drawn = layout(sample().add_link(0, 3))
    for line in drawn["lines"]:
        assert line["d"].startswith(f"M {line['x1']:g} {line['y1']:g} Q ")
    far = drawn["lines"][-1]  # from the first column to the fourth: bent by the cap
    assert f"Q {(far['x1'] + far['x2']) / 2:g} {far['y1'] - 120:g} " in far["d"]
    same_column = layout(ActorsMap().add_actor("A", 0).add_actor("B", 0).add_link(0, 1))
    (curve,) = same_column["lines"]
    assert curve["x1"] == curve["x2"] and f"Q {curve['x1'] + 92:g} " in curve["d"]
