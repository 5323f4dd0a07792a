"""What a new user's trial of `regie indicatoren` found: a comparison mixing 12 and 11,65, and an
import without --door answered in lower case (docs/indicators.md)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import Database
from tests.test_indicatoren import CBS, _file, _measurements, with_national_indicators

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def test_a_table_of_whole_figures_with_a_mean_shows_one_precision_throughout() -> None:
    from regie.indicatoren_cli import _decimalen, _getal

    figures = [Decimal("12.00"), Decimal("12.00"), Decimal("11.65"), None]
    places = _decimalen(figures)
    assert [_getal(v, places) for v in figures] == ["12,00", "12,00", "11,65", "—"]
    whole = [Decimal("12.00"), Decimal("11.00"), Decimal("12.00")]
    assert [_getal(v, _decimalen(whole)) for v in whole] == ["12", "11", "12"]


def test_importeer_without_door_starts_with_what_happened(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert regie("laad", str(with_national_indicators(region))).code == 0
    monkeypatch.delenv("REGIE_GEBRUIKER")
    monkeypatch.setenv("LOGNAME", "beheerder")  # getpass.getuser() reads it first: no person's key
    refused = regie("indicatoren", "importeer", str(_file(tmp_path, CBS)))
    said = " ".join(refused.err.split())
    assert refused.code == 2 and said.startswith("Niets geïmporteerd: wie legt dit vast? Geef --door met uw "
                                                 "sleutel uit personen.yaml"), said
    assert _measurements(db) == []
