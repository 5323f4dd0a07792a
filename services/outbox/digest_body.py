"""A digest's programmes, groups and items as the HTML part and the text part show them, written
here with one f-string per item instead of Jinja loops: the loops, their lookups and an autoescape
per value were half of rendering a 125-item digest. The frame of the message (greeting, counts,
personal link, footer) stays in templates/mail/overzicht.*.j2; an item's sentence, a group's
heading and a programme's name still come from the templates' macros (services/rendering.py).
The output is byte for byte what the templates' loops wrote (tests/test_digest_body.py)."""

from __future__ import annotations

from markupsafe import Markup

from services.outbox.answer_links import escape_html

# The register's own words under an item whose text it quotes (a reason, a note): "Uit het register".
HERKOMST_HTML = '<br><span class="bron">Uit het register: &ldquo;{}&rdquo;</span>'
HERKOMST_TEKST = "  Uit het register: “{}”\n"

Rij = tuple[str, str]  # an item as (its HTML table row, its text lines)
NL = "\n"


LAAT = ' class="laat"'
ACTIES = '<br><span class="acties">{}</span>'


def item_row(*, label: str, zin: str, te_laat: bool, herkomst: str, acties: str, links_tekst: str) -> Rij:
    """One item: a table row (label, sentence, where the register says it, the answer links as
    HTML already, answer_links.item_actions) and its text lines ("- label: sentence", the source,
    one line per answer link)."""
    html = (f'<tr><td class="a">{escape_html(label)}</td><td{LAAT if te_laat else ""}>{escape_html(zin)}'
            f'{HERKOMST_HTML.format(escape_html(herkomst)) if herkomst else ""}'
            f'{ACTIES.format(acties) if acties else ""}</td></tr>')
    tekst = (f"- {label}: {zin}\n{HERKOMST_TEKST.format(herkomst) if herkomst else ''}"
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

