"""`regie laad --plan` counts and names money: an activity's amounts (old → new, as a whole) and its
subsidies one by one (added, changed, removed), in euros as the project writes them. A coordinator
checking a big register change saw 'activiteiten 0 1 0' and no budget or subsidy at all."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from models.tables import Subsidy
from tests.conftest import Database
from tests.test_load_plan import PROGRAMME, _edit, _flat

YUNIO = "    subsidies:\n      - ontvanger: Yunio\n        bedrag: 13257\n        periode_eind: 2020-10-31\n"
NEW_ACTIVITY = """  - id: schuldhulp-vroeg
    titel: Vroegsignalering schulden
    status: lopend
    bedragen:
      - {bedrag: 5000, per: eenmalig, jaar: 2021}
    subsidies:
      - {ontvanger: Stichting Schuldhulp, bedrag: 2500.50, periode_eind: 2021-12-31}
"""


def _yunio_id(db: Database) -> int | None:
    with db.session() as session:
        return session.exec(select(Subsidy.id).where(Subsidy.ontvanger == "Yunio")).first()


def test_a_plan_counts_and_names_subsidies_added_changed_and_amounts_old_to_new(
        db: Database, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    yunio = _yunio_id(db)
    _edit(sample, YUNIO, YUNIO.replace("13257", "13300")
          + "      - {ontvanger: GGD Noord- en Oost-Gelderland, bedrag: 4000, periode_eind: 2021-06-30}\n")
    _edit(sample, "bedrag: 138371", "bedrag: 140000")
    before = db.snapshot()
    plan = regie("laad", str(sample), "--plan")
    assert plan.code == 0, plan
    assert db.snapshot() == before
    text = _flat(plan.out)
    assert "activiteiten 0 2 0 bedragen 0 1 0 subsidies 1 1 0" in text, text
    assert "verwijderd" not in text  # the column only when something goes
    assert ("gewijzigd activiteiten: oab-integreren-in-sociaal-domein (bedragen), voortgang-pilot-steungezinnen "
            "(subsidies)") in text, text
    assert ("gewijzigd bedragen: oab-integreren-in-sociaal-domein (€ 138.371 per jaar → € 140.000 per jaar)"
            in text), text
    assert ("toegevoegd subsidies: voortgang-pilot-steungezinnen/GGD Noord- en Oost-Gelderland (€ 4.000 tot "
            "30 juni 2021)") in text, text
    assert "gewijzigd subsidies: voortgang-pilot-steungezinnen/Yunio (bedrag € 13.257 → € 13.300)" in text, text
    loaded = regie("laad", str(sample))  # the load does what the plan said
    assert loaded.code == 0 and "subsidies 1 1 0" in _flat(loaded.out), loaded
    assert _yunio_id(db) == yunio  # kept: its verantwoording reminders are once-only by this id
    assert "niets veranderd" in regie("laad", str(sample)).out


def test_a_removed_subsidy_and_removed_amounts_are_counted_as_verwijderd_with_what_they_were(
        db: Database, sample: Path, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    _edit(sample, YUNIO, "")
    _edit(sample, "    bedragen:\n      - bedrag: 138371\n        per: jaar\n        bron: Voor 2020 is de rijksbijdrage "
          "OAB vastgesteld op € 138.371\n", "")
    plan = regie("laad", str(sample), "--plan")
    assert plan.code == 0, plan
    text = _flat(plan.out)
    assert "toegevoegd gewijzigd gearchiveerd verwijderd" in text, text
    assert "bedragen 0 0 0 1 subsidies 0 0 0 1" in text, text
    assert "verwijderd bedragen: oab-integreren-in-sociaal-domein (€ 138.371 per jaar)" in text, text
    assert "verwijderd subsidies: voortgang-pilot-steungezinnen/Yunio (€ 13.257 tot 31 oktober 2020)" in text, text
    assert regie("laad", str(sample)).code == 0
    assert _yunio_id(db) is None
    monkeypatch.setenv("COLUMNS", "300")  # the history's table on one line per change
    history = _flat(regie("geschiedenis", "voortgang-pilot-steungezinnen").out)
    assert "subsidie Yunio: € 13.257 tot 31 oktober 2020 → verwijderd" in history, history


def test_a_new_activity_brings_its_amounts_and_subsidies_into_the_plan(
        db: Database, sample: Path, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    path = sample / PROGRAMME
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + NEW_ACTIVITY, encoding="utf-8")
    text = _flat(regie("laad", str(sample), "--plan").out)
    assert "activiteiten 1 0 0 bedragen 1 0 0 subsidies 1 0 0" in text, text
    assert "toegevoegd bedragen: schuldhulp-vroeg (€ 5.000 eenmalig (2021))" in text, text
    assert ("toegevoegd subsidies: schuldhulp-vroeg/Stichting Schuldhulp (€ 2.500,50 tot 31 december 2021)"
            in text), text
    assert "gewijzigd" not in text.split("bedragen 1 0 0")[1], text  # a new activity is not also 'changed'
    assert regie("laad", str(sample)).code == 0
    monkeypatch.setenv("COLUMNS", "300")
    history = _flat(regie("geschiedenis", "schuldhulp-vroeg").out)
    assert "subsidie Stichting Schuldhulp: toegevoegd € 2.500,50 tot 31 december 2021" in history, history
