"""Without PostgreSQL (the demo, SQLite) DigiD is off: no button, and its URLs are not there."""

import pytest
from django.urls import reverse

from eigenplan.accounts import digid

pytestmark = pytest.mark.skipif(digid.available(), reason="DigiD is available on PostgreSQL")


def test_digid_is_off_without_postgresql(client, db):
    assert "Inloggen met DigiD" not in client.get(reverse("accounts:login")).content.decode()
    assert client.get(reverse("accounts:digid_login")).status_code == 404
    assert client.get(reverse("accounts:digid_callback")).status_code == 404
