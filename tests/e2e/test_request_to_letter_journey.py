"""Issue 5's whole journey in one browser run, every page checked with axe: a request is
recorded; the resident prepares; the coordinator records the conversation; the resident corrects
the report and it becomes final; two support items for different laws are derived from the
plan; one is within the coordinator's mandate and is granted; the other goes to the mandate
holder, who grants it before the deadline; one letter covers both, as HTML and PDF; the resident
sees both in their plan.

The two halves live beside the pages they walk (test_conversation_journey.py and
test_decisions_journey.py); here they run one after the other on the same household."""

from eigenplan.conversations.models import Conversation
from eigenplan.decisions.models import DecisionLetter
from tests.e2e.test_conversation_journey import request_preparation_report_correction_final
from tests.e2e.test_decisions_journey import (
    two_items_two_laws_one_granted_one_by_the_mandate_holder_one_letter,
)


def test_from_request_to_conversation_to_support_to_one_letter(people, new_context, live_server):
    request_preparation_report_correction_final(people, new_context, live_server)
    two_items_two_laws_one_granted_one_by_the_mandate_holder_one_letter(
        people, new_context, live_server
    )
    assert Conversation.objects.get(household=people.household).is_final
    letter = DecisionLetter.objects.get(household=people.household)
    assert {d.support_item.law for d in letter.decisions.all()} == {"wmo", "jeugdwet"}
