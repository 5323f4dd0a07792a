"""Progress from the regisseurs on the command line: answers, history, and what the daily check does with them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select

from tests.conftest import Database, set_today

POH = "voortgang-pilot-jeugd-poh-soh"


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")

AFSPRAKEN = "uitvoeringsstrategie-rijkere-visie-op-onderwijs/uitvoeringsafspraken-alle-themas"


def _plan(db: Database, day: dt.date):  # type: ignore[no-untyped-def]
    from domain.rules.regels import plan
    from domain.werkdagen import Werkdagen
    from models.settings import get_settings
    from services.reminders.daily_check import collect_facts

    with db.session() as session:
        facts = collect_facts(session=session)
    return plan(facts.activiteiten, peildatum=day, regels=get_settings().regels, werkdagen=Werkdagen(),
                coordinatoren=facts.coordinatoren)


def _retitle_the_card(sample: Path) -> tuple[Path, Any, Any]:
    """Someone edits the card's title in the file (the activity changes), not its dates; the file,
    its data and the card, for further edits."""
    from services.register.exporting import dump_yaml

    path = sample / "bronckhorst" / "programma-1.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    [card] = [a for a in data["activiteiten"] if a["id"] == POH]
    card["titel"] = "Voortgang Pilot Jeugd POH/SOH (bijgewerkt)"
    path.write_text(dump_yaml(data, "bewerkt"), encoding="utf-8")
    return path, data, card


def test_a_milestone_marked_done_raises_no_more_reminders_and_shows_in_the_history(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    before = [h.wat for h in _plan(db, dt.date(2020, 7, 31))]
    assert "Evaluatie Pilot Jeugd POH/SOH" in before
    done = regie("gereed", f"{POH}/evaluatie-pilot", "--datum", "2020-07-20", "--door", "regisseur-jeugd")
    assert done.code == 0, done
    assert "Evaluatie Pilot Jeugd POH/SOH" not in [h.wat for h in _plan(db, dt.date(2020, 7, 31))]
    history = regie("geschiedenis", POH)
    text = " ".join(history.out.split())
    assert "regisseur-jeugd" in text and "„Evaluatie Pilot Jeugd POH/SOH” · gereed: — → 20 juli 2020" in text
    assert "toegevoegd met" in text  # the load is in the history too


def test_a_moved_date_re_arms_and_the_history_keeps_old_new_and_reason(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    moved = regie("verplaats", AFSPRAKEN, "--naar", "2020-09-30", "--reden", "Thema duurzaamheid schuift door")
    assert moved.code == 0, moved
    planned = [h for h in _plan(db, dt.date(2020, 9, 16)) if h.wat.startswith("Uitvoeringsafspraken")]
    assert [(h.regel, h.fase, h.vervaldatum) for h in planned] == [("vooraf", "14d", dt.date(2020, 9, 30))]
    text = " ".join(regie("geschiedenis", "uitvoeringsstrategie-rijkere-visie-op-onderwijs").out.split())
    assert "„Uitvoeringsafspraken voor alle thema's gemaakt” · uiterlijk: 31 mei 2020 → 30 september 2020" in text, text
    assert "Thema duurzaamheid schuift door" in text


def test_a_moved_date_is_no_longer_explained_by_the_register_s_words_in_the_mail_or_the_agenda(  # type: ignore[no-untyped-def]
        db, sample, regie, monkeypatch) -> None:
    """Moved from 31 May to 30 September, the digest said "uiterlijk 30 september 2020" over "Uit het
    register: “in het voorjaar 2020”", and the agenda item the same: the register's words described the
    old date. A date a person set has no register words; a reload that sets the date again has."""
    assert regie("laad", str(sample)).code == 0
    before = [h.bron for h in _plan(db, dt.date(2020, 5, 18)) if h.wat.startswith("Uitvoeringsafspraken")]
    assert before and set(before) == {"in het voorjaar 2020"}
    def agenda() -> str:  # the feed's lines unfolded (RFC 5545 folds them at 75 octets)
        return regie("agenda", "--persoon", "beleid-onderwijs").out.replace("\r\n ", "").replace("\n ", "")

    assert "Uit het register: “in het voorjaar 2020”" in agenda()
    set_today(monkeypatch, "2020-09-01")
    assert regie("verplaats", AFSPRAKEN, "--naar", "2020-09-30", "--reden", "Thema schuift door").code == 0
    planned = [h for h in _plan(db, dt.date(2020, 9, 16)) if h.wat.startswith("Uitvoeringsafspraken")]
    assert planned and [h.bron for h in planned] == [None]
    assert "in het voorjaar 2020" not in agenda() and "Uitvoeringsafspraken" in agenda()


def test_a_progress_update_resets_the_stale_progress_clock(db, sample, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    # loaded today (the project clock, 23 November 2026): stale six weeks later, not on the day itself
    assert not [h for h in _plan(db, dt.date(2026, 11, 23)) if h.regel == "stilstand"]
    stale = [h.activiteit for h in _plan(db, dt.date(2027, 1, 4)) if h.regel == "stilstand"]
    assert "Voortgang Pilot Jeugd POH/SOH" in stale
    set_today(monkeypatch, "2026-12-14")  # an update three weeks after the load
    assert regie("voortgang", POH, "--koers", "risico", "--tekst", "Evaluatie loopt uit", "--besteed",
                 "120.000,50").code == 0
    stale = [h.activiteit for h in _plan(db, dt.date(2027, 1, 4)) if h.regel == "stilstand"]
    assert "Voortgang Pilot Jeugd POH/SOH" not in stale


def test_bad_answers_get_a_dutch_message_and_change_nothing(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    from models.tables import Change, ProgressUpdate

    assert regie("laad", str(sample)).code == 0
    snapshot = db.snapshot()
    cases = [
        (("gereed", f"{POH}/evaluatie-pilot", "--datum", "2099-01-01"), "gereed op 1 januari 2099 ligt in de toekomst (vandaag is"),
        (("gereed", f"{POH}/bestaat-niet"), "bestaat niet"),
        (("gereed", "evaluatie-pilot"), "meer dan één activiteit"),
        (("verplaats", AFSPRAKEN, "--naar", "2020-01-01", "--reden", " "), "de nieuwe datum 1 januari 2020 ligt in het verleden"),
        (("voortgang", POH, "--besteed", "-5"), "negatief"),
        (("voortgang", POH, "--koers", "prima"), "op koers, risico of achter"),
        (("voortgang", "bestaat-niet", "--tekst", "x"), "bestaat niet"),
        (("voortgang", POH), "geef minstens één"),
        (("voortgang", POH, "--besteed", "veel"), "--besteed 'veel' is geen bedrag"),
        (("voortgang", POH, "--jaar", "2020", "--tekst", "x"), "--jaar hoort bij --besteed"),
        (("voortgang", POH, "--tekst", "x", "--gemeente", "Atlantis"), "geen gemeente gevonden met de naam"),
        (("gereed", f"{POH}/evaluatie-pilot", "--datum", "31-07-20"), "--datum '31-07-20' is geen datum"),
        (("gereed", f"{POH}/evaluatie-pilot", "--gemeente", "Atlantis"), "geen gemeente gevonden"),
        (("verplaats", AFSPRAKEN, "--naar", "2020-13-01", "--reden", "x"), "--naar '2020-13-01' is geen datum"),
        (("verplaats", f"{POH}/bestaat-niet", "--naar", "2027-01-01", "--reden", "x"), "bestaat niet"),
        (("meting", "x/y", "--waarde", "1"), "indicator 'x/y' bestaat niet"),
        (("meting", "x/y", "--waarde", "1", "--datum", "eergisteren"), "--datum 'eergisteren' is geen datum"),
    ]
    for args, words in cases:  # every refusal of the four answering commands says so the same way
        outcome = regie(*args)
        said = " ".join(outcome.err.split())
        assert outcome.code == 2, (args, outcome)
        assert said.startswith("Niet vastgelegd: ") and said.count("Niet vastgelegd") == 1, (args, said)
        assert words in said and "Traceback" not in said, (args, said)
    assert db.snapshot() == snapshot
    with db.session() as session:
        assert session.scalars(select(ProgressUpdate)).all() == []
        assert all(c.bron == "laad" for c in session.scalars(select(Change)))


def test_door_takes_a_person_key_and_refuses_an_unknown_one_with_the_nearest(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    """--door is a key from personen.yaml (its help says so): 'piet' once went into the history as
    free text. A coordinator records with their own key; without --door the history names
    REGIE_GEBRUIKER."""
    from models.tables import Change

    assert regie("laad", str(sample)).code == 0
    snapshot = db.snapshot()
    for args in (("voortgang", POH, "--tekst", "x"), ("gereed", f"{POH}/evaluatie-pilot", "--datum", "2020-07-20"),
                 ("verplaats", AFSPRAKEN, "--naar", "2020-09-30", "--reden", "later"),
                 ("meting", "x/y", "--waarde", "1")):
        for door, hint in (("piet", " Sleutels in personen.yaml: 'beleid-onderwijs', 'coordinator-sociaal-domein', 'mosd-secretariaat', 'poho-sociaal' en 'regisseur-jeugd'."), ("regisseur-jeug", " Bedoelt u 'regisseur-jeugd'?"),
                           ("coordinator", " 'coordinator' is een rol, geen persoon; met die rol: 'coordinator-sociaal-domein'.")):
            outcome = regie(*args, "--door", door)
            said = " ".join(outcome.err.split())
            assert outcome.code == 2, (args, door, outcome)
            assert f"Niet vastgelegd: --door '{door}' is geen sleutel uit personen.yaml.{hint} Geef uw eigen " \
                   "sleutel" in said, (args, door, said)
            assert "Bedoelt u" not in hint or "Sleutels in" not in said
    assert db.snapshot() == snapshot
    assert regie("voortgang", POH, "--tekst", "Gebeld met de regisseur", "--door", "coordinator-sociaal-domein").code == 0
    with db.session() as session:
        assert [c.door for c in session.scalars(select(Change).where(Change.bron == "opdracht"))] == [
            "coordinator-sociaal-domein"]


def test_a_mistyped_activity_or_milestone_id_gets_the_nearest_and_where_ids_are_shown(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    """'Gebruik de id uit het registerbestand (zie regie status)' sent the user to a table that shows
    titles only: the message now names the nearest id and where ids stand (the register's 'id:' lines,
    the Id column of regie overzicht); nothing is recorded."""
    assert regie("laad", str(sample)).code == 0
    snapshot = db.snapshot()
    door = ("--door", "coordinator-sociaal-domein")
    for args, said in (
            (("voortgang", "voortgang-pilot-jeugd-poh", "--tekst", "x", *door),
             f"activiteit 'voortgang-pilot-jeugd-poh' bestaat niet (of is gearchiveerd). Bedoelt u '{POH}'? "
             "Gebruik de id van de activiteit: de regel 'id:' in het registerbestand, of de kolom Id van "
             "'regie overzicht'."),
            (("geschiedenis", "voortgang-pilot-jeugd-poh"),
             f"Activiteit 'voortgang-pilot-jeugd-poh' bestaat niet, ook niet in het archief. Bedoelt u '{POH}'?"),
            (("gereed", "voortgang-pilot-jeugd-poh/evaluatie-pilot", *door),
             f"mijlpaal 'voortgang-pilot-jeugd-poh/evaluatie-pilot' bestaat niet. Bedoelt u '{POH}/evaluatie-pilot'?"),
            (("voortgang", "zzz", "--tekst", "x", *door), "activiteit 'zzz' bestaat niet (of is gearchiveerd). Gebruik"),
            # as `regie voortgang` does for an activity: the milestone alone, or after a shortened activity
            (("gereed", "evaluatie-pilott", *door),
             f"mijlpaal 'evaluatie-pilott' bestaat niet. Bedoelt u '{POH}/evaluatie-pilot' of "
             "'voortgang-pilot-steungezinnen/evaluatie-pilot'?"),
            (("gereed", "poh/evaluatie-pilot", *door),
             f"mijlpaal 'poh/evaluatie-pilot' bestaat niet. Bedoelt u '{POH}/evaluatie-pilot'?"),
    ):
        outcome = regie(*args)
        assert outcome.code == 2 and said in " ".join(outcome.err.split()), (args, outcome)
        assert "regie status" not in outcome.err
    assert db.snapshot() == snapshot


def test_an_answer_survives_a_reload_and_the_export_holds_the_current_state(db, sample, regie, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]

    assert regie("laad", str(sample)).code == 0
    assert regie("gereed", f"{POH}/evaluatie-pilot", "--datum", "2020-07-20").code == 0
    assert regie("verplaats", f"{POH}/collegebesluit-voortgang", "--naar", "2020-10-31", "--reden", "Raad later").code == 0
    # Someone edits the card's text in the file (the activity changes) but not the dates.
    _retitle_the_card(sample)
    assert regie("laad", str(sample)).code == 0
    assert regie("exporteer", str(tmp_path / "export")).code == 0
    exported = yaml.safe_load((tmp_path / "export" / "bronckhorst" / "programma-1.yaml").read_text(encoding="utf-8"))
    [card] = [a for a in exported["activiteiten"] if a["id"] == POH]
    milestones = {m["id"]: m for m in card["mijlpalen"]}
    assert str(milestones["evaluatie-pilot"]["gereed"]) == "2020-07-20"
    assert str(milestones["collegebesluit-voortgang"]["uiterlijk"]) == "2020-10-31"
    assert card["titel"].endswith("(bijgewerkt)")
    text = " ".join(regie("geschiedenis", POH).out.split())
    assert "titel" in text and "(bijgewerkt)" in text


def test_a_date_moved_into_the_past_is_recorded_with_a_warning_that_names_the_fix(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    """A past date with a reason is meaningful (docs/progress.md: refused only without a reason; the rules
    handle a date moved into the past), but typed on the command line it is most often a typo: the move
    is recorded and the terminal says the date is in the past (by the project's clock) and how to move
    it again. A date from today on says nothing more."""
    from models.tables import Milestone

    assert regie("laad", str(sample)).code == 0
    past = regie("verplaats", AFSPRAKEN, "--naar", "2026-11-02", "--reden", "Afgesproken in het MT")
    said = " ".join(past.err.split())
    assert past.code == 0 and "verplaatst naar 2 november 2026" in past.out, past
    assert "Let op: 2 november 2026 ligt in het verleden (vandaag is 23 november 2026)" in said, said
    assert f"verplaats hem dan opnieuw met een datum vanaf vandaag: regie verplaats {AFSPRAKEN} --naar " \
           "JJJJ-MM-DD" in said and "Traceback" not in said
    for day in ("2026-11-23", "2027-01-31"):
        later = regie("verplaats", AFSPRAKEN, "--naar", day, "--reden", "Toch later")
        assert later.code == 0 and later.err == "", later
    with db.session() as session:
        assert str(session.scalars(select(Milestone.uiterlijk).where(
            Milestone.sleutel == "uitvoeringsafspraken-alle-themas")).one()) == "2027-01-31"


def test_a_date_a_person_moves_is_certain_in_the_check_and_the_export_and_stays_so_on_a_reload(  # type: ignore[no-untyped-def]
        db, sample, regie, tmp_path: Path) -> None:
    """'zeker: false' says the importer guessed; a date a person set (regie verplaats, the answer page:
    both through services/checkins/progress.py) is certain, so the reminders stop saying "datum
    onzeker", the export writes 'zeker: true', and a reload of the unchanged file keeps it. A file that
    later gives another date is the register's word again."""
    from services.register.exporting import dump_yaml

    guessed = f"{POH}/evaluatie-pilot-eind-2020"
    assert regie("laad", str(sample)).code == 0

    def facts() -> tuple[bool, bool]:  # (the daily check's fact, which the rules and report read; the export)
        from services.reminders.daily_check import collect_facts

        with db.session() as session:
            [fact] = [m for a in collect_facts(session=session).activiteiten for m in a.mijlpalen
                      if m.omschrijving.endswith("(volgens kosten/baten)")]
        export = tmp_path / f"export-{len(list(tmp_path.iterdir()))}"
        assert regie("exporteer", str(export)).code == 0
        data = yaml.safe_load((export / "bronckhorst" / "programma-1.yaml").read_text(encoding="utf-8"))
        [card] = [a for a in data["activiteiten"] if a["id"] == POH]
        [milestone] = [m for m in card["mijlpalen"] if m["id"] == "evaluatie-pilot-eind-2020"]
        return fact.zeker, milestone.get("zeker", True)

    assert facts() == (False, False)
    assert regie("verplaats", guessed, "--naar", "2021-01-31", "--reden", "Bevestigd door de regisseur").code == 0
    assert facts() == (True, True)
    text = " ".join(regie("geschiedenis", POH).out.split())
    assert "„Evaluatie Pilot Jeugd POH/SOH (volgens kosten/baten)” · zeker" in text and "nee" in text, text
    # The file is edited elsewhere (the activity changes, its milestones are synced) and reloaded.
    path, data, card = _retitle_the_card(sample)
    assert regie("laad", str(sample)).code == 0
    assert facts() == (True, True)
    [milestone] = [m for m in card["mijlpalen"] if m["id"] == "evaluatie-pilot-eind-2020"]
    milestone["uiterlijk"] = dt.date(2021, 1, 15)  # another guess in the file: the file's word again
    path.write_text(dump_yaml(data, "bewerkt"), encoding="utf-8")
    assert regie("laad", str(sample)).code == 0
    assert facts() == (False, False)


def test_the_history_writes_the_koers_as_the_report_does(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    """An answer "op koers" on the answer page showed in `regie geschiedenis` as "voortgang: op-koers",
    the stored code, where the report, the answer page and the mail write "op koers"."""
    assert regie("laad", str(sample)).code == 0
    assert regie("voortgang", POH, "--koers", "op-koers", "--tekst", "Evaluatie loopt").code == 0
    text = " ".join(regie("geschiedenis", POH).out.split())
    assert "voortgang: op koers · Evaluatie loopt" in text and "op-koers" not in text, text
