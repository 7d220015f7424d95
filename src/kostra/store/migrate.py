"""Alembic, driven from code: the migrations live in the package (`migrations/`), so `kostra db
upgrade` works from an installed package without an alembic.ini."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine


def config(engine: Engine) -> Config:
    """An Alembic configuration that runs on `engine`."""
    cfg = Config()
    cfg.set_main_option("script_location", "kostra.store:migrations")
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database of `engine` to `revision`."""
    command.upgrade(config(engine), revision)


def head() -> str:
    """The newest migration."""
    script = ScriptDirectory.from_config(config_without_engine())
    current = script.get_current_head()
    if current is None:  # pragma: no cover - the package ships its migrations
        raise RuntimeError("no migrations found")
    return current


def config_without_engine() -> Config:
    """A configuration for reading the migration scripts only."""
    cfg = Config()
    cfg.set_main_option("script_location", "kostra.store:migrations")
    return cfg


def current(engine: Engine) -> str | None:
    """The migration the database of `engine` is at (None: an empty database)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def is_current(engine: Engine) -> bool:
    """Whether the database is at the newest migration."""
    return current(engine) == head()
