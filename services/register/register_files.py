"""Reading a register directory from disk into validated register models.

Every problem becomes a ``RegisterFout`` (file, line, field, Dutch message); reading goes on
after an error so one run names all of them.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from domain.register.errors import RegisterFout, RegisterFouten, validation_errors
from domain.register.herkomst import ActivityLines, activity_lines, person_lines
from domain.register.register import PersonenBestand, ProgrammaBestand, Vergadering, VergaderingenBestand
from domain.register.yamlsource import YamlDocument, YamlFout, parse_yaml
from services.register.channels import channel_problem

PERSONEN = "personen.yaml"
# Files in a municipality directory that are not programme files.
VERGADERINGEN = "vergaderingen.yaml"
NIET_PROGRAMMA = {PERSONEN, VERGADERINGEN}

M = TypeVar("M", bound=BaseModel)


@dataclass
class ProgrammeFile:
    """A validated programme file and where it came from."""

    path: Path
    inhoud: ProgrammaBestand
    bestand: str = ""  # the path relative to the register folder, as stored with each item
    regels: dict[str, ActivityLines] = field(default_factory=dict)  # activity id → its lines


@dataclass
class MunicipalityRegister:
    """One municipality's validated register."""

    naam: str
    map: Path
    personen: PersonenBestand
    programmas: list[ProgrammeFile] = field(default_factory=list)
    vergaderingen: list[Vergadering] = field(default_factory=list)
    personen_bestand: str = ""
    personen_regels: dict[str, int | None] = field(default_factory=dict)  # person key → line

    @property
    def code(self) -> str | None:
        """The CBS municipality code (GMxxxx) the programme files give; checked to agree."""
        return next((p.inhoud.gemeentecode for p in self.programmas if p.inhoud.gemeentecode), None)


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
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


_OS_ERRORS = {errno.EACCES: "geen leesrechten", errno.EPERM: "geen leesrechten",
              errno.ENOENT: "het bestaat niet (meer)", errno.EISDIR: "het is een map",
              errno.ELOOP: "een koppeling die naar zichzelf wijst", errno.EIO: "een leesfout van de schijf"}


def _dutch_os_error(exc: BaseException, fallback: str | None) -> str:
    """The operating system's reason in Dutch ("Is a directory" must not reach the user)."""
    code = getattr(exc, "errno", None)
    return _OS_ERRORS.get(code, f"systeemfout {code}" if code else (fallback or "onbekende reden"))


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
    """Read and parse one file: its document, or the problems that stop it being read."""
    try:
        return parse_yaml(read_text(path, shown=shown, max_size=max_size)), []
    except RegisterFouten as problem:
        return None, problem.fouten
    except YamlFout as fout:
        return None, [RegisterFout(shown, fout.regel, None, fout.melding)]


def _validate(
    path: Path, *, root: Path, model: type[M], max_size: int, errors: list[RegisterFout]
) -> tuple[M, YamlDocument] | None:
    shown = _display(path, root)
    document, fouten = parse_file(path, shown, max_size)
    if document is None:
        errors.extend(fouten)
        return None
    if not isinstance(document.data, dict):
        expected = "personen:" if model is PersonenBestand else "gemeente:, programma: en activiteiten:"
        errors.append(
            RegisterFout(shown, document.line_of(()), None,
                         f"verwacht een blok met {expected} bovenaan het bestand.")
        )
        return None
    try:
        return model.model_validate(document.data), document
    except ValidationError as exc:
        errors.extend(validation_errors(exc, bestand=shown, document=document, model=model))
        return None


def _is_municipality_dir(path: Path) -> bool:
    return (path / PERSONEN).exists() or any(
        p.name not in NIET_PROGRAMMA for p in path.glob("*.y*ml")
    )


def municipality_dirs(root: Path) -> list[Path]:
    """The municipality directories under ``root`` (itself, or its subdirectories)."""
    if _is_municipality_dir(root):
        return [root]
    return sorted(p for p in root.iterdir() if p.is_dir() and _is_municipality_dir(p))


def _files_in_order(directory: Path) -> list[Path]:
    """personen.yaml first, then the programme files in name order: the order they are read."""
    programmes = sorted(
        p for p in directory.iterdir()
        # Not only regular files: a FIFO, device or broken link named *.yaml is refused with a
        # reason rather than skipped without a word.
        if not p.is_dir() and p.suffix in (".yaml", ".yml") and p.name not in NIET_PROGRAMMA
    )
    people = directory / PERSONEN
    return ([people] if people.exists() else []) + programmes


def read_municipality(
    directory: Path, *, root: Path, max_size: int, errors: list[RegisterFout]
) -> MunicipalityRegister | None:
    """Read and check one municipality directory; problems go to ``errors``."""
    before = len(errors)
    personen_path = directory / PERSONEN
    if not personen_path.exists():
        errors.append(
            RegisterFout(
                _display(directory, root), None, None,
                f"{PERSONEN} ontbreekt. Maak het aan met de regisseurs van de programma's "
                "(zie register/voorbeeld).",
            )
        )
        personen, personen_document = None, None
    else:
        checked = _validate(personen_path, root=root, model=PersonenBestand,
                            max_size=max_size, errors=errors)
        personen = checked[0] if checked else None
        personen_document = checked[1] if checked else None
        if checked:
            _check_people(checked[0], checked[1], _display(personen_path, root), errors)

    files = [p for p in _files_in_order(directory) if p.name != PERSONEN]
    programmas: list[tuple[ProgrammeFile, YamlDocument]] = []
    for path in files:
        checked_programme = _validate(path, root=root, model=ProgrammaBestand,
                                      max_size=max_size, errors=errors)
        if checked_programme:
            programmas.append((ProgrammeFile(path, checked_programme[0]), checked_programme[1]))
    if not files:
        errors.append(RegisterFout(_display(directory, root), None, None,
                                   "deze map bevat geen programmabestanden (*.yaml)."))
    meetings: list[Vergadering] = []
    if (directory / VERGADERINGEN).exists():
        checked_meetings = _validate(directory / VERGADERINGEN, root=root, model=VergaderingenBestand,
                                     max_size=max_size, errors=errors)
        meetings = list(checked_meetings[0].vergaderingen) if checked_meetings else []
    keys = {p.sleutel for p in personen.personen} if personen else None
    _check_programmes(programmas, keys, root, errors)
    if len(errors) > before or personen is None or not programmas:
        return None
    for programme, document in programmas:
        programme.bestand = _relative(programme.path, root)
        programme.regels = activity_lines(
            document.text or "", [(a.id, [m.id for m in a.mijlpalen]) for a in programme.inhoud.activiteiten],
            document.line_of)
    assert personen_document is not None
    return MunicipalityRegister(
        naam=programmas[0][0].inhoud.gemeente,
        map=directory,
        personen=personen,
        programmas=[p for p, _ in programmas],
        vergaderingen=meetings,
        personen_bestand=_relative(personen_path, root),
        personen_regels=person_lines(personen_document.text or "", [p.sleutel for p in personen.personen],
                                     personen_document.line_of),
    )


def _relative(path: Path, root: Path) -> str:
    """A register file as stored with its items: relative to the register folder."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def _check_people(
    personen: PersonenBestand, document: YamlDocument, shown: str, errors: list[RegisterFout]
) -> None:
    seen: set[str] = set()
    for index, persoon in enumerate(personen.personen):
        if persoon.sleutel in seen:
            errors.append(RegisterFout(
                shown, document.line_of(("personen", index, "sleutel")),
                f"personen[{persoon.sleutel}].sleutel",
                f"sleutel '{persoon.sleutel}' komt twee keer voor. Geef elke persoon een "
                "eigen sleutel.",
            ))
        seen.add(persoon.sleutel)
        for position, kanaal in enumerate(persoon.kanalen):
            problem = channel_problem(kanaal)
            if problem:
                errors.append(RegisterFout(
                    shown, document.line_of(("personen", index, "kanalen", position)),
                    f"personen[{persoon.sleutel}].kanalen[{position + 1}]", problem))


def _check_programmes(
    programmas: list[tuple[ProgrammeFile, YamlDocument]],
    people: set[str] | None,
    root: Path,
    errors: list[RegisterFout],
) -> None:
    """Checks across files: one gemeente per directory, unique ids, owners that exist."""
    gemeente = programmas[0][0].inhoud.gemeente if programmas else None
    code: tuple[str, str] | None = None  # (gemeentecode, the file that gave it)
    nummers: dict[int, str] = {}
    activiteiten: dict[str, tuple[str, YamlDocument, int]] = {}
    for programme, document in programmas:
        shown = _display(programme.path, root)
        inhoud = programme.inhoud

        def fout(path: tuple[str | int, ...], veld: str, melding: str, *, _s: str = shown,
                 _d: YamlDocument = document) -> None:
            errors.append(RegisterFout(_s, _d.line_of(path), veld, melding))

        if inhoud.gemeente != gemeente:
            fout(("gemeente",), "gemeente",
                 f"'{inhoud.gemeente}' wijkt af van '{gemeente}' in de andere bestanden van "
                 "deze map. Eén map is één gemeente: zet hier dezelfde naam of verplaats het bestand.")
        if inhoud.gemeentecode and code and inhoud.gemeentecode != code[0]:
            fout(("gemeentecode",), "gemeentecode",
                 f"'{inhoud.gemeentecode}' wijkt af van '{code[0]}' in {code[1]}. Eén gemeente heeft één "
                 "CBS-code: zet in elk bestand dezelfde code, of laat hem weg.")
        elif inhoud.gemeentecode and not code:
            code = (inhoud.gemeentecode, shown)
        programme_ids: set[str] = set()
        for j, item in enumerate(inhoud.programma.indicatoren):
            if item.id in programme_ids:
                fout(("programma", "indicatoren", j, "id"), f"programma.indicatoren[{item.id}].id",
                     f"id '{item.id}' komt twee keer voor in dit programma. Geef elke indicator een "
                     "eigen id.")
            programme_ids.add(item.id)
        nummer = inhoud.programma.nummer
        if nummer in nummers:
            fout(("programma", "nummer"), "programma.nummer",
                 f"programma {nummer} staat ook in {nummers[nummer]}. Geef elk programma een "
                 "eigen nummer.")
        nummers[nummer] = shown
        if people is not None and inhoud.programma.regisseur not in people:
            fout(("programma", "regisseur"), "programma.regisseur",
                 _unknown_person(inhoud.programma.regisseur, people))
        for i, activiteit in enumerate(inhoud.activiteiten):
            label = f"activiteiten[{activiteit.id}]"
            if activiteit.id in activiteiten:
                fout(("activiteiten", i, "id"), f"{label}.id",
                     f"activiteit '{activiteit.id}' staat ook in {_where(activiteiten[activiteit.id])}. "
                     "Een id is uniek binnen de gemeente: kies een andere, bijvoorbeeld "
                     f"'{activiteit.id}-2'.")
            else:
                # The line is looked up only if a duplicate turns up: it may cost a re-parse.
                activiteiten[activiteit.id] = (shown, document, i)
            if people is not None and activiteit.eigenaar and activiteit.eigenaar not in people:
                fout(("activiteiten", i, "eigenaar"), f"{label}.eigenaar",
                     _unknown_person(activiteit.eigenaar, people))
            for kind, items in (("mijlpalen", activiteit.mijlpalen),
                                ("indicatoren", activiteit.indicatoren)):
                ids: set[str] = set()
                for j, item in enumerate(items):
                    if item.id in ids:
                        fout(("activiteiten", i, kind, j, "id"), f"{label}.{kind}[{item.id}].id",
                             f"id '{item.id}' komt twee keer voor in deze activiteit. Geef elk "
                             "een eigen id.")
                    ids.add(item.id)


def _where(place: tuple[str, YamlDocument, int]) -> str:
    shown, document, index = place
    return f"{shown}, regel {document.line_of(('activiteiten', index, 'id'))}"


def _unknown_person(key: str, people: set[str]) -> str:
    import difflib

    guess = difflib.get_close_matches(key, sorted(people), n=1, cutoff=0.6)
    hint = f" Bedoelt u '{guess[0]}'?" if guess else ""
    return (f"'{key}' staat niet in {PERSONEN}.{hint} Gebruik een sleutel uit {PERSONEN} of "
            "voeg de persoon daar toe.")


def iter_register(
    root: Path, *, max_size: int, errors: list[RegisterFout]
) -> Iterator[MunicipalityRegister]:
    """Yield each valid municipality under ``root``; problems go to ``errors``."""
    if not root.exists():
        errors.append(RegisterFout(str(root), None, None,
                                   "deze map bestaat niet. Geef de map van het register op."))
        return
    if not root.is_dir():
        errors.append(RegisterFout(str(root), None, None,
                                   "dit is geen map. Geef de map van het register op."))
        return
    directories = municipality_dirs(root)
    if not directories:
        errors.append(RegisterFout(str(root), None, None,
                                   "hier staat geen register: geen personen.yaml en geen "
                                   "programmabestanden, ook niet in submappen."))
        return
    names: dict[str, Path] = {}
    for directory in directories:
        register = read_municipality(directory, root=root, max_size=max_size, errors=errors)
        if register is None:
            continue
        if register.naam in names:
            errors.append(RegisterFout(
                _display(directory, root), None, "gemeente",
                f"gemeente '{register.naam}' staat ook in {_display(names[register.naam], root)}. "
                "Zet elke gemeente in één map.",
            ))
            continue
        names[register.naam] = directory
        yield register
