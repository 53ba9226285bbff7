"""The synthetic municipality: the same seed gives the same rows, snapshots are what
build_snapshot makes, and a seed is never loaded twice."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import timezone

from eigenplan.community.models import CommunityOffer
from eigenplan.community.selectors import offers_for
from eigenplan.conversations.deadlines import due_date, rules_started_by
from eigenplan.conversations.models import (
    Conversation,
    Deadline,
    DeadlineRule,
    ReportNote,
    SupportRequest,
)
from eigenplan.core.seeding import (
    SEED_PASSWORD,
    SeedingError,
    remove_seeded,
    seed_municipality,
    seeded_households,
    username_prefix,
)
from eigenplan.core.workdays import Calendar, add_working_days, legal_deadline
from eigenplan.decisions.models import (
    Decision,
    DecisionLetter,
    LegalGroundRule,
    Mandate,
    MandateRequest,
    Provision,
    SupportItem,
)
from eigenplan.decisions.services import derive_law
from eigenplan.households.models import (
    CircleMember,
    CoordinatorAssignment,
    Household,
    Neighbourhood,
    Person,
    Representative,
    Team,
    TeamMembership,
    TeamRole,
)
from eigenplan.households.services import clean_circle_member_fields
from eigenplan.plans.models import Action, Goal, Performer, Plan, PlanVersion, Proposal
from eigenplan.plans.services import clean_action_fields, clean_goal_fields
from eigenplan.plans.snapshot import build_snapshot
from eigenplan.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db

N = 50


def querysets(seed: int) -> dict:
    households = seeded_households(seed)
    plans = Plan.objects.filter(household__in=households)
    provisions = Provision.objects.filter(reference__startswith=f"S{seed}-")
    letters = DecisionLetter.objects.filter(household__in=households)
    offers = CommunityOffer.objects.filter(
        neighbourhoods__in=Neighbourhood.objects.filter(households__in=households)
    ).distinct()
    return {
        get_user_model(): get_user_model().objects.filter(
            username__startswith=username_prefix(seed)
        ),
        Team: Team.objects.filter(households__in=households).distinct(),
        TeamMembership: TeamMembership.objects.filter(
            team__in=Team.objects.filter(households__in=households)
        ),
        Neighbourhood: Neighbourhood.objects.filter(households__in=households).distinct(),
        type(households.model()): households,
        Person: Person.objects.filter(household__in=households),
        Representative: Representative.objects.filter(household__in=households),
        CircleMember: CircleMember.objects.filter(household__in=households),
        Plan: plans,
        Goal: Goal.objects.filter(plan__in=plans),
        Action: Action.objects.filter(goal__plan__in=plans),
        Proposal: Proposal.objects.filter(plan__in=plans),
        PlanVersion: PlanVersion.objects.filter(plan__in=plans),
        AuditEvent: AuditEvent.objects.filter(household_id__in=households.values("pk")),
        CoordinatorAssignment: CoordinatorAssignment.objects.filter(household__in=households),
        DeadlineRule: DeadlineRule.objects.all(),  # not seeded: ranked for the clocks' copies
        SupportRequest: SupportRequest.objects.filter(household__in=households),
        Deadline: Deadline.objects.filter(household__in=households),
        Conversation: Conversation.objects.filter(household__in=households),
        ReportNote: ReportNote.objects.filter(conversation__household__in=households),
        Provision: provisions,
        LegalGroundRule: LegalGroundRule.objects.filter(provision__in=provisions),
        Mandate: Mandate.objects.filter(holder__username__startswith=username_prefix(seed)),
        SupportItem: SupportItem.objects.filter(household__in=households),
        MandateRequest: MandateRequest.objects.filter(household__in=households),
        Decision: Decision.objects.filter(household__in=households),
        DecisionLetter: letters,
        DecisionLetter.decisions.through: DecisionLetter.decisions.through.objects.filter(
            decisionletter__in=letters
        ),
        CommunityOffer: offers,
        CommunityOffer.neighbourhoods.through: CommunityOffer.neighbourhoods.through.objects.filter(
            communityoffer__in=offers
        ),
    }


# The primary keys that audit events name in their detail.
DETAIL_KEYS = {
    "goal": Goal,
    "support_item": SupportItem,
    "mandate": Mandate,
    "request": MandateRequest,
    "conversation": Conversation,
}


def stable_dump(seed: int) -> dict:
    """Every seeded row, with primary keys replaced by their rank, so that two loads of the same
    seed compare equal wherever the database's sequences stood."""
    sets = querysets(seed)
    ranks = {
        model: {pk: i for i, pk in enumerate(qs.order_by("pk").values_list("pk", flat=True))}
        for model, qs in sets.items()
    }

    def rank(model, pk):
        return None if pk is None else ranks[model][int(pk)]

    by_name = {model._meta.model_name: model for model in sets}
    dump = {}
    for model, qs in sets.items():
        relations = [f for f in model._meta.concrete_fields if f.is_relation]
        rows = []
        for row in qs.order_by("pk").values():
            del row["id"]
            for f in relations:
                row[f.attname] = rank(f.related_model, row[f.attname])
            rows.append(row)
        dump[model._meta.model_name] = rows
    for row in dump["planversion"]:
        for goal in row["snapshot"]["goals"]:
            goal["id"] = rank(Goal, goal["id"])
            for action in goal["actions"]:
                action["id"] = rank(Action, action["id"])
        for member in row["snapshot"]["circle"]:
            member["id"] = rank(CircleMember, member["id"])
    for row in dump["proposal"]:
        for payload in (row["payload"], row["final_payload"] or {}):
            for key, model in (("person_id", Person), ("circle_member_id", CircleMember)):
                if key in payload:
                    payload[key] = rank(model, payload[key])
    for row in dump["auditevent"]:
        row["object_id"] = rank(by_name[row["object_type"]], row["object_id"])
        row["household_id"] = rank(Household, row["household_id"])
        row["actor_id"] = rank(get_user_model(), row["actor_id"])
        detail = row["detail"]
        for key, model in DETAIL_KEYS.items():
            if key in detail:
                detail[key] = rank(model, detail[key])
        if "decisions" in detail:
            detail["decisions"] = [rank(Decision, pk) for pk in detail["decisions"]]
        # The place in the audit chain depends on what the trail held before, like a key.
        for name in ("sequence", "prev_hash", "hash"):
            del row[name]
    return dump


def test_the_same_seed_gives_the_same_rows_whatever_the_day_or_batch_size():
    counts = seed_municipality(households=N, seed=7)
    assert counts["households"] == N
    first = stable_dump(7)
    assert len(first["household"]) == N and first["planversion"] and first["auditevent"]
    for kind in ("supportrequest", "deadline", "conversation", "supportitem", "decision"):
        assert first[kind], kind

    remove_seeded(seed=7)
    assert not seeded_households(7).exists()
    later = timezone.now() + datetime.timedelta(days=400)
    with mock.patch.object(timezone, "now", lambda: later):
        seed_municipality(households=N, seed=7, batch_size=7, insert_batch_size=13)

    assert stable_dump(7) == first


def test_another_seed_gives_other_data_beside_the_first():
    seed_municipality(households=N, seed=7)
    seed_municipality(households=N, seed=8)
    seven, eight = stable_dump(7), stable_dump(8)
    assert len(eight["household"]) == N
    assert [g["text"] for g in seven["goal"]] != [g["text"] for g in eight["goal"]]
    assert [p["first_name"] for p in seven["person"]] != [p["first_name"] for p in eight["person"]]


def test_seeded_snapshots_are_what_build_snapshot_makes():
    seed_municipality(households=120, seed=3)
    stable = (
        Plan.objects.filter(household__in=seeded_households(3), has_unapproved_changes=False)
        .filter(versions__isnull=False)
        .distinct()
    )
    assert stable.count() >= 10
    seen_performers, with_person, with_inactive = set(), False, False
    for plan in stable:
        snapshot = plan.versions.first().snapshot
        assert snapshot == build_snapshot(plan)
        for goal in snapshot["goals"]:
            with_person |= bool(goal["person"])
            seen_performers |= {action["performer"] for action in goal["actions"]}
        with_inactive |= plan.household.circle.filter(is_active=False).exists()
    assert seen_performers == set(Performer.values)
    assert with_person and with_inactive
    # Older versions are earlier states of the same plan: never more goals than the newest.
    for plan in Plan.objects.filter(household__in=seeded_households(3)):
        sizes = [len(v.snapshot["goals"]) for v in plan.versions.order_by("number")]
        assert sizes == sorted(sizes)


def test_seeded_rows_pass_the_validation_of_the_services():
    seed_municipality(households=N, seed=5)
    households = seeded_households(5)
    for member in CircleMember.objects.filter(household__in=households):
        fields = clean_circle_member_fields(
            {f: getattr(member, f) for f in ("name", "relation", "relation_detail", "email")}
            | {"phone": member.phone, "shared_life_domains": member.shared_life_domains}
        )
        assert fields["shared_life_domains"] == member.shared_life_domains
    for goal in Goal.objects.filter(plan__household__in=households).select_related("plan"):
        clean_goal_fields(goal.plan.household, {"text": goal.text, **_ids(goal, "person_id")})
    actions = Action.objects.filter(goal__plan__household__in=households)
    for action in actions.select_related("goal__plan__household"):
        data = {
            f: getattr(action, f)
            for f in ("description", "performer", "performer_name", "due_date", "status")
        }
        data |= _ids(action, "person_id", "circle_member_id")
        clean_action_fields(action.goal.plan.household, data)
    proposals = Proposal.objects.filter(plan__household__in=households).select_related(
        "plan__household"
    )
    assert {p.status for p in proposals} >= {"open", "accepted", "declined"}
    for proposal in proposals:
        household = proposal.plan.household
        if proposal.kind in ("add_goal", "change_goal"):
            assert clean_goal_fields(household, proposal.payload) == proposal.payload
        elif proposal.kind in ("add_action", "change_action"):
            cleaned = clean_action_fields(household, proposal.payload)
            due = cleaned["due_date"]
            assert {**cleaned, "due_date": due and due.isoformat()} == proposal.payload
        if proposal.status == "declined":
            assert proposal.decline_reason and proposal.answered_at
    plan_ids = Plan.objects.filter(household__in=households).values("pk")
    assert not Plan.objects.filter(pk__in=plan_ids, household__persons__isnull=True).exists()


def _ids(obj, *names) -> dict:
    values = {name: getattr(obj, name) for name in names}
    return values | ({"life_domain": obj.life_domain} if isinstance(obj, Goal) else {})


def test_a_seed_is_refused_the_second_time_and_nothing_is_added():
    seed_municipality(households=20, seed=9)
    households = seeded_households(9).count()
    users = get_user_model().objects.count()
    with pytest.raises(SeedingError, match="loaded already"):
        seed_municipality(households=20, seed=9)
    assert seeded_households(9).count() == households
    assert get_user_model().objects.count() == users
    # A seed 1000 apart would reuse the CBS codes: refused as well, with its own reason.
    with pytest.raises(SeedingError, match="in use already"):
        seed_municipality(households=20, seed=1009)


def test_seeded_users_log_in_and_coordinators_have_about_a_hundred_households(client):
    seed_municipality(households=250, seed=4)
    assert client.login(username="s4-r1", password=SEED_PASSWORD)
    coordinators = get_user_model().objects.filter(username__startswith="s4-c")
    assert coordinators.count() == 3
    for coordinator in coordinators:
        assert 60 <= coordinator.coordinated_households.count() <= 100
    assert Neighbourhood.objects.filter(cbs_code__startswith="BU8004").count() == 1


def test_remove_deletes_only_that_seed():
    seed_municipality(households=20, seed=1)
    seed_municipality(households=20, seed=2)
    counts = remove_seeded(seed=1)
    assert counts["households"] == 20
    assert not seeded_households(1).exists()
    assert seeded_households(2).count() == 20
    assert not get_user_model().objects.filter(username__startswith="s1-").exists()
    assert get_user_model().objects.filter(username__startswith="s2-").exists()
    # The catalogues of support and of the neighbourhood went with it; the other seed's stay.
    assert not Provision.objects.filter(reference__startswith="S1-").exists()
    assert Provision.objects.filter(reference__startswith="S2-").exists()
    assert not CommunityOffer.objects.filter(name__endswith="(s1)").exists()
    assert CommunityOffer.objects.filter(name__endswith="(s2)").exists()


def test_every_seeded_coordinator_works_in_the_team_of_their_households():
    from django.db.models import Exists, OuterRef

    from eigenplan.households.models import TeamMembership

    counts = seed_municipality(households=1200, seed=11, batch_size=500)
    assert counts["teams"] == 1 and counts["team_members"] == 12 + 2
    households = seeded_households(11)
    in_team = TeamMembership.objects.filter(team=OuterRef("team"), user=OuterRef("coordinator"))
    assert households.exclude(coordinator=None).exclude(Exists(in_team)).count() == 0
    assert households.filter(team=None).count() == 0
    # Every coordinator has a mandate that goes up to the lead of a team they work in.
    for coordinator in get_user_model().objects.filter(username__startswith="s11-c"):
        mandate = coordinator.mandate
        lead = mandate.escalates_to.holder
        assert mandate.level == 1 and mandate.escalates_to.level == 2
        lead_teams = lead.team_memberships.filter(role=TeamRole.LEAD).values("team")
        assert coordinator.team_memberships.filter(team__in=lead_teams).exists()
    # Every neighbourhood has peer experts and initiatives in its catalogue.
    for hood in Neighbourhood.objects.filter(cbs_code__startswith="BU8011"):
        assert {offer.kind for offer in offers_for(hood.pk)} == set(CommunityOffer.Kind.values)


def test_seeded_circles_commitments_clocks_and_conversations_follow_the_rules():
    seed_municipality(households=400, seed=12)
    households = seeded_households(12)
    members = CircleMember.objects.filter(household__in=households)
    assert set(members.values_list("closeness", flat=True)) == set(CircleMember.Closeness.values)
    family = members.filter(relation="family")
    assert family.filter(closeness="close").count() > family.filter(closeness="further").count()

    asked = Action.objects.filter(
        goal__plan__household__in=households, performer=Performer.CIRCLE_MEMBER
    )
    assert not asked.filter(commitment="").exists()
    assert set(asked.values_list("commitment", flat=True)) >= {"requested", "accepted", "declined"}
    assert not asked.exclude(commitment="requested").filter(commitment_answered_at=None).exists()
    assert not asked.filter(commitment="declined", commitment_reason="").exists()

    requests = SupportRequest.objects.filter(household__in=households).select_related("household")
    assert {r.kind for r in requests} == {"melding", "aanvraag", "hulpvraag"}
    calendar = Calendar()
    for request in requests.prefetch_related("deadlines__rule"):
        clocks = list(request.deadlines.all())
        # The clocks the request started, as record_request starts them...
        first = [d for d in clocks if d.started_on == request.received_on]
        expected = rules_started_by(request.kind, laws=request.laws, urgent=request.is_urgent)
        assert sorted(d.rule_id for d in first) == sorted(rule.pk for rule in expected)
        # ...and the parents' request for the plan on paper, which starts one of its own.
        for later in set(clocks) - set(first):
            assert later.rule.starts_on == "written_plan_asked" and "jeugdwet" in request.laws
        for clock in clocks:
            rule = clock.rule
            assert (clock.law, clock.name, clock.amount, clock.unit, clock.source) == (
                rule.law,
                rule.name,
                rule.amount,
                rule.unit,
                rule.source,
            )
            assert clock.due_on == due_date(clock.started_on, clock.amount, clock.unit, calendar)
            if clock.status != Deadline.Status.OPEN:
                assert clock.closed_at >= request.recorded_at and clock.closed_by_name
                assert request.household.coordinator_id is not None
                assert clock.status == "met" or clock.close_note
    assert set(
        Deadline.objects.filter(household__in=households).values_list("status", flat=True)
    ) == {
        "open",
        "met",
        "stopped",
    }

    conversations = Conversation.objects.filter(household__in=households)
    assert set(conversations.values_list("status", flat=True)) == set(Conversation.Status.values)
    for conversation in conversations.select_related("request"):
        assert conversation.request.household_id == conversation.household_id
        if conversation.status == Conversation.Status.PREPARING:
            assert conversation.held_on is None and conversation.revision == 1
            continue
        assert conversation.coordinator_id == conversation.household.coordinator_id
        assert conversation.held_on and conversation.discussed
        if conversation.status == Conversation.Status.FINAL:
            assert conversation.read_at >= conversation.offered_for_reading_at
            assert conversation.revision == 3 and conversation.read_by_name
    open_ones = conversations.exclude(status="final").values("household").annotate(n=Count("id"))
    assert all(row["n"] == 1 for row in open_ones)
    notes = ReportNote.objects.filter(conversation__household__in=households)
    assert notes.filter(kind="response").exists()
    for response in notes.filter(kind="response").select_related("in_reply_to"):
        assert response.in_reply_to.kind == "correction"
        assert response.in_reply_to.conversation_id == response.conversation_id
    assert not notes.filter(conversation__status__in=["preparing", "draft"]).exists()


def test_seeded_support_is_decided_within_the_mandates_and_letters_cover_the_decisions():
    seed_municipality(households=500, seed=13)
    households = seeded_households(13)
    items = SupportItem.objects.filter(household__in=households).select_related(
        "provision", "person", "action", "household"
    )
    assert {item.status for item in items} == set(SupportItem.Status.values)
    for item in items:
        ground = derive_law(
            provision=item.provision,
            product_category=item.product_category,
            maatwerk_kind=item.maatwerk_kind,
            person=item.person,
            on=item.start_date,
        )
        assert (item.law, item.derived_law, item.derived_by) == (
            ground.law,
            ground.law,
            ground.rule,
        )
        assert item.action.performer == Performer.PROFESSIONAL
        assert item.goal_id == item.action.goal_id
        decisions = list(item.decisions.all())
        request = MandateRequest.objects.filter(support_item=item).first()
        if item.status == SupportItem.Status.DRAFT:
            assert not decisions and request is None
        elif item.status == SupportItem.Status.WAITING:
            assert not decisions and request.status == MandateRequest.Status.OPEN
        else:
            (decision,) = decisions
            assert decision.outcome == item.status
            assert decision.request == request
            if request is not None:
                assert request.status == MandateRequest.Status.DECIDED
                assert decision.decided_by == request.mandate.holder
        if request is not None:
            assert request.mandate == item.household.coordinator.mandate.escalates_to
            assert request.deadline == add_working_days(request.created_at.date(), 5)

    # Every grant fitted the mandate of whoever made it, counting what was granted before.
    decisions = Decision.objects.filter(household__in=households).select_related(
        "support_item", "mandate"
    )
    granted: dict[tuple[int, int], Decimal] = {}
    for decision in decisions.order_by("household", "decided_at", "id"):
        item = decision.support_item
        if decision.outcome != Decision.Outcome.GRANTED:
            assert decision.request is not None  # refused only by the mandate holder
            continue
        assert decision.mandate.covers_law(item.law)
        for year in item.years:
            key = (decision.household_id, year)
            granted[key] = granted.get(key, Decimal("0")) + item.cost_in_year(year)
            assert granted[key] <= decision.mandate.yearly_budget_per_household

    letters = DecisionLetter.objects.filter(household__in=households).select_related("household")
    assert letters.exists()
    for letter in letters:
        covered = list(letter.decisions.all())
        assert covered and {d.household_id for d in covered} == {letter.household_id}
        assert letter.issued_at >= max(d.decided_at for d in covered)
        assert letter.objection_deadline == legal_deadline(letter.issued_at.date(), weeks=6)
        assert letter.household.street in letter.html
        assert bytes(letter.pdf).startswith(b"%PDF")
