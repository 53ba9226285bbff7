import pytest
from django.urls import reverse

from eigenplan.community.models import CommunityOffer
from eigenplan.core.demo_data import DEMO_CBS_CODES, load_demo, remove_demo
from eigenplan.households.models import Household


@pytest.mark.django_db
def test_lina_sees_how_to_grow_her_small_circle_in_the_demo(client):
    load_demo()
    for code in DEMO_CBS_CODES:
        assert CommunityOffer.objects.filter(neighbourhoods__cbs_code=code).count() >= 2
    lina = Household.objects.get(persons__user__username="lina")
    client.force_login(lina.persons.get(user__username="lina").user)
    page = client.get(reverse("plans:overview", args=[lina.pk])).content.decode()
    assert "Meer mensen om u heen" in page
    assert "Els Vos" in page.split('id="kring-groeien"')[1]  # mentioned, never invited
    assert "Moedergroep De Haven" in page and "Taalcafé Oude Haven" in page
    remove_demo()
    assert not CommunityOffer.objects.exists()
