"""The resident's decisions about who sees what, kept as history."""

from django.db.models import QuerySet

from eigenplan.privacy.models import SharingDecision


def record_sharing_decision(*, actor, member, withdraw: bool = False) -> SharingDecision:
    """Keep the circle member's sharing as it now stands (or a withdrawal of all of it) as a new,
    unchangeable decision. Called by the services inside their transaction."""
    return SharingDecision.objects.create(
        household_id=member.household_id,
        circle_member=member,
        shared_life_domains=[] if withdraw else list(member.shared_life_domains),
        shares_dream=False if withdraw else member.shares_dream,
        decided_by_id=actor.pk if actor is not None else None,
        decided_by_name=str(actor) if actor is not None else "",
    )


def sharing_history(member) -> QuerySet[SharingDecision]:
    return SharingDecision.objects.filter(circle_member=member).order_by("-decided_at", "-id")
