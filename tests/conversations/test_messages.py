"""The resident hears by e-mail when the report of their conversation is ready to read: once,
with a link, and nothing of what the report says."""

from django.urls import reverse

from eigenplan.conversations import services
from eigenplan.notifications.models import Message

KIND = Message.Kind.REPORT_FOR_READING


def test_the_pen_holder_hears_once_that_the_report_is_ready(world):
    for user in (world.resident, world.coordinator, world.circle_user, world.other_resident):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    request = services.record_request(
        actor=world.resident,
        household=world.household,
        kind="melding",
        laws=["wmo"],
        own_words="Ik kan de trap niet meer op.",
    )
    conversation = services.start_conversation(
        actor=world.coordinator, household=world.household, request=request
    )

    def report(conversation, *, for_reading, discussed="We spraken over de trap."):
        return services.save_report(
            actor=world.coordinator,
            conversation=conversation,
            expected_revision=conversation.revision,
            held_on=None,
            attendees="Fatima en Sanne",
            discussed=discussed,
            agreed="Sanne zoekt uit wat kan.",
            for_reading=for_reading,
        )

    conversation = report(conversation, for_reading=False)
    assert not Message.objects.filter(kind=KIND).exists()  # a draft is not for reading yet

    conversation = report(conversation, for_reading=True)
    [message] = Message.objects.filter(kind=KIND)
    assert (message.recipient, message.address) == (world.resident, world.resident.email)
    assert message.household == world.household
    assert message.channel == Message.Channel.EMAIL
    link = reverse("conversations:detail", args=[world.household.pk, conversation.pk])
    assert link in message.body
    assert "Sanne de Vries" in message.body
    for secret in ("trap", "Sanne zoekt uit", "Fatima en Sanne", world.household.address):
        assert secret not in message.subject + message.body, secret

    # A change while it still waits: the same unread report, no second message.
    conversation = report(conversation, for_reading=True, discussed="We spraken over de lift.")
    assert Message.objects.filter(kind=KIND).count() == 1
    assert not Message.objects.filter(
        kind=KIND, recipient__in=[world.coordinator, world.circle_user, world.other_resident]
    ).exists()
