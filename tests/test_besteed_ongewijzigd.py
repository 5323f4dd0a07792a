"""Spending equal to the year's current amount is no change (services/checkins/spending.py): `regie
voortgang --besteed` says so and records nothing, and a changed amount shows old → new in the reply and
in `regie geschiedenis`. The answer page and the Prefect form apply answers through the same service."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

POH = "voortgang-pilot-jeugd-poh-soh"
DOOR = ("--door", "regisseur-jeugd")


def _said(result) -> str:  # type: ignore[no-untyped-def]
    return " ".join(result.out.split())


def test_the_same_amount_twice_records_one_row_and_a_new_amount_shows_old_and_new(db, sample, regie,  # type: ignore[no-untyped-def]
                                                                                  monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # the history is a table: its cells wrap on a narrow terminal
    assert regie("laad", str(sample)).code == 0
    first = regie("voortgang", POH, "--besteed", "12.000", "--jaar", "2020", *DOOR)
    assert first.code == 0 and "€ 12.000 besteed in 2020 (tot nu toe)" in _said(first), first
    before = db.snapshot()
    again = regie("voortgang", POH, "--besteed", "12.000", "--jaar", "2020", *DOOR)
    assert again.code == 0, again
    assert "besteed in 2020 was al € 12.000; niets vastgelegd." in _said(again)
    assert db.snapshot() == before  # no progress row, no history row
    changed = regie("voortgang", POH, "--besteed", "15.500", "--jaar", "2020", *DOOR)
    assert "besteed in 2020: € 12.000 → € 15.500 (tot nu toe)" in _said(changed), changed
    # with a text, the unchanged amount is left out of what is recorded, and said so
    text = regie("voortgang", POH, "--besteed", "15.500", "--jaar", "2020", "--tekst", "werving loopt", *DOOR)
    assert "vastgelegd: tekst „werving loopt” (besteed in 2020 was al € 15.500: ongewijzigd)." in _said(text)
    history = _said(regie("geschiedenis", POH))
    assert history.count("€ 12.000") == 2, history  # recorded once, then the old amount of the change
    assert "besteed in 2020 € 12.000 → € 15.500" in history
    assert history.count("€ 15.500") == 1 and "werving loopt" in history


def test_the_service_drops_an_answer_that_only_repeats_the_amount(db, sample, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "250")  # the history is a table: its cells wrap on a narrow terminal
    from sqlmodel import select

    from models.tables import ProgressUpdate
    from services.checkins.progress import Antwoord, apply

    assert regie("laad", str(sample)).code == 0
    day = dt.date(2020, 6, 18)
    for amount in ("100", "100", "250"):  # as the answer page and the Prefect form apply an answer
        with db.session() as session:
            apply(session=session, antwoord=Antwoord(POH, besteed=Decimal(amount), besteed_jaar=2020),
                  door="regisseur-jeugd", bron="pagina", vandaag=day)
            session.commit()
    with db.session() as session:
        rows = session.exec(select(ProgressUpdate.besteed)).all()
    assert [Decimal(r) for r in rows] == [Decimal(100), Decimal(250)]
    # The check-in's form (pre-filled with the figure) sent back untouched: the person confirmed that
    # nothing changed, recorded as before ("geen wijzigingen"), without the figure again.
    with db.session() as session:
        apply(session=session, antwoord=Antwoord(POH, besteed=Decimal(250), besteed_jaar=2020),
              door="regisseur-jeugd", bron="antwoord", vandaag=day, bevestigt=True)
        session.commit()
        rows = session.exec(select(ProgressUpdate.besteed)).all()
    assert [None if r is None else Decimal(r) for r in rows] == [Decimal(100), Decimal(250), None]
    assert "voortgang: geen wijzigingen" in _said(regie("geschiedenis", POH))
