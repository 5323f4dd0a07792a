"""Reading a register directory from disk into validated register models.

Every problem becomes a ``RegisterFout`` (file, line, field, Dutch message); reading goes on
after an error so one run names all of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from domain.register.errors import RegisterFout, error_paths, validation_errors
from domain.register.herkomst import activity_lines, person_lines
from domain.register.register import PersonenBestand, ProgrammaBestand, Vergadering, VergaderingenBestand
from domain.register.yamlsource import YamlDocument
from models.clock import today
from services.register.done_dates import check_done_dates
from services.register.file_reading import parse_file, shown_path
from services.register.register_checks import (
    Unparsed,
    check_people,
    check_programmes,
    check_unparsed_ids,
    check_unparsed_people,
    people_in_unparsed,
)
from services.register.register_dir import (
    NIET_PROGRAMMA,
    PERSONEN,
    VERGADERINGEN,
    MunicipalityRegister,
    ProgrammeFile,
)
from services.register.unparsed_checks import (
    check_unparsed_channels,
    check_unparsed_people_keys,
    check_unparsed_totals,
)

M = TypeVar("M", bound=BaseModel)


def _validate(
    path: Path, *, root: Path, model: type[M], max_size: int, errors: list[RegisterFout],
    unparsed: list[Unparsed] | None = None, people: Mapping[str, str] | None = None,
) -> tuple[M, YamlDocument] | None:
    """The file as ``model``; None after an error, and a file that is YAML but not ``model`` goes to
    ``unparsed`` (its keys to other files can still be checked in the same round)."""
    shown = shown_path(path, root)
    document, fouten = parse_file(path, shown, max_size)
    errors.extend(fouten)  # with a document: what it holds that cannot be loaded; checked further
    if document is None:
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
        # An amount "13.257" is told once, as a dot between thousands, not also as three decimals.
        told = {(fout.regel, fout.veld) for fout in fouten}
        found = validation_errors(exc, bestand=shown, document=document, model=model, people=people,
                                  vandaag=today())
        errors.extend(fout for fout in found if (fout.regel, fout.veld) not in told)
        if unparsed is not None:
            unparsed.append((shown, document, error_paths(exc)))
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
    directory: Path, *, root: Path, max_size: int, errors: list[RegisterFout], vandaag: dt.date | None = None
) -> MunicipalityRegister | None:
    """Read and check one municipality directory; problems go to ``errors``. With ``vandaag`` (a load)
    a milestone done after that day is an error too; a draft (the importer) is checked without a day."""
    before = len(errors)
    unparsed_people: list[Unparsed] = []
    unparsed: list[Unparsed] = []
    personen_path = directory / PERSONEN
    if not personen_path.exists():
        errors.append(
            RegisterFout(
                shown_path(directory, root), None, None,
                f"{PERSONEN} ontbreekt. Maak het aan met de regisseurs van de programma's "
                "(zie register/voorbeeld).",
            )
        )
        personen, personen_document = None, None
    else:
        checked = _validate(personen_path, root=root, model=PersonenBestand,
                            max_size=max_size, errors=errors, unparsed=unparsed_people)
        personen = checked[0] if checked else None
        personen_document = checked[1] if checked else None
        if checked:
            check_people(checked[0], checked[1], shown_path(personen_path, root), errors)

    # People from personen.yaml, or, when it has format errors, from its YAML if every key is readable:
    # unknown keys are then named in the same round as the format errors (also of unparsed files).
    keys = ({p.sleutel: p.naam for p in personen.personen} if personen
            else people_in_unparsed(unparsed_people))
    files = [p for p in _files_in_order(directory) if p.name != PERSONEN]
    programmas: list[tuple[ProgrammeFile, YamlDocument]] = []
    for path in files:
        checked_programme = _validate(path, root=root, model=ProgrammaBestand,
                                      max_size=max_size, errors=errors, unparsed=unparsed, people=keys)
        if checked_programme:
            programmas.append((ProgrammeFile(path, checked_programme[0]), checked_programme[1]))
    if not files:
        errors.append(RegisterFout(shown_path(directory, root), None, None,
                                   "deze map bevat geen programmabestanden (*.yaml)."))
    meetings: list[Vergadering] = []
    if (directory / VERGADERINGEN).exists():
        checked_meetings = _validate(directory / VERGADERINGEN, root=root, model=VergaderingenBestand,
                                     max_size=max_size, errors=errors)
        meetings = list(checked_meetings[0].vergaderingen) if checked_meetings else []
    check_programmes(programmas, keys, root, errors)
    if vandaag is not None:
        check_done_dates(programmas, root, errors, vandaag)
    check_unparsed_people(unparsed, keys, errors)
    check_unparsed_people_keys(unparsed_people, errors)
    check_unparsed_channels(unparsed_people, errors)
    check_unparsed_totals(unparsed, errors)
    check_unparsed_ids(unparsed, programmas, root, errors)
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
        gemeente_bestand=shown_path(programmas[0][0].path, root),
        gemeente_regel=programmas[0][1].line_of(("gemeente",)),
    )


def _relative(path: Path, root: Path) -> str:
    """A register file as stored with its items: relative to the register folder."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def iter_register(
    root: Path, *, max_size: int, errors: list[RegisterFout], vandaag: dt.date | None = None
) -> Iterator[MunicipalityRegister]:
    """Yield each valid municipality under ``root``; problems go to ``errors`` (``vandaag``: see
    ``read_municipality``)."""
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
        register = read_municipality(directory, root=root, max_size=max_size, errors=errors, vandaag=vandaag)
        if register is None:
            continue
        if register.naam in names:
            errors.append(RegisterFout(
                shown_path(directory, root), None, "gemeente",
                f"gemeente '{register.naam}' staat ook in {shown_path(names[register.naam], root)}. "
                "Zet elke gemeente in één map.",
            ))
            continue
        names[register.naam] = directory
        yield register

