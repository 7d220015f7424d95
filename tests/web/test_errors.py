"""One error family, one handler: every kind of problem is answered with its own status, as a
page in Norwegian on the portal and as JSON on the API, with nothing internal in either."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kostra.errors import Forbidden, Invalid, KostraError, NotFound, Reason, Refused
from kostra.production.corrections import CorrectionRefused
from kostra.store.accounts import AccountError
from kostra.store.releases import NothingToPublish
from kostra.web.errors import STATUS, answered_on_page, install
from kostra.web.rendering import Pages

MESSAGE = "Gjør det slik i stedet."


def _app() -> FastAPI:
    app = FastAPI()
    install(app)
    app.state.portal = SimpleNamespace(pages=Pages())

    for prefix in ("", "/api"):

        @app.get(prefix + "/reason/{reason}")
        def raise_reason(reason: str) -> None:
            raise KostraError(MESSAGE, reason=Reason(reason))

        @app.get(prefix + "/refused")
        def refused() -> None:
            with answered_on_page("Kan ikke sendes inn", "/tilbake"):
                raise Refused(MESSAGE, reason=Reason.CLOSED)

    return app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(_app(), raise_server_exceptions=False)


def test_every_reason_has_a_status() -> None:
    assert set(STATUS) == set(Reason)


@pytest.mark.parametrize("reason", list(Reason), ids=str)
def test_a_reason_is_answered_with_its_status_as_page_and_json(
    client: TestClient, reason: Reason
) -> None:
    page = client.get(f"/reason/{reason.value}")
    assert page.status_code == STATUS[reason]
    assert page.headers["content-type"].startswith("text/html")
    assert MESSAGE in page.text
    api = client.get(f"/api/reason/{reason.value}")
    assert api.status_code == STATUS[reason]
    assert api.json() == {"detail": MESSAGE}
    if reason is Reason.UNAUTHENTICATED:
        assert api.headers["www-authenticate"] == "Bearer"


def test_a_refusal_on_a_page_has_its_title_and_a_way_back(client: TestClient) -> None:
    page = client.get("/refused")
    assert page.status_code == 403
    assert "Kan ikke sendes inn" in page.text
    assert 'href="/tilbake"' in page.text
    assert client.get("/api/refused").json() == {"detail": MESSAGE}


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (Invalid(MESSAGE), Reason.INVALID),
        (NotFound(), Reason.NOT_FOUND),
        (Forbidden(), Reason.FORBIDDEN),
        (Refused(MESSAGE), Reason.CONFLICT),
        (CorrectionRefused(MESSAGE), Reason.UNPROCESSABLE),
        (AccountError(MESSAGE), Reason.UNPROCESSABLE),
        (NothingToPublish(MESSAGE), Reason.CONFLICT),
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, KostraError) else str(v),
)
def test_the_family(error: KostraError, reason: Reason) -> None:
    assert isinstance(error, KostraError)
    assert error.reason is reason
    assert error.message


def test_the_default_messages_say_what_happened() -> None:
    assert NotFound().message == "Siden finnes ikke."
    assert Forbidden().message == "Du har ikke tilgang til denne siden."
