"""CSV imports for the municipal catalogue and settings, run from the admin. Each import is
idempotent (a row is found again by its key and updated, or left alone when nothing changed)
and reports every rejected row with its reason; the good rows are kept."""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from eigenplan.accounts.models import PROFESSIONAL_ROLES
from eigenplan.core.models import ClosedDay
from eigenplan.decisions.models import Law, LegalGroundRule, LetterText, Mandate, Provision
from eigenplan.privacy.audit import record_event

MAX_ROWS = 5000


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


class RowError(Exception):
    pass


def read_rows(data: bytes | str, required: tuple[str, ...]) -> list[tuple[int, dict]]:
    """The rows of a CSV file (comma or semicolon, UTF-8 with or without BOM) as
    (line number, {column: value}). Raises ValidationError when the file itself is unusable."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(
                _("Het bestand is geen UTF-8-tekst. Sla het op als CSV UTF-8.")
            ) from None
    try:
        dialect = csv.Sniffer().sniff(data[:4096], delimiters=",;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(data), dialect=dialect)
    columns = [c.strip() for c in (reader.fieldnames or [])]
    missing = [c for c in required if c not in columns]
    if missing:
        raise ValidationError(
            _("Deze kolommen ontbreken: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    rows = []
    for row in reader:
        if len(rows) >= MAX_ROWS:
            raise ValidationError(_("Te veel regels: hoogstens %(n)s.") % {"n": MAX_ROWS})
        clean = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k}
        if any(clean.values()):
            rows.append((reader.line_num, clean))
    return rows


def _bool(value: str) -> bool:
    return value.lower() not in ("0", "nee", "no", "false", "onwaar")


def _decimal(value: str, column: str) -> Decimal:
    try:
        return Decimal(value.replace(",", "."))
    except InvalidOperation:
        raise RowError(
            _("%(column)s is geen bedrag: %(value)s") % {"column": column, "value": value}
        ) from None


def _int_or_none(value: str, column: str) -> int | None:
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise RowError(
            _("%(column)s is geen heel getal: %(value)s") % {"column": column, "value": value}
        ) from None


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in error.message_dict.items())
    return " ".join(error.messages)


def _save(model, key: dict, values: dict, report: ImportReport) -> None:
    """Create or update the object found by `key`, after the model's own validation."""
    existing = model.objects.filter(**key).first()
    obj = existing or model(**key)
    if existing is not None and all(getattr(existing, k) == v for k, v in values.items()):
        report.count("unchanged")
        return
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean(validate_unique=existing is None)
    obj.save()
    report.count("created" if existing is None else "updated")


def _run(rows, handle, report: ImportReport) -> list[tuple[int, dict]]:
    """Each row in its own transaction; returns the rows that were accepted."""
    accepted = []
    for line, row in rows:
        try:
            with transaction.atomic():
                handle(row, report)
        except RowError as error:
            report.rejected.append((line, str(error)))
        except ValidationError as error:
            report.rejected.append((line, _messages(error)))
        else:
            accepted.append((line, row))
    return accepted


def _audit(actor, what: str, report: ImportReport) -> None:
    record_event(
        actor=actor,
        household=None,
        verb="import_csv",
        detail={
            "what": what,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "rejected": len(report.rejected),
        },
    )


PROVISION_COLUMNS = (
    "reference",
    "name",
    "plain_description",
    "product_category",
    "product_code",
    "unit",
    "frequency",
    "price_per_unit",
    "law",
)


def import_provisions(data, *, actor) -> ImportReport:
    rows = read_rows(data, PROVISION_COLUMNS)
    report = ImportReport()

    def handle(row, report):
        if not row["reference"]:
            raise RowError(_("Het kenmerk (reference) is leeg."))
        values = {
            "name": row["name"],
            "plain_description": row["plain_description"],
            "product_category": row["product_category"].zfill(2) if row["product_category"] else "",
            "product_code": row["product_code"],
            "unit": row["unit"].zfill(2) if row["unit"] else "",
            "frequency": row["frequency"],
            "price_per_unit": _decimal(row["price_per_unit"], "price_per_unit").quantize(
                Decimal("0.01")
            ),
            "law": row["law"],
            "is_active": _bool(row.get("is_active", "") or "ja"),
        }
        _save(Provision, {"reference": row["reference"]}, values, report)

    _run(rows, handle, report)
    _audit(actor, "provisions", report)
    return report


RULE_COLUMNS = (
    "name",
    "priority",
    "provision_reference",
    "product_category",
    "maatwerk_kind",
    "min_age",
    "max_age",
    "law",
)


def import_rules(data, *, actor) -> ImportReport:
    rows = read_rows(data, RULE_COLUMNS)
    report = ImportReport()

    def handle(row, report):
        if not row["name"]:
            raise RowError(_("De naam (name) is leeg."))
        provision = None
        if row["provision_reference"]:
            provision = Provision.objects.filter(reference=row["provision_reference"]).first()
            if provision is None:
                raise RowError(
                    _("Er is geen voorziening met kenmerk %(ref)s.")
                    % {"ref": row["provision_reference"]}
                )
        priority = _int_or_none(row["priority"], "priority")
        values = {
            "priority": 100 if priority is None else priority,
            "provision": provision,
            "product_category": row["product_category"].zfill(2) if row["product_category"] else "",
            "maatwerk_kind": row["maatwerk_kind"],
            "min_age": _int_or_none(row["min_age"], "min_age"),
            "max_age": _int_or_none(row["max_age"], "max_age"),
            "law": row["law"],
            "is_active": _bool(row.get("is_active", "") or "ja"),
        }
        _save(LegalGroundRule, {"name": row["name"]}, values, report)

    _run(rows, handle, report)
    _audit(actor, "legal_ground_rules", report)
    return report


MANDATE_COLUMNS = ("username", "level", "laws", "yearly_budget_per_household", "escalates_to")


def import_mandates(data, *, actor) -> ImportReport:
    """Two passes: first every mandate, then whom each escalates to, so the order of the rows
    does not matter."""
    rows = read_rows(data, MANDATE_COLUMNS)
    report = ImportReport()
    users = get_user_model().objects

    def handle(row, report):
        user = users.filter(username=row["username"]).first()
        if user is None:
            raise RowError(_("Er is geen gebruiker %(name)s.") % {"name": row["username"]})
        if user.role not in PROFESSIONAL_ROLES:
            raise RowError(
                _("%(name)s is geen regisseur of teamleider.") % {"name": row["username"]}
            )
        laws = sorted(
            {law.strip() for law in row["laws"].replace(",", "|").split("|") if law.strip()}
        )
        unknown = [law for law in laws if law not in Law.values]
        if unknown:
            raise RowError(
                _("Onbekende wet: %(laws)s. Kies uit: %(known)s.")
                % {"laws": ", ".join(unknown), "known": ", ".join(Law.values)}
            )
        level = _int_or_none(row["level"], "level")
        values = {
            "level": 1 if level is None else level,
            "laws": laws,
            "yearly_budget_per_household": _decimal(
                row["yearly_budget_per_household"], "yearly_budget_per_household"
            ).quantize(Decimal("0.01")),
        }
        _save(Mandate, {"holder": user}, values, report)

    accepted = _run(rows, handle, report)
    for line, row in accepted:
        target = None
        if row["escalates_to"]:
            target = Mandate.objects.filter(holder__username=row["escalates_to"]).first()
            if target is None:
                report.rejected.append(
                    (
                        line,
                        _("%(name)s heeft geen mandaat om naar door te zetten.")
                        % {"name": row["escalates_to"]},
                    )
                )
                continue
        mandate = Mandate.objects.get(holder__username=row["username"])
        if mandate.escalates_to_id != (target.pk if target else None):
            if target is not None and target.pk == mandate.pk:
                report.rejected.append((line, _("Een mandaat kan niet naar zichzelf doorzetten.")))
                continue
            mandate.escalates_to = target
            mandate.save(update_fields=["escalates_to"])
    _audit(actor, "mandates", report)
    return report


CLOSED_DAY_COLUMNS = ("date", "name")


def import_closed_days(data, *, actor) -> ImportReport:
    rows = read_rows(data, CLOSED_DAY_COLUMNS)
    report = ImportReport()

    def handle(row, report):
        import datetime

        try:
            day = datetime.date.fromisoformat(row["date"])
        except ValueError:
            raise RowError(
                _("Dit is geen datum als 2026-12-24: %(value)s") % {"value": row["date"]}
            ) from None
        _save(ClosedDay, {"date": day}, {"name": row["name"]}, report)

    _run(rows, handle, report)
    _audit(actor, "closed_days", report)
    return report


LETTER_TEXT_COLUMNS = ("key", "text")


def import_letter_texts(data, *, actor) -> ImportReport:
    """The municipality's own wording of the decision letter, one row per text (key: intro,
    objection, general, closing)."""
    rows = read_rows(data, LETTER_TEXT_COLUMNS)
    report = ImportReport()

    def handle(row, report):
        if row["key"] not in LetterText.Key.values:
            raise RowError(
                _("Onbekende tekst: %(key)s. Kies uit: %(keys)s.")
                % {"key": row["key"], "keys": ", ".join(LetterText.Key.values)}
            )
        _save(LetterText, {"key": row["key"]}, {"text": row["text"]}, report)

    _run(rows, handle, report)
    _audit(actor, "letter_texts", report)
    return report
