from django import template

from eigenplan.community.selectors import growth_suggestions

register = template.Library()


@register.inclusion_tag("community/_grow_circle.html")
def grow_circle(household, view):
    """The box on the plan page that suggests ways to grow a small circle (nothing otherwise)."""
    return {"household": household, "grow": growth_suggestions(household, view)}
