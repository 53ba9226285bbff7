"""Who may do what with a household and its circle. The object is always a Household."""

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
def is_circle_member(user, household) -> bool:
    return standing(user, household).is_circle_member


@rules.predicate
def has_emergency_access(user, household) -> bool:
    return standing(user, household).has_emergency_access


# Emergency access reads everything the team reads, and changes nothing.
sees_whole_household = (
    holds_pen | is_household_member | is_assigned_coordinator | has_emergency_access
)

rules.add_perm("households.view_household", sees_whole_household | is_circle_member)
rules.add_perm("households.view_circle", sees_whole_household)
rules.add_perm("households.manage_circle", holds_pen)
