"""The demo's data, told apart from a real installation's. `./start.sh` keeps the demo in a data
directory of its own, marked by DEMO_MARKER; a real data directory (the service, `regie controle`,
`regie laad`) that still holds people with an address at example.org, example.com or example.net
(the sample register's, reserved for examples) gets a Dutch warning: a real run would mail their
reminders and reports there, and `regie laad` never removes a municipality (docs/livegang.md)."""

from __future__ import annotations

import re
from pathlib import Path

from sqlmodel import Session, select

from models.tables import Municipality, Person

DEMO_MARKER = "demo-datamap.txt"  # written by start.sh into the demo's data directory
SAMPLE = ("Bronckhorst", "Gorinchem")  # the sample register's municipalities (register/voorbeeld)
_EXAMPLE = re.compile(r"(?:@|://)(?:[\w-]+\.)*example\.(?:org|com|net)(?![\w-])", re.IGNORECASE)


def is_demo_dir(data_dir: Path) -> bool:
    """Whether ``data_dir`` is the demo's (start.sh marked it)."""
    return (data_dir / DEMO_MARKER).is_file()


def example_people(*, session: Session) -> dict[str, int]:
    """Per municipality (by name, sorted): how many active people have a channel at an example domain."""
    rows = session.exec(select(Municipality.naam, Person.kanalen)
                        .join(Person, Person.gemeente_id == Municipality.id)  # type: ignore[arg-type]
                        .where(Person.gearchiveerd_op.is_(None))).all()  # type: ignore[union-attr]
    found: dict[str, int] = {}
    for naam, kanalen in rows:
        if any(_EXAMPLE.search(str(kanaal)) for kanaal in kanalen or []):
            found[naam] = found.get(naam, 0) + 1
    return dict(sorted(found.items()))


def _listed(names: list[str]) -> str:
    return " en ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]


def demo_warning(*, session: Session, data_dir: Path) -> str | None:
    """The Dutch warning (after "Let op: ") when a data directory that is not the demo's holds example
    addresses; None when it does not (or it is the demo's). The sample's municipalities get how to start
    clean (a load never removes a municipality); others, that their personen.yaml needs real addresses."""
    if is_demo_dir(data_dir):
        return None
    found = example_people(session=session)
    if not found:
        return None
    people = sum(found.values())
    wie = "1 persoon" if people == 1 else f"{people} personen"
    said = (f"het register in deze datamap ({data_dir}) heeft {wie} met een adres bij example.org, "
            f"example.com of example.net, in {_listed(list(found))}. Een echte controle stuurt hun "
            "herinneringen en rapporten naar die adressen.")
    sample = [naam for naam in found if naam in SAMPLE]
    own = [naam for naam in found if naam not in SAMPLE]
    if sample:
        zijn = "zijn de voorbeeldgemeenten" if len(sample) > 1 else "is een voorbeeldgemeente"
        said += (f" {_listed(sample)} {zijn} van de demo, en 'regie laad' verwijdert geen gemeente (een "
                 "gemeente die niet in de geladen map staat, blijft actief). Begin daarom in een eigen, lege "
                 f"datamap: verplaats deze (mv {data_dir} {data_dir}-oud) of kies een andere met "
                 "REGIE_DATA_DIR, en laad daar uw eigen register met 'regie laad MAP'. Wat u hier al aan uw "
                 "eigen gemeente veranderde, neemt u mee met 'regie exporteer MAP' (neem alleen de map van "
                 "uw gemeente). Een kopie van een voorbeeldmap onder een andere mapnaam blijft de "
                 "voorbeeldgemeente: de naam achter 'gemeente:' in de programmabestanden bepaalt de "
                 "gemeente, niet de map.")
    if own:
        said += f" Vervang in personen.yaml van {_listed(own)} die adressen door echte en laad opnieuw."
    return said + " Zie docs/livegang.md."
