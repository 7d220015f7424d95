"""Releases (preliminary, final): datasets, their writers (JSON-stat 2.0, CSV, PX), charts and
fact sheets."""
