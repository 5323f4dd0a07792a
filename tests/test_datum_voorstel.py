"""What a refused date suggests (a new user's trial): `regie importeer --documentdatum 01-10-2025` said
"bijvoorbeeld 2019-10-01" where the other date options say "dus 2025-10-01", and a date that does not
exist in the register ("2022-02-30") got "bijvoorbeeld 2020-06-30" instead of the nearest real date with
the year and month the user wrote. One helper (domain/melding.datum_hint) for the options and the
register."""

from __future__ import annotations

from pathlib import Path

import pytest

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


@pytest.mark.parametrize(("typed", "hint"), [
    ("01-10-2025", "dus 2025-10-01."),
    ("2020-9-30", "dus 2020-09-30."),
    ("2022-02-30", "bijvoorbeeld 2022-02-28 (februari 2022 heeft 28 dagen)."),
    ("2024-02-30", "bijvoorbeeld 2024-02-29 (februari 2024 heeft 29 dagen)."),
    ("31-04-2021", "bijvoorbeeld 2021-04-30 (april 2021 heeft 30 dagen)."),
    ("2021-04-00", "bijvoorbeeld 2021-04-01 (de dagen van april 2021 zijn 1 tot en met 30)."),
    ("2022-13-01", "bijvoorbeeld 2022-12-01 (een maand is 1 tot en met 12)."),
    ("1 maart 2027", "dus 2027-03-01."),
    ("1e mrt. 2027", "dus 2027-03-01."),
    ("31 april 2021", "bijvoorbeeld 2021-04-30 (april 2021 heeft 30 dagen)."),
    ("juni 2027", "bijvoorbeeld 2027-06-30 (een datum heeft ook een dag; dit is de laatste dag van juni 2027)."),
    ("morgen", "bijvoorbeeld 2020-06-30."),
    ("2022-02-31x", "bijvoorbeeld 2020-06-30."),
])
def test_a_refused_date_suggests_its_iso_form_or_the_nearest_real_date(typed: str, hint: str) -> None:
    from domain.melding import datum_hint

    assert datum_hint(typed, "2020-06-30") == hint


def test_regie_importeer_suggests_the_nearest_real_documentdatum(  # type: ignore[no-untyped-def]
        tmp_path: Path, regie) -> None:
    """01-10-2025 is read now, as the answer page reads a date (tests/test_voortgang_invoer.py); a day
    that does not exist still gets the nearest real one."""
    document = tmp_path / "programma.txt"
    document.write_text("Tijdpad: in 2021\n", encoding="utf-8")
    args = ("importeer", str(document), "--gemeente", "Bronckhorst", "--uitvoer", str(tmp_path / "uit"))
    read = regie(*args, "--documentdatum", "01-10-2025")
    assert "--documentdatum" not in read.err, read
    said = regie(*args, "--documentdatum", "2025-02-30")
    assert said.code == 2 and " ".join(said.err.split()) == ("--documentdatum '2025-02-30' is geen datum. "
                                                            "Schrijf JJJJ-MM-DD, DD-MM-JJJJ of in woorden met dag, "
                                                            "maand en jaar, bijvoorbeeld 2025-02-28, 28-02-2025 of "
                                                            "28 februari 2025 (februari 2025 heeft 28 dagen); of "
                                                            "vandaag, morgen of gisteren."), said
