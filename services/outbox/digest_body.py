"""A digest's programmes, groups and items as the HTML part and the text part show them, written
here with one f-string per item instead of Jinja loops: the loops, their lookups and an autoescape
per value were half of rendering a 125-item digest. The frame of the message (greeting, counts,
personal link, footer) stays in templates/mail/overzicht.*.j2; an item's sentence, a group's
heading and a programme's name still come from the templates' macros (services/rendering.py).
The output is byte for byte what the templates' loops wrote (tests/test_digest_body.py)."""

from __future__ import annotations

from functools import cache

from markupsafe import Markup

from services.outbox.answer_links import escape_html


@cache
def _herkomst() -> tuple[str, str]:
    """The words under an item that quotes the register (a reason, a note), HTML and text, with "{}"
    for the quote: from templates/partials/digest_rij.j2, read once (every word a user reads lives in
    a template)."""
    from services.rendering import environment

    words = environment().get_template("partials/digest_rij.j2").module
    return str(words.herkomst_html), str(words.herkomst_tekst) + "\n"  # type: ignore[attr-defined]


Rij = tuple[str, str]  # an item as (its HTML table row, its text lines)
NL = "\n"


LAAT = ' class="laat"'
ACTIES = '<br><span class="acties">{}</span>'


def item_row(*, label: str, zin: str, te_laat: bool, herkomst: str, acties: str, links_tekst: str) -> Rij:
    """One item: a table row (label, sentence, where the register says it, the answer links as
    HTML already, answer_links.item_actions) and its text lines ("- label: sentence", the source,
    one line per answer link)."""
    herkomst_html, herkomst_tekst = _herkomst()
    html = (f'<tr><td class="a">{escape_html(label)}</td><td{LAAT if te_laat else ""}>{escape_html(zin)}'
            f'{herkomst_html.format(escape_html(herkomst)) if herkomst else ""}'
            f'{ACTIES.format(acties) if acties else ""}</td></tr>')
    tekst = (f"- {label}: {zin}\n{herkomst_tekst.format(herkomst) if herkomst else ''}"
             f"{links_tekst + NL if links_tekst else ''}")
    return html, tekst


def body(programmas: list[tuple[str, list[tuple[str, list[Rij]]]]]) -> tuple[Markup, str]:
    """The digest's body for both parts. ``programmas``: each programme's shown name (the ``kop``
    filter applied) with its groups as (heading: "" for the person's own items, else why they come;
    their rows). The HTML: per programme an ``<h3>`` line, then per group the heading and its
    table on one line, a row per line. The text: an empty line and ``== programme ==``, per group
    its heading (after an empty line if not the first group), then the items' lines."""
    html: list[str] = []
    tekst: list[str] = []
    for naam, groepen in programmas:
        html.append(f"<h3>{escape_html(naam)}</h3>")
        tekst.append(f"\n== {naam} ==\n")
        for number, (kop, rijen) in enumerate(groepen):
            rows = "\n".join([row for row, _ in rijen])
            html.append(f'<p class="rol">{escape_html(kop)}</p><table role="presentation">{rows}</table>\n'
                        if kop else f'<table role="presentation">{rows}</table>\n')
            if kop:
                tekst.append(f"\n{kop}\n" if number else f"{kop}\n")
            tekst.extend([lines for _, lines in rijen])
    return Markup("".join(html)), "".join(tekst)

