"""Personal links to the answer page, signed with itsdangerous.

A link carries the person's id and the moment it was made, signed with the service's key. It
works for ``link_dagen`` days, only for that person, and not when it was made before the
person's links were revoked (``persoon.links_ingetrokken_op``). The key is a secret: generated
once into the data directory (mode 0600) when no setting gives it, and never printed or logged.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import secrets
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import bindparam, select
from sqlmodel import Session

from models.settings import Settings, get_settings
from models.tables import Person
from models.types import utcnow

KEY_FILE = "web-sleutel"
_KEYS: dict[Path, tuple[tuple[int, int], str]] = {}
_CHECKED: dict[Path, float] = {}  # when each key file was last seen unchanged (time.monotonic)
_SERIALIZERS: dict[tuple[str, str], URLSafeSerializer] = {}
REPORT_SALT = "rapport-link"
_PLAIN = re.compile(r"[A-Za-z0-9_.~-]*")  # characters urlencode never quotes


def signing_key(settings: Settings | None = None) -> str:
    """The key that signs links: the setting, else the key file (made on first use, mode 0600)."""
    settings = settings or get_settings()
    if settings.web_sleutel is not None and settings.web_sleutel.get_secret_value():
        return settings.web_sleutel.get_secret_value()
    path = settings.data_dir / KEY_FILE
    with contextlib.suppress(FileNotFoundError):
        return _read_key(path)  # a known key: at most one stat() a second
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole under another name, then linked into place: link fails when the file exists,
        # so two processes or threads starting at once keep one key and never read half of one.
        fd, draft = tempfile.mkstemp(dir=path.parent, prefix=".web-sleutel-")
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(48))
            with contextlib.suppress(FileExistsError):
                os.link(draft, path)
        finally:
            os.unlink(draft)
    return _read_key(path)


def _read_key(path: Path) -> str:
    """The key in ``path``, read again when the file was replaced."""
    # A known key is used as it is for a second: a stat() per token was a system call per digest
    # in every sending thread (each a wait for the GIL); a replaced key file (new inode or time) is
    # read again after at most that second.
    checked = _CHECKED.get(path)
    if checked is not None and time.monotonic() - checked < 1.0 and path in _KEYS:
        return _KEYS[path][1]
    stat = path.stat()
    known = _KEYS.get(path)
    if known and known[0] == (stat.st_ino, stat.st_mtime_ns):
        _CHECKED[path] = time.monotonic()
        return known[1]
    key = path.read_text().strip()
    if len(key) < 32:
        raise RuntimeError(f"De sleutel in {path} is te kort; verwijder het bestand, dan maakt de dienst een "
                           "nieuwe (alle persoonlijke links vervallen dan).")
    _KEYS[path] = ((stat.st_ino, stat.st_mtime_ns), key)
    _CHECKED[path] = time.monotonic()
    return key


def _serializer(settings: Settings, salt: str = "persoonlijke-link") -> URLSafeSerializer:
    """A serializer per purpose (salt): a personal link's token never opens a report, nor the reverse."""
    key = signing_key(settings)
    if (key, salt) not in _SERIALIZERS:  # itsdangerous derives its signing key per serializer: once per key
        if any(known != key for known, _ in _SERIALIZERS):
            _SERIALIZERS.clear()
        _SERIALIZERS[key, salt] = URLSafeSerializer(key, salt=salt)
    return _SERIALIZERS[key, salt]


def make_token(persoon_id: int, *, settings: Settings | None = None, now: dt.datetime | None = None) -> str:
    """A signed token for one person, made now."""
    settings = settings or get_settings()
    moment = now or utcnow()
    return str(_serializer(settings).dumps({"p": persoon_id, "t": int(moment.timestamp() * 1000)}))


def personal_link(persoon_id: int, *, settings: Settings | None = None, item: str | None = None,
                  actie: str | None = None, now: dt.datetime | None = None, token: str | None = None) -> str:
    """The person's link to "Mijn activiteiten"; with ``item`` and ``actie`` it opens that item
    focused and prefilled (nothing changes until the person sends the page). ``token``: one made
    by make_token for this person (a message signs once for all its links)."""
    settings = settings or get_settings()
    return personal_links(token or make_token(persoon_id, settings=settings, now=now), settings)(item, actie)


def personal_links(token: str, settings: Settings | None = None) -> Callable[[str | None, str | None], str]:
    """personal_link(item, actie) for one person's ``token``, the page's address worked out once:
    a 125-item digest makes ≈ 375 links."""
    url = f"{(settings or get_settings()).web_base_url}/mijn/{token}"

    def link(item: str | None = None, actie: str | None = None) -> str:
        if not item:
            return url
        # What urlencode would leave as it is goes in as it is (urlencode's quoting was half of
        # rendering a digest).
        text = f"item={item}" if _plain(item) else urlencode({"item": item})
        if actie:
            text += f"&actie={actie}" if _plain(actie) else "&" + urlencode({"actie": actie})
        return f"{url}?{text}#{item}"

    return link


def _plain(text: str) -> bool:
    """True when urlencode would leave ``text`` as it is; letters and digits (m123, gereed) answered
    without the regular expression (a digest asks ≈ 750 times)."""
    return (text.isascii() and text.isalnum()) or bool(_PLAIN.fullmatch(text))


@dataclass(frozen=True)
class LinkFout(Exception):
    """Why a link does not work: 'ongeldig', 'verlopen' or 'ingetrokken'; for an expired link of a known
    person, the names of whom to ask for a new one (their municipality's coordinators)."""

    reden: str
    wie: str | None = None


@dataclass(frozen=True)
class Houder:
    """The person a link belongs to, as the answer page needs them."""

    id: int
    sleutel: str
    naam: str
    gemeente_id: int
    gearchiveerd_op: dt.datetime | None
    links_ingetrokken_op: dt.datetime | None


_P = Person.__table__  # type: ignore[attr-defined]
_HOUDER = select(_P.c.id, _P.c.sleutel, _P.c.naam, _P.c.gemeente_id, _P.c.gearchiveerd_op,
                 _P.c.links_ingetrokken_op).where(_P.c.id == bindparam("id"))  # built once


def person_for(token: str, *, session: Session, settings: Settings | None = None,
               now: dt.datetime | None = None) -> Houder:
    """The person a token belongs to; raises ``LinkFout`` for an altered, expired or revoked link."""
    settings = settings or get_settings()
    try:
        payload = _serializer(settings).loads(token)
        persoon_id, made = int(payload["p"]), int(payload["t"])
    except (BadSignature, KeyError, TypeError, ValueError):
        raise LinkFout("ongeldig") from None
    return _holder(persoon_id, made, session=session, settings=settings, now=now)


def report_link(report_id: int, persoon_id: int, *, settings: Settings | None = None,
                now: dt.datetime | None = None) -> str:
    """A link to an archived report (its HTML page; ``/pdf`` after it gives the PDF) for one
    person, the coordinator: it expires, and is revoked, like that person's personal links."""
    settings = settings or get_settings()
    moment = now or utcnow()
    token = _serializer(settings, REPORT_SALT).dumps(
        {"p": persoon_id, "t": int(moment.timestamp() * 1000), "r": report_id})
    return f"{settings.web_base_url}/rapport/{token}"


def report_for(token: str, *, session: Session, settings: Settings | None = None,
               now: dt.datetime | None = None) -> tuple[Houder, int]:
    """The person and the report id a report link is for; raises ``LinkFout`` like ``person_for``."""
    settings = settings or get_settings()
    try:
        payload = _serializer(settings, REPORT_SALT).loads(token)
        persoon_id, made, report_id = int(payload["p"]), int(payload["t"]), int(payload["r"])
    except (BadSignature, KeyError, TypeError, ValueError):
        raise LinkFout("ongeldig") from None
    return _holder(persoon_id, made, session=session, settings=settings, now=now), report_id


def _holder(persoon_id: int, made: int, *, session: Session, settings: Settings,
            now: dt.datetime | None) -> Houder:
    """The person of a genuine token, unless archived, expired or revoked."""
    row = session.execute(_HOUDER, {"id": persoon_id}).first()
    person = Houder(*row) if row else None
    if person is None or person.gearchiveerd_op is not None:
        raise LinkFout("ongeldig")
    moment = dt.datetime.fromtimestamp(made / 1000, dt.UTC)
    if (now or utcnow()) - moment > dt.timedelta(days=settings.link_dagen):
        raise LinkFout("verlopen", _coordinators(session, person))
    if person.links_ingetrokken_op is not None and moment <= person.links_ingetrokken_op:
        raise LinkFout("ingetrokken")
    return person


def revoke(*, session: Session, person: Person, now: dt.datetime | None = None) -> None:
    """Every link of ``person`` made until now stops working."""
    person.links_ingetrokken_op = now or utcnow()
    session.add(person)
    session.flush()


def _coordinators(session: Session, person: Houder) -> str | None:
    """"Coördinator sociaal domein" (or "A of B"): whom the holder of an expired link asks for a new one,
    by name, from their own municipality; None when it has none but them. Only for an expired link: a
    revoked one may be in other hands, an altered one is no one's."""
    rows = session.execute(select(_P.c.naam, _P.c.rollen).where(
        _P.c.gemeente_id == person.gemeente_id, _P.c.gearchiveerd_op.is_(None), _P.c.id != person.id))
    names = sorted(naam for naam, rollen in rows if "coordinator" in (rollen or []))
    # "Anna de Vries (coördinator)", but "Coördinator sociaal domein" as it is
    shown = [n if "rdinator" in n.casefold() else f"{n} (coördinator)" for n in names[:3]]
    return " of ".join(shown) or None
