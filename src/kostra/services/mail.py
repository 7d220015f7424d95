"""E-mail: reminders and error lists go out by SMTP when a mail server is set, and are recorded
either way (`delivery`: sent, failed, recorded when no server is set, no_address when the unit
has no reporter with an e-mail address)."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from kostra.intake.notices import Message
from kostra.settings import Settings

SENT, FAILED, RECORDED, NO_ADDRESS = "sent", "failed", "recorded", "no_address"
DELIVERY_LABELS = {
    SENT: "Sendt på e-post",
    FAILED: "E-post feilet",
    RECORDED: "Registrert (e-post er ikke satt opp)",
    NO_ADDRESS: "Registrert (ingen e-postadresse)",
}


@dataclass(frozen=True)
class Attachment:
    """A file sent with a message."""

    name: str
    data: bytes
    mime: str  # "text/html"


@dataclass(frozen=True)
class Delivery:
    """How a message went."""

    status: str
    detail: str | None = None


class Mailer:
    """Sends messages through the configured SMTP server."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @property
    def configured(self) -> bool:
        """Whether a mail server is set."""
        return bool(self.settings.smtp_host)

    def send(
        self, to: list[str], message: Message, attachment: Attachment | None = None
    ) -> Delivery:
        """Send `message` to `to`; never raises for a mail server's failure."""
        if not to:
            return Delivery(NO_ADDRESS)
        if not self.configured:
            return Delivery(RECORDED)
        mail = EmailMessage()
        mail["From"] = self.settings.mail_from
        mail["To"] = ", ".join(to)
        mail["Subject"] = message.subject
        mail["Date"] = formatdate(localtime=True)
        mail["Message-ID"] = make_msgid(domain="kostra")
        mail.set_content(message.body)
        if attachment is not None:
            maintype, subtype = attachment.mime.split("/", 1)
            mail.add_attachment(
                attachment.data, maintype=maintype, subtype=subtype, filename=attachment.name
            )
        settings = self.settings
        try:
            with smtplib.SMTP(settings.smtp_host or "", settings.smtp_port, timeout=15) as smtp:
                if settings.smtp_starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if settings.smtp_user:
                    password = (
                        settings.smtp_password.get_secret_value() if settings.smtp_password else ""
                    )
                    smtp.login(settings.smtp_user, password)
                refused = smtp.send_message(mail)
        except (OSError, smtplib.SMTPException) as error:
            return Delivery(FAILED, f"{type(error).__name__}: {error}"[:500])
        if refused:
            return Delivery(FAILED, "avvist av e-posttjeneren: " + ", ".join(sorted(refused)))
        return Delivery(SENT)
