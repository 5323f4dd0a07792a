"""The checks across the files of one municipality: unique people, ids and programme numbers, one
municipality and CBS code per directory, owners that exist, channels that can be reached."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from domain.register.errors import RegisterFout, field_label
from domain.register.persoonsleutel import unknown_person_message
from domain.register.register import PersonenBestand
from domain.register.yamlsource import YamlDocument
from services.register.channels import channel_error
from services.register.file_reading import shown_path
from services.register.register_dir import ProgrammeFile


def check_people(
    personen: PersonenBestand, document: YamlDocument, shown: str, errors: list[RegisterFout]
) -> None:
    seen: dict[str, int] = {}
    for index, persoon in enumerate(personen.personen):
        if persoon.sleutel in seen:
            errors.append(duplicate_person(shown, document, persoon.sleutel, seen[persoon.sleutel], index))
        seen.setdefault(persoon.sleutel, index)
        for position, kanaal in enumerate(persoon.kanalen):
            regel = document.line_of(("personen", index, "kanalen", position))
            veld = f"personen[{persoon.sleutel}].kanalen[{position + 1}]"
            if fout := channel_error(kanaal, shown, regel, veld):
                errors.append(fout)


def duplicate_person(shown: str, document: YamlDocument, sleutel: str, first: int,
                     index: int) -> RegisterFout:
    """A person key used again at ``index``, naming the line where ``first`` has it."""
    return RegisterFout(
        shown, document.line_of(("personen", index, "sleutel")), f"personen[{sleutel}].sleutel",
        f"sleutel '{sleutel}' komt twee keer voor: ook op regel "
        f"{document.line_of(('personen', first, 'sleutel'))}. Geef elke persoon een eigen sleutel.")


def check_programmes(
    programmas: list[tuple[ProgrammeFile, YamlDocument]],
    people: Mapping[str, str] | None,
    root: Path,
    errors: list[RegisterFout],
) -> None:
    """Checks across files: one gemeente per directory, unique ids, owners that exist."""
    gemeente = programmas[0][0].inhoud.gemeente if programmas else None
    code: tuple[str, str] | None = None  # (gemeentecode, the file that gave it)
    nummers: dict[int, str] = {}
    activiteiten: dict[str, tuple[str, YamlDocument, int]] = {}
    for programme, document in programmas:
        shown = shown_path(programme.path, root)
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
        copy = nummer in nummers and bool(inhoud.activiteiten) and all(
            a.id in activiteiten for a in inhoud.activiteiten)
        if copy:  # "programma-1 (kopie).yaml" beside programma-1.yaml: one error, not one per activity
            fout(("programma", "nummer"), "programma.nummer",
                 f"programma {nummer} staat met dezelfde activiteiten ook in {nummers[nummer]}: is een van "
                 "beide een kopie? regie laad leest elk .yaml- en .yml-bestand in de map. Haal de kopie uit "
                 "de map (of geef haar een andere extensie, zoals .bak).")
            continue
        if nummer in nummers:
            fout(("programma", "nummer"), "programma.nummer",
                 f"programma {nummer} staat ook in {nummers[nummer]}. Geef elk programma een "
                 "eigen nummer.")
        nummers[nummer] = shown
        if people is not None and inhoud.programma.regisseur not in people:
            fout(("programma", "regisseur"), "programma.regisseur",
                 unknown_person_message("regisseur", inhoud.programma.regisseur, people))
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
                     unknown_person_message("eigenaar", activiteit.eigenaar, people))
            for kind, items in (("mijlpalen", activiteit.mijlpalen),
                                ("indicatoren", activiteit.indicatoren)):
                ids: set[str] = set()
                for j, item in enumerate(items):
                    if item.id in ids:
                        fout(("activiteiten", i, kind, j, "id"), f"{label}.{kind}[{item.id}].id",
                             f"id '{item.id}' komt twee keer voor in deze activiteit. Geef elk "
                             "een eigen id.")
                    ids.add(item.id)


# A file that did not pass its format check: its name as shown, its YAML and the paths of its errors.
Unparsed = tuple[str, YamlDocument, list[tuple[str | int, ...]]]


def people_in_unparsed(unparsed: list[Unparsed]) -> dict[str, str] | None:
    """The keys of a personen.yaml with format errors elsewhere, when every person's key can be read
    (a person without a readable key would make owners look unknown that are not: then none), with
    their names where readable."""
    if len(unparsed) != 1 or not isinstance(data := unparsed[0][1].data, dict):
        return None
    people = data.get("personen")
    if not isinstance(people, list) or not all(isinstance(p, dict) and isinstance(p.get("sleutel"), str)
                                               for p in people):
        return None
    return {p["sleutel"].strip(): p["naam"] if isinstance(p.get("naam"), str) else "" for p in people}


def check_unparsed_people(unparsed: list[Unparsed], people: Mapping[str, str] | None,
                          errors: list[RegisterFout]) -> None:
    """Unknown person keys in programme files with format errors, reported in the same round as those
    errors (a typo in a key showed only once every format error was fixed). Only keys that passed
    their own format check are looked up: a key with an error of its own is already reported."""
    if people is None:
        return
    for shown, document, bad in unparsed:
        data = document.data if isinstance(document.data, dict) else {}
        programma = data.get("programma")
        places: list[tuple[tuple[str | int, ...], object]] = [
            (("programma", "regisseur"), programma.get("regisseur") if isinstance(programma, dict) else None)]
        activities = data.get("activiteiten")
        for i, activity in enumerate(activities if isinstance(activities, list) else []):
            if isinstance(activity, dict):
                places.append((("activiteiten", i, "eigenaar"), activity.get("eigenaar")))
        for path, key in places:
            if not isinstance(key, str) or not key.strip() or key.strip() in people or any(
                    loc[:len(path)] == path for loc in bad):
                continue
            errors.append(RegisterFout(shown, document.line_of(path), field_label(path, data),
                                       unknown_person_message(str(path[-1]), key.strip(), people)))


def check_unparsed_ids(unparsed: list[Unparsed], programmas: list[tuple[ProgrammeFile, YamlDocument]],
                       root: Path, errors: list[RegisterFout]) -> None:
    """Ids used twice where a file has format errors, reported in the same round as those errors (a
    copied activity showed only once every format error was fixed): activity ids within the
    municipality, milestone and indicator ids within an activity. Read from the YAML, only ids that
    passed their own format check; a clash between two files without format errors is
    ``check_programmes``'s."""
    if not unparsed:
        return
    broken = {shown for shown, _document, _bad in unparsed}
    files = sorted([(shown, document, bad) for shown, document, bad in unparsed]
                   + [(shown_path(p.path, root), document, []) for p, document in programmas],
                   key=lambda file: file[0])  # file order
    seen: dict[str, tuple[str, YamlDocument, int]] = {}
    for shown, document, bad in files:
        data = document.data if isinstance(document.data, dict) else {}
        activities = data.get("activiteiten")
        for i, activity in enumerate(activities if isinstance(activities, list) else []):
            key = activity.get("id") if isinstance(activity, dict) else None
            if not isinstance(key, str) or not key.strip() or ("activiteiten", i, "id") in bad:
                continue
            key = key.strip()
            if key not in seen:
                seen[key] = (shown, document, i)
            elif shown in broken or seen[key][0] in broken:
                errors.append(RegisterFout(
                    shown, document.line_of(("activiteiten", i, "id")), f"activiteiten[{key}].id",
                    f"activiteit '{key}' staat ook in {_where(seen[key])}. Een id is uniek binnen de "
                    f"gemeente: kies een andere, bijvoorbeeld '{key}-2'."))
            if shown not in broken:
                continue
            for kind in ("mijlpalen", "indicatoren"):
                items = activity.get(kind)
                ids: set[str] = set()
                for j, item in enumerate(items if isinstance(items, list) else []):
                    own = item.get("id") if isinstance(item, dict) else None
                    if not isinstance(own, str) or ("activiteiten", i, kind, j, "id") in bad:
                        continue
                    if own.strip() in ids:
                        errors.append(RegisterFout(
                            shown, document.line_of(("activiteiten", i, kind, j, "id")),
                            f"activiteiten[{key}].{kind}[{own.strip()}].id",
                            f"id '{own.strip()}' komt twee keer voor in deze activiteit. Geef elk een "
                            "eigen id."))
                    ids.add(own.strip())


def _where(place: tuple[str, YamlDocument, int]) -> str:
    shown, document, index = place
    return f"{shown}, regel {document.line_of(('activiteiten', index, 'id'))}"
