"""Who may do what with a plan. The object is always the plan's Household, so one standing
lookup serves every check on a page."""

import rules

from eigenplan.households.rules import (
    has_standing,
    holds_pen,
    is_circle_member,
    is_household_member,
    is_team_professional,
    sees_whole_household,
)

# Everyone with a link to the household sees the plan; circle members and the team's
# professionals only the parts the resident shares with them.
rules.add_perm("plans.view_plan", has_standing)
rules.add_perm("plans.view_whole_plan", sees_whole_household)
# Only the resident or their representative writes and approves: they hold the pen.
rules.add_perm("plans.edit_plan", holds_pen)
rules.add_perm("plans.approve_plan", holds_pen)
rules.add_perm("plans.answer_proposal", holds_pen)
# Everyone else who is involved proposes.
rules.add_perm(
    "plans.propose",
    ~holds_pen & (is_team_professional | is_circle_member | is_household_member),
)
rules.add_perm("plans.view_versions", sees_whole_household)
