"""Tokens of single-use links travel only in the query string, which the access log of
`eigenplan serve` leaves out; nothing secret reaches Django's own log either."""

import logging

import pytest
from django.urls import reverse

from eigenplan.core.management.commands.serve import ACCESS_LOG_FORMAT, gunicorn_argv
from eigenplan.households import services
from tests.factories import CircleMemberFactory


def test_the_access_log_format_has_no_query_string_or_referer():
    argv = gunicorn_argv(host="127.0.0.1", port=8000, workers=1)
    assert argv[argv.index("--access-logformat") + 1] == ACCESS_LOG_FORMAT
    assert "%(U)s" in ACCESS_LOG_FORMAT  # the path without its query string
    for leaky in ("%(r)s", "%(q)s", "%(f)s", "{"):
        assert leaky not in ACCESS_LOG_FORMAT


def test_links_carry_the_token_only_in_the_query_string():
    assert "?" not in reverse("households:accept")
    assert "<" not in str(reverse("households:sign_in_link_use"))


@pytest.mark.django_db
def test_no_code_or_token_in_any_log_line(client, world, caplog):
    member = CircleMemberFactory(household=world.household, email="ria@example.org")
    with caplog.at_level(logging.DEBUG):
        sent = services.invite_circle_member(actor=world.resident, member=member, channel="email")
        link = sent.invitation.message.secret
        token = link.split("sleutel=", 1)[1]
        path = link.split("127.0.0.1:8000", 1)[1]
        for _attempt in range(5):
            client.post(path, {"code": "000000" if sent.code != "000000" else "111111"})
    assert token not in caplog.text
    assert sent.code not in caplog.text
