"""The REST API against its own OpenAPI document (/api/v1/openapi.json), fuzzed with schemathesis.

For every operation of the document, as a vendor system and as staff (a valid bearer token
each), schemathesis generates requests, valid and invalid by the document, and checks every
answer: never a server error, only documented status codes, the documented content type, a
body that conforms to the documented schema, the documented headers. Some of the generated
requests use the ids and codes of a real unit, upload and submission, so that the successful
answers are checked too, not only the refusals.

Random examples rarely hit the ends of a range, so every path and query parameter is also tried
at the edges its document gives it (the least and greatest year, the first and last day of the
calendar, the shortest and the longest string): once a fault hid there (`?at=9999-12-31`).

Bounded (a few dozen examples per operation and caller, derandomised) so that it takes seconds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kostra.intake.access import Role
from kostra.services.runner import ControlRunner
from kostra.settings import Settings
from kostra.web.app import create_app
from tests.databases import Databases
from tests.web.conftest import YEAR, extract
from tests.web.inventory import shared_site

OPENAPI = "/api/v1/openapi.json"
EXAMPLES = 15  # per operation, caller and generation mode (and 8 more with real ids)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@cache
def operations() -> list[tuple[str, str]]:
    """(method, path) of every operation in the API's document."""
    app = create_app(Settings(database_url="sqlite:///never-opened-by-the-schema-test.sqlite3"))
    try:
        document = app.openapi()
    finally:
        app.state.portal.db.dispose()
    return [
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method in item
        if method in {"get", "put", "post", "delete", "patch"}
    ]


@dataclass
class Fuzzed:
    """The portal's API as schemathesis sees it, with real ids to use now and then."""

    schema: Any
    tokens: dict[str, str]
    known: dict[str, Any]  # values of a unit that has delivered


@pytest.fixture(scope="module")
def fuzzed(databases: Databases, runner: ControlRunner) -> Iterator[Fuzzed]:
    with shared_site(databases, runner) as site:
        vendor = site.add_user("fagsystem", Role.VENDOR, ("030101", "1103"))
        assert vendor is not None
        site.add_user("ssb", Role.STAFF, ())
        site.set_window("11F")
        site.set_window("11CF")
        headers = {"Authorization": f"Bearer {vendor}"}
        data = extract("11F", "030101", seed=3)
        uploaded = site.client.post(
            "/api/v1/uploads",
            headers=headers,
            data={"unit": "030101", "form": "11F", "year": str(YEAR)},
            files={"file": ("uttrekk.txt", data, "text/plain")},
        )
        assert uploaded.status_code == 201, uploaded.text
        upload_id = uploaded.json()["id"]
        submitted = site.client.post(
            f"/api/v1/uploads/{upload_id}/submission",
            headers=headers,
            json={"acknowledge_warnings": True},
        )
        assert submitted.status_code == 201, submitted.text
        schema = schemathesis.openapi.from_asgi(OPENAPI, site.client.app)
        yield Fuzzed(
            schema,
            tokens={"fagsystem": vendor, "ssb": site.token_for("ssb")},
            known={
                "upload_id": upload_id,
                "submission_id": submitted.json()["id"],
                "unit": "030101",
                "form": "11F",
                "year": YEAR,
                "file": data,
            },
        )


def _strategies(fuzzed: Fuzzed, operation: Any, mode: Any) -> list[tuple[Any, int]]:
    """Generated cases, and (valid ones) with the path or the upload form of real data: each
    with the number of examples to draw from it."""
    found = [(operation.as_strategy(generation_mode=mode), EXAMPLES)]
    if mode is not schemathesis.GenerationMode.POSITIVE:
        return found
    names = {p.name for p in operation.path_parameters}
    fixed = {name: fuzzed.known[name] for name in names if name in fuzzed.known}
    if fixed:
        found.append((operation.as_strategy(generation_mode=mode, path_parameters=fixed), 8))
    if operation.method.upper() == "POST" and operation.path == "/api/v1/uploads":
        body = {key: fuzzed.known[key] for key in ("unit", "form", "year", "file")}
        found.append((operation.as_strategy(generation_mode=mode, body=body), 8))
    return found


@pytest.mark.parametrize("who", ["fagsystem", "ssb"])
@pytest.mark.parametrize(
    ("method", "path"), operations(), ids=[f"{m} {p}" for m, p in operations()]
)
def test_the_api_answers_as_its_document_says(
    fuzzed: Fuzzed, method: str, path: str, who: str
) -> None:
    operation = fuzzed.schema[path][method]
    headers = {"Authorization": f"Bearer {fuzzed.tokens[who]}"}
    modes = [schemathesis.GenerationMode.POSITIVE]
    if any(True for _ in operation.iter_parameters()) or operation.body:
        modes.append(schemathesis.GenerationMode.NEGATIVE)  # there is something to get wrong
    for mode in modes:
        for strategy, examples in _strategies(fuzzed, operation, mode):

            @settings(
                max_examples=examples,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=strategy)
            def fuzz(case: Any) -> None:
                case.call_and_validate(headers=headers, checks=CHECKS)

            fuzz()


def _edges(schema: dict[str, Any]) -> list[Any]:
    """Values at the edges of what a parameter's schema allows."""
    values: list[Any] = []
    for alternative in schema.get("anyOf", [schema]):
        kind = alternative.get("type")
        if kind == "integer":
            values += [alternative.get("minimum", -(2**31)), alternative.get("maximum", 2**31)]
        elif kind == "string" and alternative.get("format") == "date":
            values += ["0001-01-01", "9999-12-31"]
        elif kind == "string":
            shortest, longest = alternative.get("minLength", 0), alternative.get("maxLength", 100)
            values += ["9" * shortest, "9" * longest, "ø" * longest, "%" * longest]
    return values


@pytest.mark.parametrize("who", ["fagsystem", "ssb"])
@pytest.mark.parametrize(
    ("method", "path"), operations(), ids=[f"{m} {p}" for m, p in operations()]
)
def test_the_api_at_the_edges_of_its_document(
    fuzzed: Fuzzed, method: str, path: str, who: str
) -> None:
    operation = fuzzed.schema[path][method]
    headers = {"Authorization": f"Bearer {fuzzed.tokens[who]}"}
    real = {p.name: fuzzed.known[p.name] for p in operation.path_parameters}
    body: dict[str, Any] = {}
    if path == "/api/v1/uploads/{upload_id}/submission":
        body = {"body": {"acknowledge_warnings": True}, "media_type": "application/json"}
    for parameter in operation.iter_parameters():
        if parameter.location.value not in ("path", "query"):
            continue
        for value in _edges(parameter.definition.get("schema", {})):
            values: dict[str, dict[str, Any]] = {"path": dict(real), "query": {}}
            values[parameter.location.value][parameter.name] = value
            case = operation.Case(path_parameters=values["path"], query=values["query"], **body)
            case.call_and_validate(headers=headers, checks=CHECKS)
