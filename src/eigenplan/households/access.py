"""How a user stands towards a household. Every permission rule is built on this one answer,
computed once per user and household per request, in one query whatever the user's roles.

A user stands with a household through their own link to it: living in it (the adults hold the
pen), representing someone in it, being in its circle, being a professional of its team, or an
emergency access. What they may see is a set of *parts* of the file (privacy.parts): the pen
holders and the household's members see everything; circle members and professionals of the
household's team see what the resident shared with them (per person, per role); professionals
of another team see nothing, unless they have emergency access."""

import datetime
import functools
import json
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from eigenplan.households.models import (
    ADULT_AGE,
    CircleMember,
    Household,
    Person,
    Representative,
    Team,
    TeamMembership,
    TeamRole,
)
from eigenplan.plans.models import LifeDomain
from eigenplan.privacy.models import EmergencyAccess, ProfessionalRole, RoleSharingDecision
from eigenplan.privacy.parts import ALL_PARTS, CONTACT, DEFAULT_ROLE_PARTS, PLAN_PARTS

LIFE_DOMAINS = frozenset(LifeDomain.values)


@dataclass(frozen=True)
class Standing:
    user_id: int | None = None
    person_id: int | None = None  # the user's own Person record in this household
    born: datetime.date | None = None  # ... and its date of birth
    is_representative: bool = False
    # A professional of the household's own team: ProfessionalRole ("coordinator" for the
    # assigned coordinator, "team_member", "team_lead"), else empty.
    team_role: str = ""
    team_name: str = ""
    circle_member_id: int | None = None
    circle_member_name: str = ""
    # What of the file this user may see: life domain values and privacy.models.FilePart values.
    shared_parts: frozenset[str] = field(default_factory=frozenset)
    # A professional outside the team, reading for a limited time with a written reason.
    has_emergency_access: bool = False

    @property
    def holds_pen(self) -> bool:
        """The resident (an adult of the household) or a named representative."""
        adult = self.born is not None and _age_on(self.born, timezone.localdate()) >= ADULT_AGE
        return adult or self.is_representative

    @property
    def is_household_member(self) -> bool:
        return self.person_id is not None

    @property
    def is_circle_member(self) -> bool:
        return self.circle_member_id is not None

    @property
    def is_coordinator(self) -> bool:
        """The household's assigned coordinator."""
        return self.team_role == ProfessionalRole.COORDINATOR

    @property
    def is_team_professional(self) -> bool:
        return bool(self.team_role)

    @property
    def shared_life_domains(self) -> frozenset[str]:
        return self.shared_parts & LIFE_DOMAINS

    def may_see(self, part: str) -> bool:
        """Whether this user may see this part of the file (privacy.parts)."""
        return part in self.shared_parts

    @property
    def shows_dream(self) -> bool:
        return "dream" in self.shared_parts

    @property
    def sees_contact_details(self) -> bool:
        """The household's address, e-mail and phone: the household, its team, emergency access,
        and circle members with whom the resident shares them."""
        return (
            self.sees_whole_plan
            or self.is_coordinator
            or self.is_team_professional
            or CONTACT in self.shared_parts
        )

    @property
    def sees_whole_plan(self) -> bool:
        """Everything of the plan, its versions and the circle: the household itself, emergency
        access, and professionals of the team with whom the resident shares the whole plan."""
        return (
            self.holds_pen
            or self.is_household_member
            or self.has_emergency_access
            or (self.is_team_professional and self.shared_parts >= PLAN_PARTS)
        )

    @property
    def has_any_access(self) -> bool:
        """Whether the household exists for this user at all (else 404). The assigned
        coordinator always has it, even when the resident shares nothing with them; other
        team members only when something is shared with their role."""
        return (
            self.sees_whole_plan
            or self.is_circle_member
            or self.is_coordinator
            or (self.is_team_professional and bool(self.shared_parts))
        )

    @property
    def role_label(self) -> str:
        if self.holds_pen:
            return "resident"
        if self.is_coordinator:
            return "coordinator"
        if self.is_household_member:
            return "household_member"
        if self.is_team_professional:
            return self.team_role
        if self.is_circle_member:
            return "circle_member"
        if self.has_emergency_access:
            return "emergency"
        return "none"


NO_STANDING = Standing()


def _age_on(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _links(user, household: Household) -> dict:
    """All the user's links to the household, in one query of indexed look-ups.

    Written as SQL, from the models' table and column names, because this runs on every request
    to a household: the same question built with the ORM (a dozen Subquery annotations) cost
    6-9 ms of CPU per request to compile, several times the work of the database."""
    sql, professional_sql = _links_sql()
    with connection.cursor() as cursor:
        if user.is_professional:
            now = connection.ops.adapt_datetimefield_value(timezone.now())
            roles = list(ProfessionalRole.values)
            params = [user.pk, user.pk, user.pk, now, now, *roles, user.pk, user.pk, household.pk]
            cursor.execute(professional_sql, params)
        else:
            cursor.execute(sql, [user.pk, user.pk, user.pk, household.pk])
        row = cursor.fetchone()
        if row is None:
            return {}
        values = dict(zip((column[0] for column in cursor.description), row, strict=True))
    values["my_born"] = _as_date(values["my_born"])
    values["represents"] = bool(values["represents"])
    values["member_domains"] = _as_json(values["member_domains"])
    values["member_dream"] = bool(values["member_dream"])
    if user.is_professional:
        values["emergency"] = bool(values["emergency"])
        for role in ProfessionalRole.values:
            values[f"parts_{role}"] = _as_json(values[f"parts_{role}"])
    return values


def _as_date(value) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def _as_json(value):
    return json.loads(value) if isinstance(value, str) else value


@functools.cache
def _links_sql() -> tuple[str, str]:
    """The question for residents and circle members, and the longer one for professionals.
    Only table and column names of the models go into the text (S608 below); every value is a
    parameter.
    Placeholders, in order: the user; for professionals the user twice more, `now` twice and
    the three roles; the user twice; the household."""
    q = connection.ops.quote_name

    def table(model) -> str:
        return q(model._meta.db_table)

    def col(alias: str, model, name: str) -> str:
        return f"{alias}.{q(model._meta.get_field(name).column)}"

    person, member, rep = table(Person), table(CircleMember), table(Representative)
    common = (
        f"SELECT {col('h', Household, 'coordinator')} AS coordinator_id, "  # noqa: S608  # nosec B608
        f"{col('t', Team, 'name')} AS team__name, "
        f"{col('p', Person, 'id')} AS my_person, "
        f"{col('p', Person, 'date_of_birth')} AS my_born, "
        f"EXISTS (SELECT 1 FROM {rep} r WHERE {col('r', Representative, 'household')} = "
        f"{col('h', Household, 'id')} AND {col('r', Representative, 'user')} = %s) AS represents, "
        f"{col('c', CircleMember, 'id')} AS member, "
        f"{col('c', CircleMember, 'name')} AS member_name, "
        f"{col('c', CircleMember, 'shared_life_domains')} AS member_domains, "
        f"{col('c', CircleMember, 'shares_dream')} AS member_dream, "
        f"{col('c', CircleMember, 'shares_contact')} AS member_contact"
    )
    membership, emergency, decision = (
        table(TeamMembership),
        table(EmergencyAccess),
        table(RoleSharingDecision),
    )
    professional = (
        f", (SELECT {col('m', TeamMembership, 'role')} FROM {membership} m "  # noqa: S608  # nosec B608
        f"WHERE {col('m', TeamMembership, 'team')} = {col('h', Household, 'team')} "
        f"AND {col('m', TeamMembership, 'user')} = %s "
        f"ORDER BY {col('m', TeamMembership, 'id')} LIMIT 1) AS membership, "
        f"EXISTS (SELECT 1 FROM {emergency} e "
        f"WHERE {col('e', EmergencyAccess, 'household')} = {col('h', Household, 'id')} "
        f"AND {col('e', EmergencyAccess, 'user')} = %s "
        f"AND {col('e', EmergencyAccess, 'granted_at')} <= %s "
        f"AND {col('e', EmergencyAccess, 'expires_at')} > %s) AS emergency"
        + "".join(
            f", (SELECT {col('d', RoleSharingDecision, 'parts')} FROM {decision} d "  # noqa: S608  # nosec B608
            f"WHERE {col('d', RoleSharingDecision, 'household')} = {col('h', Household, 'id')} "
            f"AND {col('d', RoleSharingDecision, 'role')} = %s "
            f"ORDER BY {col('d', RoleSharingDecision, 'decided_at')} DESC, "
            f"{col('d', RoleSharingDecision, 'id')} DESC LIMIT 1) AS parts_{role}"
            for role in ProfessionalRole.values
        )
    )
    # The user's own Person and active CircleMember records (the oldest, should there be
    # more), joined by primary key.
    joins = (
        f" FROM {table(Household)} h"  # noqa: S608  # nosec B608
        f" LEFT JOIN {table(Team)} t ON {col('t', Team, 'id')} = {col('h', Household, 'team')}"
        f" LEFT JOIN {person} p ON {col('p', Person, 'id')} = (SELECT MIN("
        f"{col('p2', Person, 'id')}) FROM {person} p2 WHERE {col('p2', Person, 'household')} = "
        f"{col('h', Household, 'id')} AND {col('p2', Person, 'user')} = %s)"
        f" LEFT JOIN {member} c ON {col('c', CircleMember, 'id')} = (SELECT MIN("
        f"{col('c2', CircleMember, 'id')}) FROM {member} c2 WHERE "
        f"{col('c2', CircleMember, 'household')} = {col('h', Household, 'id')} AND "
        f"{col('c2', CircleMember, 'user')} = %s AND {col('c2', CircleMember, 'is_active')})"
        f" WHERE {col('h', Household, 'id')} = %s"
    )
    return common + joins, common + professional + joins


def _team_role(user, row: dict) -> str:
    if not user.is_professional:
        return ""
    if row["coordinator_id"] == user.pk:
        return ProfessionalRole.COORDINATOR
    if row["membership"] == TeamRole.LEAD:
        return ProfessionalRole.TEAM_LEAD
    if row["membership"] is not None:
        return ProfessionalRole.TEAM_MEMBER
    return ""


def _compute(user, household: Household) -> Standing:
    row = _links(user, household)
    if not row:
        return NO_STANDING
    team_role = _team_role(user, row)
    emergency = bool(row.get("emergency")) and team_role != ProfessionalRole.COORDINATOR
    parts: set[str] = set()
    if row["my_person"] is not None or row["represents"] or emergency:
        parts.update(ALL_PARTS)
    if row["member"] is not None:
        parts.update(row["member_domains"] or ())
        if row["member_dream"]:
            parts.add("dream")
        if row["member_contact"]:
            parts.add(CONTACT)
    if team_role:
        decided = row[f"parts_{team_role}"]
        parts.update(DEFAULT_ROLE_PARTS[team_role] if decided is None else decided)
    return Standing(
        user_id=user.pk,
        person_id=row["my_person"],
        born=row["my_born"],
        is_representative=bool(row["represents"]),
        team_role=team_role,
        team_name=row["team__name"] or "",
        circle_member_id=row["member"],
        circle_member_name=row["member_name"] or "",
        shared_parts=frozenset(parts),
        has_emergency_access=emergency,
    )


def standing(user, household: Household) -> Standing:
    """The user's standing towards the household, cached on the user object for the request."""
    if user is None or not user.is_authenticated or household is None:
        return NO_STANDING
    # getattr/setattr, not __dict__: request.user is a lazy wrapper that forwards attributes to
    # the real user, so the cache must live on the user itself to be shared by every caller.
    cache = getattr(user, "_eigenplan_standing", None)
    if cache is None:
        cache = {}
        user._eigenplan_standing = cache
    if household.pk not in cache:
        cache[household.pk] = _compute(user, household)
    return cache[household.pk]


def forget_standing(user) -> None:
    """Drop the cached standings, after a change to the links between user and household."""
    if hasattr(user, "_eigenplan_standing"):
        del user._eigenplan_standing
