"""Alembic environment: runs the migrations on the engine handed over by `kostra.store.migrate`."""

from __future__ import annotations

from alembic import context

from kostra.store.models import Base

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
