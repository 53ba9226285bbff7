"""Who may do what with requests, legal clocks and conversations. The object is always the
Household. Requests and conversations are the "conversations" part of the file: besides the
household itself, only those the resident shares that part with see them (the coordinator by
default), asked through the Standing."""

import rules

from eigenplan.households.access import standing
from eigenplan.households.rules import has_standing, holds_pen, is_assigned_coordinator
from eigenplan.privacy.models import FilePart


@rules.predicate
def sees_conversations(user, household) -> bool:
    return standing(user, household).may_see(FilePart.CONVERSATIONS)


rules.add_perm("conversations.view", has_standing & sees_conversations)
# A request is recorded by the resident (in their own words) or by the coordinator for them.
rules.add_perm(
    "conversations.record_request", sees_conversations & (holds_pen | is_assigned_coordinator)
)
# The resident prepares a conversation, reads its report, corrects and comments on it.
rules.add_perm("conversations.prepare", holds_pen)
rules.add_perm("conversations.answer_report", holds_pen)
# The coordinator records the conversation, responds to the resident's notes, keeps the clocks.
rules.add_perm("conversations.record", sees_conversations & is_assigned_coordinator)
rules.add_perm("conversations.manage_deadlines", sees_conversations & is_assigned_coordinator)
