"""`regie controle --droog` plans and shows, and sends and stores nothing: it says per person what a real
run would send (bounded for a big register), and its Prefect artifacts stay off the real check's keys,
whose latest version the coordinator reads in the UI as "the" daily check."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Mailserver

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

pytestmark = pytest.mark.usefixtures("prefect")


def _artifacts() -> dict[str, list[tuple[str, str]]]:
    from prefect.client.orchestration import get_client

    found: dict[str, list[tuple[str, str]]] = {}
    with get_client(sync_client=True) as client:
        for a in client.read_artifacts():
            found.setdefault(a.key or "", []).append((str(a.flow_run_id), a.description or ""))
    return found


def test_a_dry_run_shows_who_would_get_what_and_keeps_the_real_artifacts_keys_clean(
        db, sample: Path, smtp: Mailserver, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    keys_before = {k: len(v) for k, v in _artifacts().items()}
    dry = regie("controle", "--droog", "--peildatum", "2020-06-15")
    said = " ".join(dry.out.split())
    assert dry.code == 0, dry.out + dry.err
    assert smtp.received == []
    assert "Een echte run zou nu versturen aan:" in said, said
    # per person: how many items and the first titles, most items first
    assert "- Regisseur programma 1 (Gezond en weerbaar): " in said and " punten: „" in said, said
    assert " en nog " in said
    after = _artifacts()
    for key in ("dagelijkse-controle", "dagelijkse-controle-punten"):
        assert len(after.get(key, [])) == keys_before.get(key, 0), key  # no dry run under the real key
        dry_runs = after[f"proefrun-{key}"]  # (the test server is shared: earlier tests' dry runs too)
        assert len(dry_runs) == keys_before.get(f"proefrun-{key}", 0) + 1
        assert all(d.startswith("Proefrun (niets verstuurd): ") for _, d in dry_runs)
    real = regie("controle", "--peildatum", "2020-06-15")
    assert real.code == 0 and "versturen aan" not in real.out
    after = _artifacts()
    assert len(after["dagelijkse-controle"]) == keys_before.get("dagelijkse-controle", 0) + 1
    assert all(not d.startswith("Proefrun") for _, d in after["dagelijkse-controle"])


def test_the_dry_runs_list_is_bounded() -> None:
    from regie.controle_tekst import voorbeeld

    people = [{"naam": f"Persoon [b]{i}", "punten": 40, "titels": ["Een", "Twee", "Drie"]} for i in range(10)]
    lines = voorbeeld(people, 250).splitlines()
    assert len(lines) == 1 + 1 + 10 + 1 and lines[-1] == "- en nog 240 personen"
    assert lines[2] == "- Persoon \\[b]0: 40 punten: „Een”; „Twee”; „Drie” en nog 37"  # as typed, no markup


def test_in_a_terminal_the_check_says_at_once_that_it_runs_and_in_a_pipe_not(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A trial waited 21–50 s for `regie controle --droog` without a sign of life (a temporary Prefect
    server, then the flow); in a terminal it now says at once that it runs. A pipe gets only the summary."""
    import datetime as dt
    import io

    from rich.console import Console

    import regie.common
    from regie.controle_tekst import bezig

    for terminal in (True, False):
        screen = io.StringIO()
        monkeypatch.setattr(regie.common, "err", lambda s=screen, t=terminal: Console(
            file=s, force_terminal=t, soft_wrap=True, highlight=False, markup=False))
        bezig(dt.date(2020, 6, 15), True)
        said = " ".join(screen.getvalue().split())
        if terminal:
            assert said.startswith("Dagelijkse controle maandag 15 juni 2020 (droog) loopt; zonder draaiende dienst "
                                   "start Prefect eerst een tijdelijke server"), said
        else:
            assert said == ""
