"""Which output files the project wrote, in a folder the user names: a ledger in the data directory of
each file `regie overzicht`, `regie rapport --uitvoer`, `regie exporteer` and `regie importeer` wrote, by
its absolute path and the SHA-256 of its bytes. A file is "ours" only while its bytes are still the ones we
wrote: a workbook the coordinator opened, edited and saved (Excel keeps the maker we recorded in it), a CSV
with our header row and someone's own notes below it, or an exported register file someone edited, is
theirs now, and is never replaced or removed without the user saying so (``--overschrijven``).

Shared by the reports and register rooms (a module at the top of services/, importing no room):
``foreign`` says which targets a command may not replace (checked for every target before anything
is written), ``write_files`` puts each file in place whole (a unique temporary file beside it, then
``os.replace``) and notes them in the ledger."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from domain.melding import Melding
from models.settings import get_settings

LEDGER = "geschreven-bestanden.json"


def _ledger_path() -> Path:
    return get_settings().data_dir / LEDGER


def _read() -> dict[str, str]:
    try:
        data = json.loads(_ledger_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def fingerprint(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _key(path: Path) -> str:
    return str(path.expanduser().absolute())


def is_ours(path: Path) -> bool:
    """Whether ``path`` is a regular file the project wrote and nobody changed since."""
    if not path.is_file():
        return False
    recorded = _read().get(_key(path))
    return recorded is not None and recorded == fingerprint(path)


def remember(paths: Iterable[Path]) -> None:
    """Note ``paths`` (just written) as ours, with their current bytes. Under a lock, so two commands
    at the same moment both keep their entries; files that are gone leave the ledger (it stays as
    large as what is still on disk)."""
    import fcntl

    folder = _ledger_path().parent
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f".{LEDGER}.slot").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        ledger = {key: value for key, value in _read().items() if os.path.isfile(key)}
        ledger.update({_key(p): fingerprint(p) for p in paths})
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{LEDGER}.", suffix=".deel")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(ledger, handle, indent=0, sort_keys=True)
        os.replace(temporary, folder / LEDGER)


def temporary_beside(path: Path) -> Path:
    """A new, empty file of our own beside ``path`` to write into before putting it in place: a
    unique name (a fixed one such as ``.overzicht.xlsx.deel`` could be someone's file), with the mode
    the file should have once in place: the mode of the file it replaces (its owner may have given it
    one), else that of any new file, 0666 less the umask (the kernel applies it at ``O_CREAT``).
    ``tempfile.mkstemp`` made it 0600, and ``os.replace`` kept that: reports, overviews, exported
    registers and calendars no one else on a share could open."""
    import secrets
    import stat

    for _attempt in range(100):
        name = path.with_name(f".{path.name}.{secrets.token_hex(4)}.deel")
        try:
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
        except FileExistsError:
            continue
        try:
            with contextlib.suppress(FileNotFoundError):
                replaced = os.stat(path)  # follows a link, as the mode a reader meets is the target's
                if stat.S_ISREG(replaced.st_mode):
                    os.fchmod(fd, stat.S_IMODE(replaced.st_mode))
        except BaseException:
            os.close(fd)
            discard(name)
            raise
        os.close(fd)
        return name
    raise FileExistsError(f"no free temporary name beside {path}")


def discard(temporary: Path) -> None:
    """Remove a temporary file of ours (after a failed write); never anything else."""
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()


def foreign(paths: Iterable[Path]) -> list[Path]:
    """The ``paths`` that exist and are not ours (another program's, or ours changed since): a
    command replaces them only with ``--overschrijven``."""
    return [p for p in paths if (p.exists() or p.is_symlink()) and not is_ours(p)]


def not_files(paths: Iterable[Path]) -> list[Path]:
    """The ``paths`` that exist as something other than a regular file (a folder, a link): never
    replaced, not even with ``--overschrijven``."""
    return [p for p in paths if p.is_symlink() or (p.exists() and not p.is_file())]


def write_bytes(path: Path, data: bytes) -> None:
    """Put ``data`` in place at ``path`` whole: written to a new temporary file of ours beside it,
    then renamed over it (a reader never sees half a file; a failed write leaves the old file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_beside(path)
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        discard(temporary)  # only when writing failed: it is in place otherwise


def write_files(files: Iterable[tuple[Path, bytes]]) -> list[Path]:
    """Write each (path, bytes) whole (``write_bytes``) and note them all as ours. The caller has
    checked every target first (``foreign``, ``not_files``): nothing is refused halfway."""
    written = []
    try:
        for path, data in files:
            write_bytes(path, data)
            written.append(path)
    finally:
        if written:
            remember(written)  # what was put in place is ours, also when a later file failed
    return written


class NietOverschreven(Melding):
    """A command refused to write: a target is not its own unchanged file (nothing was written)."""


def _named(paths: list[Path], folder: Path) -> str:
    names = [str(p.relative_to(folder)) if p.is_relative_to(folder) else str(p) for p in sorted(paths)]
    return ", ".join(names[:5]) + (f" en nog {len(names) - 5}" if len(names) > 5 else "")


def check_targets(targets: Iterable[Path], *, folder: Path, opdracht: str, keuze: str,
                  overschrijf: bool, anders: Iterable[Path] = ()) -> None:
    """Raise ``NietOverschreven`` (one Dutch message naming the files) unless every target may be
    written: it does not exist, or it is a file this command wrote and nobody changed, or
    ``overschrijf``. ``anders``: other files in a folder that is the command's output as a whole
    (refused the same way; with ``overschrijf`` they stay). A folder or link at a target's name is
    never replaced. ``keuze``: what to choose instead ("Kies met --uitvoer een andere map")."""
    targets = list(targets)
    blocked = not_files(targets)
    if blocked:
        raise NietOverschreven(
            f"In {folder} staat een map of koppeling met de naam van een bestand dat '{opdracht}' schrijft "
            f"({_named(blocked, folder)}); er is niets geschreven. {keuze}.")
    if overschrijf:
        return
    theirs = sorted({*foreign(targets), *anders})
    if theirs:
        raise NietOverschreven(
            f"In {folder} staan al bestanden die niet door '{opdracht}' zijn gemaakt, of die daarna zijn "
            f"veranderd: {_named(theirs, folder)}; er is niets geschreven. {keuze}, verplaats die bestanden, "
            "of geef --overschrijven om de bestanden met dezelfde naam te vervangen (andere bestanden "
            "blijven staan).")


def check_file(path: Path, *, opdracht: str, overschrijf: bool) -> None:
    """``check_targets`` for one file the user named (``--uitvoer BESTAND``), in the words of one file."""
    if not_files([path]):
        raise NietOverschreven(f"{path} is geen gewoon bestand; er is niets geschreven. Kies met --uitvoer "
                               "een andere bestandsnaam.")
    if path.exists() and not overschrijf and not is_ours(path):
        raise NietOverschreven(f"{path} bestaat al en is niet door '{opdracht}' gemaakt, of is daarna "
                               "veranderd; er is niets geschreven. Kies met --uitvoer een andere "
                               "bestandsnaam, verplaats het bestand, of geef --overschrijven om het te "
                               "vervangen.")


def check_writable(folder: Path, *, genoemd: str) -> None:
    """Refuse, before any work, a folder in which no file can be written (a system folder such as /proc,
    one without write permission, a path through a file): a ``Melding`` naming ``genoemd`` (the option
    and path as typed) and what to do. It tries what the writers do (make the missing folders, create a
    file) and removes all it made, so a refusal leaves nothing behind and a success changes nothing."""
    import errno

    from services.os_reasons import os_reden

    target = folder.expanduser().absolute()
    missing = [p for p in (target, *target.parents) if not p.exists() and not p.is_symlink()]
    made: list[Path] = []
    try:
        for new in reversed(missing):
            new.mkdir()
            made.append(new)
        fd, probe = tempfile.mkstemp(dir=target, prefix=".regie-proef.", suffix=".deel")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        there = next(p for p in (target, *target.parents) if p.exists())
        # /proc: a folder that is there, yet takes no files or folders ("het bestaat niet" would mislead)
        reden = (f"de map {there} neemt geen bestanden of mappen aan" if exc.errno == errno.ENOENT
                 and there.is_dir() else f"{there} is een bestand, geen map" if not there.is_dir()
                 else os_reden(exc))
        raise Melding(f"{genoemd}: daar kan niet geschreven worden ({reden}). Er is niets geschreven. "
                      "Kies een map waarin u mag schrijven, bijvoorbeeld in uw thuismap (~/), of vraag de "
                      "beheerder om schrijfrechten.") from None
    finally:
        for new in reversed(made):
            with contextlib.suppress(OSError):
                new.rmdir()
