"""A municipality is who its files say (``gemeente:`` in its programme files), never its folder's name.

A copy of a register folder under another name (``cp -r register/voorbeeld/bronckhorst mijngemeente``,
a few edits) therefore loaded as the municipality the files still named, merging into it. When the
folder's name does not mention the municipality the files name:

- refused (nothing is written) when that municipality is already loaded: the load would replace its
  register with the copy's files and archive what the copy lacks; or when it is one of the sample's
  municipalities: a copy of the sample for one's own municipality. The message names the file and line
  of ``gemeente:`` and what to write (the name, or the folder's);
- otherwise a warning (``--plan`` shows it before anything is written): a new municipality from a
  folder with a name of one's own ('register', 'concept') loads as the files say, and the warning says
  to name the folder after it (its next load from a folder that does not name it is refused).

The example.org addresses such a copy still holds are the demo-data warning's (demo_data.py)."""

from __future__ import annotations

import re

from domain.register.errors import RegisterFout
from services.register.demo_data import SAMPLE
from services.register.exporting import slug
from services.register.register_dir import MunicipalityRegister


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", slug(text))


def folder_names_it(folder: str, naam: str) -> bool:
    """Whether a folder's name mentions the municipality (any case, accents, punctuation): 'bronckhorst',
    'Bronckhorst-2026' and 'concept-bronckhorst' do for Bronckhorst, as 'bergen' does for 'Bergen (NH)'
    (whole words of the name); 'mijngemeente' and 'bronck' do not."""
    return _letters(naam) in _letters(folder) or f"-{slug(folder)}-" in f"-{slug(naam)}-"


def folder_check(register: MunicipalityRegister, *, loaded: set[str]
                 ) -> tuple[RegisterFout | None, str | None]:
    """(a refusal, a warning) for a folder whose name does not mention the municipality its files name;
    (None, None) when it does."""
    folder, naam = register.map.resolve().name, register.naam
    if folder_names_it(folder, naam):
        return None, None
    where = f"{register.gemeente_bestand}, regel {register.gemeente_regel}"
    said = f"de map heet '{folder}', maar hier staat gemeente: {naam}"
    own = ("Is dit een andere gemeente, schrijf dan haar naam achter gemeente: in elk programmabestand van "
           "deze map")
    suggested = f"{own} (bijvoorbeeld gemeente: {folder.replace('-', ' ').replace('_', ' ').title()})."
    if naam in loaded or naam in SAMPLE:
        why = (f"en {naam} is al geladen: laden zou het register van {naam} vervangen door deze bestanden en "
               "archiveren wat er niet in staat" if naam in loaded else
               "een voorbeeldgemeente van de demo: dit lijkt een kopie van het voorbeeldregister")
        return RegisterFout(register.gemeente_bestand, register.gemeente_regel, "gemeente", (
            f"{said}, {why}. {suggested} Is het echt het register van {naam}, geef de map dan de naam van de "
            f"gemeente ({slug(naam)}) en laad opnieuw.")), None
    return None, (f"de map '{folder}' wordt geladen als gemeente '{naam}' ({where}: gemeente: {naam}): de "
                  f"naam in de bestanden bepaalt de gemeente, niet de map. {own}. Is het {naam}, geef de map "
                  f"dan die naam ({slug(naam)}): {naam} opnieuw laden uit een map die haar niet noemt, "
                  "weigert 'regie laad', want zo'n map kan een kopie zijn.")
