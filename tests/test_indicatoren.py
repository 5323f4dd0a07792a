"""National indicators: `code`, `eenheid`, `richting`, `streefwaarde` per programme or activity in the
register; `regie indicatoren importeer` for a CBS-shaped CSV (files made here in CBS's shape: a row
per GMxxxx and period, a column per measure); `regie indicatoren vergelijk CODE` for the region."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tests.conftest import Database

POH = "voortgang-pilot-jeugd-poh-soh"
CODE = "JongerenMetJeugdhulp"
HEADER = '"ID";"RegioS";"Perioden";"JongerenMetJeugdhulp_1";"Bijstandsuitkeringen_2"\n'
# CBS pads region codes with spaces and writes '.' where it has no figure; NL01 is the whole country.
CBS = HEADER + (
    '"0";"NL01    ";"2021JJ00";"12.0";"410000"\n'
    '"1";"GM1876    ";"2020JJ00";"9.8";"310"\n'
    '"2";"GM1876    ";"2021JJ00";"10.4";"."\n'
    '"3";"GM0512    ";"2020JJ00";"11.5";"."\n'
    '"4";"GM0512    ";"2021JJ00";"12.1";"."\n'
    '"5";"GM0512    ";"2021KW04";"12.6";"."\n'
    '"6";"GM0363    ";"2021JJ00";"14.0";"."\n'
)


def _sub(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def with_national_indicators(region: Path) -> Path:
    """The sample region with CBS codes: Bronckhorst's indicator on an activity, Gorinchem's on its
    programme, both with code, unit, direction and target."""
    bronckhorst, gorinchem = region / "bronckhorst" / "programma-1.yaml", region / "gorinchem" / "programma-7.yaml"
    _sub(bronckhorst, "gemeente: Bronckhorst\n", "gemeente: Bronckhorst\ngemeentecode: GM1876\n")
    _sub(bronckhorst, f"  - id: {POH}\n    titel: Voortgang Pilot Jeugd POH/SOH\n",
         f"  - id: {POH}\n    titel: Voortgang Pilot Jeugd POH/SOH\n    indicatoren:\n"
         f"      - {{id: jeugdhulp, naam: Jongeren met jeugdhulp, code: {CODE}, eenheid: '%', "
         "richting: lager-is-beter, streefwaarde: 10}\n")
    _sub(gorinchem, "gemeente: Gorinchem\n", "gemeente: Gorinchem\ngemeentecode: GM0512\n")
    _sub(gorinchem, "  regisseur: regisseur-sociaal-domein\n",
         "  regisseur: regisseur-sociaal-domein\n  indicatoren:\n"
         f"    - {{id: jeugdhulp, naam: Jongeren met jeugdhulp, code: {CODE}, eenheid: '%', "
         "richting: lager-is-beter, streefwaarde: 12.5}\n")
    return region


def _file(tmp_path: Path, text: str, name: str = "83674NED.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _measurements(db: Database) -> list[tuple[str, str, dt.date, Decimal]]:
    from models.tables import Indicator, Measurement

    with db.session() as session:
        rows = session.execute(select(Indicator.activiteit_id.is_(None), Measurement.periode, Measurement.datum,
                                      Measurement.waarde).join(Indicator, Indicator.id == Measurement.indicator_id)
                               .order_by(Measurement.id)).all()
    return [("programma" if own else "activiteit", p, d, w) for own, p, d, w in rows]


def test_the_register_takes_national_codes_per_programme_and_activity_and_exports_them(
        db: Database, region: Path, regie, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from models.tables import Indicator, Municipality

    assert regie("laad", str(with_national_indicators(region))).code == 0
    with db.session() as session:
        indicators = {(i.activiteit_id is None, i.code, i.eenheid, i.richting, i.streefwaarde)
                      for i in session.scalars(select(Indicator))}
        codes = dict(session.execute(select(Municipality.naam, Municipality.code)).all())
    assert indicators == {(False, CODE, "%", "lager-is-beter", Decimal("10.00")),
                          (True, CODE, "%", "lager-is-beter", Decimal("12.50"))}
    assert codes == {"Bronckhorst": "GM1876", "Gorinchem": "GM0512"}
    exported = tmp_path / "export"
    assert regie("exporteer", str(exported)).code == 0
    text = (exported / "gorinchem" / "programma-7.yaml").read_text(encoding="utf-8")
    assert "gemeentecode: GM0512" in text and f"code: {CODE}" in text and "richting: lager-is-beter" in text
    again = regie("laad", str(exported))
    assert again.code == 0 and "niets veranderd" in again.out


@pytest.mark.parametrize(("old", "new", "field", "expected"), [
    ("richting: lager-is-beter, streefwaarde: 10", "richting: omlaag, streefwaarde: 10",
     f"activiteiten[{POH}].indicatoren[jeugdhulp].richting", "Kies uit: hoger-is-beter, lager-is-beter"),
    (f"code: {CODE}", "code: 'MSD 01'", f"activiteiten[{POH}].indicatoren[jeugdhulp].code",
     "geen landelijke code"),
    ("gemeentecode: GM1876", "gemeentecode: 1876", "gemeentecode", "GM gevolgd door vier cijfers"),
    ("richting: lager-is-beter, streefwaarde: 10", "richting: lager-is-beter, streefwaarde: veel",
     f"activiteiten[{POH}].indicatoren[jeugdhulp].streefwaarde", "getal"),
])
def test_bad_indicator_fields_are_refused_in_dutch_with_file_line_and_field(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, old: str, new: str, field: str, expected: str) -> None:
    with_national_indicators(region)
    path = region / "bronckhorst" / "programma-1.yaml"
    _sub(path, old, new)
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if new.split(",")[0] in text)
    outcome = regie("laad", str(region))
    assert outcome.code == 2
    message = " ".join(outcome.err.split())
    assert f"programma-1.yaml, regel {line}, veld {field}:" in message and expected in message, message
    assert "Traceback" not in outcome.err


def test_a_cbs_table_is_imported_once_by_code_and_municipality_code(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, tmp_path: Path) -> None:
    from models.tables import Change

    assert regie("laad", str(with_national_indicators(region))).code == 0
    table = _file(tmp_path, CBS)
    nobody = regie("indicatoren", "importeer", str(table), "--door", "cordinator")  # who imports: a person's key
    assert nobody.code == 2 and "--door 'cordinator' is geen sleutel uit personen.yaml" in " ".join(nobody.err.split())
    assert "Bedoelt u 'coordinator'?" in " ".join(nobody.err.split()) and _measurements(db) == []
    first = regie("indicatoren", "importeer", str(table), "--door", "coordinator")
    assert first.code == 0, first
    out = " ".join(first.out.split())
    assert "5 nieuw, 0 gewijzigd, 0 stond er al" in out
    assert f"JongerenMetJeugdhulp_1 → {CODE}" in out and "GM0363" in out
    assert _measurements(db) == [
        ("activiteit", "2020JJ00", dt.date(2020, 12, 31), Decimal("9.80")),
        ("activiteit", "2021JJ00", dt.date(2021, 12, 31), Decimal("10.40")),
        ("programma", "2020JJ00", dt.date(2020, 12, 31), Decimal("11.50")),
        ("programma", "2021JJ00", dt.date(2021, 12, 31), Decimal("12.10")),
        ("programma", "2021KW04", dt.date(2021, 12, 31), Decimal("12.60")),  # same day as the year: both kept
    ]
    before = db.snapshot()
    again = regie("indicatoren", "importeer", str(table))
    assert again.code == 0 and "0 nieuw, 0 gewijzigd, 5 stond er al" in " ".join(again.out.split())
    assert db.snapshot() == before  # the same rows twice: no new measurement, no history

    corrected = _file(tmp_path, CBS.replace('"10.4"', '"10.6"'), "83674NED-herzien.csv")
    assert "0 nieuw, 1 gewijzigd, 4 stond er al" in " ".join(regie("indicatoren", "importeer", str(corrected)).out.split())
    with db.session() as session:
        change = session.scalars(select(Change).where(Change.bron == "import").order_by(Change.id.desc())).first()
    assert change is not None
    assert (change.sleutel, change.veld, change.oud, change.nieuw) == (f"{POH}/jeugdhulp", "meting 2021JJ00",
                                                                      "10.40", "10.60")


def test_bad_rows_name_file_line_and_column_and_nothing_is_written(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, tmp_path: Path) -> None:
    assert regie("laad", str(with_national_indicators(region))).code == 0
    before = db.snapshot()
    bad = _file(tmp_path, HEADER + (
        '"1";"GM1876    ";"2020JJ00";"9.8";"."\n'        # good, but must not be written either
        '"2";"GM1876    ";"2021";"10.4";"."\n'           # line 3: period without its kind
        '"3";"GM05    ";"2021JJ00";"12.1";"."\n'         # line 4: not a region code
        '"4";"GM0512    ";"2021JJ00";"12,1,0";"."\n'     # line 5: not a number
        '"5";"GM0512    ";"2020JJ00"\n'                  # line 6: too few fields
        '"6";"GM0512    ";"2099JJ00";"1";"."\n'          # line 7: a period still to come
    ), "fout.csv")
    outcome = regie("indicatoren", "importeer", str(bad))
    assert outcome.code == 2
    err = " ".join(outcome.err.split())
    assert "Niets geïmporteerd: 5 fouten gevonden. De database is niet veranderd." in err
    assert "fout.csv, regel 3, kolom Perioden: '2021' is geen CBS-periode. Schrijf" in err and "2021JJ00 (jaar)" in err
    assert "fout.csv, regel 4, kolom RegioS: 'GM05' is geen CBS-regiocode. Schrijf GM gevolgd door vier cijfers" in err
    assert "fout.csv, regel 5, kolom JongerenMetJeugdhulp_1: '12,1,0' is geen getal. Schrijf" in err
    assert "fout.csv, regel 6: deze regel heeft 3 velden, de kopregel 5." in err
    assert "fout.csv, regel 7, kolom Perioden: 2099JJ00 ligt in de toekomst" in err
    assert "Traceback" not in outcome.err
    assert db.snapshot() == before

    unknown = _file(tmp_path, '"RegioS";"Perioden";"Iets"\n"GM1876";"2021JJ00";"1"\n', "anders.csv")
    refused = regie("indicatoren", "importeer", str(unknown))
    assert refused.code == 2
    assert f"anders.csv, regel 1: geen kolom hoort bij een indicator in het register. De kolommen zijn: Iets; de codes in het register: {CODE}" in " ".join(refused.err.split())
    missing = regie("indicatoren", "importeer", str(tmp_path / "bestaat-niet.csv"))
    assert missing.code == 2 and "bestaat-niet.csv: het bestand kan niet gelezen worden" in missing.err
    assert db.snapshot() == before


def test_the_region_comparison_ranks_by_direction_and_checks_the_target(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from services.reports.indicator_compare import compare

    monkeypatch.setenv("COLUMNS", "200")
    assert regie("laad", str(with_national_indicators(region))).code == 0
    assert regie("indicatoren", "importeer", str(_file(tmp_path, CBS))).code == 0
    with db.session() as session:
        table = compare(session=session, code=CODE.lower(), perioden=4)
        quarters = compare(session=session, code=CODE, soort="KW")
    assert table is not None and table.richting == "lager-is-beter"
    assert table.soort == "JJ" and table.perioden == ["2020JJ00", "2021JJ00"]  # years: most figures; like with like
    bronckhorst, gorinchem = table.regels
    assert (bronckhorst.gemeente, bronckhorst.indicator) == ("Bronckhorst", f"{POH}/jeugdhulp")
    assert bronckhorst.laatste == ("2021JJ00", Decimal("10.40")) and bronckhorst.gehaald is False  # target 10
    assert gorinchem.laatste == ("2021JJ00", Decimal("12.10")) and gorinchem.gehaald is True       # target 12.5
    assert (bronckhorst.rang, gorinchem.rang) == (1, 2)  # lower is better
    assert table.gemiddelde == {"2020JJ00": Decimal("10.65"), "2021JJ00": Decimal("11.25")}
    assert quarters is not None and quarters.perioden == ["2021KW04"]
    assert [r.rang for r in quarters.regels] == [None, 1]  # Bronckhorst has no quarter figure

    printed = regie("indicatoren", "vergelijk", CODE)
    assert printed.code == 0, printed
    lines = printed.out.splitlines()
    assert "Jongeren met jeugdhulp (JongerenMetJeugdhulp; %; lager is beter)" in printed.out
    assert any("2020" in line and "2021" in line and "Streefwaarde" in line for line in lines)
    row = next(line for line in lines if "│ Bronckhorst" in line).split("│")
    # one precision for the whole table (the mean's two places): never "10" beside "10,65"
    assert [c.strip() for c in row[2:7]] == ["9,80", "10,40", "10,00", "nee", "1"]
    mean = next(line for line in lines if "Gemiddeld " in line).split("│")
    assert [c.strip() for c in mean[2:4]] == ["10,65", "11,25"]
    assert f"  Bronckhorst: {POH}/jeugdhulp" in lines and "  Gorinchem: programma-7/jeugdhulp" in lines
    kwartaal = regie("indicatoren", "vergelijk", CODE, "--soort", "kwartaal")
    assert kwartaal.code == 0 and "4e kwartaal 2021" in kwartaal.out
    assert "Kies jaar, halfjaar" in regie("indicatoren", "vergelijk", CODE, "--soort", "week").err
    nothing = regie("indicatoren", "vergelijk", "BestaatNiet")
    assert nothing.code == 2 and "Geen indicator met code 'BestaatNiet'" in nothing.err


def test_the_region_comparison_reads_at_80_columns_and_a_typo_gets_the_nearest_code(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 80 columns the table once folded every name ('Bronckho/rst'); a typo in the code was advised
    to be added to the register."""
    monkeypatch.setenv("COLUMNS", "80")
    assert regie("laad", str(with_national_indicators(region))).code == 0
    assert regie("indicatoren", "importeer", str(_file(tmp_path, CBS))).code == 0
    printed = regie("indicatoren", "vergelijk", CODE)
    assert printed.code == 0, printed
    lines = printed.out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert [c.strip() for c in next(line for line in lines if "│ Bronckhorst " in line).split("│")[1:7]] == [
        "Bronckhorst", "9,80", "10,40", "10,00", "nee", "1"]
    assert any("Gorinchem " in line and "12,10" in line for line in lines)

    typo = regie("indicatoren", "vergelijk", "jongerenmetjeugdhlp")
    said = " ".join(typo.err.split())
    assert typo.code == 2 and "Geen indicator met code 'jongerenmetjeugdhlp' in het register." in said, typo
    assert f"Bedoelt u '{CODE}'?" in said and "Zet 'code:" not in said
    far = " ".join(regie("indicatoren", "vergelijk", "Bijstand").err.split())
    assert f"Bekende codes: '{CODE}'." in far and "Zet 'code:" not in far


def test_regie_meting_reaches_a_programmes_own_indicator(db: Database, region: Path, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(with_national_indicators(region))).code == 0
    done = regie("meting", "programma-7/jeugdhulp", "--waarde", "11,9", "--datum", "2026-11-20")
    assert done.code == 0, done
    assert ("Meting van „Jongeren met jeugdhulp” (programma 7: Sociaal Domein) op 20 november 2026: 11,9 %."
            in " ".join(done.out.split())), done.out
    assert _measurements(db) == [("programma", "", dt.date(2026, 11, 20), Decimal("11.90"))]
    both = regie("meting", "jeugdhulp", "--waarde", "1")
    assert both.code == 2 and "programma-N/jeugdhulp" in both.err


def test_cbs_periods_end_on_the_last_day_and_read_in_dutch() -> None:
    from domain.reports.cbs import period_end, period_label

    assert [period_end(p) for p in ("2021JJ00", "2021HJ01", "2021KW01", "2024MM02", "2021MM12")] == [
        dt.date(2021, 12, 31), dt.date(2021, 6, 30), dt.date(2021, 3, 31), dt.date(2024, 2, 29), dt.date(2021, 12, 31)]
    assert [period_label(p) for p in ("2021JJ00", "2021HJ02", "2021KW03", "2021MM03")] == [
        "2021", "2e halfjaar 2021", "3e kwartaal 2021", "maart 2021"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([*list('GM0123456789JKWH;,."\n -x'), "RegioS", "Perioden", "Code_1", "2021JJ00", "GM1876", "\r\n"]), max_size=80))
def test_any_text_gives_figures_or_dutch_errors(tokens: list[str]) -> None:
    from domain.reports.cbs import ImportFouten, read_table

    text = "".join(tokens)
    try:
        table = read_table(text, bestand="x.csv", vandaag=dt.date(2026, 11, 23))
    except ImportFouten as problem:
        assert problem.fouten and all(str(f).startswith("x.csv") for f in problem.fouten)
    else:
        assert all(c.gemeentecode.startswith("GM") for c in table.cijfers)


def test_migration_0011_keeps_measurements_and_goes_back(db: Database, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    """An installation at 0010 with a measurement upgrades with it intact (and 0011 can be undone)."""
    from alembic import command

    from models.db import _alembic_config, current_revision, head_revision, migrate

    bronckhorst = sample / "bronckhorst" / "programma-1.yaml"
    _sub(bronckhorst, f"  - id: {POH}\n    titel: Voortgang Pilot Jeugd POH/SOH\n",
         f"  - id: {POH}\n    titel: Voortgang Pilot Jeugd POH/SOH\n    indicatoren:\n"
         "      - {id: bereik, naam: Bereikte jeugdigen}\n")
    assert regie("laad", str(sample)).code == 0
    assert regie("meting", "bereik", "--waarde", "42", "--datum", "2026-11-20").code == 0
    command.downgrade(_alembic_config(db.engine), "0010")
    assert current_revision(db.engine) == "0010"
    migrate(db.engine)
    assert current_revision(db.engine) == head_revision()  # 0011 and what follows it
    assert _measurements(db) == [("activiteit", "", dt.date(2026, 11, 20), Decimal("42.00"))]
    assert "(stond er al)" in " ".join(regie("meting", "bereik", "--waarde", "42", "--datum", "2026-11-20").out.split())
