from django.apps import AppConfig


class CircleConfig(AppConfig):
    name = "eigenplan.circle"
    verbose_name = "Kring: afspraken en kringkaart"
