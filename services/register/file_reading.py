"""Reading one register file safely: bounded in size, regular files only, UTF-8 text, parsed as
YAML; every problem a ``RegisterFout`` with a Dutch reason."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from domain.register.duizendtallen import amount_paths
from domain.register.errors import RegisterFout, RegisterFouten, field_label
from domain.register.yamlsource import YamlDocument, YamlFout, parse_yaml
from services.os_reasons import os_reden


def shown_path(path: Path, root: Path) -> str:
    """A file of the register as the user can find it: under the folder as they typed it (`regie laad
    mijn/register` names mijn/register/bronckhorst/personen.yaml; an absolute folder, absolute paths).
    Every path read is ``root`` joined with names from its listing, so it already starts that way."""
    del root  # the paths come from it; kept so every caller says which register it reads
    return str(path)


def _problem(bestand: str, regel: int | None, veld: str | None, melding: str) -> RegisterFouten:
    return RegisterFouten([RegisterFout(bestand, regel, veld, melding)])


def _read_bounded(path: Path, *, shown: str, max_size: int) -> bytes:
    """The bytes of a regular file, reading at most ``max_size`` + 1 bytes: a device reports size 0
    (a symlink to /dev/zero passed a size check and filled memory), a FIFO blocks an open() for
    reading forever, and a file can grow between stat and read."""
    try:
        target = path.resolve(strict=True)
        info = target.stat()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        why = getattr(exc, "strerror", None) or "een symbolische koppeling die naar zichzelf wijst"
        raise _problem(shown, None, None,
                       f"het bestand is niet te lezen ({_dutch_os_error(exc, why)}).") from None
    if stat.S_ISDIR(info.st_mode):
        raise _problem(shown, None, None, "dit is een map, geen bestand. Haal de map weg of geef haar een "
                                          "naam die niet op .yaml eindigt.")
    if not stat.S_ISREG(info.st_mode):
        raise _problem(shown, None, None, "dit is geen gewoon bestand (maar een apparaat, pijp of socket"
                                          f"{', via een koppeling' if target != path.absolute() else ''}). "
                                          "Zet hier een YAML-bestand neer.")
    if info.st_size > max_size:
        raise _too_big(shown, info.st_size, max_size)  # known without reading
    try:
        # O_NONBLOCK: should the file have been swapped for a FIFO since the check, open() does not hang.
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise _problem(shown, None, None,
                               "dit is geen gewoon bestand. Zet hier een YAML-bestand neer.")
            raw = handle.read(max_size + 1)
    except OSError as exc:
        raise _problem(shown, None, None,
                       f"het bestand is niet te lezen ({_dutch_os_error(exc, exc.strerror)}).") from None
    if len(raw) > max_size:
        raise _too_big(shown, None, max_size)  # it grew since stat() was asked
    return raw


def _too_big(shown: str, size: int | None, max_size: int) -> RegisterFouten:
    grootte = f"{size / 1_048_576:.1f} MB" if size is not None else "groter dan het maximum"
    return _problem(
        shown, None, None,
        f"het bestand is {grootte}; een registerbestand is hoogstens {max_size / 1_048_576:.0f} MB "
        "(REGIE_MAX_BESTANDSGROOTTE). Splits het per programma of controleer of dit wel een "
        "registerbestand is.",
    )


def _dutch_os_error(exc: BaseException, fallback: str | None) -> str:
    """The operating system's reason in Dutch ("Is a directory" must not reach the user)."""
    return os_reden(exc) if isinstance(getattr(exc, "errno", None), int) else (fallback or "onbekende reden")


def read_text(path: Path, *, shown: str, max_size: int) -> str:
    """File contents as text; raises ``RegisterFouten`` for empty, binary, huge, non-UTF-8 or
    non-regular files."""
    raw = _read_bounded(path, shown=shown, max_size=max_size)
    if b"\x00" in raw:
        raise _problem(
            shown, None, None,
            "dit is geen tekstbestand (het bevat binaire gegevens). Een registerbestand is "
            "YAML-tekst; zet hier geen Word-, PDF- of Excelbestand neer.",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = ""
        try:
            fragment = raw[exc.start : exc.start + 1].decode("cp1252")
            hint = f" (het lijkt Windows-1252: '{fragment}')"
        except UnicodeDecodeError:
            pass
        raise _problem(
            shown, line, None,
            f"het bestand is niet in UTF-8 opgeslagen{hint}. Sla het op als UTF-8 "
            "(in Kladblok: Opslaan als → Codering: UTF-8) en laad opnieuw.",
        ) from None
    if not text.strip():
        raise _problem(
            shown, None, None,
            "het bestand is leeg. Vul het aan (zie register/voorbeeld) of haal het weg.",
        )
    return text


def parse_file(path: Path, shown: str, max_size: int) -> tuple[YamlDocument | None, list[RegisterFout]]:
    """Read and parse one file: its document, or the problems that stop it being read; a document
    read with problems of its own (an amount written "45.000") comes with them, to be checked further."""
    try:
        document = parse_yaml(read_text(path, shown=shown, max_size=max_size))
        return document, [RegisterFout(shown, f.regel, _full_field(document, f.regel, f.veld), f.melding)
                          for f in document.fouten]
    except RegisterFouten as problem:
        return None, problem.fouten
    except YamlFout as fout:
        return None, [RegisterFout(shown, fout.regel, fout.veld, fout.melding)]



def _full_field(document: YamlDocument, regel: int | None, veld: str | None) -> str | None:
    """The whole path of an amount named by its key and line ("bedrag" on line 281 becomes
    activiteiten[pilot-jeugd-poh].bedragen[1].bedrag), as every other error of the file names it."""
    for path in amount_paths(document.data):
        if path[-1] == veld and document.line_of(path) == regel:
            return field_label(path, document.data)
    return veld
