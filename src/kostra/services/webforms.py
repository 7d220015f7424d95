"""Web forms on the portal: the form with the answers being worked on, checked as they change,
drafts saved, and the answers handed on as an upload to be submitted like an extract.

The answers shown are the unit's draft when it has one newer than its last submitted version,
else the last submitted version's, else none. Checking runs the form's own controls in the web
server's thread pool: a form is one row, checked in milliseconds.

A form being filled in does not shout: that a mandatory question is not answered yet is shown
only once the reporter has checked the answers (`checked_all`); until then such questions are
counted as remaining, and every other finding is shown at its question.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from kostra.catalog.sql import names_in
from kostra.controls import Finding, Report, Severity, webform
from kostra.intake.access import Principal
from kostra.intake.calendar import Decision, Window
from kostra.records.answers import Answers, Read, to_bytes
from kostra.registry import municipality_name
from kostra.services import delivery, policy
from kostra.services.delivery import Checker
from kostra.services.targets import Target, may_deliver_for, may_see
from kostra.services.views import UploadView
from kostra.store import answers as stored
from kostra.store import calendar, deliveries
from kostra.store.database import Database
from kostra.text import now

MAX_ANSWER_BYTES = 256 * 1024  # a form's answers are a few kilobytes; this is ample


@dataclass(frozen=True)
class FormView:
    """A web form for a unit: the answers, where they came from, and what the controls found."""

    target: Target
    sent: Mapping[str, Any]  # the answers as shown in the fields (as typed, or as stored)
    source: str  # what the answers are, for the reporter
    checked: webform.Checked
    window: Window
    decision: Decision
    declared: bool
    saved_at: datetime | None
    checked_all: bool = False  # the reporter asked for every finding (after "Kontroller")

    @property
    def report(self) -> Report:
        """The controls' findings on the answers."""
        return self.checked.report

    @property
    def answers(self) -> Read:
        """The answers as read (sums worked out, conditions evaluated)."""
        return self.checked.answers

    def _shown(self, finding: Finding) -> bool:
        return self.checked_all or not webform.is_missing(finding)

    def findings_at(self, name: str) -> list[Finding]:
        """The findings shown at question `name` (a question merely not answered yet is not a
        finding to show until the answers are checked)."""
        return [f for f in self.report.findings if name in f.fields and self._shown(f)]

    def general_findings(self) -> list[Finding]:
        """Findings not tied to one question."""
        return [f for f in self.report.findings if not f.fields]

    @property
    def summary(self) -> str:
        """The line above the form: what must be corrected, what remains, what to look at."""
        shown = [f for f in self.report.findings if self._shown(f)]
        return summary(
            errors=sum(1 for f in shown if f.severity.blocks_submission),
            remaining=sum(1 for f in self.report.findings if not self._shown(f)),
            warnings=sum(1 for f in shown if f.severity is Severity.WARNING),
        )

    def asked(self, name: str) -> bool:
        """Whether question `name` is asked, given the other answers."""
        return self.answers.asked.get(name, True)

    def depends_on(self, name: str) -> str:
        """The questions whose answers decide whether question `name` is asked: `2.2` or
        «Har kommunen utekontakt?»."""
        condition = self.target.form.field(name).asked_when or ""
        names = names_in(condition) if condition else set()
        form = self.target.form
        shown = [
            f"spørsmål {f.number}" if f.number else f"«{f.label}»"
            for f in form.fields
            if f.name in names
        ]
        return " og ".join(shown) or "andre spørsmål"

    def shown(self, name: str) -> str:
        """The text in the field of question `name`."""
        field = self.target.form.field(name)
        if field.sum_of:
            value = self.answers.values.get(name)
            return webform.show(field, value) if value is not None else ""
        value = self.sent.get(name)
        if value is None:
            return ""
        if isinstance(value, bool):
            return "ja" if value else "nei"
        if isinstance(value, float | int):
            return webform.show(field, value).replace(" ", "")
        return str(value)

    @property
    def municipality_name(self) -> str:
        """The name of the unit's municipality in the year."""
        return municipality_name(self.target.unit.municipality, self.target.year)


def summary(*, errors: int, remaining: int, warnings: int) -> str:
    """`2 feil må rettes før skjemaet kan sendes inn. 15 spørsmål gjenstår å besvare.`; on a
    fresh form only what remains. (static/webform.js says the same as the answers change.)"""
    said = []
    if errors:
        said.append(f"{errors} feil må rettes før skjemaet kan sendes inn.")
    if remaining:
        said.append(f"{remaining} spørsmål gjenstår å besvare.")
    if warnings and not errors:
        noun = "advarsel" if warnings == 1 else "advarsler"
        said.append(f"{'' if remaining else 'Ingen feil. '}{warnings} {noun} å se gjennom.")
    return " ".join(said) or "Ingen feil eller advarsler."


def form_fields(form: Mapping[str, Any], target: Target) -> dict[str, Any]:
    """The answers in a posted form: the form's questions only (a worked-out sum is ignored)."""
    return {f.name: form[f.name] for f in target.form.fields if f.name in form and not f.sum_of}


def check(
    session: Session, who: Principal, target: Target, sent: Mapping[str, Any]
) -> webform.Checked:
    """The controls' findings on `sent`, compared with the unit's answers last year."""
    may_see(who, target)
    last = stored.last_year_answers(session, target.unit, target.form.form, target.year)
    return webform.check(sent, target.form, target.unit, last)


def form_view(
    session: Session, who: Principal, target: Target, *, checked_all: bool = False
) -> FormView:
    """The form as the unit left it (draft, last submitted version, or empty); with
    `checked_all`, every finding shown, unanswered mandatory questions too."""
    may_see(who, target)
    code, form, year = target.unit.code, target.form.form, target.year
    draft = stored.draft(session, code, form, year)
    latest = stored.submitted(session, code, form, year)
    last = stored.last_year_answers(session, target.unit, form, year)
    window = calendar.window(session, form, year)
    declared = deliveries.standing_declaration(session, code, form, year) is not None
    decision = policy.decision(session, code, form, year, window, now())
    sent: Answers = {}
    source = "Skjemaet er ikke fylt ut ennå."
    saved_at = None
    if latest is not None:
        submission, sent = latest
        source = f"Svarene i innsendt versjon {submission.version}."
    if draft is not None and (latest is None or draft.saved_at > latest[0].submitted_at):
        sent, saved_at = stored.draft_answers(draft), draft.saved_at
        source = "Utkastet ditt (ikke sendt inn)."
    return FormView(
        target=target,
        sent=sent,
        source=source,
        checked=webform.check(sent, target.form, target.unit, last),
        window=window,
        decision=decision,
        declared=declared,
        saved_at=saved_at,
        checked_all=checked_all,
    )


def save_draft(db: Database, who: Principal, target: Target, sent: Mapping[str, Any]) -> datetime:
    """Keep `sent` as the unit's draft (the values as typed, so nothing the reporter wrote is
    lost, even what cannot be read yet); when it was saved."""
    may_deliver_for(who, target)
    kept = {name: value for name, value in sent.items() if value not in (None, "")}
    at = now()
    with db.write() as session:
        stored.save_draft(
            session, target.unit.code, target.form.form, target.year, kept, who.user_id, at
        )
    return at


def answer_bytes(checked: webform.Checked, sent: Mapping[str, Any]) -> bytes:
    """What is kept of checked answers as the upload: the values read (typed, sums worked out),
    and answers that could not be read or name no question as they were sent, so that checking
    the kept bytes again finds what the reporter was shown."""
    kept = dict(checked.answers.values)
    kept.update({p.field: sent[p.field] for p in checked.answers.problems})
    kept.update({name: sent[name] for name in checked.answers.unknown})
    return to_bytes(kept)


def file_name(target: Target) -> str:
    """The name the answers are kept under, as an extract's file name is."""
    return f"skjema-{target.form.form}-{target.year}-{target.unit.code}.json"


def deliver(
    db: Database,
    check_with: Checker,
    who: Principal,
    target: Target,
    sent: Mapping[str, Any],
    channel: str,
    *,
    limit: int,
) -> UploadView:
    """Deliver a web form's answers like an extract: checked, kept as the upload (with what
    could not be read, as it was sent), checked again by the control runner and compared with
    last year; submit them as any upload."""
    may_deliver_for(who, target)
    with db.read() as session:
        checked = check(session, who, target, sent)
    data = answer_bytes(checked, sent)
    return delivery.upload(
        db, check_with, who, target, data, file_name(target), channel, limit=limit
    )
