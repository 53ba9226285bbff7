from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "eigenplan.accounts"
    label = "accounts"

    def ready(self):
        from django.contrib import admin

        from eigenplan.accounts import digid

        if digid.available():
            # Registers the DigiD plugin with mozilla-django-oidc-db (before its post_migrate
            # signal makes the configuration record).
            from eigenplan.accounts import digid_oidc  # noqa: F401

        # Start the session clocks on every login (eigenplan.accounts.sessions).
        from eigenplan.accounts import sessions  # noqa: F401
        from eigenplan.accounts.forms import AdminLoginForm

        # Every password check goes through the login throttle, the admin's login as well.
        admin.site.login_form = AdminLoginForm
