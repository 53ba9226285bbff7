"""The support in the resident's plan, in plain words, and the status colours."""

from django import template

from eigenplan.decisions import selectors

register = template.Library()

STATUS_CLASSES = {"draft": "todo", "waiting": "open", "granted": "accepted", "refused": "declined"}


@register.filter
def status_class(status: str) -> str:
    return STATUS_CLASSES.get(status, "todo")


@register.inclusion_tag("decisions/_resident_support.html")
def support_in_plan(household, view):
    """What the municipality gives or is deciding on, for whoever may see the household's
    decisions; nothing (and no query) for anyone else."""
    if not view.may_see("decisions"):
        return {"shown": False}
    return {
        "shown": True,
        "household": household,
        "items": selectors.support_for_resident(household),
        "has_letters": selectors.letters_of(household).exists(),
        "holds_pen": view.holds_pen,
    }
