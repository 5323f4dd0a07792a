"""`regie voortgang`, `regie gereed`, `regie meting` and `regie verplaats`: answers given on the
command line (thin: the work is in services/checkins/progress.py and services/checkins/measurements.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any, NoReturn

import typer
from rich.text import Text

from domain.melding import TERUG, VOORUIT
from domain.register.tekstcontrole import shell_word
from regie.common import DOOR, EXIT_INVOER, GEMEENTE, MIJLPAAL, Stop, door_of, err, out
from regie.datum_optie import DATUMVORMEN, parse_date
from regie.geen_register import open_register
from regie.mijlpaal_zinnen import (
    already_done,
    done_is_not_moved,
    done_sentence,
    milestone_words,
    opnieuw_gereed,
    woorden,
)
from regie.voortgang_zin import voortgang_zin

NIET_VASTGELEGD = "Niet vastgelegd: "
# `regie verplaats` warns (and records) a new date further ahead than this: the register holds no
# programme period to compare with, and a plan of municipal programmes rarely looks further ahead.
VER_VOORUIT_JAREN = 2


@contextmanager
def _refusal() -> Iterator[None]:
    """Every refusal of the four answering commands starts the same way, whatever step refused (an
    option, --door, --gemeente, the milestone or indicator, the answer itself): nothing was recorded."""
    from domain.melding import Melding

    try:
        yield
    except Melding as fout:
        melding = fout.melding
        if melding.startswith(NIET_VASTGELEGD):
            raise Stop(melding, getattr(fout, "code", EXIT_INVOER)) from None
        if melding[:1].isupper() and melding[1:2].islower():  # "Geen gemeente …" after a colon: "geen"
            melding = melding[0].lower() + melding[1:]
        raise Stop(NIET_VASTGELEGD + melding, getattr(fout, "code", EXIT_INVOER)) from None


def _apply(antwoord: object, *, door: str | None, gemeente: str | None) -> tuple[str, str | None]:
    """Record the answer; returns the activity's title, to name it in the reply, and the warning when
    who recorded it does not answer for the activity (``not_the_owner``), to say after the reply."""
    from models.clock import today
    from regie.mijlpaal_zinnen import let_op
    from services.checkins.progress import Ongeldig, apply, find_activity
    from services.register.municipalities import owner_key
    from services.register.ownership import not_the_owner

    with open_register() as session:
        door = door_of(session, door, lambda: owner_key(session=session, activiteit=antwoord.activiteit,  # type: ignore[attr-defined]
                                                        gemeente=gemeente))
        try:
            apply(session=session, antwoord=antwoord, door=door, bron="opdracht",  # type: ignore[arg-type]
                  vandaag=today(), gemeente=gemeente)
        except Ongeldig as fout:
            raise Stop(fout.melding) from None
        activity = find_activity(session=session, sleutel=antwoord.activiteit, gemeente=gemeente)  # type: ignore[attr-defined]
        return activity.titel, let_op(not_the_owner(session=session, door=door, activity=activity))


def _warn(warning: str | None) -> None:
    """After the reply: who recorded it does not answer for it (``let_op``); recorded all the same."""
    if warning:
        err().print(Text(warning, style="yellow"))


@_refusal()
def voortgang(
    activiteit: Annotated[str, typer.Argument(help="De id van de activiteit (uit het registerbestand).",
                                              show_default=False)],
    koers: Annotated[str | None, typer.Option("--koers", help="op koers, risico of achter.",
                                              show_default=False)] = None,
    status: Annotated[str | None, typer.Option("--status", help="Status van de activiteit: lopend, afgerond, "
                                               "vertraagd, gestopt of gepland.", show_default=False)] = None,
    tekst: Annotated[str | None, typer.Option("--tekst", help="Korte stand van zaken.",
                                              show_default=False)] = None,
    besteed: Annotated[str | None, typer.Option(
        "--besteed", help="Besteed in het jaar van --jaar (standaard dit jaar) tot nu toe, in euro: "
        "12500, 12.500 of 12.500,50 (een punt tussen duizendtallen, een komma voor de centen).",
        show_default=False)] = None,
    jaar: Annotated[int | None, typer.Option("--jaar", help="Het jaar waarin het bedrag van --besteed is "
                                             "uitgegeven (standaard dit jaar).", show_default=False)] = None,
    door: Annotated[str | None, DOOR] = None,
    gemeente: Annotated[str | None, GEMEENTE] = None,
) -> None:
    """Leg voortgang van een activiteit vast (zet ook de klok voor 'geen voortgang' terug)."""
    from domain.documents.bedrag_invoer import GeenBedrag, lees_bedrag
    from services.checkins.progress import Antwoord

    bedrag = None
    if besteed is not None:
        try:
            bedrag = lees_bedrag(besteed)
        except GeenBedrag as fout:
            raise Stop(f"--besteed {fout.melding}") from None
    if jaar is not None and bedrag is None:
        raise Stop("--jaar hoort bij --besteed: geef ook het bedrag, bijvoorbeeld "
                   "--besteed 12500 --jaar 2021.")
    a = Antwoord(activiteit, koers=koers, status=status, tekst=tekst, besteed=bedrag, besteed_jaar=jaar)
    if a.koers is None and status is None and a.tekst is None and bedrag is None:  # blank --tekst: no text
        raise Stop(("--tekst is leeg; " if tekst is not None else "") + "geef minstens één van --koers, "
                   "--status, --tekst of --besteed, bijvoorbeeld --tekst \"werving loopt\".")
    titel, warning = _apply(a, door=door, gemeente=gemeente)
    zin, recorded = voortgang_zin(titel, a, bedrag, jaar)
    out().print(zin)
    if recorded:
        _warn(warning)


@_refusal()
def gereed(
    mijlpaal: Annotated[str, MIJLPAAL],
    datum: Annotated[str | None, typer.Option("--datum", help=f"Gereed op: {DATUMVORMEN} "
                                              "(standaard vandaag).", show_default=False)] = None,
    door: Annotated[str | None, DOOR] = None,
    gemeente: Annotated[str | None, GEMEENTE] = None,
) -> None:
    """Markeer een mijlpaal als gereed: er komen geen herinneringen meer voor. Per vergissing gereed
    gemeld? Dan heropent regie heropen hem."""
    from models.clock import today
    from regie.common import namens, years_after
    from services.checkins.progress import MijlpaalAntwoord

    dag = parse_date(datum, "--datum", TERUG)
    typed = mijlpaal + (f" --gemeente {shell_word(gemeente)}" if gemeente else "")
    named = _answer_milestone(mijlpaal, gemeente=gemeente, door=door,
                              antwoord=lambda key: MijlpaalAntwoord(key, gereed=dag),
                              al_gereed=lambda naam, zin: already_done(naam, zin, datum and dag, typed))
    if named is None:
        return
    out().print(f"Mijlpaal {named[0]} is gereed op {woorden(dag)}{namens(door, gemeente)}.")
    _warn(named[2])
    vandaag = today()
    if dag < years_after(vandaag, -VER_VOORUIT_JAREN):  # most often a typo in the year (1999, 2002)
        err().print(Text(
            f"Let op: {woorden(dag)} ligt meer dan {VER_VOORUIT_JAREN} jaar terug (vandaag is "
            f"{woorden(vandaag)}). Klopt dat? Was het een tikfout, {opnieuw_gereed(typed)}", style="yellow"))


def _answer_milestone(verwijzing: str, *, gemeente: str | None, door: str | None, antwoord: Any,
                      al_gereed: Any, al_zo: Any = None, weiger: Any = None,
                      ) -> tuple[str, str, str | None] | None:
    """Find a milestone and apply one answer about it; returns how a user reads it („omschrijving” of the
    activity's title, regie/mijlpaal_zinnen.py), ACTIVITEIT/MIJLPAAL and _apply's warning, or None when the
    milestone was done already and ``al_gereed(words, sentence)`` handled that, or ``al_zo(milestone)``
    says in a sentence that the answer would change nothing (nothing recorded either way). The answer
    carries no text of its own: the history names the milestone's change, and the report and the
    overview keep quoting the regisseur's last words (a note 'Mijlpaal X gereed' took their place)."""
    from regie.common import sleutel_fout
    from services.checkins.progress import Antwoord, Ongeldig, find_milestone
    from services.register.municipalities import owner_key

    with open_register() as session:
        try:
            activity, milestone = find_milestone(session=session, verwijzing=verwijzing, gemeente=gemeente)
        except Ongeldig as fout:
            raise Stop(fout.melding) from None
        words = milestone_words(activity, milestone)
        if milestone.gereed is not None:
            al_gereed(words, done_sentence(session, milestone))
            return None
        if al_zo is not None and (zin := al_zo(milestone)):
            out().print(f"Mijlpaal {words} {zin} Er is niets vastgelegd.")
            return None
        if weiger is not None:  # a refusal naming the milestone as its activity's owner knows it, and a
            weiger(activity, milestone, sleutel_fout(session, door, lambda: owner_key(  # bad --door with it
                session=session, activiteit=activity.sleutel, gemeente=gemeente)))
    _, warning = _apply(Antwoord(activiteit=activity.sleutel, mijlpalen=[antwoord(milestone.sleutel)]),
                        door=door, gemeente=gemeente)
    return words, f"{activity.sleutel}/{milestone.sleutel}", warning


@_refusal()
def meting(
    indicator: Annotated[str, typer.Argument(help="ACTIVITEIT/INDICATOR of programma-N/INDICATOR (de id's "
                                             "uit het registerbestand).",
                                             show_default=False)],
    waarde: Annotated[str, typer.Option("--waarde", help="De gemeten waarde, bijvoorbeeld 42 of 12,5.",
                                        show_default=False)],
    datum: Annotated[str | None, typer.Option("--datum", help=f"Gemeten op: {DATUMVORMEN} "
                                              "(standaard vandaag).", show_default=False)] = None,
    door: Annotated[str | None, DOOR] = None,
    gemeente: Annotated[str | None, GEMEENTE] = None,
) -> None:
    """Leg een meting van een indicator vast (met geschiedenis); dezelfde datum vervangt de waarde."""
    from models.clock import today
    from regie.mijlpaal_zinnen import indicator_words, let_op
    from services.checkins.measurements import record_by_hand
    from services.checkins.progress import Ongeldig
    from services.register.ownership import not_the_owner
    from services.rendering import meetwaarde

    dag = parse_date(datum, "--datum", TERUG)
    with open_register() as session:
        door = door_of(session, door, lambda: _indicator_owner(session, indicator, gemeente))
        try:
            gemeten = record_by_hand(session=session, verwijzing=indicator, waarde=waarde, datum=dag,
                                     door=door, vandaag=today(), gemeente=gemeente)
        except Ongeldig as fout:
            raise Stop(fout.melding) from None
        # named as `regie gereed` names a milestone: by its name and whose it is, the day in words
        words = indicator_words(gemeten)
        wie = "de eigenaar van deze activiteit" if gemeten.activity else "de regisseur van dit programma"
        warning = let_op(not_the_owner(session=session, door=door, activity=gemeten.activity,
                                       programme=gemeten.programme), wie)
    shown = meetwaarde(gemeten.waarde, gemeten.indicator.eenheid)  # 1.250, 12,5 %; € 1.250,50 for an amount
    al = "" if gemeten.veranderd else " (stond er al)"
    out().print(f"Meting van {words} op {woorden(dag)}: {shown}{al}.")
    _warn(warning)


def _indicator_owner(session: Any, verwijzing: str, gemeente: str | None) -> str | None:
    """Who answers for an indicator: its activity's owner, or its programme's regisseur."""
    from domain.melding import Melding
    from services.checkins.measurements import find_indicator
    from services.register.municipalities import owner_key

    try:
        activity, found, _ = find_indicator(session=session, verwijzing=verwijzing, gemeente=gemeente)
    except Melding:  # refused with its own reason after --door
        return None
    if activity is not None:
        return owner_key(session=session, activiteit=activity.sleutel, gemeente=gemeente)
    return owner_key(session=session, programma_id=found.programma_id, gemeente=gemeente)


@_refusal()
def verplaats(
    mijlpaal: Annotated[str, MIJLPAAL],
    naar: Annotated[str, typer.Option("--naar", help=f"De nieuwe uiterste datum: {DATUMVORMEN}.",
                                      show_default=False)],
    reden: Annotated[str, typer.Option("--reden", help="Waarom de datum verschuift.", show_default=False)],
    door: Annotated[str | None, DOOR] = None,
    gemeente: Annotated[str | None, GEMEENTE] = None,
) -> None:
    """Verplaats een mijlpaal naar een nieuwe datum; de herinneringen gaan daarop opnieuw lopen."""
    from models.clock import today
    from regie.common import namens, years_after
    from services.checkins.progress import MijlpaalAntwoord

    dag = parse_date(naar, "--naar", VOORUIT)
    typed = mijlpaal + (f" --gemeente {shell_word(gemeente)}" if gemeente else "")
    named = _answer_milestone(mijlpaal, gemeente=gemeente, door=door,
                              antwoord=lambda key: MijlpaalAntwoord(key, nieuwe_datum=dag, reden=reden),
                              al_gereed=lambda naam, zin: done_is_not_moved(naam, zin, typed),
                              al_zo=lambda m: f"staat al op {woorden(dag)}." if m.uiterlijk == dag else None,
                              weiger=lambda a, m, e: reden.strip() or _no_reason(a, m, dag, gemeente, e))
    if named is None:
        return
    words, name, warning = named
    out().print(f"Mijlpaal {words} verplaatst naar {woorden(dag)}{namens(door, gemeente)}.")
    _warn(warning)
    vandaag = today()
    if dag < vandaag:  # allowed with a reason (docs/progress.md), but most often a typo: say so
        err().print(Text(
            f"Let op: {woorden(dag)} ligt in het verleden (vandaag is {woorden(vandaag)}): de mijlpaal telt "
            "als te laat zolang hij niet gereed is. Was het een tikfout, verplaats hem dan opnieuw met een "
            f"datum vanaf vandaag: regie verplaats {name} --naar JJJJ-MM-DD --reden \"...\".",
            style="yellow"))
    elif dag > years_after(vandaag, VER_VOORUIT_JAREN):  # as often a typo in the year (2062 for 2026)
        err().print(Text(
            f"Let op: {woorden(dag)} ligt meer dan {VER_VOORUIT_JAREN} jaar vooruit (vandaag is "
            f"{woorden(vandaag)}). Klopt dat? De herinneringen voor deze mijlpaal beginnen pas kort voor die "
            "datum. Was het een tikfout, verplaats hem dan opnieuw: "
            f"regie verplaats {name} --naar JJJJ-MM-DD --reden \"...\".", style="yellow"))


def _no_reason(activity: Any, milestone: Any, dag: dt.date, gemeente: str | None, door: Any) -> NoReturn:
    """A move without a reason is refused, naming the milestone by its omschrijving and activity; a bad
    --door (``door``, a GeenSleutel) in the same message, with one command for both."""
    from models.clock import today

    where = f" --gemeente {shell_word(gemeente)}" if gemeente else ""
    # both reasons in one round, then one command that mends both
    voorbeeld = f". Ook: {door.zin} Bijvoorbeeld, met beide" if door else ", bijvoorbeeld"
    where += f" --door {shell_word(door.sleutel)}" if door else ""
    past = dag < today()  # allowed with a reason only (services/checkins/progress.check)
    raise Stop(("De nieuwe datum {dag} ligt in het verleden. " if past else "").format(dag=woorden(dag))
               + f"Geef met --reden een reden voor de nieuwe datum van mijlpaal „{milestone.omschrijving}” "
               f"({activity.titel}){', of kies een datum vanaf vandaag' if past else ''}{voorbeeld}: "
               f"regie verplaats {activity.sleutel}/{milestone.sleutel} "
               f"--naar {dag:%Y-%m-%d}{where} --reden \"wachten op collegebesluit\".")

