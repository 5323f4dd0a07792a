"""A value that a step cannot handle, reported for its own item while the rest goes on.

Loading refuses what it can (domain.register.register). A value can still reach the database another way
(an older release, a hand-edited row, a rule nobody foresaw); then the rules, the calendar writer
or a template skip that one item and name it here, in Dutch, instead of stopping the run for
every municipality.
"""

from __future__ import annotations

import hashlib
from typing import Any, NamedTuple

from domain.register.herhaling import OngeldigeHerhaling
from domain.register.tekstcontrole import shown, visible

ONGELDIGE_WAARDE = "ongeldige-waarde"  # the rule of the coordinators' notice about a skipped item


class Probleem(NamedTuple):
    """One item that was skipped, and why (Dutch)."""

    onderwerp: str            # mijlpaal | activiteit | persoon
    onderwerp_id: int
    waar: str                 # "Bronckhorst · programma 1: … › activiteit › mijlpaal"
    veld: str | None
    melding: str
    activiteit_id: int = 0
    gemeente_id: int = 0
    regisseur_id: int = 0
    bron: str = ""            # "bronckhorst/programma-1.yaml, regel 42" (services.register.provenance)

    def __str__(self) -> str:
        return beschrijving(self.waar, self.veld, self.melding, bron=self.bron)

    @property
    def vingerafdruk(self) -> str:
        """Stable for the same item and the same complaint: a notice about it is sent once."""
        return hashlib.sha256(f"{self.veld}|{self.melding}".encode()).hexdigest()[:16]


def beschrijving(waar: str, veld: str | None, melding: str, *, bron: str = "") -> str:
    """One skipped item in Dutch: "programma-1.yaml, regel 42, veld herhaling: … (waar)" where the
    register file and line are known (loaded since they are kept), else by its ids."""
    veld_tekst = f", veld {veld}" if veld else ""
    if bron:
        return visible(f"{bron}{veld_tekst}: {melding} ({waar})", 600)
    return visible(f"{waar}{veld_tekst}: {melding}", 600)


def uitleg(exc: BaseException, waarde: object = None) -> tuple[str | None, str]:
    """(field, Dutch explanation) for an exception raised while handling one item."""
    if isinstance(exc, OngeldigeHerhaling):
        return "herhaling", (f"de herhaling {shown(waarde)} is niet te gebruiken: {exc} Deze mijlpaal "
                             "krijgt geen herinneringen tot het register is verbeterd en opnieuw geladen.")
    return None, (f"deze waarde kon niet worden verwerkt ({type(exc).__name__}); het item is overgeslagen, "
                  "de rest ging door. Controleer het register en meld het aan de beheerder.")


def meldingen(problemen: list[Probleem], coordinatoren: dict[int, tuple[int, ...]]) -> list[Any]:
    """A notice per skipped item to the municipality's coordinators (the programme's regisseur
    when there is none). Its key holds the complaint's fingerprint, so it goes out once."""
    from domain.rules.regels import GEEN_DATUM, Herinnering

    out = []
    for p in problemen:
        programma, _, rest = p.waar.partition(" › ")
        for person in coordinatoren.get(p.gemeente_id) or ((p.regisseur_id,) if p.regisseur_id else ()):
            out.append(Herinnering(
                p.onderwerp, p.onderwerp_id, ONGELDIGE_WAARDE, p.vingerafdruk, GEEN_DATUM, person,
                "coordinator", p.activiteit_id, programma, rest, visible(p.melding, 600), soort=p.veld or "",
                bron=p.bron or None))
    return out
