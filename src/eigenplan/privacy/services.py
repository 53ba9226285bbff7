"""Writes for the resident's GDPR rights: asking for a correction and answering it (AVG art. 16
and 12(3)), and closing a household's file, from which its retention period counts.

Every function is keyword-only, runs in one transaction, checks permission on the household,
validates with plain Dutch messages and records an audit event. The resident's own words stay
out of the audit trail (it can never be changed or removed); it records what happened, not what
was written.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenplan.households.models import Household
from eigenplan.privacy.audit import record_event
from eigenplan.privacy.models import CorrectionRequest
from eigenplan.privacy.periods import add_months

MAX_TEXT = 4000
MIN_REASON = 10
ANSWER_MONTHS = 1  # AVG art. 12(3): within one month of receipt
EXTENDED_MONTHS = 3  # ... extendable by two further months


def _require(actor, perm: str, household: Household) -> None:
    if not actor.has_perm(perm, household):
        raise PermissionDenied(_("U mag dit niet doen bij dit huishouden."))


def _text(value, field: str, *, required_message: str | None, errors: dict) -> str:
    text = (value or "").strip() if isinstance(value, str) else ""
    if not text and required_message:
        errors[field] = required_message
    elif len(text) > MAX_TEXT:
        errors[field] = _("Dit is te lang. Gebruik niet meer dan %(n)s tekens.") % {"n": MAX_TEXT}
    return text


def deadlines(received_at: datetime.datetime) -> tuple[datetime.date, datetime.date]:
    """The answer is due one calendar month after the day of receipt; extended, three."""
    day = timezone.localdate(received_at)
    return add_months(day, ANSWER_MONTHS), add_months(day, EXTENDED_MONTHS)


# --- correction requests -----------------------------------------------------------------------


@transaction.atomic
def request_correction(
    *, actor, household: Household, what_is_wrong: str, what_it_should_be: str = "", part: str = ""
) -> CorrectionRequest:
    _require(actor, "privacy.request_correction", household)
    errors: dict = {}
    wrong = _text(
        what_is_wrong,
        "what_is_wrong",
        required_message=_("Schrijf op wat er niet klopt."),
        errors=errors,
    )
    should_be = _text(what_it_should_be, "what_it_should_be", required_message=None, errors=errors)
    part = part or ""
    if part and part not in CorrectionRequest.Part.values:
        errors["part"] = _("Kies een deel uit de lijst, of kies niets.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    first_deadline, _extended = deadlines(now)
    correction = CorrectionRequest.objects.create(
        household=household,
        requested_by=actor,
        requested_by_name=str(actor),
        part=part,
        what_is_wrong=wrong,
        what_it_should_be=should_be,
        received_at=now,
        first_deadline=first_deadline,
        deadline=first_deadline,
    )
    record_event(
        actor=actor,
        household=household,
        verb="request_correction",
        obj=correction,
        detail={"part": part, "deadline": first_deadline.isoformat()},
    )
    return correction


def _locked_open(correction: CorrectionRequest) -> CorrectionRequest:
    current = CorrectionRequest.objects.select_for_update().get(pk=correction.pk)
    if not current.is_open:
        raise ValidationError(_("Dit verzoek is al beantwoord."))
    return current


OUTCOMES = (CorrectionRequest.Status.CORRECTED, CorrectionRequest.Status.DECLINED)


@transaction.atomic
def answer_correction(
    *, actor, correction: CorrectionRequest, outcome: str, answer: str
) -> CorrectionRequest:
    """Corrected (with what was changed) or declined (with the reason, which the resident reads
    next to their right to complain to the Autoriteit Persoonsgegevens)."""
    household = correction.household
    _require(actor, "privacy.answer_correction", household)
    errors: dict = {}
    if outcome not in OUTCOMES:
        errors["outcome"] = _("Kies of u het heeft verbeterd of niet.")
        required = _("Schrijf uw antwoord op. De inwoner leest het.")
    elif outcome == CorrectionRequest.Status.CORRECTED:
        required = _("Schrijf op wat u heeft verbeterd. De inwoner leest het.")
    else:
        required = _("Schrijf op waarom u het niet verbetert. De inwoner leest het.")
    text = _text(answer, "answer", required_message=required, errors=errors)
    if errors:
        raise ValidationError(errors)
    current = _locked_open(correction)
    now = timezone.now()
    current.status = outcome
    current.answer = text
    current.answered_by = actor
    current.answered_by_name = str(actor)
    current.answered_at = now
    current.save(
        update_fields=["status", "answer", "answered_by", "answered_by_name", "answered_at"]
    )
    record_event(
        actor=actor,
        household=household,
        verb="answer_correction",
        obj=current,
        detail={"outcome": outcome, "on_time": timezone.localdate(now) <= current.deadline},
    )
    return current


@transaction.atomic
def extend_correction(*, actor, correction: CorrectionRequest, reason: str) -> CorrectionRequest:
    """Two more months, once, and only within the first month (the resident must hear of it
    within one month of the request, with the reason: AVG art. 12(3))."""
    household = correction.household
    _require(actor, "privacy.answer_correction", household)
    errors: dict = {}
    text = _text(
        reason,
        "reason",
        required_message=_("Schrijf op waarom u meer tijd nodig heeft. De inwoner leest het."),
        errors=errors,
    )
    if text and len(text) < MIN_REASON:
        errors["reason"] = _(
            "Leg het iets beter uit (minstens %(n)s tekens). De inwoner leest het."
        ) % {"n": MIN_REASON}
    if errors:
        raise ValidationError(errors)
    current = _locked_open(correction)
    if current.is_extended:
        raise ValidationError(_("U heeft al meer tijd genomen. Dat kan maar één keer."))
    if timezone.localdate() > current.first_deadline:
        raise ValidationError(
            _("De eerste maand is voorbij. Meer tijd nemen kan alleen binnen die maand.")
        )
    _first, extended = deadlines(current.received_at)
    current.deadline = extended
    current.extension_reason = text
    current.extended_at = timezone.now()
    current.save(update_fields=["deadline", "extension_reason", "extended_at"])
    record_event(
        actor=actor,
        household=household,
        verb="extend_correction",
        obj=current,
        detail={"deadline": extended.isoformat()},
    )
    return current


# --- the household's file ----------------------------------------------------------------------


@transaction.atomic
def close_household_file(*, actor, household: Household) -> Household:
    """The support has ended: the file is closed now, and its retention period starts."""
    _require(actor, "privacy.close_file", household)
    current = Household.objects.select_for_update().get(pk=household.pk)
    if current.closed_at is not None:
        raise ValidationError(_("Dit dossier is al gesloten."))
    if CorrectionRequest.objects.filter(
        household=current, status=CorrectionRequest.Status.OPEN
    ).exists():
        raise ValidationError(_("Er is nog een vraag om iets te verbeteren. Beantwoord die eerst."))
    current.closed_at = timezone.now()
    current.save(update_fields=["closed_at"])
    household.closed_at = current.closed_at
    record_event(actor=actor, household=current, verb="close_file", obj=current)
    return current


@transaction.atomic
def reopen_household_file(*, actor, household: Household) -> Household:
    """Support starts again (or the file was closed by mistake): the retention clock stops."""
    _require(actor, "privacy.close_file", household)
    current = Household.objects.select_for_update().get(pk=household.pk)
    if current.closed_at is None:
        raise ValidationError(_("Dit dossier is niet gesloten."))
    current.closed_at = None
    current.save(update_fields=["closed_at"])
    household.closed_at = None
    record_event(actor=actor, household=current, verb="reopen_file", obj=current)
    return current
