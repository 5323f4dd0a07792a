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


def demo_warning(*, session: Session, data_dir: Path) -> str | None:
    """The Dutch warning (after "Let op: ") when a data directory that is not the demo's holds example
    addresses; None when it does not (or it is the demo's)."""
    if is_demo_dir(data_dir):
        return None
    found = example_people(session=session)
    if not found:
        return None
    names = list(found)
    listed = " en ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]
    people = sum(found.values())
    wie = "1 persoon" if people == 1 else f"{people} personen"
    return (f"het register in deze datamap ({data_dir}) bevat nog voorbeeldgegevens, zoals die van de "
            f"demo: {listed}, met {wie} met een adres bij example.org, example.com of example.net. Een echte "
            "controle stuurt hun herinneringen en rapporten naar die adressen. 'regie laad' verwijdert geen "
            "gemeente (een gemeente die niet in de geladen map staat, blijft actief). Begin daarom in een "
            f"eigen, lege datamap: verplaats deze (mv {data_dir} {data_dir}-oud) of kies een andere met "
            "REGIE_DATA_DIR, en laad daar uw eigen register met 'regie laad MAP'. Wat u hier al aan uw "
            "eigen gemeente veranderde, neemt u mee met 'regie exporteer MAP' (neem alleen de map van uw "
            "gemeente). Zie docs/livegang.md.")
