"""Settings of kostra, read from the environment (prefix `KOSTRA_`), each with its help text."""

from __future__ import annotations

from functools import cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting kostra reads. Build with `get_settings()`, never at import."""

    model_config = SettingsConfigDict(env_prefix="KOSTRA_", extra="ignore")

    max_file_mb: int = Field(
        default=200,
        ge=1,
        description=(
            "Largest extract, in megabytes, that the control program accepts. The whole "
            "country's 11F file is about 45 MB; a larger file is almost surely the wrong file."
        ),
    )


@cache
def get_settings() -> Settings:
    """The settings, read once from the environment."""
    return Settings()
