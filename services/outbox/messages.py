"""What the outbox sends: a person's claimed messages (a bundle), rendered per channel as one
digest (reminders, check-in requests, notices) or as the prepared message it holds (a report)."""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import orjson

from models.settings import get_settings
from services.outbox.answer_links import item_actions
from services.outbox.digest_body import Rij, body, item_row
from services.rendering import environment, prepare
from services.rendering import render as render_template

VERLOPEN = "uitvraag-verlopen"  # the notice that a check-in expired (services/checkins/checkin.py)
AANGEPAST = "datum-aangepast"  # a date a person gave that a load replaced: a message of its own (replaced.py)
TEMPLATES = ("mail/onderwerp.txt.j2", "mail/overzicht.html.j2", "mail/overzicht.txt.j2",
             "partials/item.txt.j2", "mail/antwoord.txt.j2")
Antwoord = tuple[tuple[str, str], ...]  # (name, address) of each person a reply reaches (reply_to.py)


@dataclass(frozen=True)
class Bericht:
    """One message to one person: subject, HTML for e-mail, plain text for chat channels."""

    persoon_id: int
    sleutel: str
    rollen: tuple[str, ...]
    kanalen: tuple[str, ...]
    onderwerp: str
    html: str
    tekst: str
    bijlagen: tuple[str, ...] = ()   # files sent along (a report's PDF and charts)
    inline: bool = False             # images the HTML references as cid:<file name> are shown in place
    antwoord: Antwoord = ()          # Reply-To of a mail: the coordinators (services/outbox/reply_to.py)
    voetregel: str = ""              # the footer's sentence on where a reply goes: mail only

    def tekst_zonder_voetregel(self) -> str:
        """The text part for a chat channel (Teams, Slack, Matrix): without the sentence on where a
        reply to the e-mail goes, which a chat message cannot be answered by."""
        if not self.voetregel:
            return self.tekst
        return self.tekst.replace(f"\n\n{self.voetregel}", "").replace(self.voetregel, "").rstrip() + "\n"


class Item:
    """One recorded message (a row of ``herinnering``) as the bundle holds it. Its content may
    come as the stored JSON text, read on first use: in the sending process, not in the one that
    hands it over (decoding and pickling 30,000 items there cost a fifth of a delivery's CPU)."""

    __slots__ = ("_inhoud", "id", "regel")

    def __init__(self, id: int, regel: str, inhoud: dict[str, Any] | str) -> None:
        self.id, self.regel, self._inhoud = id, regel, inhoud

    def __reduce__(self) -> tuple[type[Item], tuple[int, str, dict[str, Any] | str]]:
        return Item, (self.id, self.regel, self._inhoud)  # pickled as 3 values, not a slots state

    @property
    def inhoud(self) -> dict[str, Any]:
        """What the message says: a digest item, or ``bericht`` (a prepared message)."""
        if isinstance(self._inhoud, str):
            self._inhoud = _json(self._inhoud)
        return self._inhoud

    @property
    def bericht(self) -> bool:
        """True for a prepared message (a report); a digest item's JSON is not read for it."""
        raw = self._inhoud
        return '"bericht"' in raw and "bericht" in self.inhoud if isinstance(raw, str) else "bericht" in raw


def _json(text: str) -> dict[str, Any]:
    """Stored JSON read with orjson (≈ 1 µs for an item, json took ≈ 8 µs); what orjson refuses
    and json reads (NaN, an integer beyond 64 bits) by json, as before."""
    try:
        return orjson.loads(text)  # type: ignore[no-any-return]
    except orjson.JSONDecodeError:
        return json.loads(text)  # type: ignore[no-any-return]


@dataclass
class Ontvanger:
    """Who a bundle or a digest goes to: the person, their roles and channels, their municipality."""

    persoon_id: int
    sleutel: str
    naam: str
    rollen: list[str]
    kanalen: list[str]
    gemeente: str


@dataclass
class Bundel(Ontvanger):
    """What one run sends one person in one message: ``soort`` 'overzicht' (a digest), 'bericht' (a
    prepared message) or AANGEPAST (the dates a load replaced, replaced.py);
    ``gedaan`` the item ids already delivered per channel key."""

    soort: str
    items: list[Item] = field(default_factory=list)
    gedaan: dict[str, set[int]] = field(default_factory=dict)
    pagina: bool = True  # the person owns running activities: their page has something to answer
    antwoord: Antwoord = ()  # whom a reply reaches: the municipality's other coordinators (reply_to.py)

    def voor(self, kanaal: str) -> list[Item]:
        """The items still to send on channel ``kanaal`` (not delivered there, not kept off it)."""
        done = self.gedaan.get(kanaal, set())
        return [i for i in self.items if i.id not in done and kanaal not in i.inhoud.get("niet_via", ())]


@dataclass
class Overzicht(Ontvanger):
    """One person's digest: who, where to, and the items grouped by programme."""

    herinnering_ids: list[int] = field(default_factory=list)
    programmas: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    pagina: bool = True  # invite to "Mijn activiteiten" (it shows the activities the person owns)
    antwoord: Antwoord = ()  # whom a reply reaches (the footer says so; Reply-To)

    # Cached: the subject and both parts ask each several times (≈ 15 passes over a digest's items).
    @functools.cached_property
    def aantal(self) -> int:
        """Number of items."""
        return sum(len(items) for items in self.programmas.values())

    @functools.cached_property
    def te_laat(self) -> int:
        """Number of late items: those the body calls late (an expired check-in's notice is not one)."""
        return sum(1 for items in self.programmas.values() for i in items
                   if i.get("te_laat") and i["regel"] != VERLOPEN)

    @functools.cached_property
    def verlopen(self) -> int:
        """The number of expired check-ins told when the message holds only such notices (the body
        lists one item per unanswered request, each naming its activities), else 0."""
        items = [i for group in self.programmas.values() for i in group]
        return len(items) if items and all(i["regel"] == VERLOPEN for i in items) else 0

    @functools.cached_property
    def kanaal_meldingen(self) -> int:
        """The number of failing channels told when the message holds only such notices (it goes
        apart from the day's digest, after it: see flows/dagelijkse_controle.py), else 0."""
        items = [i for group in self.programmas.values() for i in group]
        return len(items) if items and all(i["regel"] == "bezorging-mislukt" for i in items) else 0

    @functools.cached_property
    def vraag(self) -> int:
        """The number of activities asked about when the message is only check-in requests (it comes
        apart from the daily digest, see tasks/checkin.py), else 0."""
        items = [i for group in self.programmas.values() for i in group]
        if not items or any(i["regel"] != "uitvraag" for i in items):
            return 0
        return max(1, sum(i.get("dagen", 0) for i in items))


def digest(bundle: Bundel, items: list[Item]) -> Overzicht:
    """``items`` of ``bundle`` as a digest: overdue programmes and items first."""
    out = Overzicht(bundle.persoon_id, bundle.sleutel, bundle.naam, bundle.rollen, bundle.kanalen,
                    bundle.gemeente, [i.id for i in items], pagina=bundle.pagina, antwoord=bundle.antwoord)
    for item in items:
        group = out.programmas.setdefault(item.inhoud.get("programma", ""), [])
        group.append({**item.inhoud, "regel": item.regel})
    for group in out.programmas.values():
        group.sort(key=lambda i: (not i.get("te_laat"), -i.get("dagen", 0) if i.get("te_laat") else 0,
                                  i.get("datum", ""), i.get("activiteit", "")))
    out.programmas = dict(sorted(out.programmas.items(), key=lambda kv: (
        not any(i.get("te_laat") for i in kv[1]), kv[0])))
    return out


def message(overzicht: Overzicht, *, peildatum: dt.date, link: str) -> Bericht:
    """One digest (or check-in request) as a message. Each item's sentence is written once, for both
    the HTML and the text part, and so are its answer links; the person's link to "Mijn activiteiten"
    goes along when that page has activities of theirs (``pagina``). A programme's items reach the
    person as owner first, then in groups told once why (as regisseur, as coordinator: more than so
    many days late), not on every line."""
    from web.links import make_token, personal_links

    # One signature and one page address for every link of the message.
    personal = personal_links(make_token(overzicht.persoon_id))
    filters = environment().filters
    zin, waarom, groepskop, label, kop = (filters["zin_zonder_rol"], filters["waarom"], filters["groepskop"],
                                          filters["label"], filters["kop"])
    programmas: list[tuple[str, list[tuple[str, list[Rij]]]]] = []
    for naam, items in overzicht.programmas.items():
        groups: dict[str, list[tuple[dict[str, Any], Rij]]] = {}
        for item in items:
            acties, links_tekst = item_actions(item, personal)
            shown = not str(item["regel"]).startswith(("bezorging", "uitvraag", "rapport"))
            # The row's label, sentence and links worked out once, for both parts.
            row = item_row(label=label(item), zin=zin(item), te_laat=bool(item.get("te_laat")),
                           herkomst=str(item["bron"]) if item.get("bron") and shown else "",
                           acties=acties, links_tekst=links_tekst)
            groups.setdefault(waarom(item), []).append((item, row))
        own = [row for _, row in groups.pop("", [])]
        programmas.append((kop(naam), ([("", own)] if own else []) + [
            (groepskop(group[0][0], len(group)), [row for _, row in group]) for group in groups.values()]))
    inhoud_html, inhoud_tekst = body(programmas)
    context = {"digest": overzicht, "inhoud_html": inhoud_html, "inhoud_tekst": inhoud_tekst, "link": link,
               "peildatum": peildatum, "persoonlijk": personal(), "antwoord": reply_line(overzicht)}
    subject = render_template("mail/onderwerp.txt.j2", context).strip()
    return Bericht(
        persoon_id=overzicht.persoon_id, sleutel=overzicht.sleutel, rollen=tuple(overzicht.rollen),
        kanalen=tuple(overzicht.kanalen), onderwerp=subject,
        html=render_template("mail/overzicht.html.j2", {**context, "onderwerp": subject}),
        tekst=render_template("mail/overzicht.txt.j2", context), antwoord=overzicht.antwoord,
        voetregel=context["antwoord"])


def reply_line(ontvanger: Bundel | Overzicht) -> str:
    """The footer's sentence on where a reply to the mail goes (templates/mail/antwoord.txt.j2)."""
    return _reply_line(ontvanger.antwoord, ontvanger.gemeente, "coordinator" in ontvanger.rollen,
                       get_settings().afzender)


@functools.lru_cache(maxsize=1024)  # the same few sentences for a whole batch
def _reply_line(antwoord: Antwoord, gemeente: str, coordinator: bool, afzender: str) -> str:
    return render_template("mail/antwoord.txt.j2", {"antwoord": antwoord, "gemeente": gemeente,
                                                    "coordinator": coordinator, "afzender": afzender}).strip()


def with_reply_line(html: str, tekst: str, line: str) -> tuple[str, str]:
    """A prepared message (a report: one HTML file for all its readers) with the footer's sentence
    on where a reply goes at the end of both parts."""
    paragraph = f'<p style="color:#595959;font-size:12px">{escape(line)}</p>\n'
    end = html.rfind("</body>")
    html = html[:end] + paragraph + html[end:] if end >= 0 else html + paragraph
    return html, f"{tekst.rstrip()}\n\n{line}\n"


def prepare_rendering() -> None:
    """Compile the digest's templates before several threads render their first digest at once."""
    prepare(*TEMPLATES)


def render(bundle: Bundel, items: list[Item], *, peildatum: dt.date, link: str) -> Bericht:
    """The message that carries ``items`` of ``bundle`` (module level: worker processes get it)."""
    if bundle.soort == "bericht":
        spec = items[0].inhoud["bericht"]
        line = reply_line(bundle)
        html, tekst = with_reply_line(Path(spec["html_pad"]).read_text(encoding="utf-8"), spec["tekst"], line)
        return Bericht(persoon_id=bundle.persoon_id, sleutel=bundle.sleutel, rollen=tuple(bundle.rollen),
                       kanalen=tuple(bundle.kanalen), onderwerp=spec["onderwerp"], html=html, tekst=tekst,
                       bijlagen=tuple(spec.get("bijlagen", ())), inline=bool(spec.get("inline")),
                       antwoord=bundle.antwoord, voetregel=line)
    if bundle.soort == AANGEPAST:
        from services.outbox.replaced import message as replaced_message

        return replaced_message(bundle, items)
    return message(digest(bundle, items), peildatum=peildatum, link=link)
