"""The answer page as a Starlette app: "Mijn activiteiten" behind a personal link.

A GET only reads (mail scanners open every link); an answer needs the page's POST with its
CSRF field. The whole answer is applied in one transaction through the answer service, and a
check-in run waiting for the person is resumed with it afterwards. The calendar feeds an answer
changed are rewritten after the commit by a background writer (services/calendars/agenda_writer.py),
``app.state.agenda``, not on the answer's path.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from sqlalchemy import Engine
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from models import clock
from models.db import get_engine, session_scope
from models.settings import Settings, get_settings
from services.calendars.agenda_writer import DELAY, FeedWriter
from services.checkins.progress import Ongeldig
from services.operations.own_page import HEADER, data_dir_mark
from services.rendering import TEMPLATES, environment
from web import answers, links, reports
from web.done_notice import already_done
from web.overview import overview, touched
from web.resumer import Resumer, resume_checkin
from web.security import CSRF_COOKIE, RateLimit, SecurityHeaders, csrf_ok, new_csrf
from web.threads import Database, InFlight

log = logging.getLogger("regie.web")
MAX_BODY = 512 * 1024
ACTIES = ("gereed", "volgens-plan", "datum", "toelichting")  # services/outbox/answer_links.py offers them


def create_app(*, settings: Settings | None = None, engine: Engine | None = None,
               vandaag: Callable[[], dt.date] | None = None,
               resume: Callable[[str, dict[str, object]], None] | None = None,
               agenda_delay: float = DELAY) -> Starlette:
    """The app; tests pass a fixed ``vandaag``, their own database engine and, to see answers
    coalesce, a longer window for the calendar feed writer (``agenda_delay``, seconds)."""
    settings = settings or get_settings()
    today = vandaag or clock.today  # the one clock: REGIE_VANDAAG in a demo, as in every command
    limiter = RateLimit(settings.web_posts_per_minuut)
    # per address as well: made-up links must not each get their own allowance
    per_client = RateLimit(settings.web_posts_per_minuut * 5)
    # Answers for waiting check-in runs are handed to Prefect by a thread, after the commit.
    resumer = Resumer(engine=lambda: engine or get_engine(), resume=resume or resume_checkin)
    secure_cookie = settings.web_base_url.startswith("https://")
    database = Database(engine or get_engine())
    # Calendar feeds changed by an answer are rewritten by a thread, after the commit, while the
    # page has no requests to serve (within about a second).
    serving = [0]  # HTTP requests being served (InFlight)
    feeds = FeedWriter(engine=lambda: engine or get_engine(), settings=settings, delay=agenda_delay,
                       busy=lambda: serving[0] > 0)

    templates = {name: environment().get_template(f"web/{name}.html.j2")  # compiled once, at start
                 for name in ("mijn", "bevestiging", "fout", "link", "start")}

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(templates[name].render(**context), status_code=status)

    def link_error(reden: str, soort: str = "persoonlijk", wie: str | None = None) -> HTMLResponse:
        return page("link", 403, reden=reden, dagen=settings.link_dagen, soort=soort, wie=wie)

    def show(token: str, query: dict[str, str], form: dict[str, str] | None = None,
             fouten: dict[str, str] | None = None, status: int = 200, csrf: str | None = None,
             let_op: dict[str, dt.date] | None = None) -> HTMLResponse:
        with session_scope(engine or get_engine()) as session:
            try:
                person = links.person_for(token, session=session, settings=settings)
            except links.LinkFout as fout:
                return link_error(fout.reden, wie=fout.wie)
            programmes = overview(session=session, person=person, vandaag=today())
            item = query.get("item", "")
            al_gereed = already_done(session, person, item, programmes) if form is None else None
        values = dict(form or {})
        item, actie = query.get("item", ""), query.get("actie", "")
        if form is None and actie in ACTIES:  # prefill from the mail's direct link; nothing changes
            if actie == "gereed" and item.startswith("m"):
                values.update({f"{item}_klaar": "1", f"{item}_gereed": f"{today():%d-%m-%Y}"})  # as typed
            elif actie == "volgens-plan" and item.startswith("a") and not _late(programmes, item):
                values[f"{item}_koers"] = "op-koers"  # never for an activity with a late milestone
        focus = "algereed" if al_gereed else _focus(item, actie, fouten) or ("letop" if let_op else "")
        return page("mijn", status, persoon=person, programmas=programmes, waarden=values,
                    fouten=fouten or {}, focus=focus, csrf=csrf, vandaag=today(), actie=actie, item=item,
                    let_op=let_op or {}, al_gereed=al_gereed, voorbeelden=answers.voorbeelden(today()))

    async def mine(request: Request) -> Response:
        token = request.path_params["token"]
        csrf = request.cookies.get(CSRF_COOKIE) or new_csrf()
        response = await database.run(show, token, dict(request.query_params), csrf=csrf)
        if response.status_code == 200 and request.cookies.get(CSRF_COOKIE) != csrf:
            response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict", secure=secure_cookie,
                                path="/")
        return response

    async def answer(request: Request) -> Response:
        token = request.path_params["token"]
        body = await request.body()
        if len(body) > MAX_BODY:
            return page("fout", 413, titel="Te veel tekst",
                        melding="Het antwoord is te groot om te verwerken. Maak de teksten korter.")
        form = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        client = request.client.host if request.client else "?"
        if not (per_client.allow(client) and limiter.allow(f"{token}|{client}")):
            return page("fout", 429, titel="Even wachten",
                        melding="U heeft in korte tijd veel antwoorden verstuurd. Wacht een minuut en "
                                "probeer het dan opnieuw.")
        if not csrf_ok(request.cookies.get(CSRF_COOKIE), form.get("csrf")):
            return page("fout", 403, titel="Pagina verlopen",
                        melding="Uw antwoord is niet verwerkt: open de pagina opnieuw via uw persoonlijke "
                                "link "
                                "en verstuur het antwoord nog eens. (Sta cookies toe voor deze site.)")
        return await submit(token, form, request.cookies.get(CSRF_COOKIE))

    def in_session(session: Session | None) -> contextlib.AbstractContextManager[Session]:
        """``session`` as it is, or a new one that commits at the end."""
        return contextlib.nullcontext(session) if session is not None else session_scope(engine
                                                                                          or get_engine())

    def prepare(token: str, form: dict[str, str], csrf: str | None, session: Session | None = None,
                ) -> Response | _Answer:
        """The answer read and checked against what the page showed, outside the write lock: the
        link, the person and the activities the answer names. A Response when it cannot be taken."""
        with in_session(session) as session:
            try:
                person = links.person_for(token, session=session, settings=settings)
            except links.LinkFout as fout:
                return link_error(fout.reden, wie=fout.wie)
            # only the activities the answer is about: a submit costs what it changes, not the whole page
            programmes = overview(session=session, person=person, vandaag=today(),
                                  alleen=touched(form), volledig=False)
        gelezen = answers.read(form, programmes, vandaag=today())
        if not gelezen.fouten and not gelezen.antwoorden:
            gelezen.fouten["leeg"] = "U heeft nog niets ingevuld. Kies bij een activiteit een koers of " \
                                     "vul " \
                                     "een veld in, en verstuur dan opnieuw."
        if gelezen.fouten or gelezen.let_op:  # a date in the past: asked once, recorded when sent again
            return show(token, {}, form, gelezen.fouten, 400 if gelezen.fouten else 200, csrf, gelezen.let_op)
        return _Answer(person, gelezen)

    def write(answer: _Answer, session: Session | None = None) -> answers.Vastgelegd | Ongeldig:
        """The one transaction of an answer (on SQLite under the write lock): ``answers.record``
        reads the activities and milestones again inside it and checks the answer once more, so an
        answer that another one overtook since ``prepare`` is refused, not applied half."""
        with in_session(session) as session:
            try:
                return answers.record(session=session, person=answer.person, gelezen=answer.gelezen,
                                      vandaag=today(), agenda=feeds)
            except Ongeldig as fout:
                session.rollback()
                return fout

    def prepare_and_write(token: str, form: dict[str, str], csrf: str | None,
                          ) -> Response | tuple[_Answer, answers.Vastgelegd | Ongeldig]:
        with session_scope(engine or get_engine()) as session:  # one transaction, as on PostgreSQL it may
            prepared = prepare(token, form, csrf, session)
            return prepared if isinstance(prepared, Response) else (prepared, write(prepared, session))

    async def submit(token: str, form: dict[str, str], csrf: str | None) -> Response:
        if database.lock_path is not None:  # SQLite: only the transaction waits for the lock
            prepared = await database.run(prepare, token, form, csrf)
            if isinstance(prepared, Response):
                return prepared
            recorded = await database.run(write, prepared, write=True)
        else:  # PostgreSQL's row locks let answers write side by side: one trip to a thread
            both = await database.run(prepare_and_write, token, form, csrf)
            if isinstance(both, Response):
                return both
            prepared, recorded = both
        if isinstance(recorded, Ongeldig):
            return await database.run(show, token, {}, form, {"leeg": recorded.melding}, 400, csrf)
        if recorded.uitvraag:  # committed: now the waiting run can be resumed
            resumer.wake()
        return page("bevestiging", persoon_naam=prepared.person.naam, regels=recorded.regels,
                    ongewijzigd=recorded.ongewijzigd, hervat=recorded.uitvraag, heropend=recorded.heropend,
                    te_laat=recorded.te_laat, herinneringen=recorded.herinneringen)

    async def home(request: Request) -> Response:
        return page("start")

    async def css(request: Request) -> Response:
        return FileResponse(TEMPLATES / "web" / "regie.css", media_type="text/css")

    mark = {HEADER: data_dir_mark(settings.data_dir)}  # whose page this is (services/operations/own_page.py)

    async def health(request: Request) -> Response:
        return PlainTextResponse("ok", headers=mark)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        resumer.start()
        try:
            yield
        finally:
            await run_in_threadpool(resumer.stop)
            await run_in_threadpool(feeds.stop)  # the feeds of the last answers are written first

    async def not_found(request: Request, exc: Exception) -> Response:
        return page("fout", 404, titel="Pagina niet gevonden",
                    melding="Dit adres bestaat niet. Open de persoonlijke link uit uw mail opnieuw.")

    async def not_allowed(request: Request, exc: Exception) -> Response:
        return page("fout", 405, titel="Dat kan hier niet",
                    melding="Deze pagina kan alleen worden geopend of met het formulier worden verstuurd.")

    app = Starlette(lifespan=lifespan, exception_handlers={404: not_found, 405: not_allowed}, routes=[
        Route("/", home), Route("/gezond", health), Route("/static/regie.css", css),
        Route("/mijn/{token}", mine, methods=["GET"]), Route("/mijn/{token}", answer, methods=["POST"]),
        *reports.routes(settings=settings, engine=engine,
                        link_error=lambda reden: link_error(reden, "rapport"),
                        not_found=lambda: page("fout", 404, titel="Rapport niet gevonden",
                                               melding="Dit rapport staat niet (meer) in het archief.")),
    ])
    app.add_middleware(SecurityHeaders)
    app.add_middleware(InFlight, counter=serving)
    app.state.agenda = feeds
    return app


@dataclass
class _Answer:
    """An answer read and checked outside the write lock, ready for its transaction."""

    person: links.Houder
    gelezen: answers.Gelezen


def _late(programmes: list[Any], item: str) -> bool:
    """Whether activity ``item`` (``a<id>``) has a milestone that is late today: a link of an older
    mail that offered "Loopt volgens plan" for it does not preset "op koers" (the person chooses)."""
    return any(f"a{a.id}" == item and any(m.te_laat for m in a.mijlpalen)
               for programme in programmes for a in programme.activiteiten)


def _focus(item: str, actie: str, fouten: dict[str, str] | None) -> str:
    """The field that gets focus: the first problem, else the item the mail's link points at."""
    if fouten:
        return next(iter(fouten))
    if item.startswith("m"):
        return f"{item}_datum" if actie == "datum" else f"{item}_klaar"
    if item.startswith("a"):
        return f"{item}_tekst" if actie == "toelichting" else f"{item}_koers_op-koers"
    return ""
