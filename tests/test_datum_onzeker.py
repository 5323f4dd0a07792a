"""An estimated date (the register's `zeker: false`) in the words of the digest mail, "datum onzeker",
wherever a reader would otherwise take it as fact (a trial: a meeting read "404 dagen te laat" about a
guessed date): the report's summary, lists, timeline and text part, the coordinator's artifact and
`regie status`. Also: the artifact's Wat column long enough to tell imported sentences apart, and a
planned activity with a late milestone says so in `regie status`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from domain.rules.datum_onzeker import DATUM_ONZEKER, DATUM_ONZEKER_UITLEG
from domain.rules.regels import Herinnering
from tests.conftest import Database, set_today

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

STEM = "rapport-mosd-bronckhorst-2020-06-25"
PROGRAMME = Path("bronckhorst") / "programma-1.yaml"
SURE = """        uiterlijk: 2019-12-31
        bron: Collegebesluit in december 2019
"""


def _estimated(register: Path) -> None:
    """The decision of the sport agreement (late since 31 december 2019) made an estimate."""
    path = register / PROGRAMME
    text = path.read_text(encoding="utf-8")
    assert text.count(SURE) == 1
    path.write_text(text.replace(SURE, SURE + "        zeker: false\n"), encoding="utf-8")


def test_the_report_marks_an_estimated_date_in_html_text_and_pdf(  # type: ignore[no-untyped-def]
        db: Database, region: Path, tmp_path: Path, regie, monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader

    set_today(monkeypatch, "2020-06-18")
    _estimated(region)
    assert regie("laad", str(region)).code == 0
    made = regie("rapport", "--vergadering", "mosd", "--gemeente", "Bronckhorst", "--uitvoer", str(tmp_path))
    assert made.code == 0, made
    plain = (tmp_path / f"{STEM}.txt").read_text(encoding="utf-8")
    html = " ".join((tmp_path / f"{STEM}.html").read_text(encoding="utf-8").split())
    pdf = " ".join(" ".join(p.extract_text() for p in PdfReader(str(tmp_path / f"{STEM}.pdf")).pages).split())
    # the summary counts the estimated ones among the late ones, and the oldest says it is one
    sentence = ("7 mijlpalen zijn over de datum, waarvan 1 met een onzekere datum (controleer het register); "
                "de oudste is „Collegebesluit over de uitvoeringsagenda” (Uitvoeringsagenda Regionaal "
                "Sportakkoord Achterhoek in Beweging, uiterlijk 31 december 2019, datum onzeker).")
    assert f"- {sentence}" in plain, plain
    assert sentence in html
    assert "waarvan 1 met een onzekere datum" in pdf and "31 december 2019, datum onzeker" in pdf, pdf
    # the lists: the estimated one marked, a sure one of the same day not
    assert ("Collegebesluit over de uitvoeringsagenda (uiterlijk 31 december 2019, datum onzeker)" in plain)
    assert "Evaluatie werkplan 2019 combinatiefunctionarissen (uiterlijk 31 december 2019);" in plain
    assert ('Collegebesluit over de uitvoeringsagenda (uiterlijk 31 december 2019, <span class="onzeker">'
            'datum onzeker</span>)</li>') in html
    # in words under the timeline and in its alt text (text, not colour or shape only)
    assert "Datum onzeker</span>: het register noemt de datum geschat" in html
    assert "uitvoeringsagenda, uiterlijk 31 december 2019, datum onzeker (te laat);" in html
    assert "Datum onzeker: het register noemt de datum geschat" in pdf


def test_the_digest_and_the_report_share_one_phrase() -> None:
    """One spelling: the digest's "[datum onzeker, controleer het register]" is the phrase's long form."""
    template = (Path(__file__).parents[1] / "templates" / "partials" / "item.txt.j2").read_text(encoding="utf-8")
    assert "DATUM_ONZEKER_UITLEG" in template and "datum onzeker, controleer" not in template
    assert DATUM_ONZEKER_UITLEG == "datum onzeker, controleer het register"


def _h(wat: str, **kw) -> Herinnering:  # type: ignore[no-untyped-def]
    return Herinnering("mijlpaal", kw.pop("oid", 1), "te-laat", "f", dt.date(2019, 5, 8), 3, "eigenaar", 1,
                       "Bronckhorst · programma 1: Gezond en weerbaar", "Pleegzorg", wat, **kw)


def test_the_artifact_marks_an_estimated_date_and_keeps_imported_sentences_apart() -> None:
    from tasks.artifacts import WAT, summarise

    one = "Extern: De planning is invoering van het nieuwe inkoopmodel per 1 januari, met de regio"
    two = "Extern: De planning is invoering van de nieuwe werkwijze bij de toegang, na de evaluatie"
    planned = [_h(one, dagen=404, te_laat=True, onzeker=True), _h(two, oid=2, dagen=30, te_laat=True)]
    _counts, rows = summarise(planned, dt.date(2020, 6, 15), {3: "Jan Jansen"})
    assert [r["Stand"] for r in rows] == [f"404 dagen te laat, {DATUM_ONZEKER}", "30 dagen te laat"]
    wat = [r["Wat"] for r in rows]
    assert wat[0] != wat[1] and all(len(w) <= WAT for w in wat), wat
    # cut between words, never inside one
    assert wat == ["Extern: De planning is invoering van het nieuwe inkoopmodel per 1 januari, met…",
                   "Extern: De planning is invoering van de nieuwe werkwijze bij de toegang, na de…"], wat
    assert list(rows[0])[:4] == ["Stand", "Datum", "Wie", "Wat"]  # who first: what runs on past the edge


def test_status_says_a_planned_activity_is_late_and_an_estimated_date_is_one(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "220")
    set_today(monkeypatch, "2020-06-18")
    _estimated(sample)
    path = sample / PROGRAMME
    text = path.read_text(encoding="utf-8")
    old = "    titel: Werkplan 2020 Combinatiefunctionarissen\n"
    start = text.index(old)
    status = text.index("    status: lopend\n", start)
    path.write_text(text[:status] + "    status: gepland\n" + text[status + len("    status: lopend\n"):],
                    encoding="utf-8")
    assert regie("laad", str(sample)).code == 0
    shown = regie("status", "--gemeente", "Bronckhorst")
    assert shown.code == 0, shown
    rows = {line.split("│")[1].strip(): line for line in shown.out.splitlines() if line.startswith("│ ")}
    # planned, with late milestones: the Status column says how many, as for a running one
    assert "│ gepland · 3 mijlpalen te laat" in rows["Werkplan 2020 Combinatiefunctionarissen"], shown.out
    # the estimated date says so, its text set apart: one date, one text
    row = rows["Uitvoeringsagenda Regionaal Sportakkoord Achterhoek in Beweging"]
    assert "31 december 2019 (datum onzeker): „Collegebesluit over de uitvoeringsagenda”" in row, row
    # a late one listed under the table (not the row's) says it too
    assert ("    te laat: werkplan-2020-combinatiefunctionarissen/uitvoeringsprogramma-concreet "
            "(uiterlijk 31 maart 2020)") in shown.out.splitlines()


def test_status_sets_apart_a_text_that_names_another_day(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, monkeypatch: pytest.MonkeyPatch) -> None:
    """The trial's cell "11 maart 2028 De pilot loopt tot 12 maart 2028": "tot 12 maart" read as ending the
    day before, an estimate. The cell says the date, that it is an estimate, then the text as a quote."""
    monkeypatch.setenv("COLUMNS", "220")
    set_today(monkeypatch, "2020-06-18")
    path = sample / PROGRAMME
    text = path.read_text(encoding="utf-8")
    old = ("        omschrijving: Einde regionaal transformatieplan jeugd \"Binding, perspectief en ondersteuning\"\n"
           "        vroegst: 2022-12-31\n        uiterlijk: 2022-12-31\n")
    assert old in text
    path.write_text(text.replace(old, "        omschrijving: De pilot loopt tot 12 maart 2028\n"
                                      "        uiterlijk: 2028-03-11\n"), encoding="utf-8")
    assert regie("laad", str(sample)).code == 0
    shown = regie("status", "--gemeente", "Bronckhorst")
    assert shown.code == 0, shown
    [row] = [line for line in shown.out.splitlines() if line.startswith("│ Versterking gespecialiseerde")]
    assert "│ 11 maart 2028 (datum onzeker): „De pilot loopt tot 12 maart 2028”" in row, row
    # sure, the text still names its own day: set apart as a quote, without the mark
    path.write_text(path.read_text(encoding="utf-8").replace(
        "        uiterlijk: 2028-03-11\n        bron: 2019 – 2022\n        veld: toelichting\n        zeker: false\n",
        "        uiterlijk: 2028-03-11\n        bron: 2019 – 2022\n        veld: toelichting\n"), encoding="utf-8")
    assert regie("laad", str(sample)).code == 0
    [row] = [line for line in regie("status", "--gemeente", "Bronckhorst").out.splitlines()
             if line.startswith("│ Versterking gespecialiseerde")]
    assert "│ 11 maart 2028: „De pilot loopt tot 12 maart 2028”" in row, row
