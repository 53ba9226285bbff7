"""The demo outbox page: in demo mode anyone logged in reads what would have been sent and can
open a link from it; in production the page does not exist."""

import pytest
from django.urls import reverse

from eigenplan.notifications.models import SECRET_MARK, Message
from eigenplan.notifications.services import queue_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def message(settings):
    settings.EIGENPLAN_OUTBOX_ONLY = True
    return queue_message(
        kind=Message.Kind.INVITATION,
        channel=Message.Channel.EMAIL,
        address="ria@example.org",
        subject="Fatima nodigt u uit om mee te helpen",
        body=f"Open deze link:\n{SECRET_MARK}",
        secret="http://127.0.0.1:8000/uitnodiging/?sleutel=abc",
    )


def test_the_demo_outbox_shows_messages_with_a_link_to_open(client, world, message, settings):
    settings.DEMO_MODE = True
    client.force_login(world.stranger)
    page = client.get(reverse("notifications:outbox")).content.decode()
    assert "Fatima nodigt u uit om mee te helpen" in page
    assert "ria@example.org" in page
    assert "Alleen in het postvak (demo)" in page
    # A link on this server, whatever EIGENPLAN_SITE_URL says.
    assert 'href="/uitnodiging/?sleutel=abc"' in page


def test_the_outbox_does_not_exist_outside_demo_mode(client, world, message, settings):
    settings.DEMO_MODE = False
    client.force_login(world.resident)
    assert client.get(reverse("notifications:outbox")).status_code == 404


def test_the_outbox_needs_a_login(client, message, settings):
    settings.DEMO_MODE = True
    response = client.get(reverse("notifications:outbox"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url
