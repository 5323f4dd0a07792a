"""The `regie` command as a user meets it: Dutch output, exit codes, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, SHARED_DOCUMENTS

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def test_status_shows_each_programme_with_next_and_overdue_milestones(db, sample, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "200")
    assert regie("laad", str(sample)).code == 0
    outcome = regie("status", "--peildatum", "2020-08-15")
    assert outcome.code == 0, outcome
    text = " ".join(outcome.out.split())
    assert "Bronckhorst · programma 1: Gezond en weerbaar" in text
    assert "peildatum zaterdag 15 augustus 2020" in text
    # The POH/SOH evaluation (medio 2020, due 31-07-2020) is late; the decision is next.
    assert "30 september 2020 Collegebesluit over de voortgang" in text
    assert "Voortgang pilot Steungezinnen" in text


def test_status_counts_overdue_milestones_but_not_past_starts(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    from services.reminders.status import programme_states

    assert regie("laad", str(sample)).code == 0
    import datetime as dt

    with db.session() as session:
        [state] = programme_states(session=session, peildatum=dt.date(2020, 8, 15))
    late = {a.sleutel: [d for d, _ in a.te_laat] for a in state.activiteiten}
    assert late["voortgang-pilot-jeugd-poh-soh"] == [dt.date(2020, 7, 31)]
    # "per 1 januari 2020" is a start: a fact once past, not something overdue.
    assert late["oab-integreren-in-sociaal-domein"] == [dt.date(2020, 3, 31)]


def test_laad_prints_a_dutch_summary_and_says_when_nothing_changed(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    first = regie("laad", str(sample))
    assert first.code == 0
    assert "Register geladen (Bronckhorst)" in first.out
    assert "activiteiten" in first.out and "toegevoegd" in first.out
    second = regie("laad", str(sample))
    assert "niets veranderd" in second.out


def test_exporteer_refuses_a_directory_with_files_unless_told(db, sample, regie, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    target = tmp_path / "uit"
    target.mkdir()
    (target / "iets.txt").write_text("bewaar mij")
    refused = regie("exporteer", str(target))
    assert refused.code == 2
    assert "niet door 'regie exporteer' zijn gemaakt" in refused.err and "iets.txt" in refused.err
    assert sorted(p.name for p in target.iterdir()) == ["iets.txt"]
    done = regie("exporteer", str(target), "--overschrijven")
    assert done.code == 0
    data = yaml.safe_load((target / "bronckhorst" / "programma-1.yaml").read_text(encoding="utf-8"))
    assert data["programma"]["titel"] == "Gezond en weerbaar"
    assert (target / "iets.txt").read_text() == "bewaar mij"


def test_exporteer_of_an_empty_database_says_to_load_first(db, regie, tmp_path) -> None:  # type: ignore[no-untyped-def]
    outcome = regie("exporteer", str(tmp_path / "leeg"))
    assert outcome.code == 2
    assert "Laad eerst een register" in outcome.err


def test_a_mistyped_verb_or_date_gets_a_dutch_hint(db, regie) -> None:  # type: ignore[no-untyped-def]
    verb = regie("stauts")
    assert verb.code == 2
    assert "Onbekende opdracht 'stauts'. Bedoelt u 'status'?" in verb.err
    # a date written the Dutch way is read, as the answer page reads it (tests/test_voortgang_invoer.py)
    date = regie("status", "--peildatum", "15-06-2020")
    assert "--peildatum" not in date.err, date
    moved = regie("verplaats", "a/b", "--naar", "30-9-2020", "--reden", "later")
    # read, then refused for what the empty database lacks (regie/geen_register.py), not for the date
    assert moved.code == 2 and "--naar" not in moved.err and "Laad eerst een register" in moved.err, moved
    wrong = regie("verplaats", "a/b", "--naar", "31-9-2020", "--reden", "later")
    assert wrong.code == 2 and "--naar" in wrong.err and "Laad eerst" not in wrong.err, wrong
    impossible = regie("status", "--peildatum", "31-06-2020")
    assert impossible.code == 2 and "bijvoorbeeld 2020-06-30, 30-06-2020 of 30 juni 2020 (juni 2020 heeft 30 dagen);" \
        in " ".join(impossible.err.split()), impossible


def test_help_is_in_dutch(regie) -> None:  # type: ignore[no-untyped-def]
    outcome = regie("--help")
    assert outcome.code == 0
    for word in ("Opdrachten", "laad", "exporteer", "status", "Laad een register in de database"):
        assert word in outcome.out


def test_gemeente_says_what_it_does_for_reports_and_calendars(regie) -> None:  # type: ignore[no-untyped-def]
    """`regie rapport --help` said '--gemeente: de gemeente, als de id in meer gemeenten voorkomt' for a
    command that takes no id: there it limits the reports to one municipality."""
    said = " ".join(regie("rapport", "--help").out.replace("│", " ").split())
    assert "Alleen voor deze gemeente (standaard: elke gemeente in het register)." in said
    assert "als de id" not in said
    said = " ".join(regie("agenda", "--help").out.replace("│", " ").split())
    assert "De gemeente, als de sleutel in meer gemeenten voorkomt." in said


def test_an_unreachable_database_is_reported_without_its_password(regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("REGIE_DATABASE_URL",
                       "postgresql+psycopg://regie:geheim-wachtwoord@127.0.0.1:1/regie?connect_timeout=2")
    outcome = regie("status")
    assert outcome.code == 1
    assert "De database is niet bereikbaar" in outcome.err
    assert "geheim-wachtwoord" not in outcome.err + outcome.out
    assert "Traceback" not in outcome.err


def test_the_installed_regie_command_exits_2_on_bad_input(tmp_path: Path) -> None:
    register = tmp_path / "kapot"
    register.mkdir()
    (register / "personen.yaml").write_text("personen: [\n", encoding="utf-8")
    (register / "programma-1.yaml").write_text("gemeente: X\n", encoding="utf-8")
    env = {**os.environ, "REGIE_DATA_DIR": str(tmp_path / "data")}
    env.pop("REGIE_DATABASE_URL", None)
    regie = Path(sys.executable).parent / "regie"
    result = subprocess.run([str(regie), "laad", str(register)], capture_output=True, text=True,
                            env=env, cwd=ROOT, timeout=120)
    assert result.returncode == 2
    assert "kapot/personen.yaml, regel 2" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("setting", "value", "said"), [
    ("REGIE_VANDAAG", "18-06-2020", "De instelling REGIE_VANDAAG is niet te lezen: '18-06-2020'. Schrijf een "
                                    "datum als JJJJ-MM-DD, dus 2020-06-18."),
    ("REGIE_VANDAAG", "morgen", "De instelling REGIE_VANDAAG is niet te lezen: 'morgen'. Schrijf een datum als "
                                "JJJJ-MM-DD, bijvoorbeeld 2020-06-18."),
    ("REGIE_VANDAAG", "2022-02-30", "De instelling REGIE_VANDAAG is niet te lezen: '2022-02-30'. Schrijf een "
                                    "datum als JJJJ-MM-DD, bijvoorbeeld 2022-02-28 (februari 2022 heeft 28 dagen)."),
    ("REGIE_WEB_POORT", "84OO", "De instelling REGIE_WEB_POORT is niet te lezen: '84OO'. Schrijf een geheel "
                                "getal, bijvoorbeeld 8400."),
    ("REGIE_SLUITINGSDAGEN", "[2020", "De instelling REGIE_SLUITINGSDAGEN is niet te lezen. Schrijf data als "
                                      "JJJJ-MM-DD, gescheiden door komma's, bijvoorbeeld 2020-06-17, 2020-12-24."),
    ("REGIE_REGELS", "{x", "De instelling REGIE_REGELS is niet te lezen: schrijf geldige JSON (zie "
                           "docs/operations.md)."),  # before: 'Interne fout (SettingsError)'
    ("REGIE_SLUITINGSDAGEN", "2020-06-17, 2020-12-24", None),  # before: 'Interne fout (SettingsError)'
    ("REGIE_VANDAAG", "", None),  # empty is unset, as a user unsets it ('REGIE_VANDAAG= regie status')
])
def test_a_setting_written_wrong_is_named_with_what_to_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            regie, setting: str, value: str,  # type: ignore[no-untyped-def]
                                                            said: str | None) -> None:
    """Before: 'Interne fout (ValidationError)' for every command, also for PEILDATUM=01-09-2020 ./start.sh.
    The settings are read when a command starts, in-process as in a process of its own (the installed
    command's own process: the test below)."""
    monkeypatch.setenv("REGIE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("REGIE_DATABASE_URL", raising=False)
    monkeypatch.setenv(setting, value)
    result = regie("status")
    if said is None:
        assert "instelling" not in result.err, result
        # It names the database it looked in: a new terminal without REGIE_DATA_DIR looks elsewhere.
        assert f"Geen programma's gevonden in de database sqlite:///{tmp_path}/data/regie.db." in \
            " ".join(result.err.split()), result
        return
    assert result.code == 2 and " ".join(result.err.split()) == said, result.err
    assert "Interne fout" not in result.err and "Traceback" not in result.err


def test_a_setting_written_wrong_stops_the_installed_command_in_its_own_process(tmp_path: Path) -> None:
    """The installed `regie`, started as a user starts it, with a setting it cannot read."""
    env = {**os.environ, "REGIE_DATA_DIR": str(tmp_path / "data"), "REGIE_VANDAAG": "18-06-2020"}
    env.pop("REGIE_DATABASE_URL", None)
    regie = Path(sys.executable).parent / "regie"
    result = subprocess.run([str(regie), "status"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert result.returncode == 2, result
    assert " ".join(result.stderr.split()).startswith("De instelling REGIE_VANDAAG is niet te lezen: '18-06-2020'.")
    assert "Interne fout" not in result.stderr and "Traceback" not in result.stderr


def test_the_sample_register_matches_the_bronckhorst_document(shared_documents: Path) -> None:
    """Titles, line ranges, amounts and date phrases in the sample are the document's facts."""
    document = (shared_documents / "bronckhorst-uitvoeringsprogrammas-2019-2022-programma-1-3.txt")
    lines = document.read_text(encoding="utf-8").splitlines()
    sample = yaml.safe_load((ROOT / "register/voorbeeld/bronckhorst/programma-1.yaml").read_text(encoding="utf-8"))
    cards = [a for a in sample["activiteiten"] if not a["id"].startswith("versterking-")]
    assert len(cards) == 6
    normalise = lambda s: " ".join(s.replace("’", "'").split()).lower()  # noqa: E731
    for activity in sample["activiteiten"]:
        first, last = activity["bronregels"]
        block = normalise(" ".join(lines[first - 1:last]))
        if activity in cards:
            assert normalise(activity["titel"]) in block, activity["id"]
        for milestone in activity.get("mijlpalen", []):
            assert normalise(milestone["bron"]) in block, (activity["id"], milestone["bron"])
        for amount in activity.get("bedragen", []):
            assert normalise(amount["bron"]) in block, (activity["id"], amount["bron"])
    assert SHARED_DOCUMENTS.is_dir()
