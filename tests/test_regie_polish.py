"""What a new user met in `regie` and fixed: counts in words, amounts in Dutch, municipalities in
any case, `regie link intrekken` without a person, output folders that do not exist, help that
wraps at the terminal's width."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def test_amounts_are_read_and_written_the_dutch_way() -> None:
    from domain.documents.bedrag_invoer import GeenBedrag, lees_bedrag
    from domain.documents.bedragen import euro

    assert lees_bedrag("12.500,50") == Decimal("12500.50") and lees_bedrag("€ 1.234,50") == Decimal("1234.50")
    assert lees_bedrag("12500") == Decimal("12500") and lees_bedrag("1,5") == Decimal("1.5")
    for wrong in ("twaalf", "NaN", "1e20"):
        with pytest.raises(GeenBedrag):
            lees_bedrag(wrong)
    assert euro(Decimal("1234.5")) == "€ 1.234,50" and euro(Decimal("12500")) == "€ 12.500"
    assert euro(Decimal("0.5")) == "€ 0,50" and euro(Decimal("-1234.56")) == "€ -1.234,56"


def test_a_count_takes_the_singular_for_one() -> None:
    from domain.register.tekstcontrole import aantal

    assert [aantal(n, "mijlpaal", "mijlpalen") for n in (0, 1, 2)] == ["0 mijlpalen", "1 mijlpaal", "2 mijlpalen"]


def test_history_says_one_milestone_and_shows_spending_in_dutch(db, sample, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "250")
    assert regie("laad", str(sample)).code == 0
    assert regie("voortgang", "versterking-gespecialiseerde-ambulante-hulp", "--besteed", "€ 12.500,50").code == 0
    shown = regie("geschiedenis", "versterking-gespecialiseerde-ambulante-hulp")
    assert shown.code == 0, shown
    assert "toegevoegd met 1 mijlpaal " in shown.out and "1 mijlpalen" not in shown.out
    from models.clock import today

    assert f"besteed in {today().year} € 12.500,50" in shown.out and "12500.50" not in shown.out
    wrong = regie("voortgang", "versterking-gespecialiseerde-ambulante-hulp", "--besteed", "veel")
    assert wrong.code == 2 and "--besteed 'veel' is geen bedrag. Schrijf bijvoorbeeld 12500 of 12.500,50." in wrong.err


def test_status_takes_a_municipality_in_any_case_and_names_the_known_ones(db, region, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "200")
    assert regie("laad", str(region)).code == 0
    lower = regie("status", "--gemeente", "bronckhorst", "--peildatum", "2020-06-15")
    assert lower.code == 0 and "Bronckhorst · programma 1" in lower.out and "Gorinchem" not in lower.out
    unknown = regie("status", "--gemeente", "Atlantis")
    assert unknown.code == 2, unknown
    assert "Geen gemeente gevonden met de naam 'Atlantis'. Bekende gemeenten: 'Bronckhorst' en 'Gorinchem'." \
        in unknown.err
    assert "Laad eerst" not in unknown.err  # the register is loaded: that advice misled
    # One rule for every --gemeente: the answers and the history take it the same way.
    for args in (("voortgang", "samengorinchem", "--tekst", "x"), ("geschiedenis", "samengorinchem"),
                 ("meting", "samengorinchem/x", "--waarde", "1"), ("rapport", "--vergadering", "mosd")):
        refused = regie(*args, "--gemeente", "Atlantis")
        assert refused.code == 2 and "Bekende gemeenten: 'Bronckhorst' en 'Gorinchem'." in refused.err, args
    assert regie("voortgang", "samengorinchem", "--tekst", "x", "--gemeente", "GORINCHEM").code == 0


def test_link_intrekken_without_a_person_asks_for_one(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    outcome = regie("link", "intrekken")
    assert outcome.code == 2, outcome
    assert "regie link intrekken PERSOON" in outcome.err and "Persoon 'intrekken'" not in outcome.err


def test_usage_lines_name_arguments_without_braces(regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "120")
    assert "Gebruik: regie link [OPTIES] PERSOON [PERSOON]" in regie("link", "--help").out
    assert "Gebruik: regie laad [OPTIES] MAP" in regie("laad", "--help").out
    assert "{" not in regie("geschiedenis", "--help").out


def test_overzicht_says_when_it_created_a_folder(db, sample, regie, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A typo in --uitvoer (~/Documnten) must show at once, not leave the file somewhere unseen."""
    monkeypatch.setenv("COLUMNS", "300")
    assert regie("laad", str(sample)).code == 0
    target = tmp_path / "Documnten" / "2020" / "overzicht.xlsx"
    outcome = regie("overzicht", "--uitvoer", str(target), "--peildatum", "2020-06-15")
    assert outcome.code == 0 and target.exists(), outcome
    assert f"Nieuwe map aangemaakt (bestond nog niet): {tmp_path / 'Documnten'}" in outcome.out
    again = regie("overzicht", "--uitvoer", str(target), "--peildatum", "2020-06-15")
    assert again.code == 0 and "Nieuwe map" not in again.out
    csv = regie("overzicht", "--formaat", "csv", "--uitvoer", str(tmp_path / "csv"), "--peildatum", "2020-06-15")
    assert csv.code == 0 and "Nieuwe map" not in csv.out  # the csv folder itself is what was asked for
    (tmp_path / "bestand").write_text("x")
    refused = regie("overzicht", "--uitvoer", str(tmp_path / "bestand" / "o.xlsx"), "--peildatum", "2020-06-15")
    said = " ".join(refused.err.split())  # services/written_files.check_writable, before the work
    assert refused.code == 2 and "bestand is een bestand, geen map). Er is niets geschreven." in said, said


def _command_rows(text: str) -> list[list[str]]:
    """The description lines of each row in the 'Opdrachten' panel of `regie --help`."""
    panel = text.split("Opdrachten")[1].split("╰")[0].splitlines()[1:]
    rows: list[list[str]] = []
    for line in panel:
        inner = line.strip("│").rstrip()
        match = re.match(r" (\S+)(\s+)(.*)", inner)
        if match:
            rows.append([match.group(3)])
        elif rows:
            rows[-1].append(inner.strip())
    return rows


@pytest.mark.parametrize("columns", [80, 120])
def test_help_descriptions_wrap_at_the_terminal_width_only(regie, monkeypatch, columns: int) -> None:  # type: ignore[no-untyped-def]
    """A line break inside a docstring must not reach the help: every line of a wrapped description
    but the last is filled to the panel's width (less one word)."""
    monkeypatch.setenv("COLUMNS", str(columns))
    text = regie("--help").out
    rows = _command_rows(text)
    assert len(rows) >= 20
    width = max(len(line) for row in rows for line in row)
    for row in rows:
        for line in row[:-1]:
            assert len(line) >= width - 16, (columns, row)
    # The sentence that once broke inside the docstring reads as one sentence, wherever the panel wraps.
    dienst = next(" ".join(row) for row in rows if row[0].startswith("Start de dienst"))
    assert "de deployments (rapportage 06:45, dagelijkse controle 07:00, uitvragen 07:30 op werkdagen)." in dienst


def test_every_command_help_is_one_paragraph_per_paragraph() -> None:
    from regie.cli import app
    from regie.nederlands import _commands, command

    for path, cmd in _commands(command(app)):
        assert "\n" not in (cmd.help or "").replace("\n\n", ""), path


def test_templates_write_amounts_with_the_one_formatter() -> None:
    from services.rendering import environment

    assert environment().from_string("besteed {{ x | euro }}").render(x=Decimal("1250.50")) == "besteed € 1.250,50"
    page = (Path(__file__).parents[1] / "templates" / "web" / "mijn.html.j2").read_text(encoding="utf-8")
    assert "a.besteed | euro" in page and "€ {{ a.besteed }}" not in page


@pytest.mark.parametrize(("args", "option"), [
    (("gereed", "activiteit/mijlpaal", "--datum", "2020-02-30"), "--datum"),
    (("verplaats", "activiteit/mijlpaal", "--naar", "31-07-20", "--reden", "test"), "--naar"),
    (("simuleer", "--van", "2020-13-01", "--tot", "2020-06-30"), "--van"),
    (("simuleer", "--van", "2020-06-01", "--tot", "30-06-20"), "--tot"),
    (("status", "--peildatum", "overmorgen"), "--peildatum"),
])
def test_a_bad_date_is_refused_naming_the_option_it_was_given_to(regie, args: tuple[str, ...], option: str) -> None:  # type: ignore[no-untyped-def]
    """Every date option used to say '--peildatum' (the parser's default name) whatever was typed."""
    outcome = regie(*args)
    said = " ".join(outcome.err.split())
    assert outcome.code == 2 and f"{option} '" in said and "is geen datum. Schrijf JJJJ-MM-DD, DD-MM-JJJJ of in woorden" in said, outcome
    assert option == "--peildatum" or "--peildatum" not in said


def test_an_unknown_person_key_suggests_the_nearest_one_and_no_command_that_does_not_show_keys(
        db, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    outcome = regie("link", "regisseur-jeugdd")
    said = " ".join(outcome.err.split())
    assert outcome.code == 2 and "Persoon 'regisseur-jeugdd' bestaat niet" in said, outcome
    assert "(sleutel 'regisseur-jeugd')?" in said and "regie status" not in said  # status shows names, not keys
    far = " ".join(regie("link", "jan-jansen").err.split())
    assert "Bedoelt u" not in far and "zoals die in personen.yaml staat" in far


def test_a_name_that_ends_in_brackets_gets_no_second_pair(db, sample: Path, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """'Regisseur programma 1 (Gezond en weerbaar) (regisseur-jeugd)' in `regie link`, `regie simuleer`,
    `regie dienst` and the coordinator's notices: one pair of brackets."""
    from domain.register.tekstcontrole import met_haakjes

    assert met_haakjes("Regisseur programma 1 (Gezond en weerbaar)", "regisseur-jeugd") == \
        "Regisseur programma 1 (Gezond en weerbaar; regisseur-jeugd)"
    assert met_haakjes("Beleidsmedewerker onderwijs", "Bronckhorst") == "Beleidsmedewerker onderwijs (Bronckhorst)"
    monkeypatch.setenv("COLUMNS", "250")
    assert regie("laad", str(sample)).code == 0
    link = " ".join(regie("link", "regisseur-jeugd").out.split())
    assert "Persoonlijke link van Regisseur programma 1 (Gezond en weerbaar; Bronckhorst), 30 dagen" in link
    simulated = " ".join(regie("simuleer", "--van", "2020-07-13", "--tot", "2020-07-20").out.split())
    assert "Regisseur programma 1 (Gezond en weerbaar; regisseur-jeugd):" in simulated
    status = " ".join(regie("status", "--peildatum", "2020-06-15").out.split())
    assert "Gezond en weerbaar · regisseur: Regisseur programma 1 (Gezond en weerbaar) · peildatum" in status
    for said in (link, simulated, status):
        assert ") (" not in said and "))" not in said


def test_output_to_a_pipe_or_file_is_not_wrapped_at_80_columns(db, sample: Path, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Not a terminal (as under pytest's capture, `regie status | cat`, `> status.txt`): a table row and a
    sentence stay on one line; COLUMNS, when set, is still the width."""
    monkeypatch.delenv("COLUMNS", raising=False)
    assert regie("laad", str(sample)).code == 0
    lines = regie("status", "--peildatum", "2020-06-15").out.splitlines()
    assert any(line.startswith("Bronckhorst · programma 1: Gezond en weerbaar · regisseur: ") and
               line.rstrip().endswith("· peildatum maandag 15 juni 2020") for line in lines)
    row = next(line for line in lines if "Versterking gespecialiseerde ambulante hulp" in line)
    assert "Versterking gespecialiseerde ambulante hulp (regionaal)" in row
    assert '31 december 2022 (datum onzeker): „Einde regionaal transformatieplan jeugd "Binding, perspectief en ondersteuning"”' in row
    monkeypatch.setenv("COLUMNS", "80")
    narrow = regie("status", "--peildatum", "2020-06-15").out.splitlines()
    # Everything wraps at 80 but the ids to type under the table: each stays whole on its own line
    # (the terminal folds a longer one on screen; copied, it is one word).
    ids = [line for line in narrow if (line.startswith("  ") and " " not in line.strip())
           or line.startswith("    te laat: ")]  # a late milestone's id, whole with its date
    assert "  uitvoeringsstrategie-rijkere-visie-op-onderwijs/uitvoeringsafspraken-alle-themas" in ids
    assert max(len(line) for line in narrow if line not in ids) <= 80 and len(narrow) > len(lines)


def test_regie_link_takes_the_address_a_person_gets_mail_on(db, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    """The link page tells a regisseur whose link stopped working to give the coordinator their mail
    address (a regisseur does not know their key in personen.yaml): `regie link` takes it, whole only."""
    assert regie("laad", str(sample)).code == 0
    by_key = " ".join(regie("link", "regisseur-jeugd").out.split())
    by_address = " ".join(regie("link", "Regisseur.Jeugd@example.org").out.split())
    assert by_address.startswith("Persoonlijke link van Regisseur programma 1 (Gezond en weerbaar; Bronckhorst)")
    assert by_key.split(":")[0] == by_address.split(":")[0]
    revoked = " ".join(regie("link", "intrekken", "regisseur.jeugd@example.org").out.split())
    assert "werken niet meer. Een nieuwe link: regie link regisseur-jeugd." in revoked
    for address in ("jeugd@example.org", "regisseur.jeugd@example.or", "niemand@example.org"):
        outcome = regie("link", address)
        said = " ".join(outcome.err.split())
        assert outcome.code == 2 and f"Niemand in het register krijgt mail op '{address}'." in said, outcome
