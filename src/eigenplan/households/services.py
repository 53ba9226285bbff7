"""Writes to households and their circle: one transaction each, permission and validation first,
an audit event with the change."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from eigenplan.core.errors import ConflictError
from eigenplan.households.models import CircleMember, Household
from eigenplan.plans.models import LifeDomain, Plan
from eigenplan.privacy.audit import record_event
from eigenplan.privacy.consent import record_sharing_decision


def _require(actor, perm: str, household: Household) -> None:
    if not actor.has_perm(perm, household):
        raise PermissionDenied(_("U mag dit niet doen bij dit huishouden."))


def clean_circle_member_fields(data: dict[str, Any]) -> dict[str, Any]:
    errors = {}
    name = (data.get("name") or "").strip()
    if not name:
        errors["name"] = _("Vul een naam in. Een voornaam is genoeg.")
    elif len(name) > 150:
        errors["name"] = _("Deze naam is te lang.")
    relation = data.get("relation")
    if relation not in CircleMember.Relation.values:
        errors["relation"] = _("Kies wat deze persoon voor u is.")
    email = (data.get("email") or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Dit e-mailadres klopt niet. Kijk of er een @ in staat.")
    phone = (data.get("phone") or "").strip()
    if phone and (len(phone) > 20 or not all(c.isdigit() or c in "+- ()" for c in phone)):
        errors["phone"] = _(
            "Dit telefoonnummer klopt niet. Gebruik alleen cijfers, spaties, + of -."
        )
    domains = list(data.get("shared_life_domains") or [])
    if any(domain not in LifeDomain.values for domain in domains):
        errors["shared_life_domains"] = _("Kies alleen leefgebieden uit de lijst.")
    detail = (data.get("relation_detail") or "").strip()
    if len(detail) > 120:
        errors["relation_detail"] = _("Dit is te lang. Gebruik niet meer dan 120 tekens.")
    if errors:
        raise ValidationError(errors)
    return {
        "name": name,
        "relation": relation,
        "relation_detail": detail,
        "email": email,
        "phone": phone,
        "shared_life_domains": [d for d in LifeDomain.values if d in domains],
        "shares_dream": bool(data.get("shares_dream")),
    }


def _touch_plan(household: Household) -> None:
    # The circle is part of the plan: a change means there is something new to approve.
    Plan.objects.filter(household=household).update(has_unapproved_changes=True)


@transaction.atomic
def add_circle_member(*, actor, household: Household, **data) -> CircleMember:
    _require(actor, "households.manage_circle", household)
    member = CircleMember.objects.create(household=household, **clean_circle_member_fields(data))
    record_sharing_decision(actor=actor, member=member)
    _touch_plan(household)
    record_event(actor=actor, household=household, verb="create", obj=member)
    return member


@transaction.atomic
def update_circle_member(
    *, actor, member: CircleMember, expected_revision: int | None = None, **data
) -> CircleMember:
    _require(actor, "households.manage_circle", member.household)
    fields = clean_circle_member_fields(data)
    current = member.revision if expected_revision is None else expected_revision
    updated = CircleMember.objects.filter(pk=member.pk, revision=current).update(
        revision=current + 1, **fields
    )
    if not updated:
        raise ConflictError(current=CircleMember.objects.filter(pk=member.pk).first())
    sharing_before = (member.shared_life_domains, member.shares_dream)
    member.refresh_from_db()
    if (member.shared_life_domains, member.shares_dream) != sharing_before:
        # A change of what this person may see holds from their next request on.
        record_sharing_decision(actor=actor, member=member)
    _touch_plan(member.household)
    record_event(actor=actor, household=member.household, verb="update", obj=member)
    return member


@transaction.atomic
def remove_circle_member(*, actor, member: CircleMember) -> None:
    """A member who leaves the circle stays in old versions and past actions, so the record is
    kept and marked inactive; they lose access at once."""
    _require(actor, "households.manage_circle", member.household)
    CircleMember.objects.filter(pk=member.pk).update(is_active=False, revision=member.revision + 1)
    record_sharing_decision(actor=actor, member=member, withdraw=True)
    _touch_plan(member.household)
    record_event(actor=actor, household=member.household, verb="remove", obj=member)
