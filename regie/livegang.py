"""Go-live guards of the commands (docs/livegang.md): the demo's sample data in a real data directory,
and a draft register for a municipality that is already loaded (thin: the work is in services/)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from regie.common import err, open_session


def warn_demo_data() -> None:
    """Tell, on standard error, when this data directory is not the demo's and its register still holds
    people at example.org/.com/.net (the sample's): a real run would mail them."""
    from models.settings import get_settings
    from services.register.demo_data import demo_warning

    with open_session() as session:
        warning = demo_warning(session=session, data_dir=get_settings().data_dir)
    if warning:
        err().print(Text(f"Let op: {warning}", style="yellow"))


def is_demo() -> bool:
    """Whether this data directory is the demo's (start.sh marked it)."""
    from models.settings import get_settings
    from services.register.demo_data import is_demo_dir

    return is_demo_dir(get_settings().data_dir)


def draft_last_line(gemeente: str, uitvoer: Path) -> str:
    """The importer's last line: how to load the draft. When ``gemeente`` is already loaded, loading the
    draft as it is would archive everything of the existing register that the draft lacks and replace
    its people (the coordinator's channel): then the safe way instead."""
    from models.db import database_exists
    from services.register.municipalities import loaded_municipality

    found = None
    if database_exists():  # no database yet (a new data directory): nothing is loaded, none is made
        with open_session() as session:
            found = loaded_municipality(session=session, naam=gemeente)
    if found is None:
        return f"Controleer de bestanden en laad ze met: regie laad {uitvoer}"
    naam, activiteiten = found
    return (f"Let op: {naam} staat al in het geladen register ({activiteiten} actieve activiteiten). Laad "
            f"{uitvoer} niet zoals hij is: 'regie laad' zou alles van {naam} archiveren wat niet in dit "
            "concept staat (programma's, activiteiten, vergaderingen), en de personen vervangen door die "
            "van het concept (zonder kanalen, ook de coördinator). Veilig: neem de activiteiten die u wilt "
            "toevoegen met de hand over in de programmabestanden van uw bestaande registermap (geen map bij "
            "de hand: 'regie exporteer MAP' schrijft het geladen register), met uw eigen personen.yaml. "
            "Kijk dan eerst met 'regie laad REGISTERMAP --plan': er mag niets 'gearchiveerd' staan dat u "
            "wilt houden, en geen 'gewijzigd personen' die u niet bedoelt. Laad pas daarna met 'regie laad "
            "REGISTERMAP'.")
