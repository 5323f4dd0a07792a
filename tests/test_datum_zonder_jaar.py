"""`regie gereed … --datum "1 maart"` and `regie verplaats … --naar "1 maart"` were refused with an
unrelated example ("bijvoorbeeld 2026-12-31 voor 31 december 2026"). A day without its year is still
refused (a done date cannot be corrected by a second answer, so the year is the user's to write), but
the refusal names the option and gives the date to copy: for a done date the latest such day up to
today, for a new date the first from today (/work/shared/domain.md: the next such month after the
reference date). The answer page and the Prefect form say the same in words (tests/web/)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.melding import TERUG, VOORUIT, jaar_ontbreekt, met_jaar, zonder_jaar
from tests.conftest import Database, set_today

POH = "voortgang-pilot-jeugd-poh-soh"
VANDAAG = dt.date(2020, 8, 3)


@pytest.mark.parametrize(("typed", "terug", "vooruit"), [
    ("1 maart", "2020-03-01", "2021-03-01"),
    ("1e mrt.", "2020-03-01", "2021-03-01"),
    ("3-8", "2020-08-03", "2020-08-03"),  # today is both the latest and the first
    ("01/12", "2019-12-01", "2020-12-01"),
    ("29 februari", "2020-02-29", "2024-02-29"),
])
def test_a_day_without_its_year_is_taken_back_for_a_done_date_and_ahead_for_a_new_one(
        typed: str, terug: str, vooruit: str) -> None:
    found = zonder_jaar(typed)
    assert found is not None
    assert met_jaar(found, vandaag=VANDAAG, richting=TERUG).isoformat() == terug
    assert met_jaar(found, vandaag=VANDAAG, richting=VOORUIT).isoformat() == vooruit


@pytest.mark.parametrize("typed", ["1 maart 2027", "maart", "31 april", "13-13", "morgen", "2027-03-01"])
def test_only_a_day_and_month_is_a_date_without_its_year(typed: str) -> None:
    assert jaar_ontbreekt(typed, vandaag=VANDAAG, richting=TERUG) is None


@pytest.mark.parametrize(("args", "said"), [
    (("gereed", f"{POH}/evaluatie-pilot", "--datum", "1 maart"),
     "Niet vastgelegd: --datum '1 maart' mist het jaar. Schrijf de datum als JJJJ-MM-DD, voor de laatste "
     "1 maart tot en met vandaag (03-08-2020): --datum 2020-03-01"),
    (("verplaats", f"{POH}/evaluatie-pilot", "--naar", "1 maart", "--reden", "wachten op collegebesluit"),
     "Niet vastgelegd: --naar '1 maart' mist het jaar. Schrijf de datum als JJJJ-MM-DD, voor de eerstvolgende "
     "1 maart vanaf vandaag (03-08-2020): --naar 2021-03-01"),
    (("status", "--peildatum", "1 maart"),
     "--peildatum '1 maart' mist het jaar. Schrijf de datum als JJJJ-MM-DD, voor 1 maart 2020: "
     "--peildatum 2020-03-01"),
])
def test_the_command_line_names_the_option_and_the_date_to_write(  # type: ignore[no-untyped-def]
        db: Database, sample, regie, monkeypatch, args: tuple[str, ...], said: str) -> None:
    set_today(monkeypatch, VANDAAG.isoformat())
    assert regie("laad", str(sample)).code == 0
    before = db.snapshot()
    refused = regie(*args)
    assert refused.code == 2 and " ".join(refused.err.split()) == said, refused
    assert db.snapshot() == before
    copied = said.rsplit(": ", 1)[1].split()  # the option and the date, as offered
    if args[0] != "status":
        done = regie(*args[:args.index(copied[0])], *copied, *args[args.index(copied[0]) + 2:])
        assert done.code == 0 and copied[1][:4] in done.out, done  # the reply shows the year taken


@given(st.text(max_size=20) | st.from_regex(r"\s*\d{1,2}[-/. ]\d{1,2}\s*", fullmatch=True),
       st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2090, 12, 31)))
def test_any_text_is_a_day_without_its_year_taken_the_right_way_or_none(typed: str, vandaag: dt.date) -> None:
    for richting in (TERUG, VOORUIT, None):
        meant = jaar_ontbreekt(typed, vandaag=vandaag, richting=richting)
        if meant is not None:
            day = meant[0]
            assert (day.month, day.day) == zonder_jaar(typed)
            assert day <= vandaag if richting == TERUG else day >= vandaag if richting == VOORUIT else True
            assert abs(day.year - vandaag.year) <= 8
