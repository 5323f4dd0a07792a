"""Loading, reloading, archiving and exporting the register against a real database."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from sqlalchemy import select

from models.tables import Activity, Milestone, Municipality, Person, Programme
from services.register.exporting import export_register
from services.register.loading import load_register
from tests.conftest import Database

MAX = 5 * 1024 * 1024
PROGRAMME = Path("bronckhorst") / "programma-1.yaml"


def load(db: Database, root: Path):  # type: ignore[no-untyped-def]
    with db.session() as session:
        result = load_register(session=session, root=root, max_size=MAX)
        session.commit()
    return result


def test_the_sample_register_loads_every_card_with_its_dates(db: Database, sample: Path) -> None:
    result = load(db, sample)
    assert result.gemeenten == ["Bronckhorst"]
    assert result.toegevoegd["activiteiten"] == 8
    assert result.toegevoegd["mijlpalen"] == 16
    with db.session() as session:
        pilot = session.scalars(
            select(Activity).where(Activity.sleutel == "voortgang-pilot-jeugd-poh-soh")).one()
        assert pilot.soort == "pilot"
        assert pilot.monitoring_door == "Proscoop"
        assert (pilot.bronregel_van, pilot.bronregel_tot) == (165, 176)
        besluit = session.scalars(select(Milestone).where(
            Milestone.activiteit_id == pilot.id, Milestone.sleutel == "collegebesluit-voortgang")).one()
        assert (besluit.vroegst, besluit.uiterlijk) == (dt.date(2020, 9, 1), dt.date(2020, 9, 30))
        assert besluit.bron == "Collegebesluit september 2020"
        # The owner defaults to the programme's regisseur; a delegated owner is kept.
        owners = dict(session.execute(
            select(Activity.sleutel, Person.sleutel).join(Person, Person.id == Activity.eigenaar_id)).all())
        assert owners["voortgang-pilot-jeugd-poh-soh"] == "regisseur-jeugd"
        assert owners["oab-integreren-in-sociaal-domein"] == "beleid-onderwijs"
        assert pilot.gewijzigd_op.tzinfo is not None


def test_loading_the_same_files_twice_changes_nothing(db: Database, sample: Path) -> None:
    load(db, sample)
    before = db.snapshot()
    again = load(db, sample)
    assert again.unchanged
    assert db.snapshot() == before


def test_a_single_municipality_directory_loads_as_well_as_a_region(db: Database, sample: Path) -> None:
    result = load(db, sample / "bronckhorst")
    assert result.toegevoegd["activiteiten"] == 8


def cut_block(path: Path, first: str, until: str) -> str:
    """Remove the text from ``first`` up to ``until`` from a file; returns the original text."""
    text = path.read_text(encoding="utf-8")
    start = text.index(first)
    path.write_text(text[:start] + text[text.index(until, start):], encoding="utf-8")
    return text


def test_an_activity_removed_from_the_file_is_archived_not_deleted(db: Database, sample: Path) -> None:
    load(db, sample)
    path = sample / PROGRAMME
    text = cut_block(path, "  - id: versterking-pleegzorg",
                     "  - id: uitvoeringsstrategie-rijkere-visie-op-onderwijs")

    result = load(db, sample)
    assert result.gearchiveerd["activiteiten"] == 1
    with db.session() as session:
        row = session.scalars(select(Activity).where(Activity.sleutel == "versterking-pleegzorg")).one()
        assert row.gearchiveerd_op is not None

    path.write_text(text, encoding="utf-8")
    back = load(db, sample)
    assert back.gewijzigd["activiteiten"] >= 1
    with db.session() as session:
        row = session.scalars(select(Activity).where(Activity.sleutel == "versterking-pleegzorg")).one()
        assert row.gearchiveerd_op is None


def test_a_moved_date_updates_the_same_milestone_row(db: Database, sample: Path) -> None:
    load(db, sample)
    with db.session() as session:
        before = session.scalars(select(Milestone).where(Milestone.sleutel == "collegebesluit-voortgang")
                                 .join(Activity).where(Activity.sleutel == "voortgang-pilot-steungezinnen")).one()
    path = sample / PROGRAMME
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("uiterlijk: 2020-11-30", "uiterlijk: 2020-12-15"), encoding="utf-8")

    result = load(db, sample)
    assert result.gewijzigd["activiteiten"] == 1
    assert result.gewijzigd["mijlpalen"] == 1
    with db.session() as session:
        after = session.get(Milestone, before.id)
        assert after is not None
        assert after.uiterlijk == dt.date(2020, 12, 15)


def test_a_milestone_removed_from_an_activity_is_archived(db: Database, sample: Path) -> None:
    load(db, sample)
    cut_block(sample / PROGRAMME, "      - id: evaluatie-pilot-eind-2020", "      - id: collegebesluit-voortgang")
    result = load(db, sample)
    assert result.gearchiveerd["mijlpalen"] == 1
    with db.session() as session:
        row = session.scalars(select(Milestone).where(Milestone.sleutel == "evaluatie-pilot-eind-2020")).one()
        assert row.gearchiveerd_op is not None


def test_a_changed_regisseur_moves_the_activities_they_own_by_default(db: Database, sample: Path) -> None:
    load(db, sample)
    path = sample / PROGRAMME
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  regisseur: regisseur-jeugd", "  regisseur: coordinator-sociaal-domein"), encoding="utf-8")
    result = load(db, sample)
    assert result.gewijzigd["programma's"] == 1
    with db.session() as session:
        owner = session.execute(
            select(Person.sleutel).join(Activity, Activity.eigenaar_id == Person.id)
            .where(Activity.sleutel == "voortgang-pilot-steungezinnen")).scalar_one()
        assert owner == "coordinator-sociaal-domein"


def test_load_export_load_is_a_fixed_point(db: Database, sample: Path, tmp_path: Path) -> None:
    load(db, sample)
    places = ("herkomst_bestand", "herkomst_regel")  # the export is laid out anew: its lines differ
    before = db.snapshot(without=places)
    first = tmp_path / "export-1"
    with db.session() as session:
        written = export_register(session=session, out_dir=first)
    assert {p.name for p in written} == {"personen.yaml", "programma-1.yaml", "vergaderingen.yaml"}

    reloaded = load(db, first)
    assert reloaded.unchanged, (reloaded.toegevoegd, reloaded.gewijzigd, reloaded.gearchiveerd)
    assert db.snapshot(without=places) == before

    second = tmp_path / "export-2"
    with db.session() as session:
        export_register(session=session, out_dir=second)
    for path in written:
        assert (second / path.relative_to(first)).read_text() == path.read_text()


def test_the_export_loads_into_an_empty_database_with_the_same_contents(
    db: Database, sample: Path, tmp_path: Path
) -> None:
    load(db, sample)
    with db.session() as session:
        export_register(session=session, out_dir=tmp_path / "export")
        expected = sorted(session.execute(
            select(Activity.sleutel, Activity.titel, Activity.inhoud_hash)).all())
    for table in ("wijziging", "vergadering", "bedrag", "subsidie", "indicator", "mijlpaal", "activiteit", "programma",
                  "persoon", "gemeente"):
        with db.engine.begin() as connection:
            connection.exec_driver_sql(f"DELETE FROM {table}")
    load(db, tmp_path / "export")
    with db.session() as session:
        assert sorted(session.execute(
            select(Activity.sleutel, Activity.titel, Activity.inhoud_hash)).all()) == expected


def test_a_region_directory_holds_several_municipalities(db: Database, sample: Path) -> None:
    other = sample / "zutphen"
    shutil.copytree(sample / "bronckhorst", other)
    for path in other.glob("programma-*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace(
            "gemeente: Bronckhorst", "gemeente: Zutphen"), encoding="utf-8")
    result = load(db, sample)
    assert sorted(result.gemeenten) == ["Bronckhorst", "Zutphen"]
    with db.session() as session:
        assert len(session.scalars(select(Municipality)).all()) == 2
        assert len(session.scalars(select(Programme)).all()) == 2
        # Activity ids are unique per municipality, so the same slug may exist in both.
        assert len(session.scalars(select(Activity).where(
            Activity.sleutel == "voortgang-pilot-steungezinnen")).all()) == 2


def _region(tmp_path: Path, gemeenten: int = 5) -> Path:
    from bench.synthetic import generate

    root = tmp_path / "regio"
    generate(root, gemeenten=gemeenten, activiteiten=12, mijlpalen=3)
    return root


def test_a_region_of_many_files_loads_every_municipality(db: Database, tmp_path: Path) -> None:
    root = _region(tmp_path)
    result = load(db, root)
    assert result.toegevoegd["gemeenten"] == 5
    assert result.toegevoegd["mijlpalen"] == 5 * 12 * 3
    assert load(db, root).unchanged


def test_an_error_deep_in_a_region_names_its_line_and_loads_nothing(db: Database, tmp_path: Path) -> None:
    from domain.register.errors import RegisterFouten
    from services.register.register_files import iter_register

    root = _region(tmp_path)
    path = root / "gemeente-004" / "programma-2.yaml"
    text = path.read_text(encoding="utf-8")
    index = text.index("uiterlijk:")
    line = text[:index].count("\n") + 1
    end = text.index("\n", index)
    path.write_text(text[:index] + "uiterlijk: 2020-02-30" + text[end:], encoding="utf-8")
    errors: list = []
    list(iter_register(root, max_size=MAX, errors=errors))
    assert [(e.bestand, e.regel) for e in errors] == [(str(path), line)]  # as the folder was given
    before = db.snapshot()
    import pytest

    with pytest.raises(RegisterFouten):
        load(db, root)
    assert db.snapshot() == before


def test_the_sample_register_is_a_region_of_two_municipalities(db: Database, region: Path) -> None:
    result = load(db, region)
    assert sorted(result.gemeenten) == ["Bronckhorst", "Gorinchem"]
    assert result.toegevoegd["vergaderingen"] == 20
    assert load(db, region).unchanged
