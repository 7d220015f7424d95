"""Persistence: SQLAlchemy models, repositories, Alembic migrations, the blob store for raw files.

SQLite (a file, the embedded default) and PostgreSQL (production) behave the same; both are
tested. Repositories take a `Session` and return plain domain objects or model rows; the web
and CLI layers open the sessions (`Database.read()`, `Database.write()`).
"""

from kostra.store.database import Database

__all__ = ["Database"]
