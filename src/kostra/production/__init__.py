"""Statistics production: the statistics year from accepted submissions, corrections with an
audit trail, revision against last year, non-response and estimates."""
