"""`regie verplaats … --door iemand` listed the keys but gave no command to copy; with a blank --reden
as well only the reason was reported (a second round for the key); and `regie gereed … --door X` did
not say that X, not the user, is in the history (named as personen.yaml names them, not by key)."""

from __future__ import annotations

from tests.conftest import Database, set_today

POH = "voortgang-pilot-jeugd-poh-soh"
MOVED = f"{POH}/collegebesluit-voortgang"


def _said(outcome) -> str:  # type: ignore[no-untyped-def]
    return " ".join(outcome.err.split())


def test_an_unknown_door_gets_the_command_as_typed_with_a_key(db: Database, sample, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    before = db.snapshot()
    refused = regie("verplaats", MOVED, "--naar", "2027-03-01", "--reden", "wachten op de raad", "--door", "iemand")
    assert refused.code == 2, refused
    assert _said(refused).endswith(
        "of zet die eenmaal in REGIE_GEBRUIKER. Bijvoorbeeld: regie verplaats "
        f"{MOVED} --naar 2027-03-01 --reden \"wachten op de raad\" --door regisseur-jeugd"), refused
    assert db.snapshot() == before


def test_a_blank_reason_and_an_unknown_door_are_told_in_one_round(db: Database, sample, regie,  # type: ignore[no-untyped-def]
                                                                   monkeypatch) -> None:
    set_today(monkeypatch, "2020-08-03")
    assert regie("laad", str(sample)).code == 0
    before = db.snapshot()
    refused = regie("verplaats", MOVED, "--naar", "2020-11-30", "--reden", " ", "--door", "iemand")
    said = _said(refused)
    assert refused.code == 2, refused
    assert said.startswith("Niet vastgelegd: geef met --reden een reden voor de nieuwe datum van mijlpaal "), said
    assert " Ook: --door 'iemand' is geen sleutel uit personen.yaml." in said
    assert said.endswith(f"Bijvoorbeeld, met beide: regie verplaats {MOVED} --naar 2020-11-30 --door "
                         "regisseur-jeugd --reden \"wachten op collegebesluit\"."), said
    assert db.snapshot() == before
    alone = _said(regie("verplaats", MOVED, "--naar", "2020-11-30", "--reden", " "))
    assert "Ook:" not in alone and alone.endswith(", bijvoorbeeld: regie verplaats "
                                                  f"{MOVED} --naar 2020-11-30 --reden \"wachten op collegebesluit\".")


def test_the_reply_says_who_recorded_it_when_door_is_someone_else(db: Database, sample, regie,  # type: ignore[no-untyped-def]
                                                                  monkeypatch) -> None:
    set_today(monkeypatch, "2020-08-03")
    assert regie("laad", str(sample)).code == 0
    done = regie("gereed", f"{POH}/evaluatie-pilot", "--datum", "2020-07-30", "--door", "coordinator-sociaal-domein")
    assert done.code == 0 and " ".join(done.out.split()) == ("Mijlpaal „Evaluatie Pilot Jeugd POH/SOH” (Voortgang Pilot Jeugd POH/SOH) is gereed op 30 juli 2020 "
                                                   "(vastgelegd door Coördinator sociaal domein)."), done
    moved = regie("verplaats", MOVED, "--naar", "2020-12-15", "--reden", "raad", "--door", "coordinator-sociaal-domein")
    assert " ".join(moved.out.split()) == "Mijlpaal „Collegebesluit over de voortgang Pilot Jeugd POH/SOH” (Voortgang Pilot Jeugd POH/SOH) verplaatst naar 15 december 2020 (vastgelegd door Coördinator sociaal domein)."
    own = regie("verplaats", MOVED, "--naar", "2020-12-16", "--reden", "raad", "--door", "regisseur-jeugd")
    assert " ".join(own.out.split()) == "Mijlpaal „Collegebesluit over de voortgang Pilot Jeugd POH/SOH” (Voortgang Pilot Jeugd POH/SOH) verplaatst naar 16 december 2020."  # the user's own key: said once
