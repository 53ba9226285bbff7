"""The coordinator's caseload: their households, the ones that need attention first. A fixed
number of queries whatever the caseload's size: the households' ids with what the resident
shares with the coordinator (one query), one query per attention provider for all of them, then
the page's households with their persons (two queries)."""

import datetime
import json
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch

from eigenplan.households.attention import AttentionItem, Urgency, attention_for, by_kind, visible
from eigenplan.households.models import Household, Person
from eigenplan.privacy.models import ProfessionalRole
from eigenplan.privacy.parts import DEFAULT_ROLE_PARTS, newest_role_parts

PER_PAGE = 50
NOTHING = 99  # sorts after every Urgency


@dataclass
class CaseloadRow:
    pk: int
    items: list[AttentionItem]
    names: str = ""
    address: str = ""
    neighbourhood: str = ""
    last_approved: datetime.datetime | None = None
    has_unapproved_changes: bool = False
    urgency: int = NOTHING

    @property
    def most_urgent_due(self) -> datetime.date | None:
        dues = [item.due for item in self.items if item.due is not None]
        return min(dues) if dues else None

    @property
    def is_overdue(self) -> bool:
        return self.urgency == Urgency.OVERDUE


@dataclass
class Caseload:
    page: Page
    rows: list[CaseloadRow]
    needing_attention: int
    totals: dict[str, int] = field(default_factory=dict)


def coordinator_parts(raw) -> frozenset[str]:
    """What the resident shares with the coordinator, from the newest decision (None: none yet,
    the default)."""
    if raw is None:
        return DEFAULT_ROLE_PARTS[ProfessionalRole.COORDINATOR]
    if isinstance(raw, str):  # SQLite hands JSON from a subquery back as text
        raw = json.loads(raw)
    return frozenset(raw)


def caseload_of(user, page_number=None) -> Caseload:
    households = (
        Household.objects.filter(coordinator=user)
        .annotate(shared=newest_role_parts(ProfessionalRole.COORDINATOR))
        .values_list("pk", "street", "house_number", "shared")
    )
    listed = list(households)
    parts = {pk: coordinator_parts(shared) for pk, _street, _number, shared in listed}
    attention = attention_for(parts)
    rows = []
    for pk, street, number, _shared in listed:
        items = by_kind(visible(attention[pk], parts[pk]))
        row = CaseloadRow(pk=pk, items=items, address=f"{street} {number}")
        row.urgency = min((item.urgency for item in items), default=NOTHING)
        rows.append(row)
    rows.sort(
        key=lambda row: (
            row.urgency,
            row.most_urgent_due or datetime.date.max,
            row.address,
            row.pk,
        )
    )
    totals: dict[str, int] = {}
    for row in rows:
        for item in row.items:
            totals[item.kind] = totals.get(item.kind, 0) + item.count
    page = Paginator(rows, PER_PAGE).get_page(page_number)
    _fill(page.object_list)
    return Caseload(
        page=page,
        rows=list(page.object_list),
        needing_attention=sum(1 for row in rows if row.items),
        totals=totals,
    )


def _fill(rows: list[CaseloadRow]) -> None:
    """Names, neighbourhood and the plan's state for the rows of one page: two queries."""
    from eigenplan.plans.selectors import households_with_plan

    by_pk = {row.pk: row for row in rows}
    households = (
        households_with_plan()
        .filter(pk__in=by_pk)
        .prefetch_related(
            Prefetch(
                "persons",
                queryset=Person.objects.only(
                    "id", "household_id", "first_name", "last_name", "date_of_birth"
                ),
            )
        )
    )
    for household in households:
        row = by_pk[household.pk]
        persons = list(household.persons.all())
        first_names = ", ".join(person.first_name for person in persons)
        row.names = f"{first_names} {persons[0].last_name}" if persons else row.address
        row.neighbourhood = household.neighbourhood.name
        plan = getattr(household, "plan", None)
        if plan is not None:
            row.last_approved = plan.latest_version.approved_at if plan.latest_version else None
            row.has_unapproved_changes = plan.has_unapproved_changes
