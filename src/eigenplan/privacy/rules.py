"""Who may see what the audit trail says about a household. The object is always a Household."""

import rules

from eigenplan.households.rules import holds_pen, is_assigned_coordinator

# The access log is the resident's own oversight tool: the resident and their representative
# (whoever holds the pen) see it; the coordinator and the circle do not.
rules.add_perm("privacy.view_access_log", holds_pen)

# Downloading everything kept about the household (AVG art. 15 and 20) is the resident's right:
# the resident and their representative (whoever holds the pen), nobody else.
rules.add_perm("privacy.export_data", holds_pen)

# A correction (AVG art. 16) is asked for by the resident or their representative, and answered
# by the household's coordinator, who also closes the file when the support ends.
rules.add_perm("privacy.request_correction", holds_pen)
rules.add_perm("privacy.view_corrections", holds_pen | is_assigned_coordinator)
rules.add_perm("privacy.answer_correction", is_assigned_coordinator)
rules.add_perm("privacy.close_file", is_assigned_coordinator)

# Who sees what of the file (circle members, the professionals of the team) is the resident's
# decision: the resident and their representative (whoever holds the pen).
rules.add_perm("privacy.manage_sharing", holds_pen)
