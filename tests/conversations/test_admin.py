"""The administrator keeps the legal periods: the list says which are unverified, the form says
what that means, and every change is in the audit trail."""

from django.urls import reverse

from eigenplan.conversations.models import DeadlineRule
from eigenplan.privacy.models import AuditEvent
from tests.factories import UserFactory


def test_the_admin_sees_unverified_periods_and_changes_are_audited(client, db):
    admin = UserFactory(username="admin", role="administrator", is_staff=True, is_superuser=True)
    client.force_login(admin)
    page = client.get(reverse("admin:conversations_deadlinerule_changelist")).content.decode()
    assert "niet gecontroleerd" in page
    assert "Eerste gesprek over uw schulden, met spoed" in page
    rule = DeadlineRule.objects.get(code="wgs-eerste-gesprek-spoed")
    url = reverse("admin:conversations_deadlinerule_change", args=[rule.pk])
    page = client.get(url).content.decode()
    assert "komen uit andere bronnen dan de wettekst" in page
    response = client.post(
        url,
        {
            "code": rule.code,
            "law": rule.law,
            "starts_on": rule.starts_on,
            "urgency": rule.urgency,
            "name": rule.name,
            "amount": 3,
            "unit": "working_days",
            "source": "Wgs art. 4 lid 2, gecontroleerd in de wettekst",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert not rule.unverified
    event = AuditEvent.objects.get(verb="change_deadline_rule")
    assert event.detail["unverified"] is False and event.actor_id == admin.pk
