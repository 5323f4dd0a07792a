"""Messages of `regie laad` a municipal worker found wrong in a trial: each names file, line, field and
the value, and says what to write instead when that is obvious (a comma for a dot in a mail address,
a person's name for their key, € 12.500 for an amount, a date in words, a misspelt field, an accent)."""

from __future__ import annotations

import pytest

from domain.register.addresses import email_address
from tests.test_register_errors import PEOPLE, PROGRAMME, assert_refused, break_file

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

CHANNEL = '["mailto://beleid.onderwijs@example.org"]'


@pytest.mark.parametrize(("channel", "said"), [
    ("c.visser@lochem,example.nl", "'c.visser@lochem,example.nl' is geen bruikbaar e-mailadres: er staat een "
                                   "komma in het domein (na de @). Bedoelt u 'c.visser@lochem.example.nl'?"),
    ("mailto:c.visser@lochem,example.nl", "Bedoelt u 'c.visser@lochem.example.nl'?"),
    ("d.mulder.lochem.example.nl", "'d.mulder.lochem.example.nl' is geen e-mailadres en geen Apprise-URL: het "
                                   "@-teken ontbreekt."),
    ("a.bakker@@lochem.nl", "er staan meer @-tekens in; een adres heeft er precies één. Bedoelt u 'a.bakker@lochem.nl'?"),
    ("a.bakker@lochem", "het domein 'lochem' (na de @) heeft geen punt"),
    ("a. bakker@lochem.nl", "er staat een spatie in"),
    ("a.bakker@lochem.nl; b.smit@lochem.nl", "zet elk adres op een eigen regel onder kanalen"),
])
def test_an_address_that_cannot_be_delivered_to_is_refused_with_its_value(
        db, sample, regie, channel: str, said: str) -> None:  # type: ignore[no-untyped-def]
    """`c.visser@lochem,example.nl` was loaded (and `regie diagnose` said the channels were fine): a mail
    to it could never arrive."""
    line = break_file(sample, PEOPLE, CHANNEL, f'["{channel}"]')
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="personen.yaml", line=line,
                   words=["veld personen[beleid-onderwijs].kanalen[1]", said])


def test_an_address_that_cannot_be_delivered_to_is_not_sent_to_as_mail() -> None:
    assert email_address("mailto://c.visser@lochem,example.nl") is None
    assert email_address("c.visser@lochem.example.nl") == "c.visser@lochem.example.nl"
    assert email_address("mailto:J.de.Vries+regie@gemeente-lochem.nl") == "J.de.Vries+regie@gemeente-lochem.nl"


ANNA = "  - sleutel: regisseur-wmo\n    naam: Anna de Boer\n    rollen: []\n    kanalen: [a.deboer@example.org]\n"


@pytest.mark.parametrize(("owner", "said"), [
    ("Anna de Boer", "'Anna de Boer' is de naam van 'regisseur-wmo' in personen.yaml: schrijf eigenaar: regisseur-wmo"),
    ("anna  DE boer", "is de naam van 'regisseur-wmo' in personen.yaml: schrijf eigenaar: regisseur-wmo"),
    ("Jan de Vries", "ongeldige sleutel 'Jan de Vries'. Een sleutel heeft kleine letters, cijfers en streepjes, "
                     "bijvoorbeeld 'regisseur-jeugd'. Sleutels in personen.yaml: beleid-onderwijs, "
                     "coordinator-sociaal-domein, mosd-secretariaat, poho-sociaal, regisseur-jeugd (en 1 meer)."),
    ("jan-de-vries", "'jan-de-vries' staat niet in personen.yaml. Sleutels in personen.yaml: beleid-onderwijs, "
                     "coordinator-sociaal-domein, mosd-secretariaat, poho-sociaal, regisseur-jeugd (en 1 meer)."),
])
def test_an_owner_written_as_a_name_or_unknown_key_is_told_the_key_to_write(
        db, sample, regie, owner: str, said: str) -> None:  # type: ignore[no-untyped-def]
    """`eigenaar: Anna de Boer` got "ongeldige sleutel … bijvoorbeeld 'pilot-steungezinnen'" (an
    activity's id as the example of a person's key)."""
    with (sample / PEOPLE).open("a", encoding="utf-8") as people:
        people.write(ANNA)
    line = break_file(sample, PROGRAMME, "    eigenaar: beleid-onderwijs", f"    eigenaar: {owner}")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line, words=[
        "veld activiteiten[uitvoeringsstrategie-rijkere-visie-op-onderwijs].eigenaar", said])
    assert "pilot-steungezinnen" not in outcome.err


@pytest.mark.parametrize(("amount", "said"), [
    ("€ 12.500", "'€ 12.500' is geen getal. Schrijf 12500 (zonder € en zonder punt)."),
    ("'1.500,50'", "'1.500,50' is geen getal. Schrijf 1500.50 (zonder punt tussen de duizendtallen en met een "
                   "punt voor de centen)."),
    ("12.500", "'12.500' is geen duidelijk bedrag"),
    ("twaalfduizend", "'twaalfduizend' is geen getal. Schrijf hier een getal, bijvoorbeeld 13257.50."),
])
def test_an_amount_written_as_in_a_letter_is_told_the_number_to_write_with_its_full_field(
        db, sample, regie, amount: str, said: str) -> None:  # type: ignore[no-untyped-def]
    """`bedrag: € 12.500` got "verkeerd type: … Schrijf hier een getal, bijvoorbeeld 13257.50", and
    `bedrag: 12.500` named its field as just "veld bedrag"."""
    line = break_file(sample, PROGRAMME, "      - bedrag: 231907.60", f"      - bedrag: {amount}")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line, words=[
        f"regel {line}, veld activiteiten[voortgang-pilot-jeugd-poh-soh].bedragen[1].bedrag: {said}"])
    assert "verkeerd type" not in outcome.err


@pytest.mark.parametrize(("date", "said"), [
    ("1 maart 2027", "ongeldige datum '1 maart 2027'. Schrijf de datum als JJJJ-MM-DD, dus 2027-03-01."),
    ("juni 2027", "ongeldige datum 'juni 2027'. Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2027-06-30 (een "
                  "datum heeft ook een dag; dit is de laatste dag van juni 2027)."),
    ("2021-02-30", "ongeldige datum '2021-02-30'. Schrijf een bestaande datum als JJJJ-MM-DD, bijvoorbeeld "
                   "2021-02-28 (februari 2021 heeft 28 dagen)."),
])
def test_a_date_in_words_is_told_its_iso_form_and_only_a_missing_day_is_called_nonexistent(
        db, sample, regie, date: str, said: str) -> None:  # type: ignore[no-untyped-def]
    """`1 maart 2027` got "Schrijf een bestaande datum …, bijvoorbeeld 2020-06-30": it exists, and the
    date meant is plain."""
    line = break_file(sample, PROGRAMME, "        uiterlijk: 2022-12-31", f"        uiterlijk: {date}")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line, words=[said])


def test_a_date_option_in_words_is_told_its_iso_form_or_an_example_of_this_year(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    done = regie("gereed", "pilot-jeugd-poh/evaluatie", "--datum", "1 december 2026")
    # read as the answer page reads it (tests/test_voortgang_invoer.py): the refusal is about the milestone
    assert done.code == 2 and "--datum" not in done.err and "bestaat niet" in done.err, done
    moved = regie("verplaats", "pilot-jeugd-poh/evaluatie", "--naar", "juni 2027", "--reden", "later")
    assert moved.code == 2 and ("'juni 2027' is een periode, geen dag. Schrijf JJJJ-MM-DD, DD-MM-JJJJ of in woorden "
                                "met dag, maand en jaar, bijvoorbeeld 2027-06-30, 30-06-2027 of 30 juni 2027 (de "
                                "laatste dag van juni 2027)") in " ".join(moved.err.split())
    vague = regie("gereed", "pilot-jeugd-poh/evaluatie", "--datum", "overmorgen")
    # the year of the project's clock (tests/conftest.py), never today's date as if it meant 'overmorgen'
    assert vague.code == 2 and "bijvoorbeeld 2026-12-31, 31-12-2026 of 31 december 2026;" in \
        " ".join(vague.err.split())


def test_a_misspelt_required_field_is_one_error_not_also_a_missing_one(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    """`omschrjving:` gave "verplicht veld 'omschrijving' ontbreekt" and "onbekend veld 'omschrjving'.
    Bedoelt u 'omschrijving'?": two errors, counted twice, for one typo."""
    line = break_file(sample, PROGRAMME, "        omschrijving: Einde regionaal", "        omschrjving: Einde regionaal")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line, words=[
        "1 fout gevonden", "onbekend veld 'omschrjving'. Bedoelt u 'omschrijving'?"])
    assert "ontbreekt" not in outcome.err


def test_a_missing_required_field_beside_an_unrelated_unknown_one_is_still_named(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    break_file(sample, PROGRAMME, "        omschrijving: Einde regionaal", "        toelichting: Einde regionaal")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=None, words=[
        "2 fouten gevonden", "verplicht veld 'omschrijving' ontbreekt", "onbekend veld 'toelichting'"])


@pytest.mark.parametrize(("relative", "old", "new", "said"), [
    (PEOPLE, "    rollen: [coordinator]", "    rollen: [coördinator]",
     "ongeldige waarde 'coördinator'. Bedoelt u 'coordinator'? Kies uit: regisseur, coordinator, mosd, poho, raad."),
    (PROGRAMME, "    status: lopend", "    status: loopt",
     "ongeldige waarde 'loopt'. Bedoelt u 'lopend'? Kies uit: gepland, lopend, afgerond, vertraagd, gestopt."),
    (PROGRAMME, "    status: lopend", "    status: Klaar", "ongeldige waarde 'Klaar'. Bedoelt u 'afgerond'?"),
    (PROGRAMME, "    status: lopend", "    status: lopnd", "ongeldige waarde 'lopnd'. Bedoelt u 'lopend'?"),
])
def test_a_choice_written_with_an_accent_or_as_the_answer_page_says_it_suggests_the_choice(
        db, sample, regie, relative, old: str, new: str, said: str) -> None:  # type: ignore[no-untyped-def]
    """`rollen: [coördinator]` and `status: loopt` (the answer page's word for lopend) were refused with
    the list of choices only."""
    line = break_file(sample, relative, old, new)
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file=relative.name, line=line, words=[said])


def test_an_amount_with_a_dot_between_thousands_is_one_error_also_when_it_has_three_decimals(  # type: ignore[no-untyped-def]
        db, sample, regie) -> None:
    """`bedrag: 13.257` got the thousands message and "heeft te veel cijfers; gebruik hoogstens twee
    decimalen" for the same field: two errors for one mistake."""
    line = break_file(sample, PROGRAMME, "      - bedrag: 231907.60", "      - bedrag: 13.257")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line, words=[
        "1 fout gevonden", "'13.257' is geen duidelijk bedrag", "Schrijf 13257"])
    assert "te veel cijfers" not in outcome.err
