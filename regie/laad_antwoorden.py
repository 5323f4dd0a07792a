"""What `regie laad` (and `--plan`) says about the answers people gave since the last load, on standard
error: a done an empty 'gereed:' does not undo (services/register/kept_done.py), and a date the file
replaces, with who gave it, when and why (services/register/replaced_answers.py); after a load, the
message to each person whose date it replaced, sent at once (services/outbox/replaced.py)."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from regie.common import err, out


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


def tell_people(outcome: Any) -> None:
    """After a load (committed) that replaced dates people gave: send them the message it queued, now;
    what cannot be sent now waits for the daily check (said, with why). The load stands either way."""
    if not outcome.berichten:
        return
    from models.clock import today
    from models.settings import get_settings
    from services.outbox.replaced import send_now

    n = len(outcome.berichten)
    about = "een vervangen datum" if n == 1 else f"{n} vervangen datums"
    try:
        failed = send_now(outcome.berichten, settings=get_settings(), vandaag=today())
    except Exception as exc:  # the load is committed: the message waits in the outbox
        failed = [f"{type(exc).__name__}: {exc}"]
    if not failed:
        out().print(f"Het bericht over {about} is verstuurd.", markup=False)
        return
    err().print(Text(f"Let op: het bericht over {about} kon nu niet overal worden verstuurd ("
                     f"{'; '.join(failed[:3])}). Het staat klaar; de dagelijkse controle verstuurt het.",
                     style="yellow"))
