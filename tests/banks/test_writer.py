"""Saving a bank made without YAML: the bank file and its resource, both or neither."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from widgets.banks import load_bank
from widgets.banks.authoring import PollDraft, QuestionDraft
from widgets.banks.writer import save_draft
from widgets.errors import DataError
from widgets.loaders.validation import validate_data_dir

DRAFT = PollDraft(
    "Sondage du jeudi",
    (
        QuestionDraft("Vos partenaires ?", "multiple", ("Élus", "Entreprises", "Associations"), 2),
        QuestionDraft("En un mot ?", "words"),
    ),
)


def snapshot(data: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(data)): p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()
    }


def test_saved_bank_passes_parcours_validate(data_copy: Path) -> None:
    saved = save_draft(DRAFT, data_dir=data_copy)
    assert saved.path == "banks/sondage_du_jeudi.yaml"
    assert load_bank(data_copy / saved.path) == saved.bank
    package = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["path"] == saved.path)
    assert resource["name"] == "bank_sondage_du_jeudi" and resource["format"] == "yaml"
    report = validate_data_dir(data_copy)
    assert report.valid, [p.message_fr() for p in report.problems]
    assert "bank_sondage_du_jeudi" in report.resources
    assert not list(data_copy.rglob("*.tmp"))


def test_respects_parcours_data_dir(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARCOURS_DATA_DIR", str(data_copy))
    saved = save_draft(DRAFT)
    assert (data_copy / saved.path).is_file()


def test_quiz_sources_carry_their_titles(data_copy: Path) -> None:
    source = "004_331fb6bdea7adcf7.txt"
    question = QuestionDraft("Q ?", options=("A", "B"), answer="B", explanation="x", source=source)
    saved = save_draft(PollDraft("Petit quiz", (question,)), data_dir=data_copy)
    package = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["path"] == saved.path)
    assert resource["sources"][0]["path"] == f"sources/{source}"
    assert "Réseau des pionniers" in resource["sources"][0]["title"]
    assert validate_data_dir(data_copy).valid


def test_an_existing_id_is_refused_unless_replaced(data_copy: Path) -> None:
    save_draft(DRAFT, data_dir=data_copy)
    before = snapshot(data_copy)
    with pytest.raises(DataError) as caught:
        save_draft(DRAFT, data_dir=data_copy)
    assert [(p.file, p.column, p.code) for p in caught.value.problems] == [
        ("banks/sondage_du_jeudi.yaml", "id", "bank-exists")
    ]
    assert snapshot(data_copy) == before
    shipped = PollDraft("x", DRAFT.questions, id="sondage_ouverture")
    with pytest.raises(DataError):
        save_draft(shipped, data_dir=data_copy)
    changed = PollDraft(DRAFT.title, (QuestionDraft("Autre chose ?", "words"),))
    saved = save_draft(changed, data_dir=data_copy, replace=True)
    assert [item.question for item in saved.bank.items] == ["Autre chose ?"]
    package = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in package["resources"]].count(saved.path) == 1
    assert validate_data_dir(data_copy).valid


def test_invalid_draft_writes_nothing(data_copy: Path) -> None:
    before = snapshot(data_copy)
    with pytest.raises(DataError):
        save_draft(
            PollDraft("T", (QuestionDraft("Q ?", "multiple", ("a", "b")),)), data_dir=data_copy
        )
    assert snapshot(data_copy) == before


@pytest.mark.parametrize("failing", [1, 2], ids=["first-move", "second-move"])
@pytest.mark.parametrize("replace", [False, True], ids=["new", "replaced"])
def test_a_failed_move_leaves_both_files_as_they_were(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, replace: bool, failing: int
) -> None:
    if replace:
        save_draft(DRAFT, data_dir=data_copy)
    before = snapshot(data_copy)
    real = os.replace
    calls: list[str] = []

    def second_fails(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls.append(str(dst))
        if len(calls) == failing:
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr("widgets.banks.writer.os.replace", second_fails)
    changed = PollDraft(DRAFT.title, (QuestionDraft("Autre chose ?", "words"),))
    with pytest.raises(DataError) as caught:
        save_draft(changed, data_dir=data_copy, replace=replace)
    assert calls[0].endswith("sondage_du_jeudi.yaml")
    assert failing == 1 or calls[1].endswith("datapackage.json")
    assert caught.value.problems[0].code == "source-error"
    assert snapshot(data_copy) == before  # byte for byte, no temporary file left


def test_saves_at_once_keep_every_resource(data_copy: Path) -> None:
    """Several kernels saving at the same time: each bank keeps its resource."""
    from concurrent.futures import ThreadPoolExecutor

    drafts = [PollDraft(f"Sondage {n}", DRAFT.questions) for n in range(6)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        saved = list(pool.map(lambda d: save_draft(d, data_dir=data_copy), drafts))
    package = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in package["resources"]}
    assert {s.path for s in saved} <= paths
    assert validate_data_dir(data_copy).valid
