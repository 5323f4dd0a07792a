"""A date typed on the command line (--peildatum, --datum, --naar, --van, --tot, --documentdatum): the
one reader of every date option, its help and its refusals. A refusal names the option, what was typed
and every form the option reads, with an example of each (docs/progress.md)."""

from __future__ import annotations

import datetime as dt

from regie.common import Stop

# The words a date option reads besides a date, and the days they are from today (the one clock).
DAGWOORDEN = {"vandaag": 0, "morgen": 1, "gisteren": -1}

# What every date option reads (parse_date), for its help: the forms and one example.
DATUMVORMEN = ("JJJJ-MM-DD, DD-MM-JJJJ of in woorden met dag, maand en jaar, bijvoorbeeld 18 juni 2020; "
               "ook vandaag, morgen of gisteren")


def dagwoord(text: str, vandaag: dt.date) -> dt.date | None:
    """The day 'vandaag', 'morgen' or 'gisteren' (any case, spaces around) means from ``vandaag``;
    None for anything else."""
    days = DAGWOORDEN.get(text.strip().casefold())
    return None if days is None else vandaag + dt.timedelta(days=days)


def vormen(dag: dt.date, waarom: str | None = None) -> str:
    """The sentence that names every form a date option reads, each with ``dag`` as its example, and
    ``waarom`` that day (the nearest real one: "februari 2020 heeft 29 dagen") in brackets after them."""
    from domain.maanden import in_woorden

    reden = f" ({waarom})" if waarom else ""
    return (f"Schrijf JJJJ-MM-DD, DD-MM-JJJJ of in woorden met dag, maand en jaar, bijvoorbeeld "
            f"{dag.isoformat()}, {dag:%d-%m-%Y} of {in_woorden(dag)}{reden}; of vandaag, morgen of gisteren.")


def parse_date(text: str | None, optie: str, richting: str | None = None) -> dt.date:
    """The date option ``optie`` (JJJJ-MM-DD, or as the answer page reads a date: dd-mm-jjjj, in words
    with the year; domain.melding.getypte_datum; or 'vandaag', 'morgen', 'gisteren'; its error names that
    option); none means today by the one clock (models/clock.py). A day without its year ('1 maart') is
    refused with the option and the date to write, the one ``richting`` means (domain.melding.TERUG for a
    done date, VOORUIT for a new due date; docs/progress.md); so is a period, with or without its year
    ('eind juni 2021', 'eind september'), saying a period is no day, with the day it most likely means (in
    that direction when the year is missing; domain.melding.periode_voor_dag); and a phrase with its year
    ('vóór 1 maart 2021', the day before, as a register date field reads it: domain.register.datumzin.
    dag_van_zin). Anything else names every form the option reads, with an example of each."""
    from domain.melding import (
        bestaande_dag,
        dag_zonder_jaar_bestaat_niet,
        getypte_datum,
        jaar_ontbreekt,
        periode_voor_dag,
    )
    from domain.register.datumzin import dag_van_zin
    from models.clock import today

    if text is None:
        return today()
    if found := getypte_datum(text):  # as the answer page reads it: 2020-09-15, 15-09-2020, 15 september 2020
        return found
    if (found := dagwoord(text, today())) is not None:  # 'morgen': by the one clock
        return found
    if meant := jaar_ontbreekt(text, vandaag=today(), richting=richting):
        raise Stop(f"{optie} '{text}' mist het jaar. Schrijf de datum als JJJJ-MM-DD, voor {meant[1]}: "
                   f"{optie} {meant[0].isoformat()}")
    # an example of the user's own year, never what a word such as 'overmorgen' means (today's date read so)
    example = dt.date(today().year, 12, 31)
    if zin := dag_zonder_jaar_bestaat_niet(text):  # '31 februari': no year, and no such day in any year
        raise Stop(f"{optie} '{text}': {zin}. {vormen(example)}")
    if period := periode_voor_dag(text, vandaag=today(), richting=richting):  # 'eind juni 2021', 'eind juli'
        raise Stop(f"{optie} '{text}' is een periode, geen dag. {vormen(*period)}")
    if dag := dag_van_zin(text):  # 'vóór 1 maart 2021': the day before, as the register reads it
        raise Stop(f"{optie} '{text}' is geen datum. {vormen(*dag)}")
    if near := bestaande_dag(text):  # '2020-02-30': the nearest real day, and why
        raise Stop(f"{optie} '{text}' is geen datum. {vormen(*near)}")
    raise Stop(f"{optie} '{text}' is geen datum. {vormen(example)}")
