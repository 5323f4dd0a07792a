"""A national event is context, not the municipality's own milestone (docs/importer.md, "A national
event").

"Per 1 januari 2026 treedt de Wet … in werking", "De Omgevingswet is per 2026 van kracht", "Het kabinet
besluit vóór 1 juli 2026 over …": the date is when a law takes effect or when the national government acts,
not when the municipality's activity starts or is due. A dated milestone of such a sentence is not written
into the draft (a milestone there would be reminded and escalated like any other): it is kept in
``TijdpadLezing.extern`` with a remark that says so, for the activity's remarks and the import report.
A sentence in which the municipality acts ("wij", "we", "de gemeente", "het college", "de raad") is its own
milestone and left as it is ("Per 1 januari 2026 voeren wij de Wet … uit"). A sentence that dates an
introduction ("De planning is invoering op 1 januari 2025") right after one that names a national law ("De
ministerraad heeft ingestemd met het wetsvoorstel …") is such an event too. Pure.
"""

from __future__ import annotations

import re
from dataclasses import replace

from domain.documents.tijdpad_mijlpaal import TijdpadLezing

# A law or national rule taking effect.
_LAW = re.compile(r"(?<!\w)(?:\w*wet(?:geving|swijziging|svoorstel)?|AMvB|algemene\s+maatregel\s+van\s+"
                  r"bestuur|landelijke\s+(?:regel\w*|norm\w*))(?!\w)", re.IGNORECASE)
_IN_FORCE = re.compile(r"(?<!\w)(?:in\s+werking|van\s+kracht|treedt|treden|ingaat|gaat\s+(?:\w+\s+){0,4}in|"
                       r"wordt\s+(?:\w+\s+){0,3}ingevoerd|geldt|gelden)(?!\w)", re.IGNORECASE)
# The national government as the one who acts ("het kabinet besluit", "de minister stelt … vast"); not as a
# source of money ("middelen vanuit het Rijk").
_NATIONAL = re.compile(r"(?<!\w)(?:(?:het\s+(?:Rijk|kabinet|ministerie)|de\s+(?:rijksoverheid|minister|"
                       r"staatssecretaris|ministerraad|Tweede\s+Kamer|Eerste\s+Kamer|wetgever))\s+(?:\w+\s+)?"
                       r"(?:besluit|beslist|besloot|stelt|legt|komt|wil|verwacht|verplicht|publiceert|neemt|"
                       r"introduceert|gaat|zal|heeft\s+besloten)|landelijk\s+(?:besloten|vastgesteld|ingevoerd)|"
                       # all municipalities have a duty: a national rule ("zijn gemeenten verplicht")
                       r"(?:alle\s+)?gemeenten\s+(?:\w+\s+){0,2}?(?:verplicht|wettelijk\s+verplicht|moeten|dienen)|"
                       r"(?:moeten|dienen|zijn|worden)\s+(?:alle\s+)?gemeenten\s+(?:\w+\s+){0,2}?verplicht)(?!\w)",
                       re.IGNORECASE)
_MUNICIPALITY = re.compile(r"(?<!\w)(?:wij|we|ons|onze|de\s+gemeente|het\s+college|de\s+(?:gemeente)?raad)"
                           r"(?!\w)", re.IGNORECASE)


# "De planning is invoering op 1 januari 2025" right after "De ministerraad heeft ingestemd met het
# wetsvoorstel …": the law's introduction, named in the sentence before.
_INTRODUCTION = re.compile(r"(?<!\w)(?:invoering|inwerkingtreding|in\s+werking|van\s+kracht|"
                           r"ingangsdatum)(?!\w)", re.IGNORECASE)


def extern(item: str, vorige: str | None = None) -> str | None:
    """The words that make ``item`` a national event ("treedt … in werking"), or None. ``vorige``: the
    sentence before, which may name the law whose introduction ``item`` dates."""
    if _MUNICIPALITY.search(item):
        return None
    introduction = _INTRODUCTION.search(item)
    if introduction and vorige and not _MUNICIPALITY.search(vorige) and not _LAW.search(item):
        law = _LAW.search(vorige)
        if law:
            named = " ".join(vorige[law.start():].split()[:6]).rstrip(".;:,")
            return f"{' '.join(introduction.group(0).split())} van {named}"
    law = _LAW.search(item)
    forces = list(_IN_FORCE.finditer(item)) if law else []
    if law and forces:
        start, end = min(law.start(), forces[0].start()), max(law.end(), forces[-1].end())
        return " ".join(item[start:end].split()[:12])
    national = _NATIONAL.search(item)
    return " ".join(national.group(0).split()) if national else None


def externe_mijlpalen(item: str, lezing: TijdpadLezing, vanaf: int, vorige: str | None = None) -> None:
    """The milestones read from ``item`` (``lezing.mijlpalen[vanaf:]``) moved to ``lezing.extern`` when
    ``item`` is a national event (``vorige``: the sentence before it): context with a remark, never a
    milestone of the draft, so never a reminder or an escalation."""
    if len(lezing.mijlpalen) <= vanaf:
        return
    words = extern(item, vorige)
    if words is None:
        return
    for m in lezing.mijlpalen[vanaf:]:
        phrase = " ".join(m.bron.split())
        when = m.uiterlijk or m.vroegst
        day = f" ({when:%d-%m-%Y})" if when else ""
        note = (f"'{phrase}'{day} is een landelijke gebeurtenis ('{words}'), geen mijlpaal van de gemeente "
                "zelf: niet als mijlpaal overgenomen (geen herinnering); alleen context. Is het toch een "
                "mijlpaal van de activiteit, voeg hem dan zelf toe")
        lezing.extern.append(replace(m, soort="overig", zeker=False, opmerking=note,
                                     omschrijving=f"Extern: {m.omschrijving}"))
        lezing.opmerkingen.append(note)
    del lezing.mijlpalen[vanaf:]
