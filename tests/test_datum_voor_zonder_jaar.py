"""Two defects of a user trial with `regie laad` (session 23). A date field holding 'vóór 1 maart 2021'
got "schrijf dan 2021-03-01", the day named, where "vóór" means due the day before (../shared/domain.md):
it now gets 2021-02-28, read as the importer reads "vóór" (domain.documents.dutch_dates), and why. A
date or period without its year ('september', 'medio', 'eind maart', 'Q3') got a generic example date;
it now hears that the year is missing, with the user's own words and a year of the file (else of the
project clock) as the example (domain/register/datumzin.py). The date options of `regie` read 'vóór'
phrases the same way (the answer page: tests/web/test_answer_date_period.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import set_today

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

_REST = "hoort in tijdpad of omschrijving."


@pytest.mark.parametrize(("typed", "said"), [
    ("vóór 1 maart 2021", "Bedoelt u vóór 1 maart 2021, schrijf dan 2021-02-28 (vóór 1 maart is uiterlijk "
                          "28 februari)."),
    ("voor 1 maart 2021", "Bedoelt u voor 1 maart 2021, schrijf dan 2021-02-28 (vóór 1 maart is uiterlijk "
                          "28 februari)."),
    ("voor eind 2021", "Bedoelt u voor eind 2021, schrijf dan 2021-12-30 (vóór eind 2021 is uiterlijk 30 "
                       "december 2021)."),
    ("vóór 1 januari 2022", "Bedoelt u vóór 1 januari 2022, schrijf dan 2021-12-31 (vóór 1 januari 2022 is "
                            "uiterlijk 31 december 2021)."),
    # leap years: 2024 has 29 February, 2023 has not
    ("vóór 1 maart 2024", "Bedoelt u vóór 1 maart 2024, schrijf dan 2024-02-29 (vóór 1 maart is uiterlijk "
                          "29 februari)."),
    ("vóór 1 maart 2023", "Bedoelt u vóór 1 maart 2023, schrijf dan 2023-02-28 (vóór 1 maart is uiterlijk "
                          "28 februari)."),
    ("vóór 29 februari 2024", "Bedoelt u vóór 29 februari 2024, schrijf dan 2024-02-28 (vóór 29 februari is "
                              "uiterlijk 28 februari)."),
    ("vóór 2021-03-01", "Bedoelt u vóór 2021-03-01, schrijf dan 2021-02-28 (vóór 2021-03-01 is uiterlijk 28 "
                        "februari 2021)."),
    ("vóór 2022", "Bedoelt u vóór 2022, schrijf dan 2021-12-31 (vóór 2022 is uiterlijk 31 december 2021)."),
    ("besluit vóór 1 maart 2021", "Bedoelt u vóór 1 maart 2021, schrijf dan 2021-02-28 (vóór 1 maart is "
                                  f"uiterlijk 28 februari); de rest ('besluit') {_REST}"),
    # "uiterlijk" is on that day
    ("uiterlijk 1 mei 2021", "Bedoelt u 1 mei 2021, schrijf dan 2021-05-01."),
])
def test_voor_a_day_is_the_day_before(typed: str, said: str) -> None:
    from domain.register.datumzin import datum_in_zin

    assert datum_in_zin(typed) == f"'{typed}' is geen datum. {said}"


@pytest.mark.parametrize(("typed", "said"), [
    # a day that does not exist: not read as the month after it ("Bedoelt u februari 2023")
    ("vóór 29 februari 2023", "'vóór 29 februari 2023' is geen datum, en 29 februari 2023 bestaat niet. Schrijf "
                              "een bestaande datum als JJJJ-MM-DD, bijvoorbeeld 2023-02-28 (februari 2023 heeft 28 "
                              "dagen)."),
    ("evaluatie 31 april 2021", "'evaluatie 31 april 2021' is geen datum, en 31 april 2021 bestaat niet. Schrijf "
                                "een bestaande datum als JJJJ-MM-DD, bijvoorbeeld 2021-04-30 (april 2021 heeft 30 "
                                "dagen)."),
])
def test_a_day_that_does_not_exist_in_a_phrase_is_named(typed: str, said: str) -> None:
    from domain.register.datumzin import datum_in_zin

    assert datum_in_zin(typed) == said


@pytest.mark.parametrize(("typed", "said"), [
    ("september", "Bedoelt u september 2021, schrijf dan 2021-09-30 (de laatste dag van september 2021)."),
    ("medio", "Bedoelt u medio 2021, schrijf dan 2021-06-30 (het midden van 2021)."),
    ("Eind maart", "Bedoelt u Eind maart 2021, schrijf dan 2021-03-31 (het einde van maart 2021)."),
    ("Q3", "Bedoelt u Q3 2021, schrijf dan 2021-09-30 (het einde van het derde kwartaal 2021; het begin is "
           "2021-07-01)."),
    ("najaar", "Bedoelt u najaar 2021, schrijf dan 2021-11-30 (de laatste dag van het najaar 2021, september "
               "tot en met november)."),
    ("1 mei", "Bedoelt u 1 mei 2021, schrijf dan 2021-05-01."),
    ("1-3", "Bedoelt u 1 maart 2021, schrijf dan 2021-03-01."),
    ("vóór 1 mei", "Bedoelt u vóór 1 mei 2021, schrijf dan 2021-04-30 (vóór 1 mei is uiterlijk 30 april)."),
    ("uiterlijk 1 mei", "Bedoelt u uiterlijk 1 mei 2021, schrijf dan 2021-05-01."),
    # 2021 has no 29 February: the next year that has one
    ("29 februari", "Bedoelt u 29 februari 2024, schrijf dan 2024-02-29."),
    ("vóór 29 februari", "Bedoelt u vóór 29 februari 2024, schrijf dan 2024-02-28 (vóór 29 februari is "
                         "uiterlijk 28 februari)."),
])
def test_a_date_without_its_year_gets_the_users_words_with_a_year(typed: str, said: str) -> None:
    from domain.register.datumzin import zonder_jaar_zin

    assert zonder_jaar_zin(typed, 2021) == f"er staat geen jaar bij '{typed}'. {said}"


@pytest.mark.parametrize("typed", ["morgen", "Q3 2021", "september 2021", "evalueren eind juli", "Q3 0000",
                                   "31 februari", 2021])
def test_what_is_no_date_without_its_year_is_left_to_the_other_messages(typed: object) -> None:
    from domain.register.datumzin import zonder_jaar_zin

    assert zonder_jaar_zin(typed, 2021) is None


_PERSONEN = """personen:
  - sleutel: regisseur-jeugd
    naam: Regisseur jeugd
    rollen: [regisseur]
    kanalen: ["mailto://regisseur@example.org"]
"""


def _programma(nummer: int, mijlpalen: dict[str, str], subsidie: str = "") -> str:
    lines = ["gemeente: Lindewaard", "programma:", f"  nummer: {nummer}", "  titel: Gezond opgroeien",
             "  regisseur: regisseur-jeugd", "activiteiten:", f"  - id: jeugd-{nummer}", "    titel: Jeugd",
             "    mijlpalen:"]
    for key, (field, value) in enumerate(item.split(": ", 1) for item in mijlpalen.values()):
        lines += [f"      - id: m{key}", "        soort: evaluatie", "        omschrijving: Evaluatie",
                  f"        {field}: {value}"]
    if subsidie:
        lines += ["    subsidies:", "      - ontvanger: Stichting Speelruimte", f"        {subsidie}"]
    return "\n".join(lines) + "\n"


def _line(folder: Path, name: str, text: str) -> int:
    return (folder / name).read_text(encoding="utf-8").splitlines().index(text) + 1


def test_regie_laad_tells_voor_and_a_missing_year_with_file_line_and_field(  # type: ignore[no-untyped-def]
        regie, tmp_path: Path, monkeypatch) -> None:
    set_today(monkeypatch, "2023-05-01")
    folder = tmp_path / "register" / "lindewaard"
    folder.mkdir(parents=True)
    (folder / "personen.yaml").write_text(_PERSONEN, encoding="utf-8")
    # programme 1 has a date of 2022, so its 'september' is 2022's; programme 2 has none: the clock's 2023
    (folder / "programma-1.yaml").write_text(_programma(1, {
        "a": "uiterlijk: vóór 1 maart 2021", "b": "uiterlijk: voor eind 2021", "c": "uiterlijk: vóór 1 januari 2022",
        "d": "uiterlijk: 2022-06-30", "e": "uiterlijk: september"}, "periode_eind: eind maart"), encoding="utf-8")
    (folder / "programma-2.yaml").write_text(_programma(2, {"a": "vroegst: medio", "b": "uiterlijk: Q3"}),
                                             encoding="utf-8")
    outcome = regie("laad", str(folder.parent))
    said = " ".join((outcome.out + outcome.err).split())
    assert outcome.code != 0, said

    def where(name: str, written: str, field: str) -> str:
        return f"lindewaard/{name}, regel {_line(folder, name, '        ' + written)}, veld activiteiten[{field}: "

    een, twee = "programma-1.yaml", "programma-2.yaml"
    expected = [
        where(een, "uiterlijk: vóór 1 maart 2021", "jeugd-1].mijlpalen[m0].uiterlijk")
        + "'vóór 1 maart 2021' is geen datum. Bedoelt u vóór 1 maart 2021, schrijf dan 2021-02-28 (vóór 1 maart "
          "is uiterlijk 28 februari).",
        where(een, "uiterlijk: voor eind 2021", "jeugd-1].mijlpalen[m1].uiterlijk")
        + "'voor eind 2021' is geen datum. Bedoelt u voor eind 2021, schrijf dan 2021-12-30 (vóór eind 2021 is "
          "uiterlijk 30 december 2021).",
        where(een, "uiterlijk: vóór 1 januari 2022", "jeugd-1].mijlpalen[m2].uiterlijk")
        + "'vóór 1 januari 2022' is geen datum. Bedoelt u vóór 1 januari 2022, schrijf dan 2021-12-31 (vóór 1 "
          "januari 2022 is uiterlijk 31 december 2021).",
        where(een, "uiterlijk: september", "jeugd-1].mijlpalen[m4].uiterlijk")
        + "er staat geen jaar bij 'september'. Bedoelt u september 2022, schrijf dan 2022-09-30 (de laatste dag "
          "van september 2022).",
        where(een, "periode_eind: eind maart", "jeugd-1].subsidies[1].periode_eind")
        + "er staat geen jaar bij 'eind maart'. Bedoelt u eind maart 2022, schrijf dan 2022-03-31 (het einde van "
          "maart 2022).",
        where(twee, "vroegst: medio", "jeugd-2].mijlpalen[m0].vroegst")
        + "er staat geen jaar bij 'medio'. Bedoelt u medio 2023, schrijf dan 2023-06-30 (het midden van 2023).",
        where(twee, "uiterlijk: Q3", "jeugd-2].mijlpalen[m1].uiterlijk")
        + "er staat geen jaar bij 'Q3'. Bedoelt u Q3 2023, schrijf dan 2023-09-30 (het einde van het derde "
          "kwartaal 2023; het begin is 2023-07-01).",
    ]
    for message in expected:
        assert message in said, (message, said)
    assert "ongeldige datum" not in said and "2021-03-01" not in said


@pytest.mark.parametrize(("typed", "day"), [
    ("vóór 1 maart 2021", "2021-02-28, 28-02-2021 of 28 februari 2021 (vóór 1 maart is uiterlijk 28 februari)"),
    ("voor eind 2021", "2021-12-30, 30-12-2021 of 30 december 2021 (vóór eind 2021 is uiterlijk 30 december 2021)"),
    ("uiterlijk 1 mei 2021", "2021-05-01, 01-05-2021 of 1 mei 2021"),
])
def test_a_date_option_reads_voor_as_the_register_does(typed: str, day: str, regie) -> None:  # type: ignore[no-untyped-def]
    for command in (("verplaats", "a/b", "--reden", "later", "--naar"), ("gereed", "a/b", "--datum")):
        refused = regie(*command, typed)
        said = " ".join(refused.err.split())
        assert refused.code == 2, refused
        assert (f"{command[-1]} '{typed}' is geen datum. Schrijf JJJJ-MM-DD, DD-MM-JJJJ of in woorden met dag, "
                f"maand en jaar, bijvoorbeeld {day}; of vandaag, morgen of gisteren.") in said, said
