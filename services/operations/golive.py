"""Go-live checks of `regie diagnose` (docs/livegang.md): once mail goes out for real, the addresses in
it must work on a regisseur's PC and the sender must be a real address. Each finding says which
setting to set."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from models.settings import Settings
from services.outbox.local_mailbox import goes_to_local_mailbox
from services.outbox.reply_to import reply_address
from services.register.municipalities import known_names

_THIS_MACHINE = ("localhost", "127.0.0.1", "::1", "0.0.0.0")


def on_this_machine(url: str) -> bool:
    """Whether ``url`` names this computer (127.x, localhost): it opens nothing on a colleague's PC."""
    host = (urlsplit(url).hostname or "").lower()
    return host in _THIS_MACHINE or host.startswith("127.")


def golive_findings(settings: Settings) -> list[tuple[str, str]]:
    """(part, what to set) for each address that only works on this machine while REGIE_SMTP_URL sends
    real mail; nothing while mail goes to the local mailbox (the demo, a trial)."""
    if goes_to_local_mailbox(settings):
        return []
    found = []
    if on_this_machine(settings.web_base_url):
        found.append(("antwoordpagina", f"de links in de berichten gaan naar {settings.web_base_url}/mijn/"
                      "…, en dat opent alleen op deze computer, niet op de pc van een regisseur: zet "
                      "REGIE_WEB_URL op het adres waarop collega's de antwoordpagina bereiken (bijvoorbeeld "
                      "https://regie.gemeente.nl; zie docs/answering.md)"))
    elif urlsplit(settings.web_base_url).scheme != "https":
        found.append(("antwoordpagina", f"de links in de berichten gaan naar {settings.web_base_url}, "
                      "zonder versleuteling: een persoonlijke link werkt als een wachtwoord en gaat zo "
                      "leesbaar over het netwerk. Zet REGIE_WEB_URL op het https://-adres van de proxy "
                      "(docs/operations.md)"))
    if on_this_machine(settings.ui_url):
        found.append(("Prefect-UI", "de links naar de Prefect-UI in de berichten gaan naar "
                      f"{settings.ui_url}, en dat opent alleen op deze computer: zet REGIE_UI_URL op het "
                      "adres waarop de coördinator de UI bereikt (bijvoorbeeld https://regie-ui.gemeente.nl)"))
    domain = settings.afzender.rpartition("@")[2].strip().lower()
    if domain in _THIS_MACHINE or "." not in domain:
        found.append(("afzender", f"berichten komen van {settings.afzender}, geen adres waarop iemand "
                      "kan antwoorden (veel mailservers weigeren het of zien het als spam): zet "
                      "REGIE_AFZENDER op een adres van de gemeente, bijvoorbeeld programmaregie@gemeente.nl"))
    return found


def unanswered(people: Iterable[Any], names: dict[int, str], settings: Settings) -> list[tuple[str, str]]:
    """(part, what to do) when a municipality has no coordinator with an e-mail address: replies to
    its mail then go to REGIE_AFZENDER, not to a person (docs/outbox.md, "Replies")."""
    people = list(people)
    answered = {p.gemeente_id for p in people if reply_address(p.rollen, p.kanalen)}
    missing = sorted({names.get(p.gemeente_id, "?") for p in people if p.gemeente_id not in answered})
    if not missing:
        return []
    which = f"{known_names(missing, 10)} {'heeft' if len(missing) == 1 else 'hebben'}"
    return [("antwoord", f"{which} geen coördinator met een e-mailadres: antwoorden op de mail gaan daar "
             f"naar de afzender ({settings.afzender}), niet naar een persoon. Geef in personen.yaml een "
             "persoon met rollen: [coordinator] een e-mailadres onder kanalen (docs/livegang.md)")]
