"""Every figure of a report's indicators carries its unit, and every comparison says with what.

A new user's trial read the MOSD mail's text part as "10,6 % op 31 december 2019 (beter dan de
vorige meting, 10,9); streefwaarde 10. In de regio (2019): Bronckhorst 10,6, Gorinchem 12,9": the
previous figure, the target and the region's figures stood bare, and "de vorige meting" had no date.
Now each is written by `meetwaarde` with the indicator's unit (a share with %, an amount as € with
Dutch separators, a rate "per 1.000 inwoners", a count with its noun) and, where the register gives
no unit, with what the indicator counts, from its name (services/rendering.py, templates/rapport/).
On both databases: the figures come from the measurements' table."""

from __future__ import annotations

import datetime as dt
import html as html_module
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from tests.conftest import Database
from tests.test_rapport_inhoud import ROOT, _make

MEER = [  # beside the demo's "%" (with a national code) and "gezinnen"
    {"id": "bereik", "naam": "Aantal bereikte jongeren", "eenheid": "aantal", "richting": "hoger-is-beter",
     "streefwaarde": 500},
    {"id": "consulten", "naam": "Consulten POH-jeugd", "richting": "hoger-is-beter"},  # no unit at all
    {"id": "kosten", "naam": "Kosten per traject", "eenheid": "€", "richting": "lager-is-beter",
     "streefwaarde": 1500},
    {"id": "meldingen", "naam": "Meldingen huiselijk geweld", "eenheid": "per 1.000 inwoners"},
]
WAARDEN = {"bereik": ("412", "468"), "consulten": ("120", "134"), "kosten": ("1725,50", "1610"),
           "meldingen": ("4,2", "3,9")}
# The text part's sentence per indicator, as a member of the MOSD reads it.
ZINNEN = [
    "Jongeren met jeugdhulp: 10,6 % op 31 december 2019 (beter dan de vorige meting van 31 december 2018: "
    "10,9 %); streefwaarde 10 %. In de regio (2019): Bronckhorst 10,6 %, Gorinchem 12,9 %.",
    "Actieve pleeggezinnen in de gemeente: 34 gezinnen op 31 mei 2020 (beter dan de vorige meting van "
    "31 maart 2020: 33 gezinnen); streefwaarde 40 gezinnen.",
    "Aantal bereikte jongeren: 468 bereikte jongeren op 31 mei 2020 (beter dan de vorige meting van "
    "31 maart 2020: 412 bereikte jongeren); streefwaarde 500 bereikte jongeren.",
    "Consulten POH-jeugd: 134 consulten POH-jeugd op 31 mei 2020 (beter dan de vorige meting van "
    "31 maart 2020: 120 consulten POH-jeugd).",
    "Kosten per traject: € 1.610 op 31 mei 2020 (beter dan de vorige meting van 31 maart 2020: € 1.725,50); "
    "streefwaarde € 1.500.",
    "Meldingen huiselijk geweld: 3,9 per 1.000 inwoners op 31 mei 2020 (lager dan de vorige meting van "
    "31 maart 2020: 4,2 per 1.000 inwoners).",
]
# The HTML table's row per indicator: latest, previous (each with its day) and target.
RIJEN = {
    "Jongeren met jeugdhulp": ("10,6 % 31 december 2019", "10,9 % 31 december 2018", "10 %"),
    "Actieve pleeggezinnen in de gemeente": ("34 gezinnen 31 mei 2020", "33 gezinnen 31 maart 2020", "40 gezinnen"),
    "Aantal bereikte jongeren": ("468 bereikte jongeren 31 mei 2020", "412 bereikte jongeren 31 maart 2020",
                                 "500 bereikte jongeren"),
    "Consulten POH-jeugd": ("134 consulten POH-jeugd 31 mei 2020", "120 consulten POH-jeugd 31 maart 2020", "–"),
    "Kosten per traject": ("€ 1.610 31 mei 2020", "€ 1.725,50 31 maart 2020", "€ 1.500"),
    "Meldingen huiselijk geweld": ("3,9 per 1.000 inwoners 31 mei 2020", "4,2 per 1.000 inwoners 31 maart 2020", "–"),
}


@pytest.fixture(autouse=True)
def _demo_day(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import set_today

    set_today(monkeypatch, "2020-06-18")


def _with_units(region: Path) -> None:
    """The demo's register and figures, with four more indicators in other units for Bronckhorst."""
    from models.db import session_scope
    from models.settings import get_settings
    from services.checkins.demo_answers import demo_register, record_demo
    from services.checkins.measurements import record_by_hand
    from services.register.loading import load_register

    get_settings.cache_clear()
    demo = demo_register(region, region.parent / "demo-register", ROOT / "register" / "demo")
    path = demo / "bronckhorst" / "programma-1.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["programma"]["indicatoren"] += MEER
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with session_scope() as session:
        load_register(session=session, root=demo, max_size=10_000_000)
    record_demo(ROOT / "register" / "demo", metingen=True)
    for key, (eerder, later) in WAARDEN.items():
        for waarde, datum in ((eerder, dt.date(2020, 3, 31)), (later, dt.date(2020, 5, 31))):
            with session_scope() as session:
                record_by_hand(session=session, verwijzing=f"programma-1/{key}", waarde=waarde, datum=datum,
                               door="regisseur-jeugd", vandaag=dt.date(2020, 6, 18), gemeente="Bronckhorst")


def _cells(row: str) -> list[str]:
    """A table row's cells as text (tags out, entities read, white space as one space)."""
    return [" ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", cell)).split())
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.DOTALL)]


def test_each_indicator_figure_has_its_unit_and_each_comparison_says_with_what(
        db: Database, region: Path, tmp_path: Path) -> None:
    _with_units(region)
    _report, made = _make(db, tmp_path, "Bronckhorst", "mosd")
    text = " ".join(made.tekst.split())  # the mail's text part, read at any width
    for zin in ZINNEN:
        assert f"- {zin}" in text, text
    for page in (made.html, made.mail_html_pad.read_text(encoding="utf-8")):  # the archive's and the mail's
        table = page.split("<h3>Indicatoren</h3>", 1)[1].split("</table>", 1)[0]
        assert '<th scope="col" class="n">Vorige meting</th>' in table
        rows = {cells[0]: cells for cells in map(_cells, table.split("</tr>")) if len(cells) == 5}
        assert {naam: (c[1], c[2], c[4]) for naam, c in rows.items()} == RIJEN
        regio = " ".join(re.sub(r"<[^>]+>", "", table.split("In de regio", 1)[1].split("</td>", 1)[0]).split())
        assert regio == "(2019): Bronckhorst 10,6 % · Gorinchem 12,9 %"
        assert 'alt="Verloop van Consulten POH-jeugd over 2 metingen, van 120 consulten POH-jeugd op ' \
               '31 maart 2020 naar 134 consulten POH-jeugd"' in table


@pytest.mark.parametrize(("value", "eenheid", "naam", "shown"), [
    ("312", "aantal", "Aantal bereikte jongeren", "312 bereikte jongeren"),
    ("312", None, "Bereikte jongeren", "312 bereikte jongeren"),
    ("312", "", "POH-consulten", "312 POH-consulten"),
    ("312", "Aantal gezinnen", "Pleeggezinnen", "312 gezinnen"),  # the unit wins over the name
    ("12.5", "%", "Jongeren met jeugdhulp", "12,5 %"),
    ("1250.5", "€", "Kosten", "€ 1.250,50"),
    ("3.9", "per 1.000 inwoners", "Meldingen", "3,9 per 1.000 inwoners"),
    ("312", None, None, "312"),  # no name to say it with (regie meting names the indicator beside it)
])
def test_a_figure_without_a_unit_says_what_it_counts(value: str, eenheid: str | None, naam: str | None,
                                                      shown: str) -> None:
    from services.rendering import meetwaarde

    assert meetwaarde(Decimal(value), eenheid, naam) == shown
