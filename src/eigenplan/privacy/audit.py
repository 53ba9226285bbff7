"""Recording what people do with a household's data."""

from eigenplan.households.access import standing
from eigenplan.privacy.models import AuditEvent


def record_event(*, actor, household, verb: str, obj=None, detail: dict | None = None) -> None:
    """Append an audit event. Called inside the service's transaction, so the event exists
    exactly when the change does. `detail` must not hold identifiers such as a BSN."""
    object_type = obj._meta.model_name if obj is not None else ""
    AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=str(actor) if actor is not None else "system",
        actor_role=standing(actor, household).role_label if household is not None else "",
        household=household,
        verb=verb,
        object_type=object_type,
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        detail=detail or {},
    )
