"""Settings of kostra, read from the environment (prefix `KOSTRA_`), each with its help text."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting kostra reads. Build with `get_settings()`, never at import."""

    model_config = SettingsConfigDict(env_prefix="KOSTRA_", extra="ignore")

    max_file_mb: int = Field(
        default=200,
        ge=1,
        description=(
            "Largest extract, in megabytes, that the control program accepts. The whole "
            "country's 11F file is about 45 MB; a larger file is almost surely the wrong file. "
            "The portal refuses larger uploads with a message saying so."
        ),
    )
    database_url: str = Field(
        default="sqlite:///kostra.sqlite3",
        description=(
            "Where the portal keeps its data: a SQLAlchemy URL. The default is a SQLite file in "
            "the working folder; for production use PostgreSQL, e.g. "
            "postgresql+psycopg://kostra@dbhost/kostra."
        ),
    )
    public_url: str = Field(
        default="http://127.0.0.1:8000",
        description="The portal's address as users reach it; used in links in e-mails.",
    )
    control_workers: int = Field(
        default=0,
        ge=0,
        description=(
            "Processes that run the control program on uploads, beside the web server's event "
            "loop. 0 means one per processor core."
        ),
    )
    session_hours: float = Field(
        default=8.0,
        gt=0,
        description="How long a login lasts without activity before the user must log in again.",
    )
    cookie_secure: bool | None = Field(
        default=None,
        description=(
            "Whether cookies are marked Secure (sent over HTTPS only). Unset: Secure when the "
            "request came over HTTPS (behind a proxy, run uvicorn with --proxy-headers)."
        ),
    )
    login_attempts: int = Field(
        default=5,
        ge=1,
        description=(
            "Failed logins allowed per user name, and ten times as many per client address, "
            "within `login_window_minutes`; further attempts are refused until the window passes."
        ),
    )
    login_window_minutes: int = Field(
        default=15, ge=1, description="The window, in minutes, that failed logins are counted in."
    )
    smtp_host: str | None = Field(
        default=None,
        description=(
            "Mail server for reminders and error lists. Unset: reminders are recorded in the "
            "database but not e-mailed."
        ),
    )
    smtp_port: int = Field(default=25, ge=1, le=65535, description="Port of the mail server.")
    smtp_user: str | None = Field(default=None, description="User name at the mail server, if any.")
    smtp_password: SecretStr | None = Field(
        default=None, description="Password at the mail server, if any."
    )
    smtp_starttls: bool = Field(
        default=False, description="Whether to upgrade the mail connection with STARTTLS."
    )
    pseudonym_key: SecretStr | None = Field(
        default=None,
        description=(
            "Key of the pseudonyms that replace identity numbers in statistics production "
            "(keyed BLAKE2b). Required to build a statistics year or a release; keep it secret "
            "and the same from year to year, so a person has the same pseudonym every year."
        ),
    )
    forms_dir: Path | None = Field(
        default=None,
        description=(
            "A folder of forms defined only as data (`<form>/<year>.yaml`, as in the catalog), "
            "added to the catalog's own: a pilot form is filled in, controlled and submitted in "
            "the portal without a new version of kostra. See examples/forms."
        ),
    )
    suppression_max_n: int = Field(
        default=2,
        ge=0,
        description=(
            "Counts from 1 to this are suppressed in releases (SSB's «:»), and enough other "
            "cells that none can be worked out. 0 turns suppression off."
        ),
    )
    mail_from: str = Field(
        default="kostra@ssb.no", description="Sender address of reminders and error lists."
    )


@cache
def get_settings() -> Settings:
    """The settings, read once from the environment."""
    return Settings()
