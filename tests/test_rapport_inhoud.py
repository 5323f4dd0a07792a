"""What aldermen read in the report: the first page in sentences, a traffic light with a text label,
the regisseur's last words, indicators with trend and region, a plain-text part that reads as text,
a tagged PDF (PDF/UA-1), and the council's public version that names no one."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from tests.conftest import Database, one_database

ROOT = Path(__file__).resolve().parent.parent
PEILDATUM = dt.date(2020, 6, 18)  # the demo's day: the MOSD of 25 June is due


@pytest.fixture(autouse=True)
def _no_real_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo's answers set the clock per answer; outside them it says the demo's day."""
    from tests.conftest import set_today

    set_today(monkeypatch, PEILDATUM.isoformat())


def _demo(region: Path) -> None:
    """The sample region with the demo's indicators loaded, and the demo's answers and measurements
    recorded (register/demo, services/checkins/demo_answers)."""
    from models.db import session_scope
    from models.settings import get_settings
    from services.checkins.demo_answers import demo_register, record_demo
    from services.register.loading import load_register

    get_settings.cache_clear()
    demo = demo_register(region, region.parent / "demo-register", ROOT / "register" / "demo")
    with session_scope() as session:
        load_register(session=session, root=demo, max_size=10_000_000)
    record_demo(ROOT / "register" / "demo", metingen=True)


def _make(db: Database, tmp_path: Path, gemeente: str, soort: str, *, vorige: dt.date | None = None):  # type: ignore[no-untyped-def]
    from models.tables import Meeting, Municipality, Report
    from services.reports.reporting import build, make

    with db.session() as session:
        municipality = session.scalars(select(Municipality).where(Municipality.naam == gemeente)).one()
        if vorige is not None:  # a report made for an earlier meeting of this kind
            meeting = session.scalars(select(Meeting).where(  # the calendar's, or one made for the test
                Meeting.gemeente_id == municipality.id, Meeting.soort == soort,
                Meeting.datum == vorige + dt.timedelta(days=7))).first()
            if meeting is None:
                meeting = Meeting(gemeente_id=municipality.id, soort=soort, datum=vorige + dt.timedelta(days=7))
                session.add(meeting)
                session.flush()
            session.add(Report(gemeente_id=municipality.id, vergadering_id=meeting.id, peildatum=vorige, pdf="-"))
            session.flush()
        report = build(session=session, gemeente=municipality, soort=soort, peildatum=PEILDATUM,
                       vergaderdatum=dt.date(2020, 6, 25))
        return report, make(report, folder=tmp_path / "uit", name=f"{gemeente}-{soort}")


def _pdf_text(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(str(path)).pages]


@one_database
def test_the_first_page_says_in_sentences_what_is_late_needs_a_decision_and_changed(
        db: Database, region: Path, tmp_path: Path) -> None:
    _report, made = _make_after_demo(db, region, tmp_path, "Bronckhorst", "mosd", vorige=dt.date(2020, 5, 7))
    first = " ".join(_pdf_text(made.pdf_pad)[0].split())
    assert "Van de 8 activiteiten zijn er 2 op koers, 2 met risico, 2 achter op schema en 2 zonder" in first
    assert "7 mijlpalen zijn over de datum; de oudste is „Collegebesluit over de uitvoeringsagenda”" in first
    # Both decisions were due on 31 December 2019: late, not "Vóór 25 juni 2020 … nodig".
    assert "2 besluiten zijn nodig en al over de datum: „Collegebesluit over de uitvoeringsagenda”" in first
    # Werkplan was op koers on 5 May (before the previous report of 7 May) and achter on 11 June.
    assert "Sinds de vorige rapportage (7 mei 2020)" in first
    assert "Werkplan 2020 Combinatiefunctionarissen van op koers naar achter op schema" in first
    assert "geen-update" not in first and "koers:" not in first  # the register's keys are not words
    html = " ".join(made.html.split())  # the counts table: a trial read "Te laat 7" as 7 of 8 activities
    assert ('<th scope="col" class="n">Geen koers</th><th scope="col" class="n">Mijlpalen te laat</th>'
            '<th scope="col" class="n">Besluiten nodig</th>') in html
    assert "(aantallen activiteiten), met het aantal mijlpalen dat te laat is" in html


@pytest.mark.parametrize(("standen", "zin"), [
    ((1, 2, 1, 0), "Van de 4 activiteiten is er 1 op koers, zijn er 2 met risico en is er 1 achter op schema."),
    ((2, 1, 1, 0), "Van de 4 activiteiten zijn er 2 op koers, is er 1 met risico en 1 achter op schema."),
    ((1, 1, 0, 0), "Van de 2 activiteiten is er 1 op koers en 1 met risico."),
    ((0, 0, 1, 0), "De enige activiteit is achter op schema."),
])
def test_the_first_sentence_puts_each_count_in_its_own_number(standen: tuple[int, ...], zin: str) -> None:
    """'Van de 4 activiteiten zijn er 1 op koers' read wrong: the verb agrees with each count."""
    from types import SimpleNamespace

    from services.reports.reporting import key_sentences

    totaal = dict(zip(("op-koers", "risico", "achter", "geen-update"), standen, strict=True))
    rapport = SimpleNamespace(leeg=False, totaal={**totaal, "activiteiten": sum(standen)}, programmas=[],
                              alle=lambda _soort: [], volgende=None, vorige=None, vastgelegd=True)
    assert key_sentences(rapport)[0] == zin  # type: ignore[arg-type]


@pytest.mark.parametrize(("dagen", "zin"), [
    ((-170, -139), "2 besluiten zijn nodig en al over de datum: „Besluit A” (Pilot, uiterlijk 31 december 2019) "
                   "en „Besluit B” (Pilot, uiterlijk 31 januari 2020)."),
    ((-139, 5), "Vóór 25 juni 2020 zijn 2 besluiten nodig, waarvan 1 al over de datum: „Besluit A” (Pilot, "
                "uiterlijk 31 januari 2020) en „Besluit B” (Pilot, uiterlijk 23 juni 2020)."),
    ((5,), "Vóór 25 juni 2020 is een besluit nodig: „Besluit A” (Pilot, uiterlijk 23 juni 2020)."),
])
def test_a_decision_past_its_date_is_called_late_not_needed_soon(dagen: tuple[int, ...], zin: str) -> None:
    """A freshly imported 2019 programme had three decisions of 2019 and January 2020 open on 18 June
    2020, and the first page said 'Binnenkort zijn 3 besluiten nodig' about them."""
    from types import SimpleNamespace

    from services.reports.reporting import key_sentences

    besluiten = [SimpleNamespace(omschrijving=f"Besluit {letter}", activiteit="Pilot", soort="besluit", zeker=True,
                                 uiterlijk=PEILDATUM + dt.timedelta(days=d))
                 for letter, d in zip("AB", dagen, strict=False)]
    rapport = SimpleNamespace(
        leeg=False, totaal={"op-koers": 1, "risico": 0, "achter": 0, "geen-update": 0, "activiteiten": 1},
        programmas=[], alle=lambda soort: besluiten if soort == "besluiten" else [], peildatum=PEILDATUM,
        volgende=dt.date(2020, 6, 25), vorige=None, gemeente="Zonnedal", vastgelegd=True)
    assert zin in key_sentences(rapport)  # type: ignore[arg-type]


@one_database
def test_each_activity_has_a_traffic_light_with_a_text_and_the_regisseurs_last_words(
        db: Database, region: Path, tmp_path: Path) -> None:
    _report, made = _make_after_demo(db, region, tmp_path, "Bronckhorst", "mosd")
    rows = re.findall(r'<span class="licht licht-([a-z-]+)" aria-hidden="true"></span>([a-z ]+)</td>', made.html)
    assert {kind for kind, _ in rows} == {"op-koers", "risico", "achter", "geen-update"}
    assert all(label == {"op-koers": "op koers", "geen-update": "geen koers"}.get(kind, kind)
               for kind, label in rows)
    assert [kind for kind, _ in rows][:2] == ["achter", "achter"]  # worst first
    text = " ".join("".join(_pdf_text(made.pdf_pad)).split())
    assert "„Werving loopt achter: 3 van de 8 beoogde nieuwe pleeggezinnen zijn gestart.”" in text


@one_database
def test_indicators_show_trend_sparkline_and_the_regional_figures(db: Database, region: Path,
                                                                   tmp_path: Path) -> None:
    report, made = _make_after_demo(db, region, tmp_path, "Bronckhorst", "mosd")
    [own] = [i for i in report.programmas[0].indicatoren if i.naam == "Jongeren met jeugdhulp"]
    assert [str(v) for _, v in own.waarden] == ["11.90", "11.40", "10.90", "10.60"]
    assert own.oordeel == "beter"  # lower is better
    assert own.regio == (("Bronckhorst", "2019JJ00", own.laatste), ("Gorinchem", "2019JJ00", own.regio[1][2]))
    assert {p.name.rsplit("-", 2)[-2] for p in made.grafieken} >= {"indicator"}
    assert 'metingen, van 11,9 % op 31 december 2016 naar 10,6 %"' in made.html  # units: test_rapport_eenheden.py
    assert "In de regio (2019): Bronckhorst 10,6 %, Gorinchem 12,9 %." in made.tekst


@one_database
def test_the_plain_text_part_reads_as_text(db: Database, region: Path, tmp_path: Path) -> None:
    _report, made = _make_after_demo(db, region, tmp_path, "Bronckhorst", "mosd")
    lines = [line for line in made.tekst.splitlines() if line.strip()]
    assert "* Versterking van de pleegzorg (regionaal): risico. Laatste voortgang 10 juni 2020: " \
           "„Werving loopt achter: 3 van de 8 beoogde nieuwe pleeggezinnen zijn gestart.”" in lines
    # Not one table cell per line: no line is just a number, a date or a traffic-light word.
    assert not [line for line in lines if re.fullmatch(r"\s*(\d+|op koers|risico|achter|geen koers|–)\s*", line)]
    assert made.tekst_pad.read_text(encoding="utf-8") == made.tekst


@one_database
def test_the_pdf_is_tagged_pdf_ua_with_language_title_and_alt_texts(db: Database, region: Path,
                                                                    tmp_path: Path) -> None:
    from pypdf import PdfReader

    _report, made = _make_after_demo(db, region, tmp_path, "Bronckhorst", "mosd")
    pdf = PdfReader(str(made.pdf_pad))
    root = pdf.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    assert pdf.metadata.title == "Voortgangsrapportage Bronckhorst – MOSD 25 juni 2020"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] is True or \
        root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    alts: list[str] = []

    def walk(node: object, depth: int = 0) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if depth > 60:
            return
        if isinstance(node, dict):
            if "/Alt" in node:
                alts.append(str(node["/Alt"]))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
                walk(kid, depth + 1)

    walk(root["/StructTreeRoot"])
    assert any(alt.startswith("Staafdiagram van de stand per programma: 1. Gezond en weerbaar: 2 op koers")
               for alt in alts)
    assert any(alt.startswith("Tijdlijn van de mijlpalen, 7 te laat:") for alt in alts)


@one_database
def test_a_municipality_with_nothing_says_so_in_a_sentence(
        db: Database, region: Path, tmp_path: Path) -> None:
    (region / "gorinchem" / "programma-7.yaml").write_text(yaml.safe_dump({
        "gemeente": "Gorinchem", "programma": {"nummer": 7, "titel": "Sociaal Domein",
                                              "regisseur": "regisseur-sociaal-domein"},
        "activiteiten": []}), encoding="utf-8")
    _load_only(region)
    _report, made = _make(db, tmp_path, "Gorinchem", "mosd")
    pages = _pdf_text(made.pdf_pad)
    first = " ".join(pages[0].split())
    assert "Voor Gorinchem staan nog geen activiteiten in het register: er is deze keer niets te melden." in first
    assert "Voor Gorinchem staan nog geen activiteiten" in made.tekst
    assert len(pages) == 1 and "tijdlijn" not in made.html


@one_database
def test_a_period_without_milestones_says_so_instead_of_an_empty_timeline(
        db: Database, region: Path, tmp_path: Path) -> None:
    _demo(region)
    _report, made = _make(db, tmp_path, "Gorinchem", "mosd")  # its milestones are all after October
    text = " ".join("".join(_pdf_text(made.pdf_pad)).split())
    assert "Mijlpalen van 19 mei 2020 tot 16 oktober 2020 Geen mijlpalen in deze periode." in text
    assert not [p for p in made.grafieken if p.name.endswith("-tijdlijn.png")]
    assert "Geen mijlpalen in de periode van 19 mei 2020 tot 16 oktober 2020." in made.tekst


@one_database
def test_the_council_version_names_no_one_and_quotes_no_internal_notes(
        db: Database, region: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    _demo(region)
    people = [p for g in ("bronckhorst", "gorinchem") for p in yaml.safe_load(
        (region / g / "personen.yaml").read_text(encoding="utf-8"))["personen"]]
    words = yaml.safe_load((ROOT / "register" / "demo" / "antwoorden.yaml").read_text(encoding="utf-8"))
    internal = [a["tekst"] for a in words["antwoorden"] if a["gemeente"] == "Bronckhorst"]
    for soort, public in (("mosd", False), ("raad", True)):
        report, made = _make(db, tmp_path, "Bronckhorst", soort)
        assert report.openbaar is public
        pdf = "".join(" ".join(page.extract_text().split()) for page in PdfReader(str(made.pdf_pad)).pages)
        found = [needle for needle in [*(p["naam"] for p in people), *(p["sleutel"] for p in people),
                                       *(c.split("//")[-1] for p in people for c in p["kanalen"]), *internal]
                 for where in (made.html, made.tekst, pdf) if needle in where]
        found += [address for where in (made.html, made.tekst, pdf) for address in re.findall(
            r"[\w.+-]+@[\w-]+\.[\w.]+", where)]  # any e-mail address at all
        if public:
            assert found == [], found
            assert "Openbare versie voor de gemeenteraad" in pdf
        else:
            # The check can fail: MOSD's version quotes the latest words (and the regisseur's role name
            # is not in it either: the report names no owners).
            assert "Werving loopt achter: 3 van de 8 beoogde nieuwe pleeggezinnen zijn gestart." in found


def test_a_raad_meeting_loads_and_its_report_goes_to_the_council_role(
        db: Database, region: Path, smtp, prefect) -> None:  # type: ignore[no-untyped-def]
    from flows.voortgangsrapportage import run_reports

    meetings = region / "bronckhorst" / "vergaderingen.yaml"
    meetings.write_text(meetings.read_text(encoding="utf-8") + "  - {soort: raad, datum: 2020-06-29}\n",
                        encoding="utf-8")
    people = region / "bronckhorst" / "personen.yaml"
    people.write_text(people.read_text(encoding="utf-8") + (
        "  - sleutel: griffie\n    naam: Griffier Bronckhorst\n    rollen: [raad]\n"
        "    kanalen: [\"mailto://griffie@example.org\"]\n"), encoding="utf-8")
    _demo(region)
    assert "Bronckhorst raad 2020-06-29: verstuurd" in run_reports(peildatum=dt.date(2020, 6, 22))
    body = smtp.text("griffie@example.org")
    assert "Openbare versie voor de gemeenteraad" in body
    assert "Werving loopt achter" not in body and "Regisseur programma 1" not in body
    # lines end in CRLF or LF depending on the transfer encoding: both are text lines in a mail
    [plain] = [part.get_payload(decode=True).decode().replace("\r\n", "\n") for rcpts, message in smtp.received
               if "griffie@example.org" in rcpts for part in message.walk()
               if part.get_content_type() == "text/plain"]
    assert plain.startswith("Voortgangsrapportage sociaal domein – Bronckhorst\nOpenbare versie voor de gemeenteraad")
    assert "* Werkplan 2020 Combinatiefunctionarissen: achter. Laatste voortgang 11 juni 2020." in plain


def test_regie_rapport_offers_raad_in_dutch(db: Database, regie) -> None:  # type: ignore[no-untyped-def]
    outcome = regie("rapport", "--vergadering", "gemeenteraad")
    assert outcome.code != 0 and "Kies mosd, poho of raad." in outcome.err


def _make_after_demo(db: Database, region: Path, tmp_path: Path, gemeente: str, soort: str,
                     vorige: dt.date | None = None):  # type: ignore[no-untyped-def]
    _demo(region)
    return _make(db, tmp_path, gemeente, soort, vorige=vorige)


def _load_only(region: Path) -> None:
    from models.db import session_scope
    from models.settings import get_settings
    from services.register.loading import load_register

    get_settings.cache_clear()
    with session_scope() as session:
        load_register(session=session, root=region, max_size=10_000_000)

