"""The report's link in the Prefect UI: an http address of the web app, signed for the coordinator,
that serves the archived report (HTML and PDF) with the app's security headers, and nothing else."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sqlmodel import select

from tests.conftest import Database, Mailserver, one_database

HEADERS = {"x-frame-options": "DENY", "referrer-policy": "no-referrer", "x-content-type-options": "nosniff",
           "cache-control": "no-store"}


def _report_link(client) -> str:  # type: ignore[no-untyped-def]
    """Run the report flow for MOSD of 25 June 2020; the path of its link artifact's address."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from flows.voortgangsrapportage import run_reports

    assert run_reports(peildatum=dt.date(2020, 6, 18)) == ["Bronckhorst mosd 2020-06-25: verstuurd"]
    with get_client(sync_client=True) as prefect:
        # The newest version of each key: other tests on the session's Prefect server make them too.
        artifact = max(prefect.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["rapport-bronckhorst-mosd-pdf"]))),
            key=lambda a: a.created)
        summary = max(prefect.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["rapport-bronckhorst-mosd"]))),
            key=lambda a: a.created)
    url = re.fullmatch(r"\[rapport-mosd-bronckhorst-2020-06-25\.pdf\]\((.+)\)", artifact.data).group(1)  # type: ignore[union-attr]
    assert url.startswith("http://127.0.0.1:8400/rapport/") and url.endswith("/pdf") and "file:" not in url
    assert f"[het rapport]({url.removesuffix('/pdf')})" in summary.data
    return url.removeprefix("http://127.0.0.1:8400")


@one_database
def test_the_report_link_in_the_prefect_ui_opens_the_archived_report_with_the_security_headers(
        client, loaded, prefect, smtp: Mailserver) -> None:  # type: ignore[no-untyped-def]
    pdf_path = _report_link(client)
    pdf = client.get(pdf_path)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    html = client.get(pdf_path.removesuffix("/pdf"))
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "Voortgangsrapportage" in html.text and "Bronckhorst" in html.text
    for response in (pdf, html):
        assert {k: response.headers[k] for k in HEADERS} == HEADERS
        policy = response.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script" not in policy and "frame-ancestors 'none'" in policy


@one_database
def test_an_altered_expired_revoked_or_foreign_report_link_gets_the_dutch_page_and_no_report(
        client, loaded, prefect, db: Database, smtp: Mailserver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from models.tables import Municipality, Person, Report
    from models.types import utcnow
    from web.links import report_link, revoke

    good = _report_link(client).removesuffix("/pdf")
    token = good.rsplit("/", 1)[1]
    with db.session() as session:
        report = session.exec(select(Report)).one()
        coordinator = session.exec(select(Person).where(Person.sleutel == "coordinator-sociaal-domein")).one()
        other = Municipality(naam="Gorinchem")
        session.add(other)
        session.flush()
        stranger = Person(gemeente_id=other.id, sleutel="coordinator", naam="Coördinator Gorinchem",
                          rollen=["coordinator"], kanalen=[])
        session.add(stranger)
        session.commit()
        report_id, coordinator_id, stranger_id = report.id, coordinator.id, stranger.id

    def path(url: str) -> str:
        return url.removeprefix("http://127.0.0.1:8400")

    altered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    personal = path(__import__("web.links", fromlist=["x"]).personal_link(coordinator_id)).rsplit("/", 1)[1]
    cases = {
        "niet geldig": [f"/rapport/{altered}", f"/rapport/{altered}/pdf", f"/rapport/{personal}",
                        path(report_link(report_id, stranger_id)),  # another municipality's coordinator
                        path(report_link(report_id, loaded["persoon"]))],  # not a coordinator
        "is verlopen": [path(report_link(report_id, coordinator_id, now=utcnow() - dt.timedelta(days=31)))],
    }
    for words, urls in cases.items():
        for url in urls:
            page = client.get(url)
            assert page.status_code == 403 and words in page.text and "Voortgangsrapportage" not in page.text, url
            assert page.headers["x-frame-options"] == "DENY"
    for trick in ("/rapport/x/../../regie.db", "/rapport/..%2F..%2Fregie.db", f"{good}/..%2F..%2Fregie.db"):
        page = client.get(trick)
        assert page.status_code == 404 and "SQLite" not in page.text, trick
    # A report row pointing outside the archive (a damaged or tampered database) serves nothing.
    secret = tmp_path / "geheim.pdf"
    secret.write_bytes(b"%PDF geheim")
    with db.session() as session:
        stored = session.get(Report, report_id)
        archived, stored.pdf = stored.pdf, str(secret)
        session.commit()
    outside = client.get(f"{good}/pdf")
    assert outside.status_code == 404 and b"geheim" not in outside.content and "Rapport niet gevonden" in outside.text
    with db.session() as session:
        session.get(Report, report_id).pdf = archived
        session.commit()
    assert client.get(f"{good}/pdf").status_code == 200
    with db.session() as session:  # `regie link intrekken` for the coordinator: the report link stops too
        revoke(session=session, person=session.get(Person, coordinator_id))
        session.commit()
    page = client.get(good)
    assert page.status_code == 403 and "ingetrokken" in page.text
