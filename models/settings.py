"""One settings class for the whole service, read from the environment (prefix REGIE_)."""

from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import Field, PrivateAttr, SecretStr, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from domain.rules.regels import RegelInstellingen


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "programmaregie"


class Settings(BaseSettings):
    """Settings for programmaregie; every rule that differs per municipality belongs here."""

    model_config = SettingsConfigDict(env_prefix="REGIE_", env_file=None, extra="ignore",
                                      env_ignore_empty=True)  # REGIE_VANDAAG= unsets it

    data_dir: Path = Field(default_factory=_default_data_dir)
    # Default: a SQLite file in data_dir. PostgreSQL: postgresql+psycopg://user@host/db (postgres:// too)
    database_url: str | None = None
    tijdzone: str = "Europe/Amsterdam"
    # The date the service takes for today (models/clock.py); unset in production. Tests,
    # simulations and demos set it, e.g. REGIE_VANDAAG=2021-01-04, for every process at once.
    vandaag: dt.date | None = None
    # Register files larger than this are refused: a programme file is a few hundred KB.
    max_bestandsgrootte: int = 5 * 1024 * 1024

    # Mail: every mailto: channel is sent through this SMTP server. The default is the local
    # mailbox (`regie postvak`). With a password: smtps://user:password@smtp.example.nl:465 or
    # smtp://user:password@host:587 (STARTTLS). A secret: never printed or logged. When it is not
    # set it follows postvak_poort (smtp://127.0.0.1:<postvak_poort>): moving the mailbox moves the mail.
    smtp_url: SecretStr = SecretStr("")
    # True when REGIE_SMTP_URL was not set and mail goes to the local mailbox by default: then only this
    # data directory's own mailbox may take it (services/outbox/local_mailbox.py).
    _smtp_standaard: bool = PrivateAttr(default=False)
    afzender: str = "programmaregie@localhost"
    postvak_poort: int = 8025
    # `regie dienst`: the port of the Prefect server and its UI (the option --poort overrides it).
    prefect_poort: int = 4200
    # `regie dienst` stops (exit code 1) when its Prefect server lives but has not answered
    # /api/health for this many seconds in a row (hung, stopped with SIGSTOP, swapping).
    prefect_stil_seconden: float = Field(default=30.0, gt=0)
    # `regie laad` stops, unless confirmed with --archiveren-toestaan, when a load would archive a
    # whole programme or more than this share (0-1) of a municipality's active activities: the
    # sign of a wrong, colliding or truncated file.
    archiveer_max_aandeel: float = Field(default=0.20, ge=0, le=1)
    # An Apprise configuration file (YAML or text) whose tagged URLs add routes, e.g. a Teams
    # channel for everyone with tag 'coordinator' or a person's key.
    apprise_config: Path | None = None
    # Where the Prefect UI is, for the link in every digest. Unset: http://127.0.0.1:<prefect_poort> (the
    # one place that computes it); behind a proxy, e.g. https://regie-ui.gemeente.nl.
    ui_url: str = ""
    # Local closing days on top of public holidays and 5 May: dates separated by commas or spaces
    # ("2020-06-17, 2020-12-24"), ranges ("2020-12-24 t/m 2020-12-31", at most 366 days), or a JSON
    # list. One bare date was "Interne fout (SettingsError)".
    sluitingsdagen: Annotated[list[dt.date], NoDecode] = Field(default_factory=list)
    # School holiday region for "voor de zomervakantie", "na de herfstvakantie": noord, midden or zuid.
    regio: str = "midden"
    # Reminder rules (JSON), e.g. REGIE_REGELS='{"escalatie_coordinator_dagen": 21}'.
    regels: RegelInstellingen = Field(default_factory=RegelInstellingen)
    # Parallel deliveries (Apprise to the SMTP server), and the retries within one run with
    # the seconds to wait before each; what still fails waits for the next run.
    bezorgers: int = 8
    # Check-ins: a reminder after this many days, expired (coordinator told) after this many.
    uitvraag_herinner_dagen: int = 7
    uitvraag_dagen: int = 14
    # Everyone with running activities is asked this many working days before each MOSD meeting.
    uitvraag_voor_mosd_werkdagen: int = 10
    # A report for MOSD or PoHo goes out this many working days before the meeting.
    rapport_werkdagen_voor: int = 5
    bezorg_processen: int = 2   # for 200 digests or more: worker processes that build and send mail
    bezorg_wachttijden: list[float] = Field(default_factory=lambda: [5.0, 30.0])
    # A run's claim on the messages it sends lasts this long unless the living run renews it
    # (it does, every quarter of it): a crashed run's messages are free again within this time.
    bezorg_lease_seconden: float = 30.0
    # A message is tried on a failing channel in at most this many runs (the coordinator is told
    # after three): a channel broken for weeks must not get weeks of stale digests when it is
    # repaired, nor make every run retry a growing backlog.
    bezorg_max_runs: int = 5
    # The answer page (`regie web`, docs/answering.md): its port on 127.0.0.1, the address people
    # reach it at (behind the municipality's HTTPS proxy: https://regie.gemeente.nl), how long a
    # personal link works, and POSTs allowed per person per minute.
    web_poort: int = 8400
    web_url: str | None = None
    link_dagen: int = 30
    # A calendar event that went away (milestone archived or moved, meeting removed) stays this many
    # days in the person's feed as cancelled, so calendars that imported it remove it too.
    agenda_afgemeld_dagen: int = Field(default=30, ge=1)
    # The daily check builds a region's calendar files in this many processes (from 500 people).
    agenda_processen: int = Field(default=2, ge=1)
    web_posts_per_minuut: int = 20
    # Worker processes of the answer page: 50 people answering at the same moment need more than
    # one core (docs/answering.md). On SQLite they share the file through WAL and a busy timeout.
    web_processen: int = Field(default=2, ge=1, le=32)
    # The key that signs personal links. A secret: when absent it is generated once into
    # <data_dir>/web-sleutel (mode 0600); never printed or logged.
    web_sleutel: SecretStr | None = None

    @field_validator("sluitingsdagen", mode="before")
    @classmethod
    def _dagen(cls, value: Any, info: ValidationInfo) -> Any:
        """Dates as typed in an environment variable: a JSON list, or separated by commas or spaces,
        and ranges 'JJJJ-MM-DD t/m JJJJ-MM-DD' (every day of it)."""
        if not isinstance(value, str):
            return value
        import json

        from models.clock import today_while_reading_settings
        from models.closing_days import lees_sluitingsdagen

        text = value.strip()
        if text.startswith("["):
            return json.loads(text)
        # the clock's year for an example: "24 december" needs one (REGIE_VANDAAG is read before this)
        jaar = today_while_reading_settings(info.data.get("vandaag"), info.data.get("tijdzone", "UTC")).year
        return lees_sluitingsdagen(text, jaar=jaar)

    @field_validator("web_url", "ui_url")
    @classmethod
    def _webadres(cls, value: str | None, info: ValidationInfo) -> str | None:
        """A whole web address: 'regie.gemeente.nl' without https:// made every link in the mails a
        relative one that opens nothing (a go-live trial)."""
        from urllib.parse import urlsplit

        from models.closing_days import _weigering

        if value is None or not value.strip():  # unset: the address on this machine
            return None if info.field_name == "web_url" else ""  # ui_url: _local_defaults fills it in
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            host = value.strip().split("://")[-1].strip("/") or "regie.gemeente.nl"
            raise _weigering(f"'{value.strip()[:60]}' is geen volledig webadres. Schrijf het met https:// "
                             f"ervoor, bijvoorbeeld https://{host[:60]}")
        return value.strip()

    @model_validator(mode="after")
    def _local_defaults(self) -> Settings:
        """Unset (or empty) REGIE_SMTP_URL: the local mailbox on REGIE_POSTVAK_POORT; unset REGIE_UI_URL: the
        UI on REGIE_PREFECT_POORT (it linked to 4200, where nothing listened, in a go-live trial)."""
        self.ui_url = self.ui_url or f"http://127.0.0.1:{self.prefect_poort}"
        if not self.smtp_url.get_secret_value():
            self.smtp_url = SecretStr(f"smtp://127.0.0.1:{self.postvak_poort}")
            self._smtp_standaard = True
        return self

    @property
    def smtp_standaard(self) -> bool:
        """True when REGIE_SMTP_URL is unset: mail goes to the local mailbox on postvak_poort."""
        return self._smtp_standaard

    @property
    def postvak_dir(self) -> Path:
        """Where the local mailbox stores each message as a .eml file."""
        return self.data_dir / "postvak"

    @property
    def rapport_dir(self) -> Path:
        """The report archive: a folder per municipality, served only behind a coordinator's link."""
        return self.data_dir / "rapporten"

    @property
    def overzicht_dir(self) -> Path:
        """Where `regie overzicht` writes without --uitvoer: findable, and a folder of the project's own."""
        return self.data_dir / "overzichten"

    @property
    def web_base_url(self) -> str:
        """Where people open the answer page (no trailing slash)."""
        return (self.web_url or f"http://127.0.0.1:{self.web_poort}").rstrip("/")

    @property
    def tz(self) -> ZoneInfo:
        """The municipality's time zone."""
        return ZoneInfo(self.tijdzone)

    def resolved_database_url(self) -> str:
        """The database URL, defaulting to ``<data_dir>/regie.db``."""
        scheme, sep, rest = (self.database_url or "").partition("://")
        if scheme in ("postgres", "postgresql") and sep:  # Heroku-style: the project's driver, psycopg 3
            return f"postgresql+psycopg://{rest}"
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'regie.db'}"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (cached; tests clear the cache)."""
    return Settings()


# What to write, by the kind of value a setting wants (pydantic's error type, before its first '_').
_WRITE = {"date": "een datum als JJJJ-MM-DD, bijvoorbeeld 2020-06-18",
          "int": "een geheel getal, bijvoorbeeld 8400", "float": "een getal, bijvoorbeeld 2.5",
          "decimal": "een getal, bijvoorbeeld 2.5", "bool": "true of false",
          "list": "een lijst in JSON, bijvoorbeeld [5, 30]",
          "json": "een lijst in JSON, bijvoorbeeld [5, 30]"}


def settings_problem(exc: BaseException) -> str | None:
    """A setting from the environment that cannot be read, in Dutch: which variable, what it holds
    and what to write instead; None when ``exc`` is not about the settings. The value is shown only
    for dates and numbers (a URL or a password may hold a secret)."""
    from pydantic import ValidationError
    from pydantic_settings import SettingsError

    from domain.melding import datum_hint

    if isinstance(exc, SettingsError):  # a JSON setting that is no JSON: 'field "regels"' names it
        import re

        field = re.search(r'field "(\w+)"', str(exc))
        name = f"REGIE_{field.group(1).upper()}" if field else "een instelling van REGIE_"
        return f"De instelling {name} is niet te lezen: schrijf geldige JSON (zie docs/operations.md)."
    if not isinstance(exc, ValidationError) or exc.title != Settings.__name__:
        return None
    lines = []
    for error in exc.errors():
        name = "REGIE_" + str(error["loc"][0]).upper() if error["loc"] else "een instelling van REGIE_"
        kind = error["type"].split("_")[0]
        value = error.get("input")
        line = f"De instelling {name} is niet te lezen"
        if error["type"] == "regie_instelling":  # the validator's own sentence says what to write
            lines.append(f"{line}: {error['msg']}")
            continue
        if kind in ("date", "int", "float", "decimal") and isinstance(value, str):
            line += f": '{value[:40]}'"
        if kind == "date" and isinstance(value, str):  # "dus 2020-06-18", or the nearest real date
            line += f". Schrijf een datum als JJJJ-MM-DD, {datum_hint(value, '2020-06-18')[:-1]}"
        elif kind in _WRITE:
            line += f". Schrijf {_WRITE[kind]}"
        elif name == "REGIE_SLUITINGSDAGEN":
            line += (". Schrijf data als JJJJ-MM-DD, gescheiden door komma's, bijvoorbeeld "
                     "2020-06-17, 2020-12-24")
        lines.append(line + ".")
    return "\n".join(lines)


_MAP = "bijvoorbeeld REGIE_DATA_DIR=$HOME/.local/share/programmaregie"


def data_dir_problem(exc: BaseException) -> str | None:
    """REGIE_DATA_DIR naming a file (or lying in one), or a folder this user may not make or write, in
    Dutch with the path and what to write; None when ``exc`` is not about the data folder."""
    from sqlalchemy.exc import OperationalError

    if isinstance(exc, OperationalError):  # SQLite cannot open or write the database in the folder
        return _unwritable_database()
    if not isinstance(exc, (FileExistsError, NotADirectoryError, PermissionError)) or not exc.filename:
        return None
    try:
        data_dir = get_settings().data_dir.expanduser().absolute()
    except Exception:  # the settings themselves are wrong: settings_problem says so
        return None
    path = Path(str(exc.filename)).absolute()
    if path != data_dir and data_dir not in path.parents and path not in data_dir.parents:
        return None
    existing = next((p for p in (data_dir, *data_dir.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        waar = "noemt een bestand" if existing == data_dir else f"({data_dir}) ligt in een bestand"
        return (f"De instelling REGIE_DATA_DIR {waar}, geen map: {existing}. Schrijf het pad van een map "
                f"(die nog niet hoeft te bestaan), {_MAP}.")
    if isinstance(exc, PermissionError):
        return _no_permission(data_dir, path)
    return None


def _no_permission(data_dir: Path, path: Path) -> str:
    return (f"De map van de instelling REGIE_DATA_DIR ({data_dir}) is niet te maken of te beschrijven: "
            f"geen toestemming voor {path}. Kies een map waarin deze gebruiker mag schrijven, {_MAP}, "
            f"of geef schrijfrecht op {path}.")


def _unwritable_database() -> str | None:
    """The data folder's message when the database is the default SQLite file in REGIE_DATA_DIR and the
    folder (an existing one: mkdir passed) or the database's files may not be written by this process;
    None otherwise (then the database's own message stands)."""
    try:
        settings = get_settings()
    except Exception:  # the settings themselves are wrong: settings_problem says so
        return None
    if settings.database_url:
        return None
    data_dir = settings.data_dir.expanduser().absolute()
    # os.access asks the kernel with this process's rights: root without its capabilities is refused too
    for path in (data_dir, *(data_dir / f"regie.db{end}" for end in ("", "-wal", "-shm"))):
        if path.exists() and not os.access(path, os.W_OK):
            return _no_permission(data_dir, path)
    return None
