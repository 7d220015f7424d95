"""What the security tests sweep over: every route of the portal, read from the application itself,
and a snapshot of the data that a refused request must leave as it was; and a portal on a database
of its own, for a module's tests to share.

`endpoints()` flattens `app.routes` with FastAPI's `iter_route_contexts` (routers are included
lazily since FastAPI 0.137: a plain loop over `app.routes` finds none of their routes), so a
route added later is found without anyone listing it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from fastapi import params
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from sqlalchemy import LargeBinary, select
from starlette.routing import Mount, Route

from kostra.services.runner import ControlRunner
from kostra.settings import Settings
from kostra.store import Database
from kostra.store.models import Base
from kostra.web.app import create_app
from tests.databases import Databases
from tests.web.conftest import Site, make_site

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class Endpoint:
    """One route and method: its path template, path parameters and body fields."""

    path: str  # the template, e.g. /opplastinger/{upload_id}
    method: str
    parameters: tuple[str, ...] = ()
    form_fields: tuple[str, ...] = ()
    file_fields: tuple[str, ...] = ()
    json_fields: tuple[str, ...] = ()  # the fields of a JSON body's model
    problem: str = ""  # set when the route is of a kind the sweeps do not know

    @property
    def label(self) -> str:
        """E.g. `POST /opplastinger/{upload_id}/innsending`."""
        return f"{self.method} {self.path}"

    @property
    def api(self) -> bool:
        """Whether the route belongs to the REST API."""
        return self.path.startswith("/api/")

    @property
    def unsafe(self) -> bool:
        """Whether the method may change something."""
        return self.method in UNSAFE


def _body_fields(dependant: Dependant) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = [(f.alias, f.field_info) for f in dependant.body_params]
    for sub in dependant.dependencies:
        found.extend(_body_fields(sub))
    return found


def _api_route(path: str, method: str, parameters: tuple[str, ...], route: Any) -> Endpoint:
    forms: list[str] = []
    files: list[str] = []
    json_fields: list[str] = []
    for name, info in _body_fields(route.dependant):
        if isinstance(info, params.File):  # before Form: File is a kind of Form
            files.append(name)
        elif isinstance(info, params.Form):
            forms.append(name)
        elif isinstance(info, params.Body):
            model = getattr(info.annotation, "model_fields", None)
            if model is None:
                problem = f"the body field {name} of {method} {path} is not a model"
                return Endpoint(path, method, parameters, problem=problem)
            json_fields.extend(model)
        else:  # pragma: no cover - FastAPI has no other body parameters
            return Endpoint(path, method, parameters, problem=f"unknown body field {name}")
    return Endpoint(path, method, parameters, tuple(forms), tuple(files), tuple(json_fields))


@cache
def endpoints() -> tuple[Endpoint, ...]:
    """Every route × method of the portal (the static mount as `GET /static/{path}`)."""
    # The database is never opened: the app is built only to read its routes.
    app = create_app(Settings(database_url="sqlite:///never-opened-by-the-route-listing.sqlite3"))
    found: list[Endpoint] = []
    try:
        for route in iter_route_contexts(app.routes):
            original = route.original_route
            path = str(route.path_format)
            parameters = tuple(route.param_convertors)
            if isinstance(original, Mount):
                found.append(Endpoint(path, "GET", parameters))
            elif isinstance(original, APIRoute):
                found.extend(_api_route(path, m, parameters, route) for m in sorted(route.methods))
            elif isinstance(original, Route):
                found.extend(Endpoint(path, m, parameters) for m in sorted(route.methods or ()))
            else:
                problem = f"the sweeps do not know routes like {original!r}"
                found.append(Endpoint(path, "GET", parameters, problem=problem))
    finally:
        app.state.portal.db.dispose()
    return tuple(found)


# Accounts, sessions and login attempts change with every login; the rest is the units' data.
_NOT_DATA = frozenset({"users", "user_scopes", "api_tokens", "login_sessions", "login_attempts"})


def snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of deliveries, follow-up and calendar (binary columns left out:
    a blob is named by its SHA-256, which is kept)."""
    rows: dict[str, list[tuple[Any, ...]]] = {}
    with db.read() as session:
        for table in Base.metadata.sorted_tables:
            if table.name in _NOT_DATA:
                continue
            columns = [c for c in table.columns if not isinstance(c.type, LargeBinary)]
            query = select(*columns).order_by(*table.primary_key.columns)
            rows[table.name] = [tuple(row) for row in session.execute(query)]
    return rows


@contextmanager
def shared_site(databases: Databases, runner: ControlRunner, **settings: object) -> Iterator[Site]:
    """A portal on a new database of `databases`' kind, for a module-scoped fixture (the `site`
    fixture costs a database, an app and a password hash per test)."""
    url = databases.new_url()
    database = Database(url)
    try:
        with make_site(database, runner, **settings) as site:
            yield site
    finally:
        database.dispose()
        databases.drop(url)
