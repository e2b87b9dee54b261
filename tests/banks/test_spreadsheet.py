"""A poll prepared in a spreadsheet: the CSV/XLSX layout, its template, and located errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from widgets.banks.authoring import validated_bank
from widgets.banks.spreadsheet import read_spreadsheet, read_spreadsheet_file
from widgets.banks.spreadsheet_template import TEMPLATE_CSV, template_xlsx
from widgets.errors import DataError

HEADER = "question,type,options,max_choices,bonne_reponse,explication,source,resultats"


def located(error: DataError) -> list[tuple[str, int | None, str | None, str]]:
    return [(p.file, p.row, p.column, p.code) for p in error.problems]


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_shipped_template_is_a_valid_poll_in_both_formats() -> None:
    from_csv = read_spreadsheet_file(TEMPLATE_CSV)
    assert read_spreadsheet(template_xlsx(), "sondage_modele.xlsx") == from_csv
    _, bank = validated_bank(from_csv, data_root="data")
    assert [item.type for item in bank.items] == ["choice", "multiple", "words", "questions"]
    assert TEMPLATE_CSV.read_bytes().startswith(b"\xef\xbb\xbf")  # French spreadsheets: UTF-8


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_comma_or_semicolon(delimiter: str) -> None:
    text = f"titre{delimiter}Mon sondage\n{HEADER.replace(',', delimiter)}\n"
    text += f"Une question ?{delimiter}choix multiple{delimiter}a | b | c{delimiter}2\n"
    draft = read_spreadsheet(text.encode(), "s.csv")
    assert draft.title == "Mon sondage"
    (question,) = draft.questions
    assert (question.type, question.options, question.max_choices, question.row) == (
        "multiple",
        ("a", "b", "c"),
        2,
        3,
    )


def test_other_separators_are_named_in_french() -> None:
    with pytest.raises(DataError) as caught:
        read_spreadsheet(b"question\ttype\nQ ?\twords\n", "s.csv")
    assert located(caught.value) == [("s.csv", 1, None, "spreadsheet-delimiter")]
    assert "point-virgule" in caught.value.message_fr()


def test_headers_in_french_spelling_and_french_keywords() -> None:
    text = "Titre;Quiz\nQuestion;Type;Options;Bonne réponse;Explication;Source;Résultats\n"
    text += "Combien ?;Choix;Dix | Vingt;Vingt;Parce que.;004_331fb6bdea7adcf7.txt;après réponse\n"
    draft = read_spreadsheet(text.encode("utf-8-sig"), "q.csv")
    (question,) = draft.questions
    assert (question.answer, question.results) == ("Vingt", "answered")
    _, bank = validated_bank(draft, file="q.csv", data_root="data")
    assert bank.kind == "quiz"


def test_bad_rows_are_named_by_file_row_and_column() -> None:
    text = "\n".join(
        [
            "titre,Sondage",
            HEADER + ",couleur",
            "Q1 ?,nuage de points,,,,,,",
            "Q2 ?,multiple,a | b,deux,,,,",
            "",
            "Q3 ?,words,,,,,,bientôt",
        ]
    )
    with pytest.raises(DataError) as caught:
        read_spreadsheet(text.encode(), "sondage.csv")
    assert located(caught.value) == [
        ("sondage.csv", 2, "couleur", "unknown-column"),
        ("sondage.csv", 3, "type", "invalid-field"),
        ("sondage.csv", 4, "max_choices", "invalid-field"),
        ("sondage.csv", 6, "resultats", "invalid-field"),
    ]


def test_validation_problems_keep_the_spreadsheet_row() -> None:
    text = f"titre,Sondage\n{HEADER}\nQ1 ?,words\n\nQ2 ?,multiple,a | b | c,4\n"
    draft = read_spreadsheet(text.encode(), "sondage.csv")
    with pytest.raises(DataError) as caught:
        validated_bank(draft, file="sondage.csv")
    assert located(caught.value) == [("sondage.csv", 5, "max_choices", "invalid-field")]
    assert "ligne\u00a05" in caught.value.message_fr() or "ligne 5" in caught.value.message_fr()


def test_missing_title_header_and_encoding() -> None:
    with pytest.raises(DataError) as caught:
        read_spreadsheet(f"{HEADER}\nQ ?,words\n".encode(), "s.csv")
    assert located(caught.value) == [("s.csv", 1, "titre", "missing-field")]
    assert (
        read_spreadsheet(f"{HEADER}\nQ ?,words\n".encode(), "s.csv", title="Donné").title == "Donné"
    )
    with pytest.raises(DataError) as caught:
        read_spreadsheet("titre,é\nquestion\nQ ?\n".encode("latin-1"), "s.csv")
    assert located(caught.value) == [("s.csv", 1, None, "encoding-error")]
    with pytest.raises(DataError) as caught:
        read_spreadsheet(b"not a workbook", "s.xlsx")
    assert located(caught.value) == [("s.xlsx", None, None, "format-error")]
    with pytest.raises(DataError) as caught:
        read_spreadsheet(b"x", "s.ods")
    assert located(caught.value) == [("s.ods", None, None, "format-error")]


def test_xlsx_formulas_are_read_as_the_text_typed() -> None:
    content = xlsx(
        [
            ["titre", '=HYPERLINK("http://example.org")'],
            ["question", "type", "options", "max_choices"],
            ["=1+1", "multiple", "=A1 | b", 2.0],
        ]
    )
    draft = read_spreadsheet(content, "s.xlsx")
    assert draft.title == '=HYPERLINK("http://example.org")'
    (question,) = draft.questions
    assert (question.text, question.options, question.max_choices) == ("=1+1", ("=A1", "b"), 2)
    assert validated_bank(draft)[1].items[0].question == "=1+1"


def test_csv_formulas_stay_text(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        f"titre,=cmd|' /C calc'!A0\n{HEADER}\n\"=SUM(A1:A2)\",words\n", encoding="utf-8"
    )
    draft = read_spreadsheet_file(path)
    assert draft.questions[0].text == "=SUM(A1:A2)"


INVALID = Path(__file__).resolve().parents[1] / "data" / "invalid" / "spreadsheets"
INVALID_CASES: dict[str, list[tuple[str, int | None, str | None, str]]] = {
    "tabulations": [("tabulations.csv", 1, None, "spreadsheet-delimiter")],
    "sans_titre": [("sans_titre.csv", 1, "titre", "missing-field")],
    "quiz_melange": [  # a poll with quiz questions: only a single choice takes a right answer
        ("quiz_melange.csv", 4, "options", "duplicate-id"),
        ("quiz_melange.csv", 5, "type", "invalid-field"),
        ("quiz_melange.csv", 5, "bonne_reponse", "unknown-option"),
        ("quiz_melange.csv", 5, "explication", "missing-field"),
        ("quiz_melange.csv", 5, "source", "missing-field"),
        ("quiz_melange.csv", 6, "explication", "invalid-field"),
    ],
}


def test_every_invalid_spreadsheet_has_a_case() -> None:
    assert {p.stem for p in INVALID.glob("*.csv")} == set(INVALID_CASES)


@pytest.mark.parametrize(("name", "expected"), INVALID_CASES.items(), ids=list(INVALID_CASES))
def test_invalid_spreadsheets_are_located(
    name: str, expected: list[tuple[str, int | None, str | None, str]]
) -> None:
    with pytest.raises(DataError) as caught:
        draft = read_spreadsheet_file(INVALID / f"{name}.csv")
        validated_bank(draft, file=f"{name}.csv", data_root="data")
    assert sorted(located(caught.value)) == sorted(expected)
    assert "Traceback" not in caught.value.message_fr()


def test_xlsx_questions_after_blank_rows_are_read_and_too_many_are_refused() -> None:
    rows: list[list[object]] = [["titre", "T"], ["question", "type"]]
    rows += [["Q1 ?", "words"], *[[None, None]] * 50, ["Q2 ?", "words"]]
    assert len(read_spreadsheet(xlsx(rows), "s.xlsx").questions) == 2
    many = [["titre", "T"], ["question", "type"], *[[f"Q{n} ?", "words"] for n in range(250)]]
    with pytest.raises(DataError) as caught:
        read_spreadsheet(xlsx(many), "s.xlsx")
    assert located(caught.value) == [("s.xlsx", 203, None, "too-many-rows")]


def test_a_scale_question_from_a_spreadsheet() -> None:
    text = f"titre,Échelles\n{HEADER}\n"
    levels = "Pas du tout | Un peu | Beaucoup"
    text += f"Prêt ?,échelle,{levels}\nEt l'équipe ?,scale,{levels}\n"
    _, bank = validated_bank(read_spreadsheet(text.encode("utf-8"), "echelles.csv"))
    assert [level.label for level in getattr(bank, "scale", None) or []] == [
        "Pas du tout",
        "Un peu",
        "Beaucoup",
    ]
    other = text.replace("scale,Pas du tout | Un peu | Beaucoup", "scale,Non | Oui")
    with pytest.raises(DataError) as caught:
        validated_bank(read_spreadsheet(other.encode("utf-8"), "echelles.csv"), file="echelles.csv")
    assert located(caught.value) == [("echelles.csv", 4, "options", "invalid-field")]
