"""`regie status`, `regie simuleer` and `regie geschiedenis`: what stands, what the rules would send,
and what changed (thin: the work is in services/reminders/status.py, services/reminders/simulation.py,
services/register/history.py)."""

from __future__ import annotations

import os
import re
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from domain.maanden import MAANDEN
from domain.register.tekstcontrole import aantal, shell_word, visible
from domain.rules.datum_onzeker import DATUM_ONZEKER
from regie.common import GEMEENTE, Stop, cell, out, terminal
from regie.datum_optie import DATUMVORMEN, parse_date
from regie.geen_register import open_register
from services.rendering import citaat
from services.rendering import dag as met_weekdag
from services.rendering import datum as woorden  # a date as a user reads it: 31 december 2022


def status(
    peildatum: Annotated[str | None, typer.Option("--peildatum",
                                                  help=f"Datum: {DATUMVORMEN} (standaard: vandaag).",
                                                  show_default=False)] = None,
    gemeente: Annotated[str | None, typer.Option("--gemeente", help="Alleen deze gemeente.",
                                                 show_default=False)] = None,
) -> None:
    """Toon per programma de activiteiten met hun id, hun status, de volgende mijlpaal en wat te laat is."""
    from services.reminders.status import programme_states

    datum = parse_date(peildatum, "--peildatum")
    with open_register() as session:
        states = programme_states(session=session, peildatum=datum, gemeente=gemeente)
    if not states and gemeente:  # the municipality exists (an unknown name stopped above)
        raise Stop(f"Gemeente '{gemeente}' heeft geen lopende programma's in het register.")
    if not states:  # municipalities without a running programme: the same message (open_register)
        from regie.geen_register import geen_register

        raise Stop(geen_register())
    for state in states:
        # The regisseur after a dot, not in brackets: a name such as 'Regisseur programma 1 (Gezond en
        # weerbaar)' made '(regisseur: … (Gezond en weerbaar))'.
        table = Table(title=cell(f"{state.gemeente} · programma {state.nummer}: {state.titel} · "
                                 f"regisseur: {state.regisseur} · peildatum {met_weekdag(datum)}"),
                      title_justify="left", expand=False)
        smal = terminal()  # on a screen the long columns fold; in a file or a pipe a row is one line
        titels = [cell(a.titel) for a in state.activiteiten]
        volgende = [cell(_next(a)) for a in state.activiteiten]
        statussen = [cell(f"{a.status} · {a.stand}" if a.stand else a.status) for a in state.activiteiten]
        # Widths set here, not by rich: with each long column at least its longest word wide, rich let
        # the table grow past 80 columns and cut off its right edge (a new user's trial). Lines break
        # between words; "fold" is only the last resort, for a word wider than the room.
        breedtes = _widths([titels, statussen, volgende], room=out().width - 20,
                           caps=(40, 24, 44) if smal else None)
        for naam, breedte in zip(("Activiteit", "Status", "Volgende mijlpaal"), breedtes, strict=True):
            table.add_column(naam, overflow="fold", width=breedte)
        table.add_column("Te laat", justify="right")  # how many milestones; the overview gives days
        for a, titel, shown, volgend in zip(state.activiteiten, titels, statussen, volgende, strict=True):
            table.add_row(titel, shown, volgend,
                          str(len(a.te_laat)) if a.te_laat else "", style="red" if a.te_laat else None)
        if not state.activiteiten:
            table.add_row("(geen activiteiten)", "", "", "")
        out().print(table)
        if state.activiteiten:
            # The ids to type, each whole on a line of its own (a table column folds them mid-word).
            out().print("Ids, in de volgorde van de tabel (activiteit/volgende mijlpaal, "
                        "en wat verder te laat is):")
            for a in state.activiteiten:  # an id in more municipalities needs --gemeente with it
                waar = f"  (met --gemeente {shell_word(state.gemeente)})" if a.gemeente_nodig else ""
                id_ = f"{a.sleutel}/{a.volgende_id}" if a.volgende_id else a.sleutel
                out().print(Text(f"  {id_}{waar}"), soft_wrap=True)
                for sleutel, due, onzeker in a.te_laat_ids:  # counted in "Te laat", not shown in the row
                    dag = woorden(due) + (f", {DATUM_ONZEKER}" if onzeker else "")
                    out().print(Text(f"    te laat: {a.sleutel}/{sleutel} (uiterlijk {dag}){waar}"),
                                soft_wrap=True)
        if gestart := [a for a in state.activiteiten if a.start_voorbij]:
            # The command whole on its own line: in the Status column it filled five lines at 80 columns.
            out().print("Gestart maar nog gepland? Zet de status op lopend:")
            for a in gestart:  # --gemeente when the id is in more municipalities: it works when copied
                waar = f" --gemeente {shell_word(state.gemeente)}" if a.gemeente_nodig else ""
                out().print(Text(f"  regie voortgang {a.sleutel} --status lopend{waar}  "
                                 f"(start {woorden(a.start_voorbij)})"), soft_wrap=True)
        for probleem in state.problemen:
            out().print(Text(f"  Overgeslagen: {visible(probleem, 600)}", style="yellow"))
        out().print()
    out().print("Mijlpaal gereed of verschoven? regie gereed ACTIVITEIT/MIJLPAAL, of regie verplaats "
                "ACTIVITEIT/MIJLPAAL --naar JJJJ-MM-DD --reden \"...\", met een id van hierboven"
                + (" (en --gemeente waar dat erbij staat)." if any(
                    a.gemeente_nodig for state in states for a in state.activiteiten) else ".")
                # without it both commands ask "wie legt dit vast?" (a new user's trial typed the hint)
                + ("" if os.environ.get("REGIE_GEBRUIKER") else " Zet er uw sleutel uit personen.yaml bij "
                   "met --door SLEUTEL, of eenmalig voor dit venster: export REGIE_GEBRUIKER=SLEUTEL."))


def _widths(columns: list[list[str]], *, room: int, caps: tuple[int, ...] | None) -> list[int]:
    """The widths of the table's text columns within ``room`` (the console's width less the borders,
    the padding and the 'Te laat' column): each as wide as its longest cell (at most its cap on a
    screen), the widest narrowed first, none below its longest word (at most 30) while the room allows,
    and at least 1."""
    widths = [max((len(text) for text in column), default=1) or 1 for column in columns]
    if caps:
        widths = [min(width, cap) for width, cap in zip(widths, caps, strict=True)]
    least = [min(max((len(word) for text in column for word in text.split()), default=1), 30, width)
             for column, width in zip(columns, widths, strict=True)]
    for floor in (least, [1] * len(widths)):  # first words whole; only then words folded
        while sum(widths) > room and any(w > f for w, f in zip(widths, floor, strict=True)):
            widest = max((i for i in range(len(widths)) if widths[i] > floor[i]), key=lambda i: widths[i])
            widths[widest] -= 1
    return widths


_EIGEN_DAG = re.compile(rf"\b\d{{1,2}}\s+(?:{'|'.join(MAANDEN)})\b", re.IGNORECASE)  # "tot 12 maart 2028"


def _next(a: Any) -> str:
    """'30-09-2020 Collegebesluit …', and when every open milestone is
    late the earliest of them with '· 1211 dagen te laat'; an open start in the past (never late) with
    '· gestart?' (done: regie gereed); '—' when no open milestone has a date."""
    from domain.rules.milestones import GESTART

    if not a.volgende:
        return "—"
    # An estimated date says so, and a text that names a day of its own is set apart as a quote: "11
    # maart 2028 … loopt tot 12 maart 2028" read as two dates for one milestone ("tot 12 maart" is read
    # as ending the day before, an estimate).
    mark = f" ({DATUM_ONZEKER})" if a.volgende_onzeker else ""
    dag, tekst = woorden(a.volgende[0]), a.volgende[1]
    shown = f"{dag}{mark}: {citaat(tekst)}" if mark or _EIGEN_DAG.search(tekst) else f"{dag} {tekst}"
    if a.volgende_voorbij:
        shown += GESTART
    if a.volgende_dagen_te_laat is not None:
        shown += f" · {aantal(a.volgende_dagen_te_laat, 'dag', 'dagen')} te laat"
    return shown


def simuleer(
    van: Annotated[str, typer.Option("--van", help=f"Eerste dag: {DATUMVORMEN}.", show_default=False)],
    tot: Annotated[str, typer.Option("--tot", help=f"Laatste dag: {DATUMVORMEN}.", show_default=False)],
    gemeente: Annotated[str | None, typer.Option("--gemeente", help="Alleen deze gemeente.",
                                                 show_default=False)] = None,
) -> None:
    """Laat per dag zien wat de dagelijkse controle zou versturen en aan wie (hetzelfde punt pas na een
    week), zonder iets te versturen of te bewaren."""
    from services.register.municipalities import municipalities
    from services.reminders.simulation import days_off, simulate

    begin, eind = parse_date(van, "--van"), parse_date(tot, "--tot")
    if eind < begin:
        raise Stop("--tot ligt vóór --van. Geef eerst de vroegste datum.")
    if (eind - begin).days > 731:
        raise Stop("Simuleer hoogstens twee jaar tegelijk (de uitvoer wordt anders onleesbaar).")
    problemen: list[Any] = []
    with open_register() as session:
        if gemeente:  # an unknown name is refused, not simulated as a municipality with nothing to do
            gemeente = municipalities(session=session, gemeente=gemeente)[0].naam
        days = simulate(session=session, van=begin, tot=eind, gemeente=gemeente, problemen=problemen)
    total, off = 0, dict(days_off(van=begin, tot=eind))
    for dag, people in days:
        if dag in off:  # the check does not run: say so, or the week looks like a gap in the rules
            out().print(Text(met_weekdag(dag), style="bold").append(
                f"  geen werkdag ({off[dag]}): de controle loopt niet, er gaat niets uit.", style=""))
        if not people:
            continue
        out().print(Text(met_weekdag(dag), style="bold"))  # donderdag 18 juni 2020, as `regie status` says
        for naam, regels in people:
            total += len(regels)
            out().print(f"  {naam}: {aantal(len(regels), 'punt', 'punten')}", markup=False)
            for regel in regels:
                out().print(f"    • {regel}", markup=False)
    out().print(simulatie_slotregel(total, begin, eind, len(off)))
    for probleem in problemen:
        out().print(Text(f"Overgeslagen: {probleem}", style="yellow"))


def simulatie_slotregel(herinneringen: int, van: Any, tot: Any, vrije_werkdagen: int) -> str:
    """The last line of `regie simuleer`. It said "6 herinneringen in 21 dagen, waarvan 2 doordeweekse
    dagen zonder controle", and "waarvan" read as "of which reminders" (a new user's trial): the count of
    reminders and the days the check does not run are two sentences now, the period is named in words."""
    import datetime as dt

    dagen = (tot - van).days + 1
    periode = (f"op {woorden(van)}" if dagen == 1 else
               f"in {aantal(dagen, 'dag', 'dagen')} ({woorden(van)} t/m {woorden(tot)})")
    zin = f"Samen {aantal(herinneringen, 'herinnering', 'herinneringen')} {periode}."
    weekend = any((van + dt.timedelta(days=n)).weekday() >= 5 for n in range(min(dagen, 7)))
    if vrije_werkdagen:
        zin += (f" Op {aantal(vrije_werkdagen, 'doordeweekse dag', 'doordeweekse dagen')} loopt de controle "
                f"niet (vrije dagen, hierboven genoemd){'; in het weekend nooit' if weekend else ''}.")
    elif weekend:
        zin += " In het weekend loopt de controle niet."
    return zin + " Er is niets verstuurd of bewaard."


def geschiedenis(
    activiteit: Annotated[str, typer.Argument(help="De id van de activiteit.", show_default=False)],
    gemeente: Annotated[str | None, GEMEENTE] = None,
) -> None:
    """Toon elke wijziging van een activiteit en haar mijlpalen, oudste eerst: per handeling wanneer, wie,
    via wat, wat er veranderde (oud → nieuw) en waarom."""

    from models.settings import get_settings
    from services.register.history import GeenActiviteit, activity_for_history
    from services.register.history_view import actions_of

    tz = get_settings().tz
    with open_register() as session:
        try:
            activity = activity_for_history(session=session, sleutel=activiteit, gemeente=gemeente)
        except GeenActiviteit as fout:
            raise Stop(fout.melding) from None
        actions = actions_of(session=session, activity=activity)
    weg = activity.gearchiveerd_op
    archived = (f" (gearchiveerd op {woorden(weg.astimezone(tz).date())}: staat niet meer in het register)"
                if weg else "")
    table = Table(title=cell(f"Geschiedenis van {activity.titel}{archived} · oudste eerst, tussen lijnen "
                             "één handeling; de reden staat bij de wijziging waarvoor die is gegeven"),
                  title_justify="left")
    for column in ("Wanneer", "Wie", "Via", "Wijziging", "Reden"):
        table.add_column(column, overflow="fold")
    for action in actions:
        # the name, as the report and the answer page say who; under it the key, which --door takes
        # (in the words of personen.yaml: a name may hold brackets of its own)
        wie = f"{cell(action.naam)}\nsleutel: {cell(action.door)}" if action.naam else cell(action.door)
        local = action.tijdstip.astimezone(tz)  # the day in words, as everywhere a user reads one
        first = [f"{woorden(local.date())} {local:%H:%M}", wie, cell(action.bron)]
        for n, part in enumerate(action.onderdelen):  # a row per subject, its reason beside it
            table.add_row(*(first if n == 0 else ("", "", "")), "\n".join(cell(w) for w in part.wijzigingen),
                          cell("; ".join(part.redenen)), end_section=n == len(action.onderdelen) - 1)
    out().print(table)
