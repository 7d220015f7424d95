"""The use cases of kostra over the store and the domain: what the web pages, the REST API, the
CLI and the demo loader share (upload, check, submit, declare, withdraw; the views of a
delivery). Nothing here knows HTTP: problems are raised as `kostra.errors.KostraError`."""
