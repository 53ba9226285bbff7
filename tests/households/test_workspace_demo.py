import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from eigenplan.core.demo_data import load_demo
from eigenplan.households.models import Household


@pytest.mark.django_db
def test_the_demo_shows_a_caseload_by_urgency_and_a_hand_over_in_the_history(client):
    load_demo()
    sanne = get_user_model().objects.get(username="sanne")
    client.force_login(sanne)
    rows = client.get(reverse("plans:caseload")).context["rows"]
    assert rows and rows[0].items  # something needs attention at the top
    assert [row.urgency for row in rows] == sorted(row.urgency for row in rows)
    yonas = Household.objects.get(persons__user__username="yonas")
    page = client.get(reverse("households:file", args=[yonas.pk])).content.decode()
    assert "Mohamed Bakkali" in page and "Ruud Hendriks" in page
    assert "Sanne wordt zijn regisseur" in page
