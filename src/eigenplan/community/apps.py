from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "eigenplan.community"
    verbose_name = _("Buurt en kring")
