"""Statistics production for staff: the production key (revision against last year is
`services.revision`, corrections `services.corrections`, releases `services.publishing`)."""

from __future__ import annotations

from kostra.errors import KostraError, Reason
from kostra.settings import Settings


def pseudonym_key(settings: Settings) -> bytes:
    """The production key (KOSTRA_PSEUDONYM_KEY), or a message that says how to set it."""
    key = settings.pseudonym_key
    if key is None or not key.get_secret_value():
        raise KostraError(
            "KOSTRA_PSEUDONYM_KEY er ikke satt: produksjonen trenger nøkkelen som erstatter "
            "fødselsnumre med pseudonymer (en lang, hemmelig tekst, den samme hvert år). Sett "
            "nøkkelen og start på nytt.",
            reason=Reason.CONFLICT,
        )
    return key.get_secret_value().encode("utf-8")
