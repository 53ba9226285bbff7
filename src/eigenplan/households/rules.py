"""Who may do what with a household and its circle. The object is always a Household; every
predicate asks the one Standing (households.access)."""

import rules

from eigenplan.households.access import standing


@rules.predicate
def holds_pen(user, household) -> bool:
    return standing(user, household).holds_pen


@rules.predicate
def is_household_member(user, household) -> bool:
    return standing(user, household).is_household_member


@rules.predicate
def is_assigned_coordinator(user, household) -> bool:
    return standing(user, household).is_coordinator


@rules.predicate
def is_team_professional(user, household) -> bool:
    """A professional of the household's own team (the coordinator, a team member, the team
    lead) whom the household exists for: see Standing.has_any_access."""
    view = standing(user, household)
    return view.is_team_professional and view.has_any_access


@rules.predicate
def is_circle_member(user, household) -> bool:
    return standing(user, household).is_circle_member


@rules.predicate
def has_emergency_access(user, household) -> bool:
    return standing(user, household).has_emergency_access


@rules.predicate
def sees_whole_household(user, household) -> bool:
    """The household itself, emergency access (which reads and changes nothing), and the
    team's professionals with whom the resident shares the whole plan."""
    return standing(user, household).sees_whole_plan


@rules.predicate
def has_standing(user, household) -> bool:
    return standing(user, household).has_any_access


rules.add_perm("households.view_household", has_standing)
rules.add_perm("households.view_circle", sees_whole_household)
rules.add_perm("households.manage_circle", holds_pen)
# The household file (plan, circle, history, every law in one place): its coordinator.
rules.add_perm("households.view_file", is_assigned_coordinator)
