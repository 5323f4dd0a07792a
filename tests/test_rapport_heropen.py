"""What the report and the overview say after a milestone was reopened, and that no view quotes a text
the system made as anyone's words. A trial: the MOSD report showed a done marked by mistake as the
regisseur's last word, and quoted „Nieuwe datum voor Subsidiebeschikking verzonden: 28 mei 2021 (was 7 mei
2021): Advies juridische zaken nog niet binnen” as hers, while she had typed only the reason."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.conftest import Database, set_today
from tests.test_rapport_laatste_woord import _report
from tests.test_rapport_woorden import PEILDATUM

SQLITE_ONLY = True

POH = "voortgang-pilot-jeugd-poh-soh"
EVALUATIE = f"{POH}/evaluatie-pilot"
REDEN = "Per vergissing gereed gemeld"


@pytest.fixture(autouse=True)
def _demo_day(monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, PEILDATUM.isoformat())


def test_the_report_and_the_overview_say_a_reopen_as_what_it_is(  # type: ignore[no-untyped-def]
        db: Database, region: Path, tmp_path: Path, regie) -> None:
    assert regie("laad", str(region)).code == 0
    assert regie("gereed", EVALUATIE, "--datum", "2020-06-15", "--door", "beleid-onderwijs").code == 0
    assert regie("heropen", EVALUATIE, "--reden", REDEN).code == 0
    text, html, pdf = _report(regie, tmp_path / "mosd")
    said = ("mijlpaal „Evaluatie Pilot Jeugd POH/SOH” heropend (was gereed op 15 juni 2020), reden: "
            f"„{REDEN}”")
    assert f"* Voortgang Pilot Jeugd POH/SOH: geen koers. Laatste voortgang 18 juni 2020: {said}." in text, text
    assert f'<span class="woord">M{said[1:]}</span>' in html, html
    assert "heropend" in pdf
    assert "Pilot Jeugd POH/SOH” gereed" not in text  # the mistaken done is no one's last word
    assert "Gereed sinds" not in text and "is nog geen mijlpaal afgerond" in text
    # the council's public version: what happened, without the reason (an internal note)
    text, html, _pdf = _report(regie, tmp_path / "raad", "raad")
    assert "Laatste voortgang 18 juni 2020: mijlpaal „Evaluatie Pilot Jeugd POH/SOH” heropend (was gereed op " \
           "15 juni 2020)." in text, text
    assert REDEN not in text and REDEN not in html
    folder = tmp_path / "overzicht"
    assert regie("overzicht", "--formaat", "csv", "--gemeente", "Bronckhorst", "--uitvoer", str(folder)).code == 0
    [sheet] = [p for p in folder.iterdir() if p.name.startswith("overzicht-")]
    with sheet.open(encoding="utf-8-sig", newline="") as handle:
        row = next(r for r in csv.reader(handle, delimiter=";") if len(r) > 2 and r[2] == POH)
    assert row[-2:] == ["18-06-2020", said], row


def test_an_upgrade_clears_texts_made_from_a_move_and_keeps_peoples_words(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, tmp_path: Path, regie) -> None:
    """Databases from before: the answer's text made from a move („Nieuwe datum voor …”) is cleared by
    migration 0017, so the report says the move from the history, with only its reason quoted."""
    from alembic import command
    from sqlalchemy import select, update

    from models.db import _alembic_config, migrate
    from models.tables import Activity, ProgressUpdate

    assert regie("laad", str(sample)).code == 0
    assert regie("voortgang", POH, "--tekst", "Werving loopt", "--door", "regisseur-jeugd").code == 0
    assert regie("verplaats", EVALUATIE, "--naar", "2020-09-30", "--reden", "Advies nog niet binnen").code == 0
    legacy = ("Nieuwe datum voor Evaluatie Pilot Jeugd POH/SOH: 30 september 2020 (was 31 juli 2020): Advies nog "
              "niet binnen")
    with db.session() as session:  # as a move stored its text before
        last = session.scalars(select(ProgressUpdate).order_by(ProgressUpdate.id.desc())).first()  # type: ignore[union-attr]
        assert last is not None and last.tekst is None  # a move stores no text now
        session.execute(update(ProgressUpdate).where(ProgressUpdate.id == last.id).values(tekst=legacy))
        session.commit()
    command.downgrade(_alembic_config(db.engine), "0016")
    migrate(db.engine)
    with db.session() as session:
        texts = session.scalars(select(ProgressUpdate.tekst).join(
            Activity, Activity.id == ProgressUpdate.activiteit_id).where(Activity.sleutel == POH)
            .order_by(ProgressUpdate.id)).all()
    assert texts == ["Werving loopt", None], texts
    made, *_ = _report(regie, tmp_path / "rapport")
    assert ("Laatste voortgang 18 juni 2020: nieuwe datum voor „Evaluatie Pilot Jeugd POH/SOH”: 30 september 2020 "
            "(was 31 juli 2020), reden: „Advies nog niet binnen”; toelichting van 18 juni 2020: „Werving loopt”"
            ) in made, made
    assert "„Nieuwe datum" not in made
