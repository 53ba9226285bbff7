from django import template

from eigenplan.households.household_file import current_assignment

register = template.Library()


@register.inclusion_tag("households/_your_coordinator.html")
def your_coordinator(household):
    """Who the household's coordinator is and since when, for the resident (one query)."""
    assignment = current_assignment(household)
    return {
        "assignment": assignment,
        "team": household.team.name if household.team_id and household.team else "",
    }
