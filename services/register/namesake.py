"""A typo in ``gemeente:`` is not a new municipality.

A trial changed 'gemeente: Bronckhorst' into 'gemeente: Bronkhorst' (one letter) and loaded the folder:
a second municipality, with the same people, activities and milestones, so every reminder went out twice,
and 'regie laad' removes no municipality. Now a municipality that is not loaded yet is refused (nothing is
written; `--plan` says the same) when its name is close to a loaded one (difflib ratio ≥ ``CLOSE`` on
casefolded names) or its folder names a loaded one and not it (the folder 'bronckhorst' that loaded
Bronckhorst). The message asks "Bedoelt u 'Bronckhorst'?" and says how to load it anyway when it really
is a new municipality: ``regie laad --nieuwe-gemeente NAAM``.

Names that differ only in capitals, accents or punctuation are refused before this
(``services/register/loading._folder_taken``), with their own message."""

from __future__ import annotations

from collections.abc import Collection
from difflib import SequenceMatcher

from domain.register.errors import RegisterFout
from services.register.folder_name import folder_names_it
from services.register.register_dir import MunicipalityRegister

CLOSE = 0.8  # 'Bronkhorst'/'Bronckhorst' 0.95, 'Lindewaad'/'Lindewaard' 0.95; 'Zutphen'/'Bronckhorst' 0.22


def similarity(a: str, b: str) -> float:
    """How alike two municipality names are, ignoring capitals (0 to 1)."""
    return SequenceMatcher(None, a.casefold(), b.casefold()).ratio()


def namesake_check(register: MunicipalityRegister, *, loaded: Collection[str],
                   nieuw: Collection[str] = ()) -> RegisterFout | None:
    """The refusal of a municipality not loaded yet that looks like a typo of a loaded one; None when it
    is loaded, named in ``nieuw`` (``--nieuwe-gemeente``, any capitals) or like none."""
    naam = register.naam
    if naam in loaded or naam.casefold() in {n.strip().casefold() for n in nieuw}:
        return None
    folder = register.map.resolve().name
    by_folder = [] if folder_names_it(folder, naam) else [
        o for o in sorted(loaded) if folder_names_it(folder, o)]
    close = sorted((o for o in loaded if similarity(naam, o) >= CLOSE),
                   key=lambda o: (-similarity(naam, o), o))
    if not (by_folder or close):
        return None
    other = (by_folder or close)[0]
    why = (f"lijkt op {other}, die al geladen is" if other in close else
           f"de map '{folder}' is die van {other}, die al geladen is")
    return RegisterFout(register.gemeente_bestand, register.gemeente_regel, "gemeente", (
        f"gemeente {naam} is nog niet geladen, maar {why}. Bedoelt u '{other}'? Schrijf dan gemeente: "
        f"{other} in elk programmabestand van deze map en laad opnieuw. Laden zou anders naast {other} een "
        f"tweede gemeente {naam} toevoegen, met alle personen, activiteiten en mijlpalen uit deze map (elke "
        "herinnering gaat dan twee keer uit), en 'regie laad' verwijdert geen gemeente. Is het echt een "
        f"nieuwe gemeente, laad dan met --nieuwe-gemeente \"{naam}\"."))
