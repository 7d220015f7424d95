"""The web application: the reporting portal for municipalities, the intake follow-up for the
statistics office, and the REST API under /api/v1."""
