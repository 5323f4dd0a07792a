"""The daily check's table artifact as a coordinator reads it: what matters first (Stand, Datum,
Wat, Wie), short programme labels, every date saying what date it is, Dutch dates."""

from __future__ import annotations

import datetime as dt

from domain.rules.regels import GEEN_DATUM, Herinnering

PEILDATUM = dt.date(2020, 6, 15)
P1 = "Bronckhorst · programma 1: Gezond en weerbaar, een heel lange titel van een programma"


def _h(onderwerp: str, oid: int, regel: str, vervaldatum: dt.date, ontvanger: int, rol: str = "eigenaar",
       **kw) -> Herinnering:  # type: ignore[no-untyped-def]
    return Herinnering(onderwerp, oid, regel, "f", vervaldatum, ontvanger, rol, 1, kw.pop("programma", P1),
                       "Pleegzorg", kw.pop("wat", "Collegebesluit"), **kw)


def test_rows_lead_with_stand_datum_wat_wie_and_explain_every_date() -> None:
    from tasks.artifacts import summarise

    planned = [
        _h("activiteit", 7, "stilstand", dt.date(2020, 6, 1), 3, wat="Pleegzorg", dagen=42),
        _h("activiteit", 8, "stilstand", dt.date(2020, 6, 1), 3, wat="Sport", dagen=0),
        _h("mijlpaal", 1, "te-laat", dt.date(2020, 3, 28), 3, dagen=79, te_laat=True),
        _h("mijlpaal", 1, "te-laat", dt.date(2020, 3, 28), 9, rol="regisseur", dagen=79, te_laat=True),
        _h("mijlpaal", 2, "te-laat", dt.date(2020, 6, 5), 9, dagen=10, te_laat=True),
        _h("subsidie", 4, "verantwoording", dt.date(2020, 6, 20), 9, wat="Yunio", dagen=5,
           programma="Gorinchem · programma 7: Sociaal Domein"),
        _h("activiteit", 5, "budget", GEEN_DATUM, 9, wat="Pleegzorg", dagen=75),
        _h("activiteit", 6, "monitoring", dt.date(2020, 6, 1), 9, wat="Pleegzorg"),
    ]
    counts, rows = summarise(planned, PEILDATUM, {3: "Jan Jansen", 9: "Regisseur P1"})
    assert list(rows[0])[:4] == ["Stand", "Datum", "Wie", "Wat"]
    table = [(r["Stand"], r["Datum"], r["Wat"], r["Wie"], r["Programma en activiteit"].split(":")[0]) for r in rows]
    assert table == [
        # late first, the longest late first; escalated to the regisseur too, but shown with its owner
        ("79 dagen te laat", "uiterlijk 28 maart 2020", "Collegebesluit", "Jan Jansen", "Bronckhorst · P1"),
        ("10 dagen te laat", "uiterlijk 5 juni 2020", "Collegebesluit", "Regisseur P1",
         "Bronckhorst · P1"),
        # the stilstand rule's own date is the start of its window: the row shows the last update
        ("42 dagen geen voortgang", "laatste update 4 mei 2020", "Pleegzorg", "Jan Jansen", "Bronckhorst · P1"),
        ("nog geen voortgang", "nog nooit bijgewerkt", "Sport", "Jan Jansen", "Bronckhorst · P1"),
        ("voortgang gevraagd", "gevraagd per 1 juni 2020", "Pleegzorg", "Regisseur P1",
         "Bronckhorst · P1"),
        ("over 5 dagen", "uiterlijk 20 juni 2020", "subsidieverantwoording Yunio",
         "Regisseur P1", "Gorinchem · P7"),
        ("budget 75% besteed", "", "Pleegzorg", "Regisseur P1", "Bronckhorst · P1"),  # no date: last
    ]
    assert counts[P1]["te_laat"] == 2
    # One long cell would push the columns after it off the screen: Wat and Wie are cut, with "…".
    long = _h("mijlpaal", 11, "te-laat", dt.date(2020, 6, 1), 12, dagen=14, te_laat=True,
              wat="Collegebesluit over de evaluatie 2019 en het werkplan 2020 van de combinatiefunctionarissen in de regio")
    [row] = summarise([long], PEILDATUM, {12: "Regisseur programma 1 (Gezond en weerbaar)"})[1]
    # Wat holds 80 characters, cut between words (tests/test_datum_onzeker.py)
    assert row["Wat"] == "Collegebesluit over de evaluatie 2019 en het werkplan 2020 van de…" and len(row["Wat"]) <= 80
    # a name loses its "(programme)": the programme leads the last column, before the activity
    assert row["Wie"] == "Regisseur programma 1"
    assert row["Programma en activiteit"] == "Bronckhorst · P1: Pleegzorg"


def test_a_programme_label_that_is_not_the_services_own_is_shortened_not_dropped() -> None:
    from tasks.artifacts import short_label

    assert short_label("Rapportages") == "Rapportages"
    assert short_label("x" * 40) == "x" * 29 + "…"


def test_the_other_points_are_named_by_what_they_are_on_the_terminal_and_in_the_prefect_summary() -> None:
    """'8 overige punten' did not say what they were: they are the items neither late nor coming up,
    the monitoring moments asking for progress, activities without progress for 6 weeks (the setting)
    and budgets over the threshold; `regie controle` and the summary artifact name them the same way."""
    from domain.rules.instellingen import RegelInstellingen
    from domain.rules.telling import andere_punten
    from regie.controle_tekst import samenvatting
    from services.rendering import render
    from tasks.artifacts import summarise

    planned = [
        _h("activiteit", 7, "stilstand", dt.date(2020, 6, 1), 3, dagen=42),
        _h("activiteit", 8, "stilstand", dt.date(2020, 6, 1), 3, dagen=0),
        _h("activiteit", 5, "budget", GEEN_DATUM, 9, dagen=75),
        _h("activiteit", 6, "monitoring", dt.date(2020, 6, 1), 9),
        _h("activiteit", 9, "monitoring", dt.date(2020, 6, 1), 9, programma="Gorinchem · programma 7: X"),
        _h("activiteit", 10, "nieuwe-regel", dt.date(2020, 6, 1), 9),  # a rule added later still counts
        _h("mijlpaal", 2, "te-laat", dt.date(2020, 6, 5), 9, dagen=10, te_laat=True),
        _h("mijlpaal", 3, "vooraf", dt.date(2020, 6, 20), 9, dagen=5),
    ]
    counts, _ = summarise(planned, PEILDATUM)
    assert counts[P1]["overig"] == 5 and counts[P1]["overig:stilstand"] == 2
    per_regel = {"stilstand": 2, "budget": 1, "monitoring": 2, "nieuwe-regel": 1}
    words = ["2 vragen om voortgang", "2 activiteiten 6 weken of langer zonder voortgang",
             "1 budget voor 70% of meer besteed", "1 ander punt"]
    assert andere_punten(per_regel, 6, RegelInstellingen()) == words
    assert andere_punten({"budget": 2}, 2, RegelInstellingen(stilstand_dagen=30, budget_drempel=0.75)) == [
        "2 budgetten voor 75% of meer besteed"]
    assert andere_punten({}, 0, RegelInstellingen()) == []
    summary = {"te_laat": 1, "binnenkort": 1, "overig": 6, "overig_per_regel": per_regel, "nieuw": 7,
               "bezorgd": 2, "niet_bezorgd": 0}
    line = samenvatting(PEILDATUM, False, summary, RegelInstellingen())
    assert line == ("Dagelijkse controle maandag 15 juni 2020: 1 te laat, 1 binnenkort, " + ", ".join(words)
                    + "; 7 nieuwe herinneringen, 2 overzichten bezorgd.")
    assert "overig" not in line
    quiet = samenvatting(PEILDATUM, True, {**summary, "overig": 0, "overig_per_regel": {}, "personen": 1},
                         RegelInstellingen())
    assert quiet == ("Dagelijkse controle maandag 15 juni 2020 (droog: niets verstuurd): 1 te laat, 1 binnenkort; "
                     "een echte run zou nu 7 nieuwe herinneringen vastleggen, voor 1 persoon (eerder vastgelegde "
                     "gaan niet opnieuw uit).")
    markdown = render("artifacts/dagelijkse_controle.md.j2", {
        "peildatum": PEILDATUM, "droog": False, "werkdag": True, "activiteiten": 12, "te_laat": 1,
        "binnenkort": 1, "andere": words, "nieuw": 7, "bezorgd": 2, "niet_bezorgd": 0, "problemen": [],
        "programmas": []})
    assert "**1 te laat**, 1 binnenkort, " + ", ".join(words) + "." in markdown
    assert "| Programma | Te laat | Binnenkort | Andere punten |" in markdown  # a short header: fits 1400 px
    assert "Andere punten: voortgang gevraagd of niet beantwoord, geen voortgang of budget." in markdown
    assert "overig" not in markdown
    # a check-in's reminder after a week was '1 ander punt': it is named
    assert andere_punten({"uitvraag-herinnering": 1}, 1, RegelInstellingen()) == [
        "1 vraag om voortgang niet beantwoord"]
    assert andere_punten({"uitvraag-herinnering": 2}, 2, RegelInstellingen()) == [
        "2 vragen om voortgang niet beantwoord"]


def test_a_check_in_row_says_its_state_in_words_and_the_deadline_of_its_mails() -> None:
    """The reminder a week after a check-in showed its rule's key ("uitvraag-herinnering") and the day
    the question was sent as "uiterlijk"; it shows what its mail says: the report's last day while it
    lies ahead, and the day the question expires (services/checkins/asking.py)."""
    from tasks.artifacts import summarise

    ahead = _h("uitvraag", 1, "uitvraag-herinnering", dt.date(2020, 6, 8), 3, programma="Voortgang uitvragen",
               wat="ronde van 8 juni 2020", dagen=7, verloopt=dt.date(2020, 6, 22),
               vergadering=("PoHo sociaal", dt.date(2020, 6, 25), dt.date(2020, 6, 17)))
    passed = ahead._replace(onderwerp_id=2, vergadering=("PoHo sociaal", dt.date(2020, 6, 18), dt.date(2020, 6, 10)))
    rows = summarise([ahead, passed], PEILDATUM, {3: "Jan Jansen"})[1]
    assert rows[0]["Programma en activiteit"] == "Vraag om voortgang: Pleegzorg"
    assert [(r["Stand"], r["Datum"], r["Wat"]) for r in rows] == [
        ("7 dagen niet beantwoord", "uiterlijk 17 juni 2020, vervalt 22 juni 2020",
         "vraag van 8 juni 2020"),
        ("7 dagen niet beantwoord", "vervalt 22 juni 2020", "vraag van 8 juni 2020")]
    # every rule's state in words, never its key
    for regel in ("uitvraag-verlopen", "pilot-evaluatie", "nieuwe-regel"):
        [row] = summarise([_h("activiteit", 9, regel, dt.date(2020, 6, 1), 3)], PEILDATUM)[1]
        assert "-" not in row["Stand"] and row["Stand"], row


def test_the_summary_table_has_short_programme_labels_and_lists_the_whole_titles_below() -> None:
    """Prefect's UI never wraps a table cell: the whole title pushed the counts off a 1400 px screen
    (measured in chromium: tests/web/test_prefect_ui_artifacts.py). The cell has the items' table's label,
    the title is listed below; every count and every title is still in the summary."""
    from collections import Counter

    from services.rendering import render
    from tasks.artifacts import PROGRAMMA, programme_rows

    far = "Súdwest-Fryslân en de Waddeneilanden samen in één regio · programma 3: Meedoen"
    counts = {P1: Counter(te_laat=4, binnenkort=2, overig=3), "Gorinchem · programma 7: Sociaal Domein":
              Counter(te_laat=1, overig=1), "Voortgang uitvragen": Counter(overig=2), far: Counter(binnenkort=1)}
    rows = programme_rows(counts)
    assert [(r["kort"], r["voluit"], r["te_laat"], r["binnenkort"], r["andere"]) for r in rows] == [
        ("Bronckhorst · P1", "Gezond en weerbaar, een heel lange titel van een programma", 4, 2, 3),
        ("Gorinchem · P7", "Sociaal Domein", 1, 0, 1),
        ("Súdwest-Fryslân en de Waddeneilanden sa…", far, 0, 1, 0),  # cut: the whole name below
        ("Vraag om voortgang", None, 0, 0, 2)]  # the check-ins, as their mails name them
    assert all(len(r["kort"]) <= PROGRAMMA for r in rows)
    markdown = render("artifacts/dagelijkse_controle.md.j2", {
        "peildatum": PEILDATUM, "droog": False, "werkdag": True, "activiteiten": 12, "te_laat": 5,
        "binnenkort": 3, "andere": [], "nieuw": 0, "bezorgd": 0, "niet_bezorgd": 0, "problemen": [],
        "programmas": rows})
    assert "| Bronckhorst · P1 | 4 | 2 | 3 |" in markdown and "| Vraag om voortgang | 0 | 0 | 2 |" in markdown
    assert max(len(line) for line in markdown.splitlines() if line.startswith("|")) < 70
    assert ("Programma's voluit:\n\n- Bronckhorst · P1: Gezond en weerbaar, een heel lange titel van een "
            "programma\n- Gorinchem · P7: Sociaal Domein\n") in markdown
    assert f"Waddeneilanden sa…: {far}" in markdown
