"""`regie importeer` on what a fourth new user's trial found (1 December 2026, documentdatum 1 June
2026): "Rond de jaarwisseling 2026-2027 is de aanbesteding afgerond" gave no milestone and no remark,
the remark "Soort 'overig' is geraden" stood on every activity without saying it was the activity's
soort, "vastgesteld door het college" was no besluit, and "loopt tot …" left an ongoing activity
gepland. Sentences written for this test (docs/importer.md), in several variants each."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.documents.monitoring import raad_soort
from domain.documents.tijdpad import lees_tijdpad
from domain.documents.tijdwoorden import soort_van
from tests.test_import import _programmes

D = dt.date(2026, 6, 1)


def _read(text: str, d: dt.date = D):  # type: ignore[no-untyped-def]
    return lees_tijdpad(text, veld="tijdpad", documentdatum=d)


@pytest.mark.parametrize(("text", "vroegst", "uiterlijk"), [
    ("Rond de jaarwisseling 2026-2027 is de aanbesteding jeugdhulp afgerond.",
     dt.date(2026, 12, 15), dt.date(2027, 1, 15)),
    ("Rondom de jaarwisseling 2026/27 leveren we het plan op.", dt.date(2026, 12, 15), dt.date(2027, 1, 15)),
    ("Tijdens de jaarwisseling van 2026-2027 evalueren we de aanpak.",
     dt.date(2026, 12, 15), dt.date(2027, 1, 15)),
    ("Vóór de jaarwisseling 2026 is het plan klaar.", dt.date(2026, 12, 15), dt.date(2026, 12, 31)),
    ("Voor de jaarwisseling leveren we het werkplan op.", dt.date(2026, 12, 15), dt.date(2026, 12, 31)),
    ("Na de jaarwisseling 2026-2027 evalueren we.", dt.date(2027, 1, 1), dt.date(2027, 1, 31)),
    ("Na de jaarwisseling 2026 wordt het plan uitgerold.", dt.date(2027, 1, 1), dt.date(2027, 1, 31)),
    ("De pilot loopt tot de jaarwisseling 2026-2027.", dt.date(2026, 12, 31), dt.date(2026, 12, 31)),
])
def test_the_turn_of_the_year_is_an_estimate_with_a_remark(text: str, vroegst: dt.date,
                                                             uiterlijk: dt.date) -> None:
    lezing = _read(text)
    [m] = lezing.mijlpalen
    assert (m.vroegst, m.uiterlijk, m.zeker) == (vroegst, uiterlijk, False)
    assert m.opmerking and "jaarwisseling" in m.opmerking and "schatting" in m.opmerking
    assert m.opmerking in lezing.opmerkingen and not lezing.gereed and not lezing.onleesbaar


def test_the_turn_of_the_year_in_the_future_perfect_is_a_deadline_not_done() -> None:
    [m] = _read("Jeugdhulp: Rond de jaarwisseling 2026-2027 is de aanbesteding jeugdhulp afgerond.").mijlpalen
    assert m.soort == "oplevering" and m.bron == "Rond de jaarwisseling 2026-2027"
    assert "15-12-2026 t/m 15-01-2027" in (m.opmerking or "")


@pytest.mark.parametrize("text", [
    "Rond de jaarwisseling 2026-2028 is de aanbesteding afgerond.",  # no turn of one year
    "Het jaar 2027 staat in het teken van borging.",
    "Het werkplan 2020 is vastgesteld.",
    "Het beleidsplan 2023-2026 wordt uitgevoerd.",
])
def test_a_tijdpad_sentence_with_a_year_and_no_date_is_flagged(text: str) -> None:
    lezing = _read(text)
    assert not lezing.mijlpalen and not lezing.gereed
    assert lezing.onleesbaar == [text]


@pytest.mark.parametrize("text", [
    "We vieren de jaarwisseling met de vrijwilligers.",   # no year: the old remark
    "In 2026 is € 40.000 beschikbaar voor de aanpak.",      # money: no milestone meant
])
def test_no_year_remark_without_a_year_or_for_money(text: str) -> None:
    lezing = _read(text)
    assert not lezing.mijlpalen
    assert all("2026" not in p for p in lezing.onleesbaar)


@pytest.mark.parametrize("item", [
    "De nota wordt uiterlijk Q3 2026 vastgesteld door het college.",
    "Uiterlijk Q3 2026 vastgesteld door de raad.",
    "Vaststelling van het beleidsplan in Q3 2026.",
    "In Q3 2026 stelt de raad de nota vast.",
    "We leggen het plan in Q3 2026 ter vaststelling voor.",
    "Het college besluit in Q3 2026 over de nota.",
])
def test_adoption_by_college_or_raad_is_a_besluit(item: str) -> None:
    assert soort_van(item) == "besluit"
    [m] = _read(item).mijlpalen
    assert m.soort == "besluit"


@pytest.mark.parametrize(("item", "soort"), [
    ("In 2026 monitoren we het beleidsplan 2024-2027 (vastgesteld door de raad in oktober 2023).",
     "rapportage"),
    ("Aanvraag tot vaststelling van de subsidie vóór 1 april 2027.", "verantwoording"),
    ("Vaststelling van de subsidie in 2027.", "verantwoording"),
])
def test_a_besluit_word_said_of_something_else_does_not_make_a_besluit(item: str, soort: str) -> None:
    assert soort_van(item) == soort


@pytest.mark.parametrize(("text", "lopend"), [
    ("Loopt tot 31 december 2027.", True),
    ("De regeling loopt door tot eind 2027.", True),
    ("De pilot loopt sinds 2025 tot 2027.", True),
    ("De inzet is structureel, in ieder geval tot 2028.", True),
    ("De pilot loopt van 1 september 2026 tot 2027.", False),   # starts after the document date
    ("De pilot loopt in 2027.", False),
    ("De pilot loopt af op 1 maart 2026.", False),               # ended before it
    ("Evaluatie in maart 2027.", False),                         # no word of something ongoing
])
def test_loopt_gives_lopend_when_the_activity_runs_on_the_document_date(text: str, lopend: bool) -> None:
    assert _read(text).lopend is lopend


def test_the_activity_soort_remark_says_it_is_the_activitys_and_why() -> None:
    assert raad_soort("Buurtsportcoach", "Inzet van coaches.") == ("overig", (
        "Soort van de activiteit: de tekst noemt geen project, pilot, onderzoek, subsidie of regulier werk; "
        "'overig' ingevuld. Vul bij 'soort' de juiste in als die er is."))
    soort, remark = raad_soort("Buurtsportcoach", "Een pilot binnen het project sport.")
    assert soort == "pilot" and remark == ("Soort van de activiteit: 'pilot' gekozen, maar de tekst past "
                                           "ook bij een project; controleer 'soort'.")
    assert raad_soort("Pilot steungezinnen", "Een project.") == ("pilot", None)
    assert raad_soort("Steungezinnen", "Een onderzoek naar steungezinnen.") == ("onderzoek", None)


TRIAL = (
    "Activiteit Aanbesteding jeugdhulp |\n|\nToelichting Regionale inkoop van jeugdhulp. |\n"
    "Tijdpad Jeugdhulp: Rond de jaarwisseling 2026-2027 is de aanbesteding jeugdhulp afgerond. |\n\n"
    "Activiteit Beleidsnota sociaal domein |\n|\nToelichting De nieuwe nota. |\n"
    "Tijdpad De nota wordt uiterlijk Q3 2026 vastgesteld door het college. |\n\n"
    "Activiteit Buurtsportcoach |\n|\nToelichting Inzet van buurtsportcoaches in de wijken. |\n"
    "Tijdpad Loopt tot 31 december 2027. Evaluatie in maart 2027. |\n\n"
    "Activiteit Wijkteams |\n|\nToelichting Versterking van de wijkteams. |\n"
    "Tijdpad Eind 2026 volgt een plan. Het jaar 2027 staat in het teken van borging. |\n")


def test_the_trial_document_through_the_command(tmp_path, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "250")  # one line per milestone (xdist's console is 80 wide)
    source = tmp_path / "kaarten.txt"
    source.write_text(TRIAL, encoding="utf-8")
    out = tmp_path / "out"
    done = regie("importeer", str(source), "--gemeente", "Testdorp", "--uitvoer", str(out),
                 "--documentdatum", "2026-06-01", "--verslag")
    assert done.code == 0, done
    assert ("  • Aanbesteding jeugdhulp · 'Rond de jaarwisseling 2026-2027' → 15-12-2026 t/m 15-01-2027"
            in done.out)
    assert "  • Beleidsnota sociaal domein · 'uiterlijk Q3 2026' → 30-09-2026 (besluit-2026-09)" in done.out
    assert "  • Wijkteams · tijdpad: Het jaar 2027 staat in het teken van borging." in done.out
    [programme] = _programmes(out).values()
    found = {a["titel"]: a for a in programme["activiteiten"]}
    assert found["Aanbesteding jeugdhulp"]["status"] == "gepland"
    assert [m["soort"] for m in found["Aanbesteding jeugdhulp"]["mijlpalen"]] == ["oplevering"]
    assert found["Buurtsportcoach"]["status"] == "lopend"
    assert ("'Het jaar 2027 staat in het teken van borging.' (tijdpad) bevat een jaartal maar geen datum die "
            "programmaregie kan lezen: vul de mijlpaal zelf in.") in found["Wijkteams"]["opmerkingen"]
    # The remark on a milestone of kind overig names the milestone; none on a besluit, evaluatie or einde.
    assert ("Mijlpaal 'Eind 2026' (tijdpad): de tekst zegt niet of dit een besluit, evaluatie, oplevering, "
            "start of einde is; soort 'overig' ingevuld, kies de juiste.") in found["Wijkteams"]["opmerkingen"]
    for title in ("Aanbesteding jeugdhulp", "Beleidsnota sociaal domein", "Buurtsportcoach"):
        remarks = found[title]["opmerkingen"]
        assert not [r for r in remarks if r.startswith("Mijlpaal '") and "'overig'" in r], remarks
        assert not [r for r in remarks if "is geraden uit de tekst" in r], remarks
        assert [r for r in remarks if r.startswith("Soort van de activiteit:")], remarks
