"""A user trial: the check-in mail said "Wilt u de voortgang doorgeven van uw 6 activiteiten (ronde van 8
september 2020)?" without a reason or a deadline. The round is started ten working days before a MOSD
meeting (tasks/checkin.py), and the report is made five working days before a meeting in the morning
(REGIE_RAPPORT_WERKDAGEN_VOOR): the mail now says by when to answer and which report it is for, in its
HTML and its text part. Real SMTP server (aiosmtpd), the sample register (Bronckhorst: MOSD 25 juni,
PoHo 2 juli, nothing in July and August, MOSD 10 september, PoHo 17 september 2020)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import Database, Mailserver
from tests.test_mail_words import REGISSEUR, _load, _text

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def _bodies(smtp: Mailserver) -> tuple[str, str]:
    return " ".join(smtp.text(REGISSEUR).split()), " ".join(_text(smtp, REGISSEUR).split())


@pytest.mark.parametrize(("ronde", "zin"), [
    # ten working days before MOSD 25 June; its report is made on 18 June (five working days before)
    (dt.date(2020, 6, 11), "Wilt u uiterlijk 17 juni 2020 de voortgang doorgeven van uw {n} activiteiten (ronde van "
                           "11 juni 2020)? Dan staat die in de rapportage voor het MOSD van 25 juni 2020."),
    # the MOSD report of 10 September was made on 3 September: the answer goes into PoHo's of 17 September
    (dt.date(2020, 9, 8), "Wilt u uiterlijk 9 september 2020 de voortgang doorgeven van uw {n} activiteiten "
                          "(ronde van 8 september 2020)? Dan staat die in de rapportage voor het PoHo sociaal van "
                          "17 september 2020."),
    # no report is made while the question waits (14 days): no deadline to give
    (dt.date(2020, 7, 15), "Wilt u de voortgang doorgeven van uw {n} activiteiten (ronde van 15 juli 2020)? Dat "
                           "doet u op uw pagina"),
])
def test_a_check_in_mail_says_by_when_to_answer_for_which_meetings_report(
        db: Database, sample: Path, smtp: Mailserver, ronde: dt.date, zin: str) -> None:
    from tasks.checkin import prepare_checkin

    _load(sample)
    prepared = prepare_checkin.fn("regisseur-jeugd", "Bronckhorst", "run-1", ronde)
    assert prepared is not None and prepared[1] == "wachtend"
    for body in _bodies(smtp):
        assert zin.format(n=len(prepared[0])) in body, body
