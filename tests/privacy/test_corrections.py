"""Correction requests (AVG art. 16): the pen holder asks, the coordinator answers within one
calendar month (art. 12(3)) or extends once, within that month, by two more with a reason."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from eigenplan.privacy.audit import verify_trail
from eigenplan.privacy.export import export_household
from eigenplan.privacy.models import AuditEvent, CorrectionRequest
from eigenplan.privacy.services import (
    answer_correction,
    close_household_file,
    extend_correction,
    reopen_household_file,
    request_correction,
)

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
WRONG = "Mijn achternaam is verkeerd gespeld."
SHOULD_BE = "El Amrani, met een spatie."


def at(*args):
    return time_machine.travel(datetime.datetime(*args, tzinfo=AMSTERDAM), tick=False)


def ask(world, **kwargs):
    data = {"what_is_wrong": WRONG, "what_it_should_be": SHOULD_BE, "part": "person"} | kwargs
    return request_correction(actor=world.resident, household=world.household, **data)


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        ((2027, 1, 31, 10, 0), datetime.date(2027, 2, 28)),
        ((2028, 1, 31, 10, 0), datetime.date(2028, 2, 29)),
        ((2027, 1, 31, 23, 45), datetime.date(2027, 2, 28)),  # 22:45 UTC: still the 31st here
        ((2027, 3, 15, 9, 0), datetime.date(2027, 4, 15)),
        ((2027, 12, 31, 9, 0), datetime.date(2028, 1, 31)),
    ],
)
def test_the_answer_is_due_one_calendar_month_after_receipt(world, received, deadline):
    with at(*received):
        correction = ask(world)
    assert correction.first_deadline == deadline
    assert correction.deadline == deadline


def test_a_request_is_overdue_from_the_day_after_its_deadline(world):
    with at(2027, 1, 31, 10, 0):
        correction = ask(world)
    assert not correction.is_overdue(datetime.date(2027, 2, 28))
    assert correction.is_overdue(datetime.date(2027, 3, 1))


def test_the_request_is_kept_in_the_residents_words_and_audited_without_them(world):
    correction = ask(world)
    correction.refresh_from_db()
    assert (correction.what_is_wrong, correction.what_it_should_be) == (WRONG, SHOULD_BE)
    assert correction.requested_by_name == "Fatima El Amrani"
    event = AuditEvent.objects.get(verb="request_correction")
    assert event.household_id == world.household.pk
    assert WRONG not in str(event.detail) and SHOULD_BE not in str(event.detail)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"what_is_wrong": "   "}, "what_is_wrong", "Schrijf op wat er niet klopt."),
        ({"what_is_wrong": "x" * 4001}, "what_is_wrong", "Dit is te lang."),
        ({"what_it_should_be": "y" * 4001}, "what_it_should_be", "Dit is te lang."),
        ({"part": "bsn"}, "part", "Kies een deel uit de lijst"),
    ],
)
def test_bad_input_gets_a_plain_message_and_nothing_is_kept(world, data, field, message):
    with pytest.raises(ValidationError) as error:
        ask(world, **data)
    assert message in error.value.message_dict[field][0]
    assert not CorrectionRequest.objects.exists()


@pytest.mark.parametrize("who", ["coordinator", "circle_user", "other_resident", "stranger"])
def test_only_the_pen_holder_asks(world, who):
    with pytest.raises(PermissionDenied):
        request_correction(
            actor=getattr(world, who), household=world.household, what_is_wrong=WRONG
        )


@pytest.mark.parametrize("who", ["resident", "circle_user", "other_coordinator"])
def test_only_the_households_coordinator_answers_or_extends(world, who):
    correction = ask(world)
    actor = getattr(world, who)
    with pytest.raises(PermissionDenied):
        answer_correction(actor=actor, correction=correction, outcome="corrected", answer="Ja.")
    with pytest.raises(PermissionDenied):
        extend_correction(actor=actor, correction=correction, reason="Veel vragen tegelijk.")
    correction.refresh_from_db()
    assert correction.is_open and not correction.is_extended


def test_corrected_with_what_was_changed(world):
    correction = ask(world)
    answer_correction(
        actor=world.coordinator,
        correction=correction,
        outcome="corrected",
        answer="Uw achternaam is nu El Amrani.",
    )
    correction.refresh_from_db()
    assert correction.status == "corrected"
    assert correction.answer == "Uw achternaam is nu El Amrani."
    assert correction.answered_by_name == "Sanne de Vries"
    event = AuditEvent.objects.get(verb="answer_correction")
    assert event.detail == {"outcome": "corrected", "on_time": True}
    assert verify_trail().ok


def test_declined_needs_the_reason_and_a_request_is_answered_once(world):
    correction = ask(world)
    with pytest.raises(ValidationError) as error:
        answer_correction(
            actor=world.coordinator, correction=correction, outcome="declined", answer=""
        )
    assert "waarom u het niet verbetert" in error.value.message_dict["answer"][0]
    with pytest.raises(ValidationError) as error:
        answer_correction(actor=world.coordinator, correction=correction, outcome="", answer="x")
    assert "outcome" in error.value.message_dict
    answer_correction(
        actor=world.coordinator,
        correction=correction,
        outcome="declined",
        answer="Zo staat het in de Basisregistratie Personen.",
    )
    with pytest.raises(ValidationError, match="al beantwoord"):
        answer_correction(
            actor=world.coordinator, correction=correction, outcome="corrected", answer="Toch wel."
        )
    correction.refresh_from_db()
    assert correction.status == "declined"


def test_an_answer_after_the_deadline_is_audited_as_late(world):
    with at(2027, 1, 31, 10, 0):
        correction = ask(world)
    with at(2027, 3, 1, 9, 0):
        answer_correction(
            actor=world.coordinator, correction=correction, outcome="corrected", answer="Gedaan."
        )
    assert AuditEvent.objects.get(verb="answer_correction").detail["on_time"] is False


def test_extension_gives_three_months_from_receipt_once_and_only_within_the_first(world):
    with at(2027, 11, 30, 10, 0):
        correction = ask(world)
    with at(2027, 12, 30, 16, 0):  # the last day of the first month
        extend_correction(
            actor=world.coordinator,
            correction=correction,
            reason="We moeten dit navragen bij de Basisregistratie Personen.",
        )
    correction.refresh_from_db()
    assert correction.first_deadline == datetime.date(2027, 12, 30)
    assert correction.deadline == datetime.date(2028, 2, 29)
    assert correction.extension_reason.startswith("We moeten dit navragen")
    with pytest.raises(ValidationError, match="maar één keer"):
        extend_correction(actor=world.coordinator, correction=correction, reason="Nog meer tijd.")
    assert AuditEvent.objects.get(verb="extend_correction").detail == {"deadline": "2028-02-29"}


def test_no_extension_after_the_first_month_or_without_a_reason(world):
    with at(2027, 1, 31, 10, 0):
        correction = ask(world)
        with pytest.raises(ValidationError) as error:
            extend_correction(actor=world.coordinator, correction=correction, reason="Druk")
        assert "minstens 10 tekens" in error.value.message_dict["reason"][0]
    with (
        at(2027, 3, 1, 0, 5),
        pytest.raises(ValidationError, match="De eerste maand is voorbij"),
    ):
        extend_correction(
            actor=world.coordinator, correction=correction, reason="Het is ingewikkeld."
        )
    correction.refresh_from_db()
    assert correction.deadline == datetime.date(2027, 2, 28)


def test_the_coordinator_closes_and_reopens_the_file(world):
    with pytest.raises(PermissionDenied):
        close_household_file(actor=world.resident, household=world.household)
    with pytest.raises(PermissionDenied):
        close_household_file(actor=world.other_coordinator, household=world.household)
    correction = ask(world)
    with pytest.raises(ValidationError, match="Beantwoord die eerst"):
        close_household_file(actor=world.coordinator, household=world.household)
    answer_correction(
        actor=world.coordinator, correction=correction, outcome="corrected", answer="Klaar."
    )
    with at(2027, 5, 1, 12, 0):
        close_household_file(actor=world.coordinator, household=world.household)
    world.household.refresh_from_db()
    assert world.household.closed_at == datetime.datetime(2027, 5, 1, 12, 0, tzinfo=AMSTERDAM)
    with pytest.raises(ValidationError, match="al gesloten"):
        close_household_file(actor=world.coordinator, household=world.household)
    reopen_household_file(actor=world.coordinator, household=world.household)
    world.household.refresh_from_db()
    assert world.household.closed_at is None
    assert list(
        AuditEvent.objects.filter(verb__in=["close_file", "reopen_file"])
        .order_by("sequence")
        .values_list("verb", flat=True)
    ) == ["close_file", "reopen_file"]


def test_the_export_holds_the_households_requests_and_no_others(world):
    mine = ask(world)
    extend_correction(actor=world.coordinator, correction=mine, reason="We vragen het na.")
    request_correction(
        actor=world.other_resident, household=world.other_household, what_is_wrong="ELDERS"
    )
    data = export_household(world.household)
    assert [c["id"] for c in data["correction_requests"]] == [mine.pk]
    exported = data["correction_requests"][0]
    assert exported["what_is_wrong"] == WRONG
    assert exported["extension_reason"] == "We vragen het na."
    assert exported["part_label"].startswith("Gegevens over mij")
    assert "ELDERS" not in str(data)


def test_the_access_log_says_in_plain_words_what_the_coordinator_did(client, world):
    correction = ask(world)
    extend_correction(actor=world.coordinator, correction=correction, reason="We vragen het na.")
    answer_correction(
        actor=world.coordinator, correction=correction, outcome="corrected", answer="Klaar."
    )
    close_household_file(actor=world.coordinator, household=world.household)
    client.force_login(world.resident)
    page = client.get(reverse("privacy:access_log", args=[world.household.pk])).content.decode()
    assert "uw vraag om iets te verbeteren beantwoord" in page
    assert "meer tijd genomen om uw vraag om iets te verbeteren te beantwoorden" in page
    assert "uw dossier gesloten" in page
    assert "iets in uw plan veranderd" not in page
