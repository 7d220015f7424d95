"""Probe."""
import re
from pathlib import Path
from playwright.sync_api import Page, expect
from tests.browser.conftest import REPORTER, log_in, upload_file
from tests.web.conftest import extract

def test_probe(page: Page, tmp_path: Path) -> None:
    log_in(page, REPORTER)
    page.goto("/portal/030101/11F/2025")
    address = upload_file(page, tmp_path, extract(records=100, errors=10, seed=1))
    page.get_by_label("Feil", exact=True).check()
    expect(page).to_have_url(re.compile(r"\?alvorlighet=error&"))
    page.get_by_label("Advarsel", exact=True).check()
    expect(page).to_have_url(re.compile(r"warning"))
    page.evaluate("() => sessionStorage.clear()")
    with page.expect_response(lambda r: "opplastinger" in r.url) as resp:
        page.go_back()
    print("HEADERS", resp.value.request.headers)
    expect(page).to_have_url(re.compile(r"\?alvorlighet=error&saksbehandler"))
    page.wait_for_timeout(500)
    print("H1", page.locator("h1").count(), page.locator("body").inner_text()[:200])
