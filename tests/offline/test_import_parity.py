"""The offline edition's results import against the Python one: the same broken files are
refused alike, with the same problems and French sentences, and the same good files give the
same records.

Each case is a whole ``parcours-results`` document (ASCII JSON text, so lone surrogates reach
the browser as ``\\ud800`` escapes, as in a real file). Python's answer is
:func:`widgets.storage.import_json`; the browser's is ``Parcours.parseResults`` in Chromium,
with the rules the export writes into ``assets/data/course.js`` (see ``conftest.js``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from widgets.errors import DataError
from widgets.storage import import_json
from widgets.storage.bounds import DOCUMENT_DEPTH, META_DEPTH

pytestmark = pytest.mark.browser

GOOD: dict[str, Any] = {
    "id": "3f2b6c1e9a4d4e0f8b7a6c5d4e3f2a1b",
    "pseudonym": "moi",
    "bank_id": "quiz_module_1",
    "bank_version": "1",
    "kind": "quiz",
    "created_at": "2025-03-01T09:30:00.123456+01:00",
    "answers": {"q1": "a", "q2": 3},
    "scores": {"correct": 1, "total": 5},
    "meta": {"module": 1, "notes": ["x", 2.5, None, True]},
}
MARK = '"@@"'


def document(*records: dict[str, Any], **header: Any) -> str:
    return json.dumps({"format": "parcours-results", "version": 1, "results": list(records)}
                      | header)  # fmt: skip


def changed(**fields: Any) -> str:
    """One record: GOOD with ``fields`` changed (``None`` as a value removes the field)."""
    record = {k: v for k, v in (GOOD | fields).items() if v is not None or k not in fields}
    return document(record)


def raw(field: str, literal: str) -> str:
    """One record whose ``field`` holds ``literal``, JSON text as written (not a Python value)."""
    return changed(**{field: "@@"}).replace(MARK, literal)


def nested(depth: int, inner: str = "") -> str:
    return "[" * depth + inner + "]" * depth


SOON = (datetime.now(UTC) + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
LATER = (datetime.now(UTC) + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M:%SZ")
PAD = META_DEPTH - 1  # meta is level 0, {"a": …} level 1

CASES: dict[str, Callable[[], str]] = {
    # dates: bounded to 2000 … tomorrow, real calendar days and hours, a zone required
    "year 9999": lambda: changed(created_at="9999-12-31T23:59:59-23:59"),
    "next century": lambda: changed(created_at="2099-01-01T00:00:00Z"),
    "in ten days": lambda: changed(created_at=LATER),
    "in two hours": lambda: changed(created_at=SOON),
    "year 1900": lambda: changed(created_at="1900-01-01T00:00:00Z"),
    "just before 2000": lambda: changed(created_at="1999-12-31T23:59:59.999999Z"),
    "first instant of 2000": lambda: changed(created_at="2000-01-01T00:00:00Z"),
    "2000 reached through the zone": lambda: changed(created_at="2000-01-01T00:30:00+01:00"),
    "year 0": lambda: changed(created_at="0000-01-01T00:00:00Z"),
    "30 February": lambda: changed(created_at="2025-02-30T09:30:00Z"),
    "29 February of a leap year": lambda: changed(created_at="2024-02-29T09:30:00Z"),
    "29 February otherwise": lambda: changed(created_at="2023-02-29T09:30:00Z"),
    "hour 24": lambda: changed(created_at="2025-03-01T24:00:00Z"),
    "second 60": lambda: changed(created_at="2025-03-01T09:30:60Z"),
    "zone +24:00": lambda: changed(created_at="2025-03-01T09:30:00+24:00"),
    "zone +00:60": lambda: changed(created_at="2025-03-01T09:30:00+00:60"),
    "zone +0100": lambda: changed(created_at="2025-03-01T09:30:00+0100"),
    "zone +01": lambda: changed(created_at="2025-03-01T09:30+01"),
    "no zone": lambda: changed(created_at="2025-03-01T09:30:00"),
    "lowercase z": lambda: changed(created_at="2025-03-01T09:30:00z"),
    "basic format": lambda: changed(created_at="20250301T093000Z"),
    "week date": lambda: changed(created_at="2025-W09-6T09:30Z"),
    "space and comma": lambda: changed(created_at=" 2025-03-01 09:30:00,5Z "),
    "seven decimals": lambda: changed(created_at="2025-03-01T09:30:00.1234567Z"),
    "arabic-indic digits": lambda: changed(created_at="\u0662025-03-01T09:30:00Z"),
    "date of 65 characters": lambda: changed(created_at="2025-03-01T09:30:00." + "1" * 44 + "Z"),
    "date as a number": lambda: raw("created_at", "1740821400"),
    # numbers: integers within ±2^53 (JSON.parse rounds 2^53 + 1 to 2^53), finite floats
    "401-digit score": lambda: raw("scores", '{"a": ' + "9" * 401 + "}"),
    "5000-digit score": lambda: raw("scores", '{"a": ' + "9" * 5000 + "}"),
    "30-digit answer": lambda: raw("answers", '{"q": ' + "9" * 30 + "}"),
    "negative 30-digit answer": lambda: raw("answers", '{"q": -' + "9" * 30 + "}"),
    "2^53 + 1 answer": lambda: raw("answers", '{"q": 9007199254740993}'),
    "-(2^53 + 1) score": lambda: raw("scores", '{"a": -9007199254740993}'),
    "2^53 answer": lambda: raw("answers", '{"q": 9007199254740992}'),
    "20-digit score": lambda: raw("scores", '{"a": 10000000000000000000}'),
    "score 1e999": lambda: raw("scores", '{"a": 1e999}'),
    "score -1e999": lambda: raw("scores", '{"a": -1e999}'),
    "score 1e300": lambda: raw("scores", '{"a": 1e300}'),
    "meta 1e300 and -0": lambda: raw("meta", '{"a": 1e300, "b": -0, "c": -0.0, "d": 1E-7}'),
    "30-digit meta number": lambda: raw("meta", '{"n": [1, ' + "9" * 30 + "]}"),
    "huge meta float": lambda: raw("meta", '{"n": 1.5e999}'),
    "answer 2.0": lambda: raw("answers", '{"q": 2.0}'),
    "answer 2e0": lambda: raw("answers", '{"q": 2e0}'),
    "answer 2.5": lambda: raw("answers", '{"q": 2.5}'),
    "answer true": lambda: raw("answers", '{"q": true}'),
    "answer null": lambda: raw("answers", '{"q": null}'),
    "answer list": lambda: raw("answers", '{"q": [1]}'),
    "score text": lambda: raw("scores", '{"a": "12"}'),
    "score false": lambda: raw("scores", '{"a": false}'),
    "bank_version 1.0": lambda: raw("bank_version", "1.0"),
    "bank_version 12": lambda: raw("bank_version", "12"),
    "bank_version 2^53 + 1": lambda: raw("bank_version", "9007199254740993"),
    "bank_version true": lambda: raw("bank_version", "true"),
    # the header's version is the integer 1
    "version 1.0": lambda: document(GOOD).replace('"version": 1', '"version": 1.0'),
    "version 1e0": lambda: document(GOOD).replace('"version": 1', '"version": 1e0'),
    "version true": lambda: document(GOOD, version=True),
    "version text": lambda: document(GOOD, version="1"),
    "version 30 digits": lambda: document(GOOD).replace('"version": 1', '"version": ' + "1" * 30),
    "version missing": lambda: json.dumps({"format": "parcours-results", "results": [GOOD]}),
    "format missing": lambda: json.dumps({"version": 1, "results": [GOOD]}),
    "format 5": lambda: document(GOOD, format=5),
    "results an object": lambda: document(GOOD, results={}),
    "results missing": lambda: json.dumps({"format": "parcours-results", "version": 1}),
    "document a list": lambda: json.dumps([GOOD]),
    # text the stores and both export formats can hold
    "surrogate pseudonym": lambda: changed(pseudonym="moi\ud800"),
    "surrogate meta": lambda: changed(meta={"note": "x\udfff"}),
    "surrogate meta key": lambda: changed(meta={"\ud800": 1}),
    "surrogate answer key": lambda: changed(answers={"\ud800": 1}),
    "surrogate answer": lambda: changed(answers={"q": "\udc00x"}),
    "surrogate score key": lambda: changed(scores={"a\ud83d": 1}),
    "emoji pair pseudonym": lambda: changed(pseudonym="moi \U0001f600"),
    "100 emoji pseudonym": lambda: changed(pseudonym="\U0001f600" * 100),
    "101 emoji pseudonym": lambda: changed(pseudonym="\U0001f600" * 101),
    "NUL in meta": lambda: changed(meta={"note": "a\x00b"}),
    "NUL in answer": lambda: changed(answers={"q": "a\x00"}),
    "NUL answer key and value": lambda: changed(answers={"a\x00": "b\x00", "c": True}),
    "newline in pseudonym": lambda: changed(pseudonym="moi\nautre"),
    "tab in bank_id": lambda: changed(bank_id="quiz\t1"),
    "DEL in pseudonym": lambda: changed(pseudonym="moi\x7f"),
    "C1 control in pseudonym": lambda: changed(pseudonym="moi\x85x"),
    "Python-blank ends": lambda: changed(pseudonym="\x1c moi\u3000\x1f"),
    "BOM at the start": lambda: changed(pseudonym="\ufeffmoi"),
    "blank pseudonym": lambda: changed(pseudonym=" \u00a0 "),
    "long pseudonym": lambda: changed(pseudonym="x" * 101),
    "100-character pseudonym": lambda: changed(pseudonym="x" * 100),
    "long answer": lambda: changed(answers={"q": "x" * 10_001}),
    "long meta key": lambda: changed(meta={"k" * 10_001: 1}),
    "control chars in answers are fine": lambda: changed(answers={"q": "a\tb\nc\x01"}),
    # ids
    "uppercase urn": lambda: changed(id="URN:UUID:3f2b6c1e9a4d4e0f8b7a6c5d4e3f2a1b"),
    "urn and braces": lambda: changed(id=" urn:uuid:{3F2B6C1E-9A4D-4E0F-8B7A-6C5D4E3F2A1B} "),
    "plus sign id": lambda: changed(id="+f2b6c1e9a4d4e0f8b7a6c5d4e3f2a1b"),
    "underscore id": lambda: changed(id="3f2b6c1e9a4d4e0f_b7a6c5d4e3f2a1b"),
    "doubled braces": lambda: changed(id="{{3f2b6c1e9a4d4e0f8b7a6c5d4e3f2a1b}}"),
    "stray dashes": lambda: changed(id="3f2b-6c1e9a4d4e0f8b7a6c5d4e3f2a1b---"),
    "duplicate id": lambda: document(GOOD, GOOD | {"pseudonym": "autre"}),
    # nesting: meta 32 levels, the file 100
    "meta 32 levels": lambda: raw("meta", '{"a": ' + nested(PAD) + "}"),
    "meta 33 levels": lambda: raw("meta", '{"a": ' + nested(PAD + 1) + "}"),
    "meta 33 levels of scalars": lambda: raw("meta", '{"a": ' + nested(PAD, "1") + "}"),
    "meta 40 levels": lambda: raw("meta", '{"a": ' + nested(40) + "}"),
    "file at the depth limit": lambda: raw("meta", '{"a": ' + nested(DOCUMENT_DEPTH - 5) + "}"),
    "file one level deeper": lambda: raw("meta", '{"a": ' + nested(DOCUMENT_DEPTH - 4) + "}"),
    "deep meta": lambda: raw("meta", '{"a": ' + nested(100_000) + "}"),
    "deep document": lambda: nested(100_000),
    "deep answer": lambda: raw("answers", '{"q": ' + nested(60) + "}"),
    # shapes and the order problems are listed in
    "key order": lambda: raw("answers", '{"q": true, "2": true, "b": null, "1": [], "a": 1}'),
    "duplicate keys": lambda: raw("answers", '{"q": true, "r": 1, "q": "ok"}'),
    "__proto__ key": lambda: raw("answers", '{"__proto__": 1, "constructor": "x"}'),
    "a record that is a number": lambda: document(GOOD).replace("[{", "[5, {", 1),
    "a record that is text": lambda: document("x" * 300),
    "a record that is a list": lambda: document([1, 2.0, "x", None]),
    "missing fields": lambda: document({"id": GOOD["id"], "meta": []}),
    "meta null": lambda: raw("meta", "null"),
    "meta missing": lambda: changed(meta=None),
    "answers a list": lambda: raw("answers", "[1]"),
    "unknown kind": lambda: changed(kind="autre"),
    "many bad records": lambda: document(*[GOOD | {"kind": "x", "pseudonym": ""}] * 80),
    "unknown keys are ignored": lambda: document(GOOD | {"extra": [1e999]}),
    # the file itself
    "NaN": lambda: raw("scores", '{"a": NaN}'),
    "-Infinity": lambda: raw("scores", '{"a": -Infinity}'),
    "trailing comma": lambda: document(GOOD).replace("}]", "},]"),
    "missing colon": lambda: '{"format" "parcours-results"}',
    "missing comma": lambda: '{\n"format": "parcours-results"\n"version": 1}',
    "unterminated string": lambda: '{"format": "parcours-res',
    "control character in a string": lambda: '{"format": "parcours\n-results"}',
    "bad escape": lambda: '{"format": "a\\qb"}',
    "bad unicode escape": lambda: '{"format": "a\\u12G4"}',
    "extra data": lambda: document(GOOD) + "\n\n{}",
    "leading zero": lambda: raw("scores", '{"a": 01}'),
    "property without quotes": lambda: "{\n  format: 1}",
    "empty": lambda: "",
    "blank": lambda: " \n\t\u3000 ",
    "BOM then the document": lambda: "\ufeff" + document(GOOD),
    "just null": lambda: "null",
    "good": lambda: document(GOOD, GOOD | {"id": "4f2b6c1e-9a4d-4e0f-8b7a-6c5d4e3f2a1b"}),
}


def python_side(text: str) -> dict[str, Any]:
    try:
        records = import_json(text, source="envoi.json")
    except DataError as error:
        problems = [
            {k: v for k, v in problem.as_dict().items() if v is not None}
            | {"message": problem.message_fr()}
            for problem in error.problems
        ]
        for problem in problems:  # as the page hands it over (see js_side)
            if "item" in problem:
                problem["item"] = problem["item"].encode("utf-8", "backslashreplace").decode()
        return {"records": [], "problems": problems}
    return {"records": [record.to_dict() for record in records], "problems": []}


def js_side(js: Any, content: str | bytes) -> dict[str, Any]:
    """What the page's import gives. The records come as JSON text (Playwright would drop an
    own ``__proto__`` key), an item with its lone surrogates written ``\\udXXX`` (Playwright
    would make them U+FFFD; the message shows them so on both sides anyway)."""
    got: dict[str, Any] = js.evaluate(
        """([text, bytes]) => {
            const parsed = Parcours.parseResults(bytes ? new Uint8Array(bytes).buffer : text,
                                                 "envoi.json");
            const lone = (t) => t.replace(/[\\ud800-\\udfff]/gu,
                                          (c) => "\\\\u" + c.charCodeAt(0).toString(16));
            return {
                records: JSON.stringify(parsed.records),
                problems: parsed.problems.map((p) => ({
                    ...p, ...(p.item ? {item: lone(p.item)} : {}),
                    message: Parcours.problemMessage(p),
                })),
            };
        }""",
        [content, None] if isinstance(content, str) else [None, list(content)],
    )
    got["records"] = json.loads(got["records"])
    return got


@pytest.mark.parametrize("case", list(CASES))
def test_the_browser_import_judges_a_file_as_python_does(js: Any, case: str) -> None:
    text = CASES[case]()
    expected = python_side(text)
    got = js_side(js, text)
    assert got["problems"] == expected["problems"]
    assert got["records"] == expected["records"]


REFUSED_HERE = {
    "year 9999": "results[0].created_at",
    "401-digit score": "results[0].scores.a",
    "2^53 + 1 answer": "results[0].answers.q",
    "surrogate pseudonym": "results[0].pseudonym",
    "NUL in meta": "results[0].meta",
    "meta 40 levels": "results[0].meta",
    "answer 2.0": "results[0].answers.q",
    "bank_version 1.0": "results[0].bank_version",
    "long answer": "results[0].answers.q",
    "version 1.0": "version",
}


@pytest.mark.parametrize(("case", "item"), list(REFUSED_HERE.items()))
def test_what_the_issue_let_in_is_refused_naming_record_and_field(
    js: Any, case: str, item: str
) -> None:
    """Each was accepted by the browser before (a date of 9999 became the « latest » result
    forever; a lone surrogate broke every later export)."""
    (problem,) = js_side(js, CASES[case]())["problems"]
    assert problem["item"] == item
    where = f"fichier envoi.json, élément «\u00a0{item}\u00a0»\u00a0: "
    assert problem["message"].startswith(where)


ZOE = document(GOOD | {"pseudonym": "Zoé"}).replace("\\u00e9", "é")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("latin-1", ZOE.encode("latin-1")),
        ("utf-8", ZOE.encode("utf-8")),
        ("BOM", b"\xef\xbb\xbf" + document(GOOD).encode()),
        ("two BOMs", b"\xef\xbb\xbf\xef\xbb\xbf" + document(GOOD).encode()),
        ("UTF-16", document(GOOD).encode("utf-16")),
    ],
)
def test_bytes_that_are_not_utf8_are_refused_alike(js: Any, name: str, content: bytes) -> None:
    """A file is read as bytes: invalid UTF-8 (a Latin-1 « é ») is refused, as in Python,
    where reading it as text would have turned it into U+FFFD and let it in."""
    try:
        expected = [r.to_dict() for r in import_json(content, source="envoi.json")]
        codes: list[str] = []
    except DataError as error:
        expected, codes = [], [p.code for p in error.problems]
    got = js_side(js, content)
    assert [p["code"] for p in got["problems"]] == codes, name
    assert got["records"] == expected


FRESH = GOOD | {"id": "5f2b6c1e9a4d4e0f8b7a6c5d4e3f2a1b"}
"""A valid record put ahead of each poisoned one: an import is all or nothing."""
POISONED: list[tuple[str, str, str]] = [
    ("annee-9999.json", document(FRESH, GOOD | {"created_at": "9999-12-31T23:59:59-23:59"}),
     "élément «\u00a0results[1].created_at\u00a0»"),
    ("surrogat.json", document(FRESH, GOOD | {"pseudonym": "moi\ud800"}),
     "élément «\u00a0results[1].pseudonym\u00a0»"),
    ("401-chiffres.json", document(FRESH, GOOD | {"scores": {"a": "@@"}}).replace(MARK, "9" * 401),
     "élément «\u00a0results[1].scores.a\u00a0»"),
    ("meta-40.json", document(FRESH, GOOD | {"meta": {"a": "@@"}}).replace(MARK, nested(40)),
     "élément «\u00a0results[1].meta\u00a0»"),
    ("reponse-2.0.json", document(FRESH, GOOD | {"answers": {"q": "@@"}}).replace(MARK, "2.0"),
     "élément «\u00a0results[1].answers.q\u00a0»"),
    ("version-1.0.json", document(FRESH, GOOD).replace('"version": 1', '"version": 1.0'),
     "élément «\u00a0version\u00a0»"),
    ("profond.json", nested(100_000), "imbrication trop profonde"),
]  # fmt: skip


def test_a_refused_import_leaves_this_browsers_results_as_they_were(
    exported: Any, offline_page: tuple[Any, Any], tmp_path: Any
) -> None:
    """In the exported « Mes résultats », opened from ``file://``: each poisoned file is
    refused with a French line naming the file, record and field, and the browser's stored
    results (localStorage, where records.js keeps them) stay byte for byte as they were."""
    page, seen = offline_page
    page.goto((exported / "resultats.html").as_uri())
    page.locator(".parcours-results .liste").wait_for()
    notice = page.locator(".import-notice")

    def import_file(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", errors="surrogatepass")
        else:
            path.write_bytes(content)
        page.evaluate("() => { document.querySelector('.import-notice').innerHTML = ''; }")
        page.set_input_files("[data-control=import]", str(path))
        notice.locator("p").wait_for()
        return notice.text_content() or ""

    def stored() -> str:
        return str(page.evaluate("() => JSON.stringify(Object.entries(localStorage).sort())"))

    first = import_file("depart.json", document(GOOD, GOOD | {"id": "6" + GOOD["id"][1:]}))
    assert first == "«\u00a0depart.json\u00a0»\u00a0: 2 résultats importés."
    before = stored()
    assert "6f2b6c1e9a4d4e0f8b7a6c5d4e3f2a1b" in before
    cases: list[tuple[str, str | bytes, str]] = [*POISONED]
    cases.append(("latin-1.json", ZOE.encode("latin-1"), "encodage illisible"))
    for name, content, where in cases:
        text = import_file(name, content)
        assert text.startswith(
            f"Le fichier «\u00a0{name}\u00a0» n'a pas été importé\u00a0; rien n'a été ajouté."
        ), text
        line = notice.locator("li").first.text_content() or ""
        assert line.startswith(f"fichier {name}") and where in line, line
        assert stored() == before, name
        assert page.locator(".parcours-results tbody tr").count() == 2, name

    # The same page still takes a good file: the comparison above could see a change.
    assert import_file("bon.json", document(FRESH)).endswith("1 résultat importé.")
    assert stored() != before
    assert page.locator(".parcours-results tbody tr").count() == 3
    assert seen.external == [] and seen.console_errors == []
