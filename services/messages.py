"""Digests rendered as messages: subject, HTML and plain text from templates/mail/."""

from __future__ import annotations

import datetime as dt

from services.daily_check import Overzicht
from services.delivery import Bericht
from services.rendering import render


def messages(digests: list[Overzicht], *, peildatum: dt.date, link: str) -> list[Bericht]:
    """One message per digest."""
    out = []
    for digest in digests:
        context = {"digest": digest, "peildatum": peildatum, "link": link}
        subject = render("mail/onderwerp.txt.j2", context).strip()
        out.append(Bericht(
            persoon_id=digest.persoon_id, sleutel=digest.sleutel, rollen=tuple(digest.rollen),
            kanalen=tuple(digest.kanalen), onderwerp=subject,
            html=render("mail/overzicht.html.j2", {**context, "onderwerp": subject}),
            tekst=render("mail/overzicht.txt.j2", context)))
    return out
