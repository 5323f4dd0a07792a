"""`regie laad --plan` names the fields that change as users write them in the register file
(regisseur, bron.document), never the stored column ('regisseur_id, bron_document')."""

from __future__ import annotations

from pathlib import Path

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def test_every_stored_column_reads_as_a_register_word() -> None:
    from sqlmodel import SQLModel

    import models.tables  # noqa: F401  (registers the tables)
    from services.register.history import veld_woord

    columns = {c.name for table in SQLModel.metadata.tables.values() for c in table.columns}
    assert not [c for c in columns if veld_woord(c).endswith("_id")]
    assert [veld_woord(c) for c in ("regisseur_id", "bron_document", "bron_documentdatum", "eigenaar_id")] == [
        "regisseur", "bron.document", "bron.documentdatum", "eigenaar"]


def test_the_plan_names_the_programme_fields_as_the_file_does(db, regie, sample: Path) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    programme = sample / "bronckhorst" / "programma-1.yaml"
    programme.write_text(programme.read_text(encoding="utf-8")
                         .replace("  regisseur: regisseur-jeugd", "  regisseur: beleid-onderwijs", 1)
                         .replace("documentdatum: 2019-10-01", "documentdatum: 2019-10-02", 1), encoding="utf-8")
    outcome = regie("laad", "--plan", str(sample))
    said = " ".join(outcome.out.split())
    assert outcome.code == 0 and "gewijzigd programma's: programma 1 (regisseur, bron.documentdatum)" in said, said
    assert "_id" not in said and "bron_" not in said
