"""docs/register-schrijven.md stays true: its worked example (Lindewaard) loads with the real `regie laad`,
with the activities and milestones the page names, and every mistake the page shows gives, on that
example, the Dutch message the page quotes, word for word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOC = ROOT / "docs" / "register-schrijven.md"
# "Bestand `lindewaard/programma-1.yaml`:" (optionally followed by more words) and then a yaml block.
_BLOCK = re.compile(r"^Bestand `lindewaard/([\w.-]+\.yaml)`[^\n]*\n\n```yaml\n(.*?)^```", re.MULTILINE | re.DOTALL)

# The mistakes the page shows: (file, what the example says, what the mistake makes of it).
MISTAKES = [
    ("programma-1.yaml", "uiterlijk: 2027-06-30", "uiterlijk: 30 juni 2027"),
    ("programma-1.yaml", "uiterlijk: 2027-06-30", "uiterlijk: juni 2027"),
    ("programma-1.yaml", "uiterlijk: 2027-06-30", "uiterlijk: vóór 1 juli 2027"),
    ("programma-1.yaml", "uiterlijk: 2027-06-30", "uiterlijk: juni"),
    ("programma-1.yaml", "eigenaar: beleid-jeugd", "eigenaar: Beleidsmedewerker jeugd"),
    ("programma-1.yaml", "eigenaar: beleid-jeugd", "eigenaar: jeugd-beleid"),
    ("programma-1.yaml", "    status: lopend", "   status: lopend"),
    ("programma-1.yaml", "    status: lopend", "\tstatus: lopend"),
    ("programma-1.yaml", "bedrag: 85000", "bedrag: 85.000"),
    ("programma-1.yaml", "bedrag: 85000", "bedrag: € 85.000"),
    ("programma-1.yaml", "omschrijving: Evaluatie van het jongerenwerk", "omschrjving: Evaluatie van het jongerenwerk"),
    ("programma-1.yaml", "status: lopend", "status: loopt"),
    ("programma-1.yaml", "status: lopend", "status:lopend"),
    ("programma-1.yaml", "uiterlijk: 2027-06-30", "uiterlijk 2027-06-30"),
    ("programma-1.yaml",
     'tijdpad: "Evaluatie vóór de zomer van 2027; collegebesluit over het vervolg in het najaar van 2027."',
     "tijdpad: Evaluatie: vóór de zomer van 2027"),
    ("programma-1.yaml", 'in het najaar van 2027."', "in het najaar van 2027."),
    ("programma-1.yaml", "      - id: besluit-vervolg", "        id: besluit-vervolg"),  # the dash forgotten
]


def _flat(text: str) -> str:
    """Text with every run of whitespace as one space (and a blockquote's '>' gone): wrapping and
    terminal width do not matter."""
    return " ".join(text.replace("\n>", "\n").replace("\n  >", "\n").split())


def example_files() -> dict[str, str]:
    """The example's files as the page gives them: file name → YAML text."""
    return dict(_BLOCK.findall(DOC.read_text(encoding="utf-8")))


def _write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def laad(regie, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """`regie ARGS` typed in tmp_path, where the example is written to lindewaard/ (as the page says)."""
    monkeypatch.chdir(tmp_path)
    return regie


def test_the_page_gives_the_three_files_of_one_municipality() -> None:
    assert sorted(example_files()) == ["personen.yaml", "programma-1.yaml", "vergaderingen.yaml"]


def test_the_example_loads_with_what_the_page_says(tmp_path: Path, laad) -> None:  # type: ignore[no-untyped-def]
    _write(tmp_path / "lindewaard", example_files())
    plan = laad("laad", "lindewaard", "--plan")
    assert plan.code == 0, plan.err + plan.out
    shown = _flat(plan.out)
    assert "toegevoegd activiteiten: jongerenwerk-in-de-wijken (met 2 mijlpalen), " \
           "pilot-praktijkondersteuner-jeugd (met 2 mijlpalen)" in shown, plan.out
    page = _flat(DOC.read_text(encoding="utf-8"))
    # The lines of the plan the page quotes are the plan's own.
    for line in ("toegevoegd activiteiten:", "toegevoegd subsidies:"):
        quoted = next(one for one in plan.out.splitlines() if line in one)
        assert _flat(quoted) in page, quoted

    loaded = laad("laad", "lindewaard")
    assert loaded.code == 0, loaded.err + loaded.out
    assert "Register geladen (Lindewaard)." in loaded.out
    again = laad("laad", "lindewaard")
    assert "niets veranderd" in " ".join(again.out.split()), again.out  # at any terminal width

    status = laad("status", "--peildatum", "2026-12-01")
    assert status.code == 0, status.err
    ids = [line.strip() for line in status.out.splitlines() if line.startswith("  ") and "/" in line]
    assert ids == ["jongerenwerk-in-de-wijken/evaluatie", "pilot-praktijkondersteuner-jeugd/start"], status.out


def test_the_example_has_what_the_page_explains() -> None:
    """The explanation under the example (owner, the estimated date, amount, subsidy, rhythms) holds."""
    import yaml

    programme = yaml.safe_load(example_files()["programma-1.yaml"])
    werk, pilot = programme["activiteiten"]
    assert werk["eigenaar"] == "beleid-jeugd" and "eigenaar" not in pilot
    assert programme["programma"]["regisseur"] == "regisseur-jeugd"
    evaluatie, besluit = werk["mijlpalen"]
    assert str(evaluatie["uiterlijk"]) == "2027-06-30" and "zeker" not in evaluatie
    assert (str(besluit["vroegst"]), str(besluit["uiterlijk"]), besluit["zeker"]) == ("2027-09-01", "2027-11-30", False)
    assert werk["bedragen"] == [{"bedrag": 85000, "per": "jaar", "vanaf": 2026, "tot_en_met": 2027,
                                 "bron": "jaarlijks € 85.000"}]
    assert [str(m["uiterlijk"]) for m in pilot["mijlpalen"]] == ["2027-01-31", "2027-07-15"]
    (subsidie,) = pilot["subsidies"]
    assert (subsidie["bedrag"], str(subsidie["verantwoording_uiterlijk"])) == (24000, "2028-03-31")
    assert (werk["monitoring"]["ritme"], pilot["monitoring"]["ritme"]) == ("kwartaal", "halfjaar")
    people = yaml.safe_load(example_files()["personen.yaml"])["personen"]
    assert {p["sleutel"]: p["rollen"] for p in people} == {
        "coordinator-sociaal-domein": ["coordinator"], "regisseur-jeugd": ["regisseur"], "beleid-jeugd": []}
    assert all(p["kanalen"] and "@lindewaard.nl" in p["kanalen"][0] for p in people)


@pytest.mark.parametrize(("name", "good", "bad"), MISTAKES, ids=[bad.strip() for _, _, bad in MISTAKES])
def test_each_mistake_gives_the_message_the_page_quotes(tmp_path: Path, laad, name: str, good: str,
                                                        bad: str) -> None:  # type: ignore[no-untyped-def]
    files = example_files()
    assert good in files[name], f"the example no longer says {good!r}"
    files[name] = files[name].replace(good, bad, 1)
    _write(tmp_path / "lindewaard", files)
    result = laad("laad", "lindewaard", "--plan")
    assert result.code == 2, result.out + result.err
    assert "Het register is niet geladen: 1 fout gevonden. De database is niet veranderd." in _flat(result.err)
    errors = [line.strip().removeprefix("• ") for line in result.err.split("\n  •")[1:]]
    assert len(errors) == 1, result.err
    page = _flat(DOC.read_text(encoding="utf-8"))
    assert _flat(errors[0]) in page, f"the page does not quote this message:\n{errors[0]}"


def test_a_typo_in_gemeente_gives_the_message_the_page_quotes(tmp_path: Path, laad) -> None:  # type: ignore[no-untyped-def]
    """Lindewaard loaded, then `gemeente: Lindewaad`: refused (not a second municipality), as the page says,
    and `--nieuwe-gemeente` loads it when it really is another municipality."""
    _write(tmp_path / "lindewaard", example_files())
    assert laad("laad", "lindewaard").code == 0
    programme = tmp_path / "lindewaard" / "programma-1.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace(
        "gemeente: Lindewaard", "gemeente: Lindewaad", 1), encoding="utf-8")
    result = laad("laad", "lindewaard", "--plan")
    assert result.code == 2, result.out + result.err
    errors = [line.strip().removeprefix("• ") for line in result.err.split("\n  •")[1:]]
    assert len(errors) == 1, result.err
    quoted = _flat(errors[0])
    assert quoted in _flat(DOC.read_text(encoding="utf-8")), f"the page does not quote this message:\n{quoted}"
    loaded = laad("laad", "lindewaard", "--nieuwe-gemeente", "Lindewaad")
    assert loaded.code == 0 and "Register geladen (Lindewaad)." in loaded.out, loaded
