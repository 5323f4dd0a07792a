"""`regie laad --plan` names every change it counts (a trial): after answers and a load of an exported
copy, the plan of the unchanged original files said "activiteiten 0 2 0" and named none, and the load
then wrote no history; a coordinator's address with a typo showed only "coord (kanalen)", so the typo
the go-live checklist asks to catch could not be seen."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update
from sqlmodel import select

from models.tables import Activity, Change
from tests.conftest import Database

PEOPLE = Path("bronckhorst") / "personen.yaml"


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_a_card_whose_digest_moved_with_nothing_to_name_is_not_counted(db: Database, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    with db.session() as session:  # a digest from another version of the file, its content the same
        session.execute(update(Activity).values(inhoud_hash="anders"))
        session.commit()
        changes = len(session.exec(select(Change.id)).all())
    plan = regie("laad", str(sample), "--plan")
    assert plan.code == 0 and "laden verandert niets" in _flat(plan.out), plan.out
    assert regie("laad", str(sample)).code == 0
    with db.session() as session:
        assert len(session.exec(select(Change.id)).all()) == changes  # no history: nothing changed
        assert "anders" not in set(session.exec(select(Activity.inhoud_hash)).all())  # the digest is current
    assert "laden verandert niets" in _flat(regie("laad", str(sample), "--plan").out)


def test_a_changed_address_is_shown_old_to_new(db: Database, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    path = sample / PEOPLE
    text = path.read_text(encoding="utf-8")
    assert "coordinator.sociaaldomein@example.org" in text
    path.write_text(text.replace("coordinator.sociaaldomein@example.org", "coordinator.sociaaldomien@example.org"),
                    encoding="utf-8")
    said = _flat(regie("laad", str(sample), "--plan").out)
    assert ("(kanalen mailto://coordinator.sociaaldomein@example.org → mailto://coordinator.sociaaldomien@example.org)" in said), said
