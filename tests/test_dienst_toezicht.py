"""`regie dienst` as its operator sees it: the state file's start time is the real moment (also on
the demo's day), a process of the service that dies stops the service with a Dutch message, and
`--eenmalig` says that its addresses last only as long as its cycle and what remains after it."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import free_port, set_today


def test_the_state_file_records_the_real_start_time_also_on_the_demo_day(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from regie.dienst import started
    from services.operations.service_state import read_state

    set_today(monkeypatch, "2020-06-18")  # the demo's one clock: flows see that day
    data = tmp_path / "data"
    with started(data, prefect=free_port(), postvak=None):
        staat = read_state(data)
    now = dt.datetime.now(dt.UTC)  # the real clock, read by the test itself
    assert staat is not None
    assert staat.gestart.utcoffset() == dt.timedelta(0)  # aware, in UTC
    assert abs(now - staat.gestart) < dt.timedelta(minutes=5), staat.gestart_op


def test_a_second_service_is_told_when_the_first_started_in_local_time(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """As `regie diagnose` shows it: 08:00 UTC on 2 March is 09:00 in Amsterdam."""
    from regie.dienst import PoortBezet, check_ports
    from services.operations.service_state import DienstStaat, write_state

    living = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "dienst"])
    try:
        cmdline = Path(f"/proc/{living.pid}/cmdline")
        while b"dienst" not in cmdline.read_bytes():  # until the new program has replaced the fork
            time.sleep(0.05)
        data = tmp_path / "data"
        write_state(
            data,
            DienstStaat(
                pid=living.pid,
                prefect_poort=free_port(),
                postvak_poort=None,
                gestart_op="2026-03-02T08:00:00+00:00",
            ),
        )
        with pytest.raises(PoortBezet, match=r"gestart 02-03-2026 09:00;"):
            check_ports(prefect=free_port(), postvak=None, data_dir=data)
    finally:
        living.kill()
        living.wait()
