"""What `regie laad` (and `--plan`) says about the answers people gave since the last load, on standard
error: a done an empty 'gereed:' does not undo (services/register/kept_done.py), and a date the file
replaces, with who gave it, when and why (services/register/replaced_answers.py)."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from regie.common import err


def warn_answers(result: Any, *, plan: bool) -> None:
    """One "Let op" per answer the files would undo or that the load keeps; after a plan that replaces
    answers, how to keep them all (the export holds the answers; after the load it no longer does)."""
    for zin in result.blijft_gereed:  # 'gereed: null' undoes no answer: said, with the verb that does
        err().print(Text(f"Let op: {zin}.", style="yellow"))
    for zin in result.antwoord_vervangen:  # the file's date is the plan's: loaded, said loudly
        err().print(Text(f"Let op: {zin}.", style="yellow"))
    if plan and result.antwoord_vervangen:
        err().print(Text("Wilt u alle antwoorden houden en toch uw wijzigingen laden: exporteer dan eerst "
                         "het register naar een nieuwe map (regie exporteer NIEUWE-MAP; daarin staan de "
                         "antwoorden), breng uw wijzigingen daarin aan en laad die map.", style="yellow"))
