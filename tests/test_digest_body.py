"""A digest's body (programmes, groups, rows: services/outbox/digest_body.py, written in Python since
session 24) as the templates' loops wrote it: a programme's heading, the person's own items first,
then a group of others' items under the line that says why, each row with its sentence, where the
register says it and its answer links; register text escaped in the HTML part, as typed in the text."""

from __future__ import annotations

import datetime as dt
import re

ITEM = {"activiteit_id": 3, "onderwerp": "mijlpaal", "wat": "Besluit <b> & co", "soort": "besluit", "dagen": 5,
        "onzeker": False, "vraag_evaluatie": False, "door": None, "datum": "2020-06-23", "link": None}


def test_a_digest_body_has_its_programmes_groups_and_rows_in_both_parts() -> None:
    from services.outbox.messages import Bundel, Item, render

    items = [
        Item(1, "vooraf", {**ITEM, "programma": "Jeugd & gezin", "activiteit": "Sport \"akkoord\"", "onderwerp_id": 7,
                           "te_laat": False, "bron": "medio <2020>", "rol": "eigenaar"}),
        Item(2, "te-laat", {**ITEM, "programma": "Jeugd & gezin", "activiteit": "OAB", "onderwerp_id": 8, "dagen": 79,
                            "datum": "2020-03-31", "te_laat": True, "bron": None, "rol": "regisseur", "drempel": 14,
                            "eigenaar": "Anna"}),
        Item(3, "stilstand", {**ITEM, "programma": "Wonen", "activiteit": "Wijkplan", "onderwerp": "activiteit",
                              "onderwerp_id": 4, "activiteit_id": 4, "dagen": 91, "te_laat": False, "bron": None,
                              "rol": "eigenaar"}),
    ]
    bundle = Bundel(1, "p1", "Piet", ["regisseur"], ["mailto:piet@example.org"], "Zutphen", soort="overzicht",
                    items=items)
    message = render(bundle, items, peildatum=dt.date(2020, 6, 18), link="http://127.0.0.1:4200/runs")
    html = re.sub(r"/mijn/[^?\"]+", "/mijn/T", message.html)
    tekst = re.sub(r"/mijn/[^?\s]+", "/mijn/T", message.tekst)
    page = re.search(r"http://[^/]+/mijn/T", tekst).group(0)  # type: ignore[union-attr]

    assert (
        '<h3>Jeugd &amp; gezin</h3><table role="presentation"><tr><td class="a">Sport &#34;akkoord&#34;</td><td>'
        "Besluit &lt;b&gt; &amp; co: over 5 dagen (uiterlijk 23 juni 2020)"
        '<br><span class="bron">Uit het register: &ldquo;medio &lt;2020&gt;&rdquo;</span>'
        f'<br><span class="acties"><a href="{page}?item=m7&amp;actie=gereed#m7">Gereed</a> · '
        f'<a href="{page}?item=m7&amp;actie=datum#m7">Nieuwe datum</a> · '
        f'<a href="{page}?item=a3&amp;actie=volgens-plan#a3">Loopt volgens plan</a></span></td></tr></table>\n'
        '<p class="rol">U ontvangt dit punt als regisseur, niet als eigenaar: het is 14 dagen of langer te laat.</p>'
        '<table role="presentation"><tr><td class="a">OAB</td><td class="laat">Besluit &lt;b&gt; &amp; co: 79 dagen '
        "te laat (uiterlijk was 31 maart 2020); eigenaar: Anna</td></tr></table>\n"
        '<h3>Wonen</h3><table role="presentation"><tr><td class="a">Wijkplan</td><td>Geen voortgang vastgelegd in 91 '
        "dagen. Geef een korte stand van zaken."
        f'<br><span class="acties"><a href="{page}?item=a4&amp;actie=volgens-plan#a4">Loopt volgens plan</a>'
        "</span></td></tr></table>\n<p>"
    ) in html
    assert (
        "\n\n== Jeugd & gezin ==\n"
        '- Sport "akkoord": Besluit <b> & co: over 5 dagen (uiterlijk 23 juni 2020)\n'
        "  Uit het register: “medio <2020>”\n"
        f"  Gereed: {page}?item=m7&actie=gereed#m7\n"
        f"  Nieuwe datum: {page}?item=m7&actie=datum#m7\n"
        f"  Loopt volgens plan: {page}?item=a3&actie=volgens-plan#a3\n"
        "\nU ontvangt dit punt als regisseur, niet als eigenaar: het is 14 dagen of langer te laat.\n"
        "- OAB: Besluit <b> & co: 79 dagen te laat (uiterlijk was 31 maart 2020); eigenaar: Anna\n"
        "\n== Wonen ==\n"
        "- Wijkplan: Geen voortgang vastgelegd in 91 dagen. Geef een korte stand van zaken.\n"
        f"  Loopt volgens plan: {page}?item=a4&actie=volgens-plan#a4\n"
        "\nGeef voortgang door"
    ) in tekst
