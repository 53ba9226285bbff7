"""The demo tells the story of this feature: a melding with its clocks, a prepared
conversation, and a final report with the resident's correction and the coordinator's
response."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from eigenplan.conversations.models import Conversation, ReportNote
from eigenplan.conversations.selectors import deadlines_due
from eigenplan.core.demo_data import load_demo
from eigenplan.households.models import Household

pytestmark = pytest.mark.django_db


def test_the_demo_has_requests_clocks_and_conversations():
    load_demo()
    users = get_user_model().objects.in_bulk(["henk", "fatima"], field_name="username")
    henk = Household.objects.get(persons__user=users["henk"])
    fatima = Household.objects.get(persons__user=users["fatima"])

    melding = henk.support_requests.get()
    assert melding.kind == "melding" and melding.own_plan == "yes"
    statuses = dict(melding.deadlines.values_list("rule__code", "status"))
    assert statuses == {"wmo-onderzoek": "open", "wmo-persoonlijk-plan": "met"}
    report = henk.conversations.get()
    assert report.status == Conversation.Status.FINAL and report.is_prepared
    correction = report.notes.get(kind=ReportNote.Kind.CORRECTION)
    assert "Ik kan wel koken" in correction.text
    assert correction.responses.get().author_name == "Sanne de Vries"

    due = deadlines_due([henk.pk, fatima.pk])
    [urgent] = due[fatima.pk]
    assert urgent.name == "Eerste gesprek over uw schulden, met spoed"
    assert urgent.due_on > timezone.localdate()  # asked yesterday: three working days
    prepared = fatima.conversations.get()
    assert prepared.status == Conversation.Status.PREPARING and prepared.is_prepared
    assert [d.name for d in due[henk.pk]] == ["Onderzoek naar uw situatie"]
