"""Register files that cannot be read as they are: empty, Windows-1252, binary, too large, duplicate
keys, a missing folder or personen file; every error of a run reported at once."""

from __future__ import annotations

from tests import test_register_errors
from tests.test_register_errors import PEOPLE, PROGRAMME, assert_refused, break_file

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

loaded = test_register_errors.loaded  # the fixture, here too


def test_an_empty_file_is_refused(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    (sample / "bronckhorst" / "programma-2.yaml").write_text("\n  \n", encoding="utf-8")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-2.yaml", line=None, words=["het bestand is leeg"])
    assert db.snapshot() == loaded


def test_a_cp1252_file_is_refused_with_how_to_save_it(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    path = sample / PROGRAMME
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp1252", errors="replace"))
    first = min(i for i, ch in enumerate(text) if ord(ch) > 127)
    line = text[:first].count("\n") + 1
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line,
                   words=["niet in UTF-8", "Windows-1252", "Sla het op als UTF-8"])
    assert db.snapshot() == loaded


def test_a_binary_file_is_refused(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    (sample / "bronckhorst" / "programma-2.yaml").write_bytes(b"PK\x03\x04\x00\x00binary\x00" * 50)
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-2.yaml", line=None, words=["geen tekstbestand"])
    assert db.snapshot() == loaded


def test_a_ten_megabyte_file_is_refused_without_reading_it(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    with (sample / "bronckhorst" / "programma-2.yaml").open("w", encoding="utf-8") as handle:
        handle.write("gemeente: Bronckhorst\n" + "# opvulling\n" * (10 * 1024 * 1024 // 12))
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-2.yaml", line=None, words=["MB", "hoogstens 5 MB"])
    assert db.snapshot() == loaded


def test_a_duplicate_yaml_key_is_refused(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    line = break_file(sample, PROGRAMME, "  titel: Gezond en weerbaar\n",
                      "  titel: Gezond en weerbaar\n  titel: Gezond\n")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line + 1, words=["'titel' staat twee keer"])
    assert db.snapshot() == loaded


def test_a_wrong_status_lists_the_allowed_values(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    line = break_file(sample, PROGRAMME, "    status: lopend", "    status: bezig")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line,
                   words=["ongeldige waarde 'bezig'", "gepland, lopend, afgerond, vertraagd, gestopt"])
    assert db.snapshot() == loaded


def test_every_error_in_one_run_is_reported(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    break_file(sample, PROGRAMME, "  nummer: 1", "  nummer: een")
    break_file(sample, PEOPLE, "    rollen: [coordinator]", "    rollen: [coördinator]")
    outcome = regie("laad", str(sample))
    assert outcome.code == 2
    assert "2 fouten gevonden" in outcome.err
    assert "personen.yaml" in outcome.err and "programma-1.yaml" in outcome.err
    assert db.snapshot() == loaded


def test_unknown_person_keys_are_named_in_the_same_round_as_format_errors(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    """A typo in an owner's or regisseur's key was reported only after every format error was fixed
    (the file, or personen.yaml, had to pass its format check first): a second round for the user.
    Keys are now looked up in the YAML of files with format errors too, and in personen.yaml's own
    YAML when it has format errors but every person's key can be read."""
    owner = break_file(sample, PROGRAMME, "    eigenaar: beleid-onderwijs", "    eigenaar: beleid-onderwys")
    regisseur = break_file(sample, PROGRAMME, "  regisseur: regisseur-jeugd", "  regisseur: regiseur-jeugd")
    date = break_file(sample, PROGRAMME, "uiterlijk: 2020-05-31", "uiterlijk: 2020-05-32")
    role = break_file(sample, PEOPLE, "    rollen: [coordinator]", "    rollen: [coördinator]")
    outcome = regie("laad", str(sample))
    said = " ".join(outcome.err.split())
    assert outcome.code == 2 and "4 fouten gevonden" in said, said
    for line, words in ((owner, "veld activiteiten[uitvoeringsstrategie-rijkere-visie-op-onderwijs].eigenaar: "
                                "'beleid-onderwys' staat niet in personen.yaml. Bedoelt u 'beleid-onderwijs'?"),
                        (regisseur, "veld programma.regisseur: 'regiseur-jeugd' staat niet in personen.yaml. "
                                    "Bedoelt u 'regisseur-jeugd'?"),
                        (date, "veld activiteiten[uitvoeringsstrategie-rijkere-visie-op-onderwijs].mijlpalen["
                               "uitvoeringsafspraken-alle-themas].uiterlijk: ongeldige datum '2020-05-32'")):
        assert f"programma-1.yaml, regel {line}, {words}" in said, (line, words, said)
    assert f"personen.yaml, regel {role}," in said
    # A key with a format error of its own is told once, for its format; a personen.yaml whose keys
    # cannot all be read checks no owners (they would all look unknown).
    break_file(sample, PROGRAMME, "    eigenaar: beleid-onderwys", "    eigenaar: Beleid Onderwijs")
    break_file(sample, PEOPLE, "  - sleutel: beleid-onderwijs", "  - sleutel: [beleid-onderwijs]")
    said = " ".join(regie("laad", str(sample)).err.split())
    assert "4 fouten gevonden" in said and "staat niet in personen.yaml" not in said, said
    assert said.count("eigenaar:") == 1 and said.count("regisseur:") == 0, said
    assert db.snapshot() == loaded


def test_a_missing_directory_is_a_clear_error(db, tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    outcome = regie("laad", str(tmp_path / "bestaat-niet"))
    assert outcome.code == 2
    assert "deze map bestaat niet" in outcome.err
    assert "Traceback" not in outcome.err


def test_a_missing_personen_file_is_a_clear_error(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    (sample / PEOPLE).unlink()
    outcome = regie("laad", str(sample))
    assert outcome.code == 2
    assert "personen.yaml ontbreekt" in outcome.err
    assert db.snapshot() == loaded


def test_an_error_in_a_later_municipality_leaves_the_earlier_one_unwritten(
    db, sample, regie  # type: ignore[no-untyped-def]
) -> None:
    import shutil

    empty = db.snapshot()
    shutil.copytree(sample / "bronckhorst", sample / "zutphen")
    path = sample / "zutphen" / "programma-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("gemeente: Bronckhorst", "gemeente: Zutphen")
                    .replace("uiterlijk: 2020-09-30", "uiterlijk: 2020-02-30"), encoding="utf-8")
    outcome = regie("laad", str(sample))
    assert outcome.code == 2
    assert "zutphen/programma-1.yaml" in outcome.err
    assert db.snapshot() == empty


def test_zeker_may_be_written_ja_or_nee_and_anything_else_is_told_how(  # type: ignore[no-untyped-def]
        db, sample, loaded, regie) -> None:
    """A Dutch user writes 'zeker: nee' (the importer writes false): both mean the same; 'misschien'
    is refused naming both ways to write it."""
    from sqlalchemy import select

    from models.tables import Milestone

    def unsure() -> int:
        with db.session() as session:
            return [m.zeker for m in session.scalars(select(Milestone))].count(False)

    before = unsure()
    break_file(sample, PROGRAMME, "        zeker: false", "        zeker: nee")
    assert regie("laad", str(sample)).code == 0
    assert unsure() == before > 0
    line = break_file(sample, PROGRAMME, "        zeker: nee", "        zeker: misschien")
    assert_refused(regie("laad", str(sample)), file="programma-1.yaml", line=line,
                   words=["ja of nee (of true of false)"])
