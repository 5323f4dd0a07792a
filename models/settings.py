"""One settings class for the whole service, read from the environment (prefix REGIE_)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "programmaregie"


class Settings(BaseSettings):
    """Settings for programmaregie; every rule that differs per municipality belongs here."""

    model_config = SettingsConfigDict(env_prefix="REGIE_", env_file=None, extra="ignore")

    data_dir: Path = Field(default_factory=_default_data_dir)
    # Default: a SQLite file in data_dir. PostgreSQL: postgresql+psycopg://user@host/db
    database_url: str | None = None
    tijdzone: str = "Europe/Amsterdam"
    # Register files larger than this are refused: a programme file is a few hundred KB.
    max_bestandsgrootte: int = 5 * 1024 * 1024

    @property
    def tz(self) -> ZoneInfo:
        """The municipality's time zone."""
        return ZoneInfo(self.tijdzone)

    def resolved_database_url(self) -> str:
        """The database URL, defaulting to ``<data_dir>/regie.db``."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'regie.db'}"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (cached; tests clear the cache)."""
    return Settings()
