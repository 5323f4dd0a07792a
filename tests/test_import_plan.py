"""False confidence found in a trial (1 December 2026, Wassenaar begroting 2025): a date years before the
document was a sure milestone, a start after another step of the same activity was sure, "besluitvorming" as a
topic became a decision, and budget lines were linked to no activity although one had that name
(domain.documents.tijdpad_plan, tijdwoorden, begroot_toelichting). Invented sentences, several variants each."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
import yaml

from domain.documents.begroot_toelichting import Post, koppel
from domain.documents.tijdpad_mijlpaal import GelezenMijlpaal
from domain.documents.tijdpad_plan import toets_plan
from domain.documents.tijdwoorden import soort_van
from domain.documents.verslag import reden
from tests.drafts import import_draft

D = dt.date(2025, 10, 1)  # a budget for 2026


def _m(soort: str, begin: dt.date, end: dt.date | None = None, *, zeker: bool = True, bron: str = "x",
       gereed: dt.date | None = None) -> GelezenMijlpaal:
    return GelezenMijlpaal(soort=soort, omschrijving="Iets", vroegst=begin, uiterlijk=end, bron=bron,
                           veld="toelichting", zeker=zeker, gereed=gereed)


@pytest.mark.parametrize("m", [
    _m("start", dt.date(2020, 1, 1), bron="Vanaf 1 januari 2020", gereed=dt.date(2020, 1, 1)),
    _m("oplevering", dt.date(2018, 3, 1), dt.date(2018, 3, 1), bron="op 1 maart 2018"),
    _m("besluit", dt.date(2023, 12, 31), dt.date(2023, 12, 31), bron="31 december 2023",
       gereed=dt.date(2023, 12, 31)),
])
def test_a_date_years_before_the_document_is_background_not_sure(m: GelezenMijlpaal) -> None:
    [out], notes = toets_plan([m], D)
    assert not out.zeker
    assert "achtergrond of geschiedenis" in (out.opmerking or "") and "(2025)" in (out.opmerking or "")
    assert notes == [out.opmerking]
    assert reden(out).startswith("ligt meer dan een jaar vóór het jaar van het document")


@pytest.mark.parametrize("m", [
    _m("oplevering", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),  # last year: still the document's time
    _m("start", dt.date(2026, 1, 1)),
    _m("evaluatie", dt.date(2025, 6, 1), dt.date(2025, 6, 1)),
])
def test_a_recent_or_coming_date_stays_sure(m: GelezenMijlpaal) -> None:
    assert toets_plan([m], D) == ([m], [])


@pytest.mark.parametrize("other", [
    _m("oplevering", dt.date(2026, 3, 1), dt.date(2026, 3, 31), zeker=True, bron="maart 2026"),
    _m("evaluatie", dt.date(2026, 1, 1), dt.date(2026, 3, 31), zeker=False, bron="begin 2026"),
    _m("overig", dt.date(2026, 1, 1), dt.date(2026, 12, 31), zeker=False, bron="in 2026"),
])
def test_a_start_after_another_step_lowers_both(other: GelezenMijlpaal) -> None:
    start = _m("start", dt.date(2027, 1, 1), bron="vanaf 2027")
    (first, second), notes = toets_plan([other, start], D)
    assert not first.zeker and not second.zeker
    assert "start ligt na" in (second.opmerking or "") and "'vanaf 2027' (01-01-2027)" in (second.opmerking or "")
    assert any(f"'{other.bron}'" in n for n in notes)
    assert reden(second) == "een start na een andere datum van dezelfde activiteit: de volgorde klopt niet"


@pytest.mark.parametrize("other", [
    _m("besluit", dt.date(2026, 9, 1), dt.date(2026, 9, 30)),  # a decision before a start: the normal order
    _m("oplevering", dt.date(2027, 6, 1), dt.date(2027, 6, 30)),  # after the start
    replace(_m("oplevering", dt.date(2026, 1, 1), dt.date(2026, 6, 30)),  # a preparation before it
            omschrijving="In de eerste helft van 2026 bereiden we ons voor op de nieuwe wet"),
    _m("oplevering", dt.date(2024, 3, 1), dt.date(2024, 3, 31), gereed=dt.date(2024, 3, 31)),  # done before
])
def test_a_start_in_the_normal_order_stays_sure(other: GelezenMijlpaal) -> None:
    start = _m("start", dt.date(2027, 1, 1), bron="vanaf 2027")
    out, _ = toets_plan([other, start], D)
    assert out[1].zeker


@pytest.mark.parametrize("item", [
    "In 2025 betrekt de gemeente jongeren meer bij lokale besluitvorming.",
    "In 2026 informeren we inwoners over de besluitvorming rond het zwembad.",
    "Besluitvorming is een thema in de jeugdraad in 2026.",
    "De besluitvaardigheid van teams groeit in 2026.",
])
def test_decision_making_as_a_topic_is_no_decision(item: str) -> None:
    assert soort_van(item) != "besluit"


@pytest.mark.parametrize("item", [
    "Collegebesluit september 2026 over de voortgang.",
    "In juni 2026 neemt het college een besluit over de nota.",
    "Raadsbesluit in het najaar van 2026.",
    "De raad besluit in 2026 over de koers.",
    "In mei 2026 besluit de gemeenteraad.",
    "Voorstel ter besluitvorming aan de raad in mei 2026.",
    "Besluitvorming door de gemeenteraad in Q2 2026.",
])
def test_a_decision_noun_phrase_is_a_decision(item: str) -> None:
    assert soort_van(item) == "besluit"


_ACTIVITIES = [{"titel": "Voorbereiding invoering eigen bijdrage Wmo", "velden": {"toelichting": "We bereiden voor."}},
               {"titel": "Hervormingsagenda Jeugd", "velden": {"toelichting": "Landelijke afspraken."}},
               {"titel": "Aanpak gezondheid - Integraal Zorgakkoord (IZA)", "velden": {"toelichting": "Samen."}},
               {"titel": "Vernieuwd jongerenwerk", "velden": {"toelichting": "In de wijken."}}]


@pytest.mark.parametrize(("kop", "expected"), [
    ("Vraagafname door eigen bijdrage Wmo", 0),
    ("Lagere lasten eigen bijdragen WMO", 0),
    ("Besparingen Jeugdwet door Hervormingsagenda Jeugd & lokale maatregelen", 1),
    ("Inzet gedeelte IZA-budget voor bestaande activiteiten", 2),
    ("Verhuizing archief", None),
    ("Jeugd en gezondheid", None),  # single common words: no name shared
])
def test_a_budget_line_that_names_an_activity_s_title_is_linked(kop: str, expected: int | None) -> None:
    linked = koppel(Post(kop, "€ 1.000", 1), _ACTIVITIES)
    assert linked is (None if expected is None else _ACTIVITIES[expected])


def test_a_national_event_in_the_draft_is_no_milestone_to_remind(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    draft = import_draft(regie, tmp_path, options=("--verslag",), text=(
        "Begroting 2026 Zorg en welzijn\nWat gaan we daarvoor doen?\nBelangrijkste resultaten voor 2026\n"
        "1.1 Participatie\n1.2 Nieuw jongerenwerk\n1.1 Participatie\nDe ministerraad heeft ingestemd met het "
        "wetsvoorstel Werk in Balans. De planning is invoering op 1 januari 2026, maar uitstel is aannemelijk. In "
        "2026 evalueren we.\n1.2 Nieuw jongerenwerk\nIn 2026 stelt de raad het plan vast.\n"))
    activity = draft.activities[0]
    assert all(m["bron"] != "1 januari 2026" for m in activity["mijlpalen"])
    assert any("landelijke gebeurtenis" in o for o in activity["opmerkingen"])
    assert "Niet als mijlpaal overgenomen" in draft.said


@pytest.mark.shared
def test_the_real_budget_s_false_certainties_are_gone(shared_documents, tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    outcome = regie("importeer", str(shared_documents / "wassenaar-begroting-2025.pdf"), "--gemeente", "Wassenaar",
                    "--uitvoer", str(out), "--documentdatum", "2024-10-01")
    assert outcome.code == 0, outcome
    milestones = [(a["titel"], m) for p in out.glob("programma-*.yaml")
                  for a in yaml.safe_load(p.read_text(encoding="utf-8"))["activiteiten"] for m in a["mijlpalen"]]
    assert milestones
    for titel, m in milestones:
        when = m.get("uiterlijk") or m.get("vroegst")
        if when is not None and when.year < 2023:  # years before the budget: never sure
            assert not m["zeker"], (titel, m)
        if "subsidiebeleid" in titel.lower() and m["soort"] == "start":
            assert not m["zeker"], (titel, m)
        assert not m["omschrijving"].startswith("Extern: "), (titel, m)
        if "besluitvorming" in m["omschrijving"].lower() and "besluit" not in m["omschrijving"].lower().replace(
                "besluitvorming", ""):
            assert m["soort"] != "besluit", (titel, m)
