import datetime

from django import template

from eigenplan.plans.models import LifeDomain

register = template.Library()


@register.filter
def life_domain_label(value: str) -> str:
    try:
        return str(LifeDomain(value).label)
    except ValueError:
        return value


@register.filter
def iso_date(value: str | None):
    return datetime.date.fromisoformat(value) if value else None
