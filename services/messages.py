"""Digests rendered as messages: subject, HTML and plain text from templates/mail/."""

from __future__ import annotations

import datetime as dt

from services.daily_check import Overzicht
from services.delivery import Bericht
from services.rendering import render, sentence


def message(digest: Overzicht, *, peildatum: dt.date, link: str) -> Bericht:
    """One digest as a message. Each item's sentence is written once, for both the HTML and the
    text part."""
    programmas = {naam: [{**item, "zin": sentence(item)} for item in items]
                  for naam, items in digest.programmas.items()}
    context = {"digest": digest, "programmas": programmas, "peildatum": peildatum, "link": link}
    subject = render("mail/onderwerp.txt.j2", context).strip()
    return Bericht(
        persoon_id=digest.persoon_id, sleutel=digest.sleutel, rollen=tuple(digest.rollen),
        kanalen=tuple(digest.kanalen), onderwerp=subject,
        html=render("mail/overzicht.html.j2", {**context, "onderwerp": subject}),
        tekst=render("mail/overzicht.txt.j2", context))


def messages(digests: list[Overzicht], *, peildatum: dt.date, link: str) -> list[Bericht]:
    """One message per digest."""
    return [message(digest, peildatum=peildatum, link=link) for digest in digests]
