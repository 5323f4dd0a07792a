"""A reference that is in more than one municipality names them and the --gemeente to add (a new user's
trial: `regie gereed ACTIVITEIT/MIJLPAAL` was told to write ACTIVITEIT/MIJLPAAL, which they had done)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

POH = "voortgang-pilot-jeugd-poh-soh"
KEUZE = "staat in Bronckhorst en Zutphen: geef --gemeente Bronckhorst of --gemeente Zutphen mee."


@pytest.fixture
def twee(sample: Path) -> Path:
    """Bronckhorst and a copy of it as Zutphen: the same activity, milestone and indicator ids in both."""
    shutil.copytree(sample / "bronckhorst", sample / "zutphen")
    for gemeente in ("bronckhorst", "zutphen"):
        programme = sample / gemeente / "programma-1.yaml"
        text = programme.read_text(encoding="utf-8").replace(
            "  regisseur: regisseur-jeugd\n", "  regisseur: regisseur-jeugd\n  indicatoren:\n"
            "    - {id: bereik, naam: Bereik}\n", 1)
        if gemeente == "zutphen":
            text = text.replace("gemeente: Bronckhorst", "gemeente: Zutphen")
        programme.write_text(text, encoding="utf-8")
    return sample


@pytest.mark.parametrize(("args", "said"), [
    (("gereed", f"{POH}/evaluatie-pilot"), f"mijlpaal '{POH}/evaluatie-pilot' {KEUZE}"),
    (("verplaats", f"{POH}/evaluatie-pilot", "--naar", "2027-01-01", "--reden", "later"),
     f"mijlpaal '{POH}/evaluatie-pilot' {KEUZE}"),
    (("voortgang", POH, "--tekst", "loopt"), f"activiteit '{POH}' {KEUZE}"),
    (("geschiedenis", POH), f"Activiteit '{POH}' {KEUZE}"),  # on its own: a capital
    (("meting", "programma-1/bereik", "--waarde", "3"), f"indicator 'programma-1/bereik' {KEUZE}"),
    (("gereed", "evaluatie-pilot"), "mijlpaal 'evaluatie-pilot' komt in meer dan één activiteit voor. Schrijf "
     f"ACTIVITEIT/evaluatie-pilot: {POH}/evaluatie-pilot of voortgang-pilot-steungezinnen/evaluatie-pilot."),
])
def test_a_reference_in_two_municipalities_names_them(regie, twee: Path, args: tuple[str, ...],  # type: ignore[no-untyped-def]
                                                      said: str) -> None:
    assert regie("laad", str(twee)).code == 0
    outcome = regie(*args, "--door", "regisseur-jeugd") if args[0] != "geschiedenis" else regie(*args)
    assert outcome.code != 0
    assert said in " ".join((outcome.out + outcome.err).split())
