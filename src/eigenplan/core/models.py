from django.db import models
from django.utils.translation import gettext_lazy as _


class ClosedDay(models.Model):
    """A day on which the municipality does not work on top of the public holidays of the
    Algemene termijnenwet (core.workdays), such as Good Friday or a bridge day. Periods counted
    in working days skip it."""

    date = models.DateField(_("datum"), unique=True)
    name = models.CharField(_("naam"), max_length=80)

    class Meta:
        ordering = ["date"]
        verbose_name = _("extra vrije dag")
        verbose_name_plural = _("extra vrije dagen")

    def __str__(self) -> str:
        return f"{self.name} ({self.date:%d-%m-%Y})"
