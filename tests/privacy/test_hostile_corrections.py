"""Malformed and hostile input thrown at the correction and file forms: never a server error,
and an answered request or a kept request is never lost or changed by it."""

from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from eigenplan.privacy.models import CorrectionRequest
from eigenplan.privacy.services import answer_correction, request_correction
from tests.test_hostile_input import HYPOTHESIS, form_data


def _requests(world):
    answered = request_correction(
        actor=world.resident, household=world.household, what_is_wrong="Mijn naam is fout."
    )
    answer_correction(
        actor=world.coordinator, correction=answered, outcome="corrected", answer="Verbeterd."
    )
    open_one = request_correction(
        actor=world.resident, household=world.household, what_is_wrong="Mijn adres is oud."
    )
    return answered, open_one


@HYPOTHESIS
@given(data=st.data())
def test_correction_forms_never_fail_and_lose_nothing(client, world, data):
    answered, open_one = _requests(world)
    h = world.household.pk
    forms = [
        (
            world.resident,
            reverse("privacy:correction_new", args=[h]),
            ["what_is_wrong", "what_it_should_be", "part"],
        ),
        (
            world.coordinator,
            reverse("privacy:correction_detail", args=[h, open_one.pk]),
            ["do", "outcome", "answer", "reason"],
        ),
        (
            world.coordinator,
            reverse("privacy:correction_detail", args=[h, answered.pk]),
            ["do", "outcome", "answer", "reason"],
        ),
        (world.coordinator, reverse("privacy:household_file", args=[h]), ["do"]),
    ]
    for user, url, fields in forms:
        client.force_login(user)
        payload = data.draw(form_data(fields), label=url)
        response = client.post(url, payload)
        assert response.status_code < 500, (url, payload)
    answered.refresh_from_db()
    assert (answered.status, answered.answer) == ("corrected", "Verbeterd.")
    assert CorrectionRequest.objects.filter(pk=open_one.pk, what_is_wrong="Mijn adres is oud.")
    for correction in CorrectionRequest.objects.all():
        assert "\x00" not in correction.what_is_wrong + correction.answer
