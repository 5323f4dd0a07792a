"""The running service's state file: `regie dienst` writes it once it runs and removes it on a clean
stop; `regie diagnose` reads it and checks it (process alive, ports answering). A file whose
process is gone is what a crash (kill -9, power loss) leaves behind."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
from dataclasses import asdict, dataclass
from pathlib import Path

FILE = "dienst.json"


@dataclass(frozen=True)
class DienstStaat:
    """What a running service wrote about itself."""

    pid: int
    prefect_poort: int
    postvak_poort: int | None  # None: mail goes to an external SMTP server, no local mailbox
    gestart_op: str  # ISO timestamp with time zone

    @property
    def gestart(self) -> dt.datetime:
        """The start time."""
        return dt.datetime.fromisoformat(self.gestart_op)


def write_state(data_dir: Path, staat: DienstStaat) -> Path:
    """Write the state file atomically (a reader never sees half a file)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / FILE
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(asdict(staat)), encoding="utf-8")
    temporary.replace(path)
    return path


def remove_state(data_dir: Path, pid: int) -> None:
    """Remove the state file on a clean stop, unless another service has replaced it since."""
    staat = read_state(data_dir)
    if staat is not None and staat.pid == pid:
        with contextlib.suppress(FileNotFoundError):
            (data_dir / FILE).unlink()


def read_state(data_dir: Path) -> DienstStaat | None:
    """The state file, or None when there is none (or it cannot be read: treated as absent)."""
    try:
        data = json.loads((data_dir / FILE).read_text(encoding="utf-8"))
        postvak = data.get("postvak_poort")
        return DienstStaat(pid=int(data["pid"]), prefect_poort=int(data["prefect_poort"]),
                           postvak_poort=None if postvak is None else int(postvak),
                           gestart_op=str(data["gestart_op"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def service_alive(pid: int) -> bool:
    """Whether ``pid`` is a living `regie dienst` (after a crash the number may be reused)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists():  # Linux: make sure the number was not given to another program
        with contextlib.suppress(OSError):
            words = cmdline.read_bytes().split(b"\0")
            return b"dienst" in words or words == [b""]  # empty while a process starts or ends: alive
    return True


def port_answers(port: int, host: str = "127.0.0.1") -> bool:
    """Whether something accepts connections on the port."""
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex((host, port)) == 0


def port_free(port: int, host: str = "127.0.0.1") -> bool:
    """Whether this process could listen on the port (nobody else listens there)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a port in TIME_WAIT is free
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def already_running(data_dir: Path) -> str | None:
    """What `./start.sh` says at once when the service of ``data_dir`` runs (before it loads or
    records anything), in Dutch; None when it does not run."""
    staat = read_state(data_dir)
    if staat is None or not service_alive(staat.pid):
        return None
    from models.settings import get_settings
    from services.rendering import datum

    since = staat.gestart.astimezone(get_settings().tz)
    return (f"De dienst draait al voor deze datamap ({data_dir}): proces {staat.pid}, gestart op "
            f"{datum(since.date())} om {since:%H:%M}. Open hem op http://127.0.0.1:{staat.prefect_poort} "
            "(de Prefect-UI). Opnieuw starten: stop hem eerst met Ctrl-C in het venster waarin hij draait "
            f"(of met: kill {staat.pid}) en start dan ./start.sh.")


if __name__ == "__main__":  # start.sh: `python -m services.operations.service_state DATAMAP`
    import sys

    said = already_running(Path(sys.argv[1]))
    if said:
        print(said)
    sys.exit(0 if said else 1)
