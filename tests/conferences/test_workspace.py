"""Conferences on the coordinator's caseload and in the household file."""

from django.urls import reverse

from eigenplan.conferences.models import Status
from eigenplan.households.attention import attention_for


def _items(world):
    return {item.kind: item for item in attention_for([world.household.pk])[world.household.pk]}


def test_a_review_date_shows_on_the_caseload(client, scene, world):
    conference = scene.walk(Status.FOLLOW_UP)
    item = _items(world)["reviews"]
    assert item.due == conference.review_date
    assert item.url == reverse("conferences:detail", args=[world.household.pk, conference.pk])
    client.force_login(world.coordinator)
    assert "Terugkijken op het plan" in client.get(reverse("plans:caseload")).content.decode()


def test_a_plan_to_assess_waits_for_the_professionals(scene, world):
    scene.walk(Status.ASSESSMENT)
    assert "conference_assessment" in _items(world)
    assert "reviews" not in _items(world)


def test_the_household_file_lists_the_conferences(client, scene, world):
    conference = scene.walk(Status.FOLLOW_UP)
    client.force_login(world.coordinator)
    page = client.get(reverse("households:file", args=[world.household.pk])).content.decode()
    assert "Eigen Kracht-conferentie: Terugkijken gepland" in page
    assert reverse("conferences:detail", args=[world.household.pk, conference.pk]) in page
