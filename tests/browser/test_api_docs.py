"""The REST API's documentation page works in a real browser from the portal's own files: no
CDN, no inline script (the `page` fixture fails on a CSP violation or a foreign request)."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_api_documentation_renders_offline(page: Page) -> None:
    page.goto("/api/docs")
    expect(page.locator(".opblock").first).to_be_visible()
    expect(page.get_by_text("/api/v1/uploads", exact=True).first).to_be_visible()
    expect(page.get_by_role("button", name="Authorize")).to_be_visible()
