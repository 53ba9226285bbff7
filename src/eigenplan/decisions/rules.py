"""Who may do what with support and decisions. The object is the Household; every predicate
asks the one Standing (households.access)."""

import rules

from eigenplan.households.access import standing
from eigenplan.households.rules import has_standing, is_assigned_coordinator


@rules.predicate
def may_see_decisions(user, household) -> bool:
    """Decisions are the "decisions" part of the file (privacy.parts): the household itself
    and whoever the resident shares it with."""
    return standing(user, household).may_see("decisions")


# The assigned coordinator turns plan actions into support and grants within their mandate.
rules.add_perm("decisions.manage_support", is_assigned_coordinator)
rules.add_perm("decisions.view_decisions", has_standing & may_see_decisions)
