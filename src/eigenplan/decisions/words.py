"""Support in plain words for residents: never a code, a law or a price."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eigenplan.decisions.models import Frequency, Unit


def amount_in_words(volume: int, unit: str, frequency: str) -> str:
    """ "2 uur per week", "1 dagdeel per dag", "10 keer in totaal"."""
    units = {
        Unit.MINUTE: ngettext("%(n)s minuut", "%(n)s minuten", volume),
        Unit.HOUR: ngettext("%(n)s uur", "%(n)s uur", volume),
        Unit.DAY_AND_NIGHT: ngettext("%(n)s dag en nacht", "%(n)s dagen en nachten", volume),
        Unit.PART_OF_DAY: ngettext("%(n)s dagdeel", "%(n)s dagdelen", volume),
        Unit.PIECES_OUTPUT: ngettext("%(n)s keer", "%(n)s keer", volume),
        Unit.EURO: ngettext("%(n)s euro", "%(n)s euro", volume),
        Unit.PIECES_EFFORT: ngettext("%(n)s keer", "%(n)s keer", volume),
    }
    how_often = {
        Frequency.PER_DAY: _("per dag"),
        Frequency.PER_WEEK: _("per week"),
        Frequency.PER_MONTH: _("per maand"),
        Frequency.TOTAL: _("in totaal"),
    }
    amount = units.get(unit, "%(n)s") % {"n": volume}
    return f"{amount} {how_often.get(frequency, '')}".strip()
