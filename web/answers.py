"""The answer page's form: read it, check each field with the answer service's own rules, and
apply the whole answer in one transaction (or nothing)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from markupsafe import Markup
from sqlalchemy import bindparam, select, update
from sqlmodel import Session

from domain.documents.bedrag_invoer import GeenBedrag, lees_bedrag
from domain.melding import (
    TERUG,
    VOORUIT,
    dag_bestaat_niet,
    dag_zonder_jaar_bestaat_niet,
    getypte_datum,
    jaar_erbij,
    periode_voor_dag,
)
from domain.register.datumzin import dag_van_zin
from domain.register.register import ACTIVITEIT_STATUSSEN
from models.tables import CheckIn
from models.types import utcnow
from services.calendars.agenda_writer import FeedWriter
from services.checkins import form_values
from services.checkins.measurements import parse_waarde
from services.checkins.progress import (
    KOERSEN,
    Antwoord,
    MijlpaalAntwoord,
    Ongeldig,
    apply_all,
    check,
    koers_van,
)
from services.rendering import datum
from web import reopen
from web.confirmation import confirmation
from web.links import Houder
from web.overview import ActiviteitRegel, IndicatorRegel, ProgrammaRegel

MAX_TEKST = 2000
# where the page asks for the reason of a new date (templates/web/mijn.html.j2)
REDEN_WAAR = " in het veld „Reden van de nieuwe datum” naast de datum"
# the answer service's name of a milestone: the page names activity and milestone itself
_PREFIX = re.compile(r"^mijlpaal (?:'[^']*'|„[^”]*”): ")


@dataclass
class Gelezen:
    """A form as read: the answers per activity, and a Dutch problem per field name."""

    antwoorden: list[tuple[ActiviteitRegel, Antwoord]] = field(default_factory=list)
    fouten: dict[str, str] = field(default_factory=dict)
    # A moved milestone's new date in the past, not yet confirmed (by field name): allowed with a
    # reason, but most often a typo, so the page asks once, as `regie verplaats` warns.
    let_op: dict[str, dt.date] = field(default_factory=dict)
    standen: dict[int, int | None] = field(default_factory=dict)  # a reopen's done as shown (web/reopen.py)


def datum_voorbeeld(dag: dt.date, *, html: bool = False) -> str:
    """``dag`` in both forms the page reads (``getypte_datum``): "bijvoorbeeld 31-12-2020 of 31 december
    2020", for the hint beside each date field and the message for a value that is no date. ``html``:
    each form kept on one line (a narrow screen broke "31-" from "12-2020")."""
    cijfers, woorden = f"{dag:%d-%m-%Y}", datum(dag)
    if html:
        heel = Markup('<span class="heel">{}</span>')
        return Markup("bijvoorbeeld {} of {}").format(heel.format(cijfers), heel.format(woorden))
    return f"bijvoorbeeld {cijfers} of {woorden}"


def voorbeelden(vandaag: dt.date) -> dict[str, str]:
    """The hints of the page's date fields (text fields: Dutch whatever the browser's language), as
    markup: a done date not after today (the first of this month), a new date ahead (31 December, as
    in the message for a value that is no date)."""
    gereed = datum_voorbeeld(vandaag.replace(day=1), html=True)
    nieuw = datum_voorbeeld(dt.date(vandaag.year, 12, 31), html=True)
    return {"gereed": Markup("Leeg laten als het vandaag is; anders met het jaar, {}.").format(gereed),
            "datum": Markup("Met het jaar, {}.").format(nieuw)}


def _date(form: dict[str, str], name: str, fouten: dict[str, str], vandaag: dt.date) -> dt.date | None:
    text = form.get(name, "").strip()
    if not text:
        return None
    if found := getypte_datum(text):  # 31-12-2020, 31 december 2020, 2020-12-31
        return found
    # a done date lies behind today, a new one ahead: the year offered is the one that day has then
    richting = TERUG if name.endswith("_gereed") else VOORUIT
    if erbij := jaar_erbij(text, vandaag=vandaag, richting=richting):
        fouten[name] = f"Hier ontbreekt het jaar. {erbij}"
        return None
    if zin := dag_zonder_jaar_bestaat_niet(text):  # '31 februari': no year, and no year has that day
        fouten[name] = f"{zin[0].upper()}{zin[1:]}. Schrijf een bestaande datum met het jaar."
        return None
    if zin := dag_bestaat_niet(text):  # '31 februari 2021', '31-02-2021'
        fouten[name] = f"Deze datum bestaat niet: {zin}. Schrijf een bestaande datum met het jaar."
        return None
    if period := periode_voor_dag(text, vandaag=vandaag, richting=richting):  # 'eind juli', 'Q3 2021'
        fouten[name] = (f"Dit is een periode, geen dag: schrijf de dag met het jaar, "
                        f"{datum_voorbeeld(period[0])} ({period[1]}).")
        return None
    if meant := dag_van_zin(text):  # 'vóór 1 maart 2021': the day before, as the register reads it
        waarom = f" ({meant[1]})" if meant[1] else ""
        fouten[name] = f"Dit is geen datum: schrijf de dag met het jaar, {datum_voorbeeld(meant[0])}{waarom}."
        return None
    # both forms the page reads, as a person would write them (a day of this year, not today: see
    # tests/test_datum_woord.py); "31 december", not "31-12", since words are read too
    fouten[name] = (f"Dit is geen datum. Schrijf de datum met het jaar, als dd-mm-jjjj of in woorden, "
                    f"{datum_voorbeeld(dt.date(vandaag.year, 12, 31))}.")
    return None


def _amount(form: dict[str, str], name: str, fouten: dict[str, str]) -> Decimal | None:
    """An amount as typed, read as `regie voortgang --besteed` reads it (domain/documents/bedrag_invoer)."""
    text = form.get(name, "").strip()
    if not text:
        return None
    try:
        return lees_bedrag(text)
    except GeenBedrag as fout:
        fouten[name] = fout.melding
        return None


def _measurement(form: dict[str, str], name: str, fouten: dict[str, str], ind: IndicatorRegel,
                 ) -> Decimal | None:
    """An indicator's value as typed, read as `regie meting --waarde` reads it (below 0 by its unit)."""
    text = form.get(name, "").strip()
    if not text:
        return None
    try:
        return parse_waarde(text, (ind.naam, ind.eenheid))
    except Ongeldig as fout:
        fouten[name] = _sentence(fout.melding)
        return None


def _text(form: dict[str, str], name: str, fouten: dict[str, str]) -> str | None:
    text = form.get(name, "").strip()
    if len(text) > MAX_TEKST:
        fouten[name] = f"Deze tekst is {len(text)} tekens lang; houd het bij {MAX_TEKST} tekens of minder."
    return text or None


def read(form: dict[str, str], programmes: list[ProgrammaRegel], *, vandaag: dt.date) -> Gelezen:
    """Every activity the person filled in, as an answer; every problem beside its field. The
    rules are those of the answer service (``services.checkins.progress.check``), asked per field."""
    out = Gelezen()
    f = out.fouten
    for activity in (a for p in programmes for a in p.activiteiten):
        n = f"a{activity.id}"
        koers = koers_van(form.get(f"{n}_koers") or None)  # also as shown: 'Op koers'
        if koers is not None and koers not in KOERSEN:
            f[f"{n}_koers"] = "Kies op koers, risico of achter."
            koers = None
        status = form.get(f"{n}_status") or None
        if status is not None and status not in ACTIVITEIT_STATUSSEN:
            f[f"{n}_status"] = "Kies een status uit de lijst."
            status = None
        answer = Antwoord(activiteit=activity.sleutel, koers=koers, tekst=_text(form, f"{n}_tekst", f),
                          besteed=_amount(form, f"{n}_besteed", f), besteed_jaar=vandaag.year,
                          status=None if status == activity.status else status)  # unchanged: no answer
        if answer.besteed is not None:
            for problem in check(Antwoord(activity.sleutel, besteed=answer.besteed), milestones={},
                                 vandaag=vandaag):
                f[f"{n}_besteed"] = _sentence(problem)
        # what each field is about, named in its message (the list above the form shows them together)
        waar = {f"{n}_koers": "koers", f"{n}_status": "status", f"{n}_tekst": "stand van zaken",
                f"{n}_besteed": f"besteed in {vandaag.year}"}
        milestones = {m.sleutel: m for m in activity.mijlpalen}
        for m in activity.mijlpalen:
            k = f"m{m.id}"
            mijlpaal = f"mijlpaal „{m.omschrijving}”"
            waar |= {f"{k}_gereed": f"{mijlpaal}, gereed op", f"{k}_datum": f"{mijlpaal}, nieuwe datum",
                     f"{k}_reden": mijlpaal}
            # done when "Gereed" is ticked (on the date given, default today) or a date is given
            done = _date(form, f"{k}_gereed", f, vandaag)
            if done is None and form.get(f"{k}_klaar") and f"{k}_gereed" not in f:
                done = vandaag
            new, reden = _date(form, f"{k}_datum", f, vandaag), _text(form, f"{k}_reden", f)
            if done and new:
                f[f"{k}_datum"] = "Een mijlpaal is gereed óf krijgt een nieuwe datum: laat dit veld leeg."
                continue
            if reden and not new and f"{k}_datum" not in f:
                f[f"{k}_datum"] = "Vul de nieuwe datum in, of laat ook de reden leeg."
            confirmed = form.get(f"{k}_datum_bevestigd") == (new.isoformat() if new else None)
            if new is not None and new < vandaag and reden and not confirmed:
                out.let_op[f"{k}_datum"] = new
            if done or new:
                sub = MijlpaalAntwoord(m.sleutel, gereed=done, nieuwe_datum=new, reden=reden)
                for problem in check(Antwoord(activity.sleutel, mijlpalen=[sub]), milestones=milestones,  # type: ignore[arg-type]
                                     vandaag=vandaag, reden_waar=REDEN_WAAR, datum=datum):
                    f[f"{k}_gereed" if done else f"{k}_reden"] = _sentence(problem)
                    waar[f"{k}_gereed"] = mijlpaal  # the sentence says "gereed op …" itself
                answer.mijlpalen.append(sub)
        answer.mijlpalen += reopen.read(form, activity, f, waar, out.standen, vandaag=vandaag, tekst=_text)
        for ind in activity.indicatoren:
            waar[f"i{ind.id}"] = f"indicator „{ind.naam}”"
            value = _measurement(form, f"i{ind.id}", f, ind)
            if value is not None:
                answer.metingen[ind.sleutel] = value
        for name, what in waar.items():
            if name in f:
                f[name] = f"{activity.titel}, {what}: {_lower(f[name])}"
        if (answer.koers or answer.status or answer.tekst or answer.besteed is not None or answer.mijlpalen
                or answer.metingen):
            out.antwoorden.append((activity, answer))
    return out


def _sentence(problem: str) -> str:
    text = _PREFIX.sub("", problem)
    return text[:1].upper() + text[1:]


def _lower(text: str) -> str:
    """A sentence after "<activity>, <field>:": its first word in lower case ("Dit" → "dit"), but
    not a word in capitals ("POH") nor a value quoted as typed."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


_C = CheckIn.__table__  # type: ignore[attr-defined]
_WAITING = select(_C.c.id, _C.c.formulier).where(  # built once
    _C.c.persoon_id == bindparam("persoon"), _C.c.status == "wachtend").order_by(_C.c.ronde.desc())


@dataclass
class Vastgelegd:
    """What was recorded, for the confirmation page; what was not, since it was so already (an
    activity whose only answer was its year's current amount: services/checkins/spending.py); whether
    a waiting check-in was answered."""

    regels: list[str]
    ongewijzigd: list[str] = field(default_factory=list)
    uitvraag: bool = False
    heropend: bool = False  # a done milestone reopened: the page says it is open again
    te_laat: list[str] = field(default_factory=list)  # reopened and late: said, as `regie heropen` does
    herinneringen: list[str] = field(default_factory=list)  # reopened: what its reminders will be


def record(*, session: Session, person: Houder, gelezen: Gelezen, vandaag: dt.date,
           agenda: FeedWriter | None = None) -> Vastgelegd:
    """Apply every answer through the answer service in the caller's transaction (history,
    reminders stopped or re-armed); a check-in waiting for this person counts as answered, and
    the run input for its waiting Prefect run is recorded with it (web/resumer.py hands it over
    after the commit). After the commit ``agenda`` (the web process's background writer) rewrites
    the calendar feeds the answer changed. Raises ``Ongeldig`` (and the caller rolls back) when
    any answer cannot be applied."""
    c = CheckIn.__table__  # type: ignore[attr-defined]
    waiting = session.execute(_WAITING, {"persoon": person.id}).first()  # read before the writes begin
    niet = reopen.drop_stale(session, person, gelezen)  # a reopen sent twice, or overtaken: said, not applied
    if not gelezen.antwoorden:
        return Vastgelegd([], niet)
    apply_all(session=session, antwoorden=[(activity.id, answer) for activity, answer in gelezen.antwoorden],
              persoon_id=person.id, door=person.sleutel, bron="antwoord", vandaag=vandaag, agenda=agenda)
    lines, same = confirmation(gelezen.antwoorden, jaar=vandaag.year)
    same += niet
    heropend = any(m.heropend for _, answer in gelezen.antwoorden for m in answer.mijlpalen)
    if waiting is None:
        return Vastgelegd(lines, same, heropend=heropend, **reopen.said(session, person, gelezen, vandaag))
    session.execute(update(c).where(c.c.id == waiting.id).values(
        status="beantwoord", beantwoord_op=utcnow(), fout=None,
        hervat_invoer=form_values.run_input(waiting.formulier, (a for _, a in gelezen.antwoorden))))
    return Vastgelegd(lines, same, uitvraag=True, heropend=heropend,
                      **reopen.said(session, person, gelezen, vandaag))
