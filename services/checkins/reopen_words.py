"""What a reopened milestone's reminders will be, in one sentence from its own dates and the reminder rules
(domain/rules/regels.py: the lead times of ``RegelInstellingen.vooraf`` and ``pilot_einde``, a late item
weekly by ``herhaal_te_laat_dagen``): the answer page's confirmation (web/reopen.py) and `regie heropen`
say the same. A start past its date gets none: its "Let op" notice says so, and this says nothing."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from domain.rules.instellingen import RegelInstellingen
from domain.rules.milestones import NOOIT_TE_LAAT, kan_te_laat, next_due
from models.tables import Activity, Milestone, Person, SentReminder
from services.rendering import datum


def _stages(leads: list[int]) -> str:
    """'42 en 14 dagen ervóór en op de dag zelf', '7 dagen ervóór', 'op de dag zelf'."""
    ahead = sorted((n for n in leads if n), reverse=True)
    words = []
    if ahead:
        numbers = ", ".join(str(n) for n in ahead[:-1]) + (" en " if len(ahead) > 1 else "") + str(ahead[-1])
        words.append(f"{numbers} {'dag' if ahead == [1] else 'dagen'} ervóór")
    if 0 in leads:
        words.append("op de dag zelf")
    return " en ".join(words)


def reminders_after_reopen(milestone: Milestone, activity: Activity, *, vandaag: dt.date,
                           regels: RegelInstellingen, naam: str | None = None, wie: str = "u",
                           verstuurd: frozenset[str] = frozenset()) -> str | None:
    """The sentence for ``milestone``, open again on ``vandaag``; ``naam``: the milestone named in it (the
    page lists several; the command's line names it already); ``wie``: who gets the reminders (the
    activity's owner: "u", or "de eigenaar, …," when someone else reopened it); ``verstuurd``: the
    stages ("14d") of this date already recorded. A stage whose day passed and that was never sent is
    caught up by the next check (the rules plan the latest passed stage). None for a start past its
    date (the caller's "Let op" says that it gets no reminder)."""
    van = f" van mijlpaal „{naam}”" if naam else ""
    week = regels.herhaal_te_laat_dagen
    start = milestone.soort in NOOIT_TE_LAAT
    due = milestone.uiterlijk
    if milestone.herhaling and not start:  # recurring: its next occurrence is what is due, never late
        due = next_due(uiterlijk=milestone.uiterlijk, vroegst=milestone.vroegst,
                       herhaling=milestone.herhaling, peildatum=vandaag)
    if due is None:
        return (f"Mijlpaal „{naam}” heeft" if naam else "Hij heeft") + \
            " geen datum: er komt geen herinnering voor tot er een datum is."
    pilot_einde = milestone.soort == "einde" and activity.soort == "pilot"
    leads = list(regels.pilot_einde if pilot_einde else
                 regels.vooraf.get(milestone.soort, regels.vooraf["overig"]))
    if start:
        if due < vandaag:
            return None
        coming = [n for n in leads if due - dt.timedelta(days=n) > vandaag]
        if not coming:
            return (f"De startdatum{van} is {datum(due)}. Een start krijgt alleen vóór zijn datum een "
                    f"herinnering ({_stages(leads)}).")
        return f"De startdatum{van} is {datum(due)}; {wie} krijgt een herinnering {_stages(coming)}."
    wat = "De einddatum van de pilot" if pilot_einde else "De volgende keer" if milestone.herhaling else \
        "De uiterste datum"
    later = (f" Staat er geen evaluatie gepland, dan krijgt {wie} daarna elke {week} dagen de vraag of die "
             "er komt." if pilot_einde else
             f" Staat hij daarna nog open, dan krijgt {wie} elke {week} dagen een herinnering."
             if kan_te_laat(milestone.soort, milestone.herhaling) else "")
    if due < vandaag:
        if pilot_einde:
            return f"{wat}{van} ({datum(due)}) is voorbij.{later}"
        return (f"{wat}{van} ({datum(due)}) is voorbij: vanaf de volgende controle krijgt {wie} weer "
                f"herinneringen, elke {week} dagen zolang hij open staat.")
    coming = [n for n in leads if due - dt.timedelta(days=n) > vandaag]
    if not coming:  # due today
        return f"{wat}{van} is vandaag ({datum(due)}).{later}"
    passed = [n for n in leads if n not in coming]
    now = "bij de volgende controle, " if passed and f"{min(passed)}d" not in verstuurd else ""
    return f"{wat}{van} is {datum(due)}; {wie} krijgt een herinnering {now}{_stages(coming)}.{later}"


def reopen_sentence(session: Session, milestone: Milestone, activity: Activity, *, door: str | None,
                    vandaag: dt.date, regels: RegelInstellingen, naam: str | None = None) -> str | None:
    """``reminders_after_reopen`` for whoever reopened it (``door``, a person's key): the reminders go to
    the activity's owner, "u" when that is them, else "de eigenaar, naam,"."""
    owner = session.get(Person, activity.eigenaar_id)
    wie = "u" if owner is None or door is None or owner.sleutel == door else f"de eigenaar, {owner.naam},"
    r = SentReminder
    sent = frozenset(session.exec(select(r.fase).where(
        r.onderwerp == "mijlpaal", r.onderwerp_id == milestone.id, r.regel.in_(("vooraf", "pilot-einde")),  # type: ignore[attr-defined]
        r.vervaldatum == milestone.uiterlijk)).all())  # a moved date's reminders are new ones
    return reminders_after_reopen(milestone, activity, vandaag=vandaag, regels=regels, naam=naam, wie=wie,
                                  verstuurd=sent)
