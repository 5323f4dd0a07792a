"""Digests rendered as messages: subject, HTML and plain text from templates/mail/."""

from __future__ import annotations

import datetime as dt
from typing import Any

from services.daily_check import Overzicht
from services.delivery import Bericht
from services.rendering import render, sentence


def answer_links(persoon_id: int, item: dict[str, Any]) -> list[tuple[str, str]]:
    """The item's direct links to the answer page (label, URL): they open the person's page with
    the item focused and prefilled; only the page's POST changes anything."""
    from web.links import personal_link

    if item.get("rol", "eigenaar") != "eigenaar" or not item.get("activiteit_id"):
        return []
    out = []
    if item.get("onderwerp") == "mijlpaal" and item.get("regel") in ("vooraf", "te-laat"):
        milestone = f"m{item['onderwerp_id']}"
        out += [("Gereed", personal_link(persoon_id, item=milestone, actie="gereed")),
                ("Nieuwe datum", personal_link(persoon_id, item=milestone, actie="datum"))]
    out.append(("Loopt volgens plan", personal_link(persoon_id, item=f"a{item['activiteit_id']}",
                                                    actie="volgens-plan")))
    return out


def message(digest: Overzicht, *, peildatum: dt.date, link: str) -> Bericht:
    """One digest as a message. Each item's sentence is written once, for both the HTML and the
    text part; every message carries the person's link to "Mijn activiteiten"."""
    from web.links import personal_link

    programmas = {naam: [{**item, "zin": sentence(item), "acties": answer_links(digest.persoon_id, item)}
                         for item in items]
                  for naam, items in digest.programmas.items()}
    context = {"digest": digest, "programmas": programmas, "peildatum": peildatum, "link": link,
               "persoonlijk": personal_link(digest.persoon_id)}
    subject = render("mail/onderwerp.txt.j2", context).strip()
    return Bericht(
        persoon_id=digest.persoon_id, sleutel=digest.sleutel, rollen=tuple(digest.rollen),
        kanalen=tuple(digest.kanalen), onderwerp=subject,
        html=render("mail/overzicht.html.j2", {**context, "onderwerp": subject}),
        tekst=render("mail/overzicht.txt.j2", context))


def messages(digests: list[Overzicht], *, peildatum: dt.date, link: str) -> list[Bericht]:
    """One message per digest."""
    return [message(digest, peildatum=peildatum, link=link) for digest in digests]
