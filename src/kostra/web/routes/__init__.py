"""Routers: one per part of the application (login, portal, staff pages, REST API)."""
