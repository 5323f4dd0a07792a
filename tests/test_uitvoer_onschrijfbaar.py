"""A path no file can be written to (a system folder such as /proc, a path through a file) is refused by
every command that writes one, before the work, in Dutch, naming the path and what to do, with nothing
left behind: `regie overzicht --formaat xlsx --uitvoer /proc/nope.xlsx` printed an lxml traceback, `regie
rapport --uitvoer /proc/x` "Interne fout (FileNotFoundError)"."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def _commands(target: Path, document: Path) -> list[tuple[str, ...]]:
    return [("overzicht", "--formaat", "xlsx", "--uitvoer", f"{target}.xlsx"),
            ("overzicht", "--formaat", "csv", "--uitvoer", str(target / "csv")),
            ("rapport", "--vergadering", "mosd", "--uitvoer", str(target)),
            ("agenda", "--persoon", "regisseur-jeugd", "--uitvoer", f"{target}.ics"),
            ("importeer", str(document), "--gemeente", "Bronckhorst", "--uitvoer", str(target / "concept")),
            ("exporteer", str(target / "export"))]


def _refused_everywhere(regie, target: Path, reason: str | None, document: Path) -> None:  # type: ignore[no-untyped-def]
    """Each writer refuses ``target`` naming it, saying nothing was written; with ``reason``, in the one
    sentence of services.written_files.check_writable (a path through a file has older sentences of
    its own in `regie rapport` and `regie exporteer`)."""
    for args in _commands(target, document):
        outcome = regie(*args)
        said = " ".join(outcome.err.split())
        typed = args[-1]
        assert outcome.code == 2 and typed in said and "niets geschreven" in said.lower(), (args, said)
        assert reason is None or f"{typed}: daar kan niet geschreven worden ({reason}). Er is niets geschreven. " \
                                 "Kies een map waarin u mag schrijven" in said, (args, said)
        assert "Traceback" not in outcome.err + outcome.out and "Interne fout" not in said


def test_a_path_through_a_file_is_refused_in_dutch_by_every_writer(db, sample: Path, regie,  # type: ignore[no-untyped-def]
                                                                    tmp_path: Path) -> None:
    assert regie("laad", str(sample)).code == 0
    document = tmp_path / "programma.txt"
    document.write_text("Programma 1\n", encoding="utf-8")
    blocker = tmp_path / "uit" / "een-bestand"
    blocker.parent.mkdir()
    blocker.write_text("", encoding="utf-8")
    before = db.snapshot()
    _refused_everywhere(regie, blocker / "sub", None, document)
    outcome = regie("overzicht", "--uitvoer", str(blocker / "sub" / "o.xlsx"))
    assert f"daar kan niet geschreven worden ({blocker} is een bestand, geen map)" in " ".join(outcome.err.split())
    assert sorted(p.name for p in blocker.parent.iterdir()) == ["een-bestand"]
    assert db.snapshot() == before


@pytest.mark.skipif(not sys.platform.startswith("linux") or not Path("/proc/self").exists(), reason="Linux /proc")
def test_a_system_folder_is_refused_in_dutch_and_nothing_is_left(db, sample: Path, regie,  # type: ignore[no-untyped-def]
                                                                  tmp_path: Path) -> None:
    assert regie("laad", str(sample)).code == 0
    document = tmp_path / "programma.txt"
    document.write_text("Programma 1\n", encoding="utf-8")
    _refused_everywhere(regie, Path("/proc/regie-bestaat-niet"), "de map /proc neemt geen bestanden of mappen aan",
                        document)
    assert not list(tmp_path.glob("**/*.deel"))


def test_a_new_folder_is_still_made_and_the_check_leaves_nothing(tmp_path: Path) -> None:
    from services.written_files import check_writable

    check_writable(tmp_path / "nieuw" / "diep", genoemd="--uitvoer nieuw/diep")
    assert list(tmp_path.iterdir()) == []  # the probe removed the folders it made
