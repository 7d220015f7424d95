"""The control program: rules, severities, findings, the engine and the report."""

from kostra.controls import webform
from kostra.controls.finding import Finding
from kostra.controls.program import Run, check, run
from kostra.controls.registry import declared, has_rules, in_force, rules_for, skipped
from kostra.controls.report import Report
from kostra.controls.rule import Context, NotApplicable, Rule, RuleFamily, Stage
from kostra.controls.severity import Severity
from kostra.controls.statistics import StatTable

__all__ = [
    "Context",
    "Finding",
    "NotApplicable",
    "Report",
    "Rule",
    "RuleFamily",
    "Run",
    "Severity",
    "Stage",
    "StatTable",
    "check",
    "declared",
    "has_rules",
    "in_force",
    "rules_for",
    "run",
    "skipped",
    "webform",
]
