"""`eigenplan configure_digid`: fill django-digid-eherkenning's DigiD configuration (the same
records the admin edits under /beheer/) from the environment, for scripted deployments.

    EIGENPLAN_DIGID_OIDC_DISCOVERY_URL  the broker's issuer or discovery URL
    EIGENPLAN_DIGID_OIDC_CLIENT_ID      eigenplan's client id there
    EIGENPLAN_DIGID_OIDC_CLIENT_SECRET  its secret (kept out of the command line)
    EIGENPLAN_DIGID_OIDC_BSN_CLAIM      the claim with the BSN (default ``bsn``)

`--disable` switches DigiD off again and changes nothing else. Needs PostgreSQL (see
eigenplan.accounts.digid).
"""

import os

import requests
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from eigenplan.accounts import digid


class Command(BaseCommand):
    help = "Configure (or switch off) DigiD login over OpenID Connect from the environment."

    def add_arguments(self, parser):
        parser.add_argument("--disable", action="store_true", help="switch DigiD login off")

    def handle(self, *args, disable=False, **options):
        if not digid.available():
            raise CommandError("DigiD login needs PostgreSQL (DATABASE_URL).")
        from eigenplan.accounts import digid_oidc

        if disable:
            count = digid_oidc.OIDCClient.objects.filter(identifier=digid.IDENTIFIER).update(
                enabled=False
            )
            self.stdout.write("DigiD login is off." if count else "DigiD was not configured.")
            return
        env = os.environ
        missing = [
            name
            for name in ("EIGENPLAN_DIGID_OIDC_DISCOVERY_URL", "EIGENPLAN_DIGID_OIDC_CLIENT_ID")
            if not env.get(name, "").strip()
        ]
        if missing:
            raise CommandError(f"Set {' and '.join(missing)}.")
        try:
            digid_oidc.configure(
                discovery_url=env["EIGENPLAN_DIGID_OIDC_DISCOVERY_URL"],
                client_id=env["EIGENPLAN_DIGID_OIDC_CLIENT_ID"],
                client_secret=env.get("EIGENPLAN_DIGID_OIDC_CLIENT_SECRET", ""),
                bsn_claim=env.get("EIGENPLAN_DIGID_OIDC_BSN_CLAIM", "bsn") or "bsn",
            )
        except (requests.RequestException, ValueError, ImproperlyConfigured) as error:
            raise CommandError(f"The discovery document could not be read: {error}") from error
        self.stdout.write("DigiD login is on.")
