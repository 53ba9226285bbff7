"""Recording what people do with a household's data, and what they read of it.

Every event is appended to one hash chain (see `privacy.chain`). Appending locks the chain's
head row (SELECT ... FOR UPDATE) until the transaction ends, so concurrent writers take turns
and sequence numbers have no gaps; SQLite serialises writers anyway. Because the lock is held
until commit, a service should record its event as its last write.
"""

import datetime
from collections import OrderedDict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from eigenplan.households.access import standing
from eigenplan.privacy import chain
from eigenplan.privacy.models import AuditChainHead, AuditEvent

# A read of the same thing by the same person is logged at most once in this time.
READ_INTERVAL = datetime.timedelta(minutes=15)
PROFESSIONAL_ROLES = ("coordinator", "team_lead")
MUNICIPAL_ROLES = ("analyst", "administrator")
INDEPENDENT_COORDINATOR = "independent_coordinator"  # accounts.models.Role


def _locked_head() -> AuditChainHead:
    """The chain head, locked for this transaction. Made when missing (a new or flushed
    database), continuing from the newest stored event."""
    head = AuditChainHead.objects.select_for_update().filter(pk=AuditChainHead.ROW).first()
    if head is not None:
        return head
    newest = AuditEvent.objects.order_by("-sequence").values("sequence", "hash").first()
    try:
        with transaction.atomic():
            AuditChainHead.objects.create(
                pk=AuditChainHead.ROW,
                sequence=newest["sequence"] if newest else 0,
                hash=newest["hash"] if newest else chain.GENESIS,
            )
    except IntegrityError:
        pass  # another writer made it first; its row is locked below
    return AuditChainHead.objects.select_for_update().get(pk=AuditChainHead.ROW)


def append(
    events: list[AuditEvent], *, batch_size: int | None = None, head: AuditChainHead | None = None
) -> list[AuditEvent]:
    """Chain the (unsaved) events in this order and insert them. Each needs `occurred_at` and a
    normalised `detail` (chain.normalise_detail). `head` is the chain head when the caller has
    already locked it in the current transaction."""
    if not events:
        return events
    # No savepoint: a failure here must undo the caller's change with it, never only the event.
    with transaction.atomic(savepoint=False):
        head = head or _locked_head()
        sequence, last_hash = chain.link(events, sequence=head.sequence, prev_hash=head.hash)
        if len(events) == 1:
            events[0].save(force_insert=True)
        else:
            AuditEvent.objects.bulk_create(events, batch_size=batch_size)
        AuditChainHead.objects.filter(pk=AuditChainHead.ROW).update(
            sequence=sequence, hash=last_hash
        )
        head.sequence, head.hash = sequence, last_hash
    return events


def organisation_of(actor, household, view=None) -> str:
    """Where a professional works, as the resident should read it: the household's
    neighbourhood team for its professionals, else the municipality. Empty for residents and
    circle members."""
    role = getattr(actor, "role", "")
    if role in PROFESSIONAL_ROLES:
        view = view or standing(actor, household)
        if household is not None and view.team_name:
            return view.team_name
        if household is not None and view.is_coordinator:
            return f"Buurtteam {household.neighbourhood.name}"
        return settings.MUNICIPALITY_NAME
    if role in MUNICIPAL_ROLES:
        return settings.MUNICIPALITY_NAME
    return ""


def _role_label(actor, view) -> str:
    if view is None:
        return ""
    # The independent coordinator of a family group conference has no standing with the file;
    # their role says who they were.
    if view.role_label == "none" and getattr(actor, "role", "") == INDEPENDENT_COORDINATOR:
        return INDEPENDENT_COORDINATOR
    return view.role_label


def _event(*, actor, household, verb, object_type, object_id="", detail=None) -> AuditEvent:
    known = actor is not None and actor.is_authenticated
    view = standing(actor, household) if household is not None else None
    return AuditEvent(
        occurred_at=timezone.now(),
        actor_id=actor.pk if known else None,
        actor_name=str(actor) if actor is not None else "system",
        actor_role=_role_label(actor, view),
        actor_organisation=organisation_of(actor, household, view) if known else "",
        household_id=household.pk if household is not None else None,
        verb=verb,
        object_type=object_type,
        object_id=object_id,
        detail=chain.normalise_detail(detail),
    )


def record_event(*, actor, household, verb: str, obj=None, detail: dict | None = None) -> None:
    """Append an audit event. Called inside the service's transaction, so the event exists
    exactly when the change does. `detail` must not hold identifiers such as a BSN."""
    append(
        [
            _event(
                actor=actor,
                household=household,
                verb=verb,
                object_type=obj._meta.model_name if obj is not None else "",
                object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
                detail=detail,
            )
        ]
    )


def _last_read(actor, household, what: str) -> datetime.datetime | None:
    return (
        AuditEvent.objects.filter(
            verb="view", actor_id=actor.pk, household_id=household.pk, object_type=what
        )
        .order_by("-occurred_at")
        .values_list("occurred_at", flat=True)
        .first()
    )


class RecentReads:
    """When this process last saw a logged read, per (reader, household, what): a repeat read
    within READ_INTERVAL then needs no query at all. Only ever a shortcut: a miss asks the
    database, and the database (under the chain's lock) decides. Bounded, oldest out first."""

    def __init__(self, size: int = 20_000):
        self.size = size
        self._seen: OrderedDict[tuple[int, int, str], datetime.datetime] = OrderedDict()

    def logged_since(self, key, since: datetime.datetime) -> bool:
        seen = self._seen.get(key)
        return seen is not None and since <= seen <= timezone.now()

    def remember(self, key, when: datetime.datetime | None) -> None:
        if when is None:
            return
        self._seen[key] = when
        self._seen.move_to_end(key)
        while len(self._seen) > self.size:
            self._seen.popitem(last=False)

    def clear(self) -> None:
        self._seen.clear()


recent_reads = RecentReads()


def record_access(*, actor, household, what: str, why: str = "") -> AuditEvent | None:
    """Log that `actor` read `what` ("plan", "proposals", "versions", "circle", "household") of
    the household, for the resident's access log. Nothing is logged for the resident or their
    representative (whoever holds the pen), and a read of the same thing by the same person is
    logged at most once per READ_INTERVAL, unless a reason (`why`) is given. Returns the new
    event, or None."""
    if actor is None or not actor.is_authenticated or household is None:
        return None
    if standing(actor, household).holds_pen:
        return None
    why = (why or "").strip()[:500]
    key = (actor.pk, household.pk, what)
    since = timezone.now() - READ_INTERVAL
    if not why:
        if recent_reads.logged_since(key, since):
            return None
        last = _last_read(actor, household, what)
        recent_reads.remember(key, last)
        if last is not None and last >= since:
            return None
    with transaction.atomic():
        head = _locked_head()  # asked again under the lock: two requests at once log one read
        if not why:
            last = _last_read(actor, household, what)
            if last is not None and last >= since:
                recent_reads.remember(key, last)
                return None
        event = _event(
            actor=actor,
            household=household,
            verb="view",
            object_type=what,
            detail={"why": why} if why else None,
        )
        append([event], head=head)
    recent_reads.remember(key, event.occurred_at)
    return event


# What a page or API call under a household shows, by URL name; see record_read.
READS = {
    # pages
    "plans:overview": "plan",
    "plans:proposal_new": "plan",
    "plans:proposals": "proposals",
    "plans:proposal_detail": "proposals",
    "plans:versions": "versions",
    "plans:version_detail": "versions",
    "plans:version_compare": "versions",
    "households:file": "household",
    # API
    "api:household-detail": "household",
    "api:circle-list": "circle",
    "api:circle-member-detail": "circle",
    "api:plan-detail": "plan",
    "api:goal-list": "plan",
    "api:goal-detail": "plan",
    "api:goal-action-list": "plan",
    "api:action-detail": "plan",
    "api:proposal-list": "proposals",
    "api:version-list": "versions",
    "api:version-detail": "versions",
    "api:version-compare": "versions",
}


def record_read(request, household) -> AuditEvent | None:
    """Log a GET of a page or API view that shows this household's data, by anyone but the pen
    holder. What was read follows from the URL's name (READS; "plan" when not listed). Other
    methods are left to the services, which log every change."""
    if request.method != "GET":
        return None
    match = getattr(request, "resolver_match", None)
    what = READS.get(match.view_name if match is not None else "", "plan")
    return record_access(actor=request.user, household=household, what=what)


def verify_trail(*, chunk_size: int = 5000) -> chain.Verdict:
    """Check the whole chain, streaming: up to the chain head as it stands now (events appended
    meanwhile are left for the next check)."""
    head = AuditChainHead.objects.filter(pk=AuditChainHead.ROW).values("sequence", "hash").first()
    events = AuditEvent.objects.order_by("sequence")
    if head is None:
        newest = events.values_list("sequence", flat=True).last()
        if newest is None:
            return chain.Verdict(0, None)
        return chain.Verdict(
            0, chain.Break(newest, chain.MISSING, "the head of the chain is missing")
        )
    rows = (
        events.filter(sequence__lte=head["sequence"])
        .values(*chain.HASHED_FIELDS, "hash")
        .iterator(chunk_size=chunk_size)
    )

    def find_by_hash(value: str) -> int | None:
        return AuditEvent.objects.filter(hash=value).values_list("sequence", flat=True).first()

    return chain.verify(
        rows,
        head_sequence=head["sequence"],
        head_hash=head["hash"],
        find_by_hash=find_by_hash,
    )
