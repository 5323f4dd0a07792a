"""Findings of a new user's trial (30 November 2026). The document date: read from the title or the
file name, never today's date (the Gorinchem budget saved without a year in its name got the real
date, 'geschat uit de titel', and 24 of 25 milestones 'gereed'). An unknown --programma lists each
programme once (the Wassenaar budget listed '3 Bestuur en Middelen; 3 Bestuur en middelen')."""

from __future__ import annotations

import pytest

from tests.test_import import _programmes

TABLE = ("Wat gaan we daarvoor doen?\n\nOnderwerp\tToelichting\n"
         "Mantelzorg\tIn 2021 bouwen we verder aan een steunpunt voor mantelzorgers.\n"
         "Schuldhulp\tIn 2022 evalueren we de nieuwe aanpak van schuldhulpverlening.\n")


def _milestone_kinds(out) -> list[tuple[str, bool]]:  # type: ignore[no-untyped-def]
    [programme] = _programmes(out).values()
    return [(m.get("status", "open"), "gereed" in m) for a in programme["activiteiten"]
            for m in a.get("mijlpalen", [])]


def test_a_document_without_a_year_in_title_or_name_is_refused_until_a_date_is_given(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "begroting-sociaal-domein.txt"
    source.write_text(TABLE, encoding="utf-8")
    out = tmp_path / "out"
    refused = regie("importeer", str(source), "--gemeente", "Gorinchem", "--uitvoer", str(out))
    assert refused.code == 2, refused
    assert "geen documentdatum gevonden" in refused.err and "--documentdatum" in refused.err
    assert "geschat" not in refused.out + refused.err and "Traceback" not in refused.err
    assert not out.exists()
    given = regie("importeer", str(source), "--gemeente", "Gorinchem", "--uitvoer", str(out),
                  "--documentdatum", "2020-10-01")
    assert given.code == 0, given
    assert "Documentdatum 1 oktober 2020;" in given.out and "geschat" not in given.out
    assert not any(done for _, done in _milestone_kinds(out))  # 2021 and 2022 lie after the date


@pytest.mark.parametrize(("name", "text", "source", "date"), [
    ("begroting-2021-sociaal-domein.txt", TABLE, "de bestandsnaam 'begroting 2021'", "1 oktober 2020"),
    ("sociaal-domein.txt", "Programmabegroting 2021\n\n" + TABLE, "de titel 'Programmabegroting 2021'", "1 oktober 2020"),
    ("sociaal_domein_jaarstukken_2020.txt", TABLE, "de bestandsnaam 'jaarstukken 2020'", "1 april 2021"),
])
def test_an_estimated_date_says_where_it_came_from(tmp_path, regie, name, text, source, date) -> None:  # type: ignore[no-untyped-def]
    document = tmp_path / name
    document.write_text(text, encoding="utf-8")
    outcome = regie("importeer", str(document), "--gemeente", "Gorinchem", "--uitvoer", str(tmp_path / "o"))
    assert outcome.code == 0, outcome
    assert f"Documentdatum {date} (geschat uit {source};" in outcome.out
    header = next((tmp_path / "o").glob("programma-*.yaml")).read_text(encoding="utf-8")
    assert f"geschat uit {source}" in header


def test_the_importer_never_asks_the_clock(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import models.clock
    from services.importer.importing import ImportFout, import_document

    def no_clock() -> None:
        raise AssertionError("the importer read the clock")

    monkeypatch.setattr(models.clock, "now", no_clock)
    source = tmp_path / "sociaal-domein.txt"
    source.write_text(TABLE, encoding="utf-8")
    with pytest.raises(ImportFout, match="geen documentdatum gevonden"):
        import_document(document=source, gemeente="Gorinchem", uitvoer=tmp_path / "o")


WHOLE_BUDGET = """Programmabegroting 2025

Programma 3 Bestuur en Middelen

Wat gaan we daarvoor doen?
Dienstverlening
In 2025 vernieuwen we de website van de gemeente en de balie in het raadhuis.

Programma 2 Mens en maatschappij

Wat gaan we daarvoor doen?
Jeugdhulp
In 2025 evalueren we de toegang tot de jeugdhulp met de wijkteams in de gemeente.

Programma 3 Bestuur en middelen

Wat gaan we daarvoor doen?
Belastingen
In 2025 herzien we de verordening op de onroerendezaakbelasting in de gemeente.

Programma 10 Financiering

Wat gaan we daarvoor doen?
Treasury
In 2025 stellen we het treasurystatuut opnieuw vast voor de komende jaren.
"""


def test_an_unknown_programme_is_refused_with_each_programme_listed_once_by_number(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "begroting.txt"
    source.write_text(WHOLE_BUDGET, encoding="utf-8")
    outcome = regie("importeer", str(source), "--gemeente", "Proefdorp", "--uitvoer", str(tmp_path / "o"),
                    "--programma", "9")
    assert outcome.code == 2, outcome
    listed = " ".join(outcome.err.split())
    assert ("Gevonden programma's: 2 Mens en maatschappij; 3 Bestuur en Middelen; 10 Financiering. "
            in listed), listed
