"""A milestone done on a day that has not come yet (``gereed: 2027-01-15`` while the service's clock
says 2026): refused at load in the words `regie gereed --datum` and the answer page use
(services/checkins/progress.py), with file, line and field. The load passes the one clock's today
(models/clock, ``REGIE_VANDAAG``); the importer's check of its draft passes none: a document dated
after the clock's day is no error of the importer (it never reads a clock)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from domain.register.errors import RegisterFout
from domain.register.yamlsource import YamlDocument
from services.register.file_reading import shown_path
from services.register.register_dir import ProgrammeFile
from services.rendering import datum


def check_done_dates(programmas: list[tuple[ProgrammeFile, YamlDocument]], root: Path,
                     errors: list[RegisterFout], vandaag: dt.date) -> None:
    """One error per milestone whose ``gereed`` lies after ``vandaag``, in file order."""
    for programme, document in programmas:
        for i, activiteit in enumerate(programme.inhoud.activiteiten):
            for j, mijlpaal in enumerate(activiteit.mijlpalen):
                if mijlpaal.gereed is None or mijlpaal.gereed <= vandaag:
                    continue
                errors.append(RegisterFout(
                    shown_path(programme.path, root),
                    document.line_of(("activiteiten", i, "mijlpalen", j, "gereed")),
                    f"activiteiten[{activiteit.id}].mijlpalen[{mijlpaal.id}].gereed",
                    f"gereed op {datum(mijlpaal.gereed)} ligt in de toekomst (vandaag is "
                    f"{datum(vandaag)}). Vul de datum in waarop de mijlpaal gereed wás, of laat gereed weg "
                    "zolang hij niet gereed is."))
