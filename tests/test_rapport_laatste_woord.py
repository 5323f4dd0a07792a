"""The report's "Laatste woord van de regisseur" after `regie verplaats` says what happened. A trial:
after a move the column showed the answer's day alone ("18 juni 2020") above the regisseur's older
words, as if that day's answer had said nothing; and a move undone and followed by another kept the
undone move's reason (services/reports/authors.answer_actions, domain/reports/verschoven.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Database, set_today
from tests.test_rapport_inhoud import _pdf_text
from tests.test_rapport_woorden import PEILDATUM, STEMS, _flat

SQLITE_ONLY = True

WERKPLAN = "werkplan-2020-combinatiefunctionarissen"
BESLUIT = f"{WERKPLAN}/collegebesluit-werkplan-2020"
STEUN = "voortgang-pilot-steungezinnen/evaluatie-pilot"
DOOR = ("--door", "regisseur-jeugd")


@pytest.fixture(autouse=True)
def _demo_day(monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, PEILDATUM.isoformat())


def _report(regie, folder: Path, vergadering: str = "mosd") -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    made = regie("rapport", "--vergadering", vergadering, "--gemeente", "Bronckhorst", "--uitvoer", str(folder))
    assert made.code == 0, made.out + made.err
    stem = folder / STEMS[vergadering]
    return (_flat(stem.with_suffix(".txt").read_text(encoding="utf-8")),
            _flat(stem.with_suffix(".html").read_text(encoding="utf-8")),
            _flat(" ".join(_pdf_text(stem.with_suffix(".pdf")))))


def test_a_move_after_the_regisseur_s_words_says_what_moved_and_labels_the_older_words(  # type: ignore[no-untyped-def]
        db: Database, region: Path, tmp_path: Path, regie, monkeypatch: pytest.MonkeyPatch) -> None:
    assert regie("laad", str(region)).code == 0
    set_today(monkeypatch, "2020-06-11")
    assert regie("voortgang", WERKPLAN, "--koers", "achter", "--tekst", "Evaluatie nog niet af", *DOOR).code == 0
    set_today(monkeypatch, PEILDATUM.isoformat())
    moved = regie("verplaats", BESLUIT, "--naar", "2020-12-01", "--reden", "Collegebesluit na de zomer", *DOOR)
    assert moved.code == 0, moved.out + moved.err
    text, html, pdf = _report(regie, tmp_path / "mosd")
    said = ("nieuwe datum voor „Collegebesluit over de evaluatie 2019 en het werkplan 2020”: 1 december 2020 "
            "(was 31 december 2019), reden: „Collegebesluit na de zomer”")
    assert (f"* Werkplan 2020 Combinatiefunctionarissen: achter. Laatste voortgang 18 juni 2020: {said}; "
            "toelichting van 11 juni 2020: „Evaluatie nog niet af”") in text, text
    assert (f'<span class="datum">18 juni 2020</span><br><span class="woord">N{said[1:]}</span><br>'
            '<span class="woord">toelichting van 11 juni 2020: „Evaluatie nog niet af”</span>') in html, html
    assert "Nieuwe datum voor „Collegebesluit over de evaluatie 2019 en het werkplan 2020”" in pdf
    # the council's public version: what moved, without the reason (an internal note)
    text, html, _pdf = _report(regie, tmp_path / "raad", "raad")
    assert ("Laatste voortgang 18 juni 2020: nieuwe datum voor „Collegebesluit over de evaluatie 2019 en het "
            "werkplan 2020”: 1 december 2020 (was 31 december 2019).") in text, text
    assert "na de zomer" not in text and "na de zomer" not in html


def test_a_move_undone_then_another_says_the_last_move_with_its_own_reason(  # type: ignore[no-untyped-def]
        db: Database, region: Path, tmp_path: Path, regie) -> None:
    assert regie("laad", str(region)).code == 0
    for naar, reden in (("2020-12-01", "Eerst de tussenrapportage"), ("2020-07-31", "Toch niet"),
                        ("2021-03-03", "Nieuwe aanbesteding")):
        assert regie("verplaats", STEUN, "--naar", naar, "--reden", reden, *DOOR).code == 0
    text, html, pdf = _report(regie, tmp_path / "rapport")
    # what happened as a fact, only the regisseur's reason quoted (a trial read the system's sentence
    # „Nieuwe datum voor …: … (was …): reden” quoted as the regisseur's last words)
    assert ("Laatste voortgang 18 juni 2020: nieuwe datum voor „Evaluatie pilot Steungezinnen”: 3 maart 2021 "
            "(was 31 juli 2020), reden: „Nieuwe aanbesteding”.") in text, text
    assert "„Nieuwe datum" not in text and "„Nieuwe datum" not in html
    assert ("Voortgang pilot Steungezinnen: Evaluatie pilot Steungezinnen (van 31 juli 2020 naar 3 maart 2021; "
            "reden: „Nieuwe aanbesteding”)") in text, text
    for where in (text, html, pdf):
        assert "tussenrapportage" not in where
    for where in (text, html, pdf):
        assert "Toch niet" not in where
    assert "reden: „Nieuwe aanbesteding”" in pdf
