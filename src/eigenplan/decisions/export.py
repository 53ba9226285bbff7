"""The household's support items, mandate requests, decisions and decision letters as JSON-ready
data, for the resident's download of everything kept about them (AVG art. 15 and 20;
privacy.export). Six queries whatever the size, each filtered by the household itself.

Everything kept about the household is here, the legal machinery too (the legal ground, how it
was derived, the mandate it was decided on and the reasons): that is what the right of access is
for. Of a letter only what it is, when and which decisions it covers: the letter itself (HTML and
PDF) the resident already has, and it holds nothing that is not in the decisions."""

import datetime
from decimal import Decimal

from django.utils import timezone

from eigenplan.decisions.models import (
    Decision,
    DecisionLetter,
    Escalation,
    MandateRequest,
    SupportItem,
)
from eigenplan.households.models import Household


def _moment(value: datetime.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value is not None else None


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _name(user) -> str:
    return str(user) if user is not None else ""


def _support_item(item: SupportItem, household: Household) -> dict:
    person = item.person if item.person_id and item.person.household_id == household.pk else None
    return {
        "id": item.pk,
        "description": item.description,
        "goal_text": item.goal_text,
        "person": {"id": person.pk, "name": str(person)} if person is not None else None,
        "provision": item.provision.name if item.provision_id else None,
        "maatwerk_kind": str(item.get_maatwerk_kind_display()) if item.maatwerk_kind else "",
        "product_category": item.product_category,
        "product_code": item.product_code,
        "volume": item.volume,
        "unit": str(item.get_unit_display()),
        "frequency": str(item.get_frequency_display()),
        "price_per_unit": _money(item.price_per_unit),
        "total_cost": _money(item.total_cost),
        "start_date": _day(item.start_date),
        "end_date": _day(item.end_date),
        "law": item.law,
        "law_label": str(item.get_law_display()),
        "derived_law": item.derived_law,
        "derived_by_rule": item.derived_by.name if item.derived_by_id else "",
        "law_correction_reason": item.law_correction_reason,
        "status": item.status,
        "status_label": str(item.get_status_display()),
        "created_by": _name(item.created_by),
        "created_at": _moment(item.created_at),
    }


def _escalation(step: Escalation) -> dict:
    return {
        "from": _name(step.from_mandate.holder),
        "to": _name(step.to_mandate.holder),
        "missed_deadline": _day(step.missed_deadline),
        "new_deadline": _day(step.new_deadline),
        "occurred_at": _moment(step.occurred_at),
    }


def _mandate_request(request: MandateRequest, steps: list[dict]) -> dict:
    return {
        "id": request.pk,
        "support_item": request.support_item_id,
        "requested_by": _name(request.requested_by),
        "reasoning": request.reasoning,
        "mandate_holder": _name(request.mandate.holder),
        "mandate_level": request.mandate.level,
        "deadline": _day(request.deadline),
        "escalations": steps,
        "status": request.status,
        "status_label": str(request.get_status_display()),
        "created_at": _moment(request.created_at),
        "decided_at": _moment(request.decided_at),
    }


def _decision(decision: Decision) -> dict:
    return {
        "id": decision.pk,
        "support_item": decision.support_item_id,
        "outcome": decision.outcome,
        "outcome_label": str(decision.get_outcome_display()),
        "decided_by": decision.decided_by_name,
        "mandate": decision.mandate_label,
        "goal_text": decision.goal_text,
        "law": decision.law,
        "law_label": str(decision.get_law_display()),
        "reasons": decision.reasons,
        "mandate_request": decision.request_id,
        "decided_at": _moment(decision.decided_at),
    }


def _letter(letter: DecisionLetter, decision_ids: list[int]) -> dict:
    return {
        "id": letter.pk,
        "title": letter.title,
        "language": letter.language,
        "issued_by": _name(letter.issued_by),
        "issued_at": _moment(letter.issued_at),
        "objection_deadline": _day(letter.objection_deadline),
        "decisions": decision_ids,
    }


def export_decisions(household: Household) -> dict:
    items = [
        _support_item(item, household)
        for item in SupportItem.objects.filter(household=household)
        .select_related("provision", "person", "derived_by", "created_by")
        .order_by("created_at", "id")
    ]
    steps: dict[int, list[dict]] = {}
    for step in (
        Escalation.objects.filter(request__household=household)
        .select_related("from_mandate__holder", "to_mandate__holder")
        .order_by("occurred_at", "id")
    ):
        steps.setdefault(step.request_id, []).append(_escalation(step))
    requests = [
        _mandate_request(request, steps.get(request.pk, []))
        for request in MandateRequest.objects.filter(household=household)
        .select_related("mandate__holder", "requested_by")
        .order_by("created_at", "id")
    ]
    decisions = [
        _decision(decision)
        for decision in Decision.objects.filter(household=household).order_by("decided_at", "id")
    ]
    covered: dict[int, list[int]] = {}
    for letter_id, decision_id in (
        DecisionLetter.decisions.through.objects.filter(decisionletter__household=household)
        .order_by("decision_id")
        .values_list("decisionletter_id", "decision_id")
    ):
        covered.setdefault(letter_id, []).append(decision_id)
    letters = [
        _letter(letter, covered.get(letter.pk, []))
        for letter in DecisionLetter.objects.filter(household=household)
        .defer("html", "pdf")
        .select_related("issued_by")
        .order_by("issued_at", "id")
    ]
    return {
        "support_items": items,
        "mandate_requests": requests,
        "decisions": decisions,
        "decision_letters": letters,
    }
