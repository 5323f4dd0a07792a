"""Going live after the demo (docs/livegang.md): the demo's sample people in a real data directory are
named by `regie laad`, `regie diagnose` (and `regie controle`, `regie dienst`: tried by hand); diagnose names the addresses that only work
on this machine once mail goes out for real; the importer does not tell to load a draft over a loaded
municipality; the service prints a personal link only for the demo; start.sh says at once that the
service already runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, mark_as_demo, one_database
from tests.test_import import VARIANTS


def _said(text: str) -> str:
    return " ".join(text.split())


@one_database
def test_sample_people_in_a_real_data_directory_are_named_by_laad_controle_and_diagnose(  # type: ignore[no-untyped-def]
        db, region, regie, tmp_path: Path, monkeypatch) -> None:
    loaded = regie("laad", str(region))
    said = _said(loaded.err)
    assert loaded.code == 0 and "Register geladen (Bronckhorst, Gorinchem)." in loaded.out
    assert (f"Let op: het register in deze datamap ({tmp_path / 'data'}) heeft 9 personen met een adres bij "
            "example.org, example.com of example.net, in Bronckhorst en Gorinchem. Een echte controle stuurt hun "
            "herinneringen en rapporten naar die adressen. Bronckhorst en Gorinchem zijn de voorbeeldgemeenten "
            "van de demo, en 'regie laad' verwijdert geen gemeente") in said, said
    assert f"mv {tmp_path / 'data'} {tmp_path / 'data'}-oud" in said and "docs/livegang.md" in said
    monkeypatch.setenv("COLUMNS", "250")
    found = regie("diagnose")
    assert "register │ let op │ Het register in deze datamap" in _said(found.out)
    # The demo's own data directory (start.sh marks it): the sample is expected there, nothing is said.
    mark_as_demo()
    again = regie("laad", str(region))
    assert again.code == 0 and "example.org" not in again.err, again
    assert "example.org" not in regie("diagnose").out


@one_database
def test_example_addresses_in_one_s_own_register_are_to_be_replaced(  # type: ignore[no-untyped-def]
        db, sample, regie, tmp_path: Path) -> None:
    programme = sample / "bronckhorst" / "programma-1.yaml"  # one's own register, copied from the sample
    programme.write_text(programme.read_text(encoding="utf-8").replace("gemeente: Bronckhorst", "gemeente: Zutphen"),
                         encoding="utf-8")
    said = _said(regie("laad", str(sample)).err)
    assert ("heeft 5 personen met een adres bij example.org, example.com of example.net, in Zutphen. Een echte "
            "controle stuurt hun herinneringen en rapporten naar die adressen. Vervang in personen.yaml van "
            "Zutphen die adressen door echte en laad opnieuw. Zie docs/livegang.md.") in said, said
    assert "voorbeeldgemeente" not in said and "mv " not in said


@one_database
def test_diagnose_names_the_addresses_that_only_work_here_once_mail_is_real(  # type: ignore[no-untyped-def]
        db, sample, regie, smtp, monkeypatch) -> None:
    from models.settings import Settings
    from services.operations.golive import golive_findings

    monkeypatch.setenv("COLUMNS", "300")
    assert regie("laad", str(sample)).code == 0
    said = _said(regie("diagnose").out)  # REGIE_SMTP_URL names a real server (the test's)
    for part, setting in (("antwoordpagina", "REGIE_WEB_URL"), ("Prefect-UI", "REGIE_UI_URL"),
                          ("afzender", "REGIE_AFZENDER")):
        assert f"{part} │ let op │" in said and setting in said, said
    found = dict(golive_findings(Settings()))
    assert found["antwoordpagina"].startswith(
        "de links in de berichten gaan naar http://127.0.0.1:8400/mijn/…, en dat opent alleen op deze computer, "
        "niet op de pc van een regisseur: zet REGIE_WEB_URL op het adres waarop collega's de antwoordpagina "
        "bereiken (bijvoorbeeld https://regie.gemeente.nl")
    assert found["Prefect-UI"].startswith("de links naar de Prefect-UI in de berichten gaan naar "
                                          "http://127.0.0.1:4200, en dat opent alleen op deze computer: zet "
                                          "REGIE_UI_URL op het adres waarop de coördinator de UI bereikt")
    assert found["afzender"].startswith("berichten komen van programmaregie@localhost, geen adres waarop iemand "
                                        "kan antwoorden")
    assert "zet REGIE_AFZENDER op een adres van de gemeente, bijvoorbeeld programmaregie@gemeente.nl" in \
        found["afzender"]
    monkeypatch.setenv("REGIE_WEB_URL", "https://regie.bronckhorst.nl")
    monkeypatch.setenv("REGIE_UI_URL", "https://regie-ui.bronckhorst.nl")
    monkeypatch.setenv("REGIE_AFZENDER", "programmaregie@bronckhorst.nl")
    assert golive_findings(Settings()) == []
    set_up = _said(regie("diagnose").out)
    assert "REGIE_WEB_URL" not in set_up and "REGIE_UI_URL" not in set_up and "REGIE_AFZENDER" not in set_up
    # The local mailbox (the demo, a trial): no real mail, so nothing to say about these yet.
    for name in ("REGIE_SMTP_URL", "REGIE_WEB_URL", "REGIE_UI_URL", "REGIE_AFZENDER"):
        monkeypatch.delenv(name)
    assert golive_findings(Settings()) == []


def test_the_importer_gives_the_safe_way_when_the_municipality_is_already_loaded(  # type: ignore[no-untyped-def]
        db, sample, regie, tmp_path: Path) -> None:
    source = tmp_path / "programma.txt"
    source.write_text(VARIANTS, encoding="utf-8")
    fresh = regie("importeer", str(source), "--gemeente", "Bronckhorst", "--uitvoer", str(tmp_path / "a"),
                  "--documentdatum", "2020-01-15")
    # Nothing loaded yet (no database in the data directory, and none is made for asking): load it.
    assert fresh.out.rstrip().endswith(f"Controleer de bestanden en laad ze met: regie laad {tmp_path / 'a'}")
    assert not (tmp_path / "data" / "regie.db").exists()
    assert regie("laad", str(sample)).code == 0
    other = regie("importeer", str(source), "--gemeente", "Testdorp", "--uitvoer", str(tmp_path / "b"),
                  "--documentdatum", "2020-01-15")
    assert other.out.rstrip().endswith(f"laad ze met: regie laad {tmp_path / 'b'}")
    loaded = regie("importeer", str(source), "--gemeente", "bronckhorst", "--uitvoer", str(tmp_path / "c"),
                   "--documentdatum", "2020-01-15")
    last = _said(loaded.out.rstrip().splitlines()[-1])
    assert loaded.code == 0 and last.startswith(
        "Let op: Bronckhorst staat al in het geladen register (8 actieve activiteiten). Laad "
        f"{tmp_path / 'c'} niet zoals hij is: 'regie laad' zou alles van Bronckhorst archiveren"), last
    assert "'regie exporteer MAP'" in last and "'regie laad REGISTERMAP --plan'" in last
    assert "er mag niets 'gearchiveerd' staan dat u wilt houden" in last and "laad ze met" not in last


def test_the_personal_link_is_printed_at_the_start_only_for_the_demo(  # type: ignore[no-untyped-def]
        db, sample, regie, tmp_path: Path) -> None:
    from regie.dienst import web_lines

    assert regie("laad", str(sample)).code == 0
    real = web_lines()
    assert real == ["Antwoordpagina voor regisseurs: http://127.0.0.1:8400 (een link per persoon: regie link "
                    "PERSOON)"]
    mark_as_demo()
    demo = web_lines()
    assert len(demo) == 2 and demo[1].startswith("Persoonlijke link van Regisseur programma 1 (Gezond en "
                                                 "weerbaar; regisseur-jeugd): http://127.0.0.1:8400/mijn/")


def test_start_sh_says_at_once_that_the_service_runs_and_loads_nothing(tmp_path: Path) -> None:
    from services.operations.service_state import DienstStaat, write_state

    data = tmp_path / "demo"
    # A living process whose command line names 'dienst', as `regie dienst`'s does.
    service = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "dienst"])
    try:
        write_state(data, DienstStaat(pid=service.pid, prefect_poort=4731, postvak_poort=8025,
                                      gestart_op="2026-12-01T11:05:00+00:00"))
        env = {**os.environ, "HOME": str(tmp_path / "home"), "REGIE_DATA_DIR": str(data)}
        outcome = subprocess.run([str(ROOT / "start.sh")], env=env, capture_output=True, text=True, timeout=60)
    finally:
        service.kill()
        service.wait()
    said = _said(outcome.stderr)
    assert outcome.returncode == 2, outcome
    assert (f"De dienst draait al voor deze datamap ({data}): proces {service.pid}, gestart op 1 december 2026 "
            "om 12:05. Open hem op http://127.0.0.1:4731 (de Prefect-UI).") in said, said
    assert f"stop hem eerst met Ctrl-C in het venster waarin hij draait (of met: kill {service.pid})" in said
    assert outcome.stdout == "" and not (data / "demo-register").exists() and not (data / "regie.db").exists()


def test_start_sh_uses_a_data_directory_of_its_own_and_leaves_real_data_alone(tmp_path: Path) -> None:
    script = (ROOT / "start.sh").read_text(encoding="utf-8")
    assert 'DATA_DIR=${REGIE_DATA_DIR:-$HOME/.local/share/programmaregie-demo}' in script
    assert 'export REGIE_DATA_DIR=$DATA_DIR' in script and 'REGIE_DATA_DIR=\\"$DATA_DIR\\"' in script
    real = tmp_path / "echt"
    real.mkdir()
    (real / "regie.db").write_bytes(b"")
    env = {**os.environ, "HOME": str(tmp_path / "home"), "REGIE_DATA_DIR": str(real)}
    outcome = subprocess.run([str(ROOT / "start.sh")], env=env, capture_output=True, text=True, timeout=60)
    assert outcome.returncode == 2 and f"In {real} staan al gegevens die niet van de demo zijn" in outcome.stderr
    assert sorted(p.name for p in real.iterdir()) == ["regie.db"]
