"""Archived reports behind a coordinator's signed link (``links.report_link``): the HTML page at
``/rapport/<token>`` and the PDF at ``/rapport/<token>/pdf``.

The token names the report; the URL holds no path, so there is no path to play tricks with, and
the file served must still lie inside the report archive. A link works only for a coordinator of
the report's own municipality, and expires and is revoked like that person's personal links."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from models.db import get_engine, session_scope
from models.settings import Settings
from models.tables import Person, Report
from web import links

# The report is one self-contained page: its own <style>, charts as data: images, no script.
REPORT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; "
              "frame-ancestors 'none'; base-uri 'none'")
SOORTEN = {".html": "text/html; charset=utf-8", ".pdf": "application/pdf"}


def routes(*, settings: Settings, engine: Engine | None, link_error: Callable[[str], Response],
           not_found: Callable[[], Response]) -> list[Route]:
    """The two routes of a report link."""
    root = settings.rapport_dir.resolve()

    def serve(token: str, suffix: str) -> Response:
        with session_scope(engine or get_engine()) as session:
            try:
                person, report_id = links.report_for(token, session=session, settings=settings)
            except links.LinkFout as fout:
                return link_error(fout.reden)
            report = session.get(Report, report_id)
            rollen = session.scalar(select(Person.rollen).where(Person.id == person.id)) or []
            if report is None or report.gemeente_id != person.gemeente_id or "coordinator" not in rollen:
                return link_error("ongeldig")  # another municipality's report is not this link's
            path = Path(report.pdf).with_suffix(suffix).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            return not_found()
        name = path.name.encode("ascii", "replace").decode().replace('"', "")
        return FileResponse(path, media_type=SOORTEN[suffix], headers={
            "content-security-policy": REPORT_CSP, "content-disposition": f'inline; filename="{name}"'})

    async def html(request: Request) -> Response:
        return await run_in_threadpool(serve, request.path_params["token"], ".html")

    async def pdf(request: Request) -> Response:
        return await run_in_threadpool(serve, request.path_params["token"], ".pdf")

    return [Route("/rapport/{token}", html, methods=["GET"]),
            Route("/rapport/{token}/pdf", pdf, methods=["GET"])]
