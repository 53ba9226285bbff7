"""Requests, clocks and conversations through their services: who may do what, what is
refused with which message, and that every change leaves an audit event."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from eigenplan.conversations import selectors, services
from eigenplan.conversations.models import Conversation, Deadline, ReportNote
from eigenplan.core.errors import ConflictError
from eigenplan.privacy.models import AppendOnlyError, AuditEvent
from tests.factories import CoordinatorFactory, HouseholdFactory, PersonFactory, UserFactory


def _melding(world, actor=None, **overrides):
    fields = {
        "kind": "melding",
        "laws": ["wmo"],
        "own_words": "Ik kan de trap niet meer op en mijn zus woont ver weg.",
    } | overrides
    return services.record_request(
        actor=actor or world.resident, household=world.household, **fields
    )


def _events(verb):
    return list(AuditEvent.objects.filter(verb=verb).order_by("sequence"))


# --- requests -------------------------------------------------------------------------------


def test_the_resident_records_a_request_in_their_own_words(world):
    request = _melding(world)
    assert request.own_words.startswith("Ik kan de trap niet meer op")
    assert request.received_on == timezone.localdate()
    assert (request.recorded_by_name, request.recorded_by_role) == ("Fatima El Amrani", "resident")
    assert sorted(d.rule.code for d in request.deadlines.all()) == [
        "wmo-onderzoek",
        "wmo-persoonlijk-plan",
    ]
    [event] = _events("create")
    assert event.household_id == world.household.pk
    assert event.detail["laws"] == ["wmo"]
    assert len(event.detail["deadlines"]) == 2


def test_the_coordinator_records_a_request_received_by_letter(world):
    last_week = timezone.localdate() - datetime.timedelta(days=7)
    request = _melding(world, actor=world.coordinator, received_on=last_week)
    assert request.recorded_by_role == "coordinator"
    assert {d.started_on for d in request.deadlines.all()} == {last_week}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"own_words": "   "}, "own_words", "Vul dit in"),
        ({"own_words": "x" * 4001}, "own_words", "niet meer dan 4000 tekens"),
        ({"laws": []}, "laws", "Kies waar de vraag over gaat"),
        ({"laws": ["wmo", "belastingen"]}, "laws", "Kies waar de vraag over gaat"),
        ({"kind": "klacht"}, "kind", "Kies wat voor vraag het is"),
        (
            {"received_on": datetime.date.today() + datetime.timedelta(days=2)},
            "received_on",
            "nog niet geweest",
        ),
        ({"received_on": datetime.date(2020, 1, 1)}, "received_on", "meer dan een jaar"),
    ],
)
def test_bad_requests_are_refused_in_plain_dutch(world, overrides, field, message):
    with pytest.raises(ValidationError) as refused:
        _melding(world, **overrides)
    assert message in " ".join(refused.value.message_dict[field])
    assert not world.household.support_requests.exists()


@pytest.mark.parametrize("who", ["circle_user", "stranger", "other_coordinator", "other_resident"])
def test_only_the_pen_holder_and_the_coordinator_record_requests(world, who):
    with pytest.raises(PermissionDenied):
        _melding(world, actor=getattr(world, who))
    assert not AuditEvent.objects.filter(verb="create").exists()


def test_the_resident_answers_the_own_plan_offer(world):
    request = _melding(world)
    services.answer_own_plan(actor=world.resident, request=request, answer="yes")
    request.refresh_from_db()
    assert request.get_own_plan_display() == "Ja, ik maak eerst mijn eigen plan"
    with pytest.raises(PermissionDenied):
        services.answer_own_plan(actor=world.coordinator, request=request, answer="no")
    with pytest.raises(ValidationError):
        services.answer_own_plan(actor=world.resident, request=request, answer="misschien")
    assert len(_events("answer_own_plan")) == 1


# --- clocks ---------------------------------------------------------------------------------


def test_the_coordinator_meets_and_stops_clocks_with_a_reason(world):
    request = _melding(world)
    investigation = request.deadlines.get(rule__code="wmo-onderzoek")
    own_plan = request.deadlines.get(rule__code="wmo-persoonlijk-plan")
    services.close_deadline(actor=world.coordinator, deadline=investigation, outcome="met")
    with pytest.raises(ValidationError) as refused:
        services.close_deadline(actor=world.coordinator, deadline=own_plan, outcome="stopped")
    assert "note" in refused.value.message_dict
    services.close_deadline(
        actor=world.coordinator,
        deadline=own_plan,
        outcome="stopped",
        note="Mevrouw wil meteen een gesprek.",
    )
    with pytest.raises(ConflictError):
        services.close_deadline(actor=world.coordinator, deadline=own_plan, outcome="met")
    statuses = dict(request.deadlines.values_list("rule__code", "status"))
    assert statuses == {"wmo-onderzoek": "met", "wmo-persoonlijk-plan": "stopped"}
    assert [e.detail["outcome"] for e in _events("close_clock")] == ["met", "stopped"]


@pytest.mark.parametrize("who", ["resident", "circle_user", "other_coordinator"])
def test_only_the_coordinator_closes_clocks(world, who):
    deadline = _melding(world).deadlines.first()
    with pytest.raises(PermissionDenied):
        services.close_deadline(actor=getattr(world, who), deadline=deadline, outcome="met")
    assert Deadline.objects.get(pk=deadline.pk).is_open


def test_a_jeugdwet_clock_starts_once_and_only_for_a_jeugdwet_request(world):
    youth = _melding(world, kind="hulpvraag", laws=["jeugdwet"])
    services.start_event_clocks(
        actor=world.coordinator, request=youth, event="no_family_group_plan"
    )
    with pytest.raises(ValidationError, match="loopt al"):
        services.start_event_clocks(
            actor=world.coordinator, request=youth, event="no_family_group_plan"
        )
    with pytest.raises(ValidationError, match="Jeugdwet"):
        services.start_event_clocks(
            actor=world.coordinator, request=_melding(world), event="written_plan_asked"
        )
    with pytest.raises(PermissionDenied):
        services.start_event_clocks(actor=world.resident, request=youth, event="written_plan_asked")
    assert youth.deadlines.count() == 1


def test_deadlines_due_gives_open_clocks_per_household_in_one_query(
    world, django_assert_num_queries
):
    first = _melding(world)
    _melding(world, actor=world.coordinator, kind="hulpvraag", laws=["wgs"], threat_cutoff=True)
    services.close_deadline(
        actor=world.coordinator,
        deadline=first.deadlines.get(rule__code="wmo-onderzoek"),
        outcome="met",
    )
    other = services.record_request(
        actor=world.other_coordinator,
        household=world.other_household,
        kind="aanvraag",
        laws=["participatiewet"],
        own_words="Ik heb geen inkomen meer.",
    )
    quiet = HouseholdFactory()
    with django_assert_num_queries(1):
        due = selectors.deadlines_due([world.household.pk, world.other_household.pk, quiet.pk])
    assert set(due) == {world.household.pk, world.other_household.pk}
    mine = due[world.household.pk]
    assert [d.name for d in mine] == [
        "Eerste gesprek over uw schulden, met spoed",
        "Uw eigen plan (persoonlijk plan) geven",
    ]
    assert [d.due_on for d in mine] == sorted(d.due_on for d in mine)
    assert not any(d.is_overdue() for d in mine)
    assert mine[0].is_overdue(today=mine[0].due_on + datetime.timedelta(days=1))
    assert {d.request_id for d in due[world.other_household.pk]} == {other.pk}


# --- the conversation -----------------------------------------------------------------------


def _prepared(world, **texts):
    texts = texts or {"worries": "De huur.", "wishes": "Rust in huis."}
    conversation, errors = services.save_preparation(
        actor=world.resident, household=world.household, **texts
    )
    assert errors == {}
    return conversation


def _report(world, conversation, *, for_reading=True, discussed="We spraken over de huur."):
    return services.save_report(
        actor=world.coordinator,
        conversation=conversation,
        expected_revision=conversation.revision,
        held_on=None,
        attendees="Fatima, Samira, Sanne",
        discussed=discussed,
        agreed="Sanne belt de woningcorporatie.",
        for_reading=for_reading,
    )


def test_the_preparation_keeps_what_is_fine_when_a_field_is_too_long(world):
    conversation, errors = services.save_preparation(
        actor=world.resident,
        household=world.household,
        going_well="Mijn zoon gaat weer naar school.",
        worries="x" * 4001,
    )
    assert "niet meer dan 4000 tekens" in errors["worries"][0]
    conversation.refresh_from_db()
    assert conversation.going_well == "Mijn zoon gaat weer naar school."
    assert conversation.worries == ""
    assert conversation.status == Conversation.Status.PREPARING
    again, errors = services.save_preparation(
        actor=world.resident,
        household=world.household,
        expected_revision=conversation.revision,
        worries="De huur.",
    )
    assert again.pk == conversation.pk and errors == {}
    assert again.revision == conversation.revision + 1


def test_only_the_pen_holder_prepares(world):
    for who in (world.coordinator, world.circle_user, world.other_resident):
        with pytest.raises(PermissionDenied):
            services.save_preparation(actor=who, household=world.household, wishes="Iets")


def test_the_coordinator_records_the_prepared_conversation(world):
    prepared = _prepared(world)
    conversation = services.start_conversation(actor=world.coordinator, household=world.household)
    assert conversation.pk == prepared.pk
    draft = _report(world, conversation, for_reading=False, discussed="")
    assert draft.status == Conversation.Status.DRAFT
    with pytest.raises(ValidationError) as refused:
        _report(world, draft, discussed="")
    assert "discussed" in refused.value.message_dict
    offered = _report(world, draft)
    assert offered.status == Conversation.Status.FOR_READING
    assert offered.worries == "De huur."  # the resident's preparation stays as it was
    assert [e.verb for e in AuditEvent.objects.order_by("sequence")][-3:] == [
        "continue",
        "update",
        "offer_report",
    ]


def test_nothing_is_final_before_the_resident_has_read_it(world):
    conversation = services.start_conversation(actor=world.coordinator, household=world.household)
    with pytest.raises(ValidationError, match="wacht niet op u"):
        services.confirm_read(actor=world.resident, conversation=conversation, expected_revision=1)
    offered = _report(world, conversation)
    seen = offered.revision
    with pytest.raises(PermissionDenied):
        services.confirm_read(actor=world.coordinator, conversation=offered, expected_revision=seen)
    # The coordinator changes the report while the resident reads: the resident reads again.
    changed = _report(world, offered, discussed="We spraken over de huur en over school.")
    with pytest.raises(ConflictError):
        services.confirm_read(actor=world.resident, conversation=changed, expected_revision=seen)
    final = services.confirm_read(
        actor=world.resident, conversation=changed, expected_revision=changed.revision
    )
    assert final.is_final and final.read_by_name == "Fatima El Amrani"
    with pytest.raises(ValidationError, match="definitief"):
        _report(world, final)


def test_a_correction_stays_when_the_coordinator_disagrees(world):
    conversation = _report(
        world, services.start_conversation(actor=world.coordinator, household=world.household)
    )
    correction = services.add_note(
        actor=world.resident,
        conversation=conversation,
        kind="correction",
        text="Ik zei niet dat Samira elke week komt. Zij komt één keer per maand.",
    )
    response = services.add_note(
        actor=world.coordinator,
        conversation=conversation,
        kind="response",
        text="Ik heb het anders onthouden, maar uw woorden blijven staan.",
        in_reply_to=correction,
    )
    final = services.confirm_read(
        actor=world.resident, conversation=conversation, expected_revision=conversation.revision
    )
    [shown] = selectors.with_notes(Conversation.objects.filter(pk=final.pk)).get().resident_notes
    assert shown.text.startswith("Ik zei niet dat Samira")
    assert [r.pk for r in shown.responses.all()] == [response.pk]
    with pytest.raises(AppendOnlyError):
        correction.delete()
    correction.text = "weg"
    with pytest.raises(AppendOnlyError):
        correction.save()
    assert ReportNote.objects.get(pk=correction.pk).text.startswith("Ik zei niet")


def test_who_adds_what_to_a_report(world):
    conversation = services.start_conversation(actor=world.coordinator, household=world.household)
    with pytest.raises(ValidationError, match="nog geen verslag"):
        services.add_note(
            actor=world.resident, conversation=conversation, kind="comment", text="Hoi"
        )
    conversation = _report(world, conversation)
    comment = services.add_note(
        actor=world.resident, conversation=conversation, kind="comment", text="Dank je."
    )
    with pytest.raises(PermissionDenied):
        services.add_note(
            actor=world.coordinator, conversation=conversation, kind="correction", text="Nee"
        )
    with pytest.raises(PermissionDenied):
        services.add_note(
            actor=world.resident,
            conversation=conversation,
            kind="response",
            text="Nee",
            in_reply_to=comment,
        )
    with pytest.raises(ValidationError, match="Kies waarop"):
        services.add_note(
            actor=world.coordinator, conversation=conversation, kind="response", text="Ja"
        )
    for who in (world.circle_user, world.other_coordinator):
        with pytest.raises(PermissionDenied):
            services.add_note(actor=who, conversation=conversation, kind="comment", text="Hm")


def test_a_colleague_records_nothing_and_a_representative_reads_for_the_resident(world):
    colleague = CoordinatorFactory()
    with pytest.raises(PermissionDenied):
        services.start_conversation(actor=colleague, household=world.household)
    mentor = UserFactory()
    from tests.factories import RepresentativeFactory

    RepresentativeFactory(household=world.household, user=mentor, represents=world.resident_person)
    conversation = _report(
        world, services.start_conversation(actor=world.coordinator, household=world.household)
    )
    final = services.confirm_read(
        actor=mentor, conversation=conversation, expected_revision=conversation.revision
    )
    assert final.is_final


def test_a_minor_in_the_household_reads_but_does_not_answer(world):
    minor = UserFactory()
    PersonFactory(
        household=world.household,
        user=minor,
        date_of_birth=timezone.localdate() - datetime.timedelta(days=15 * 365),
    )
    conversation = _report(
        world, services.start_conversation(actor=world.coordinator, household=world.household)
    )
    assert minor.has_perm("conversations.view", world.household)
    with pytest.raises(PermissionDenied):
        services.confirm_read(
            actor=minor, conversation=conversation, expected_revision=conversation.revision
        )
