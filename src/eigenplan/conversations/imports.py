"""CSV import of the legal deadline rules, run from the admin (the shared CSV machinery is
decisions.imports)."""

from django.utils.translation import gettext as _

from eigenplan.conversations.models import DeadlineRule
from eigenplan.decisions.imports import (
    ImportReport,
    RowError,
    _audit,
    _bool,
    _int_or_none,
    _run,
    _save,
    read_rows,
)

DEADLINE_RULE_COLUMNS = ("code", "law", "starts_on", "urgency", "name", "amount", "unit", "source")


def import_deadline_rules(data, *, actor) -> ImportReport:
    """The legal periods (conversations.DeadlineRule), found again by their code. A changed
    rule counts for clocks started from now on; running clocks keep their copy."""
    rows = read_rows(data, DEADLINE_RULE_COLUMNS)
    report = ImportReport()

    def handle(row, report):
        amount = _int_or_none(row["amount"], "amount")
        if amount is None:
            raise RowError(_("amount ontbreekt: hoe lang is de termijn?"))
        values = {
            "law": row["law"],
            "starts_on": row["starts_on"],
            "urgency": row["urgency"],
            "name": row["name"],
            "amount": amount,
            "unit": row["unit"],
            "source": row["source"],
            "unverified": _bool(row.get("unverified") or "ja"),
            "is_active": _bool(row.get("is_active") or "ja"),
        }
        _save(DeadlineRule, {"code": row["code"]}, values, report)

    _run(rows, handle, report)
    _audit(actor, "deadline_rules", report)
    return report
