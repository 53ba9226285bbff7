"""Who may do what with a plan. The object is always the plan's Household, so one standing
lookup serves every check on a page."""

import rules

from eigenplan.households.rules import (
    holds_pen,
    is_assigned_coordinator,
    is_circle_member,
    is_household_member,
    sees_whole_household,
)

# Everyone with a link to the household sees the plan; circle members only the shared parts.
rules.add_perm("plans.view_plan", sees_whole_household | is_circle_member)
rules.add_perm("plans.view_whole_plan", sees_whole_household)
# Only the resident or their representative writes and approves: they hold the pen.
rules.add_perm("plans.edit_plan", holds_pen)
rules.add_perm("plans.approve_plan", holds_pen)
rules.add_perm("plans.answer_proposal", holds_pen)
# Everyone else who is involved proposes.
rules.add_perm(
    "plans.propose",
    ~holds_pen & (is_assigned_coordinator | is_circle_member | is_household_member),
)
rules.add_perm("plans.view_versions", sees_whole_household)
