from eigenplan.conversations import services


def conversation_scene(world):
    """A Wmo melding by the resident, and a conversation the resident prepared and the
    coordinator reported on, now waiting for the resident to read it."""
    request = services.record_request(
        actor=world.resident,
        household=world.household,
        kind="melding",
        laws=["wmo"],
        own_words="Ik kan de trap niet meer op.",
    )
    services.save_preparation(
        actor=world.resident, household=world.household, worries="De trap.", wishes="Thuis blijven."
    )
    conversation = services.start_conversation(
        actor=world.coordinator, household=world.household, request=request
    )
    conversation = services.save_report(
        actor=world.coordinator,
        conversation=conversation,
        expected_revision=conversation.revision,
        held_on=None,
        attendees="Fatima en Sanne",
        discussed="We spraken over de trap.",
        agreed="Sanne zoekt uit wat kan.",
        for_reading=True,
    )
    services.add_note(
        actor=world.resident, conversation=conversation, kind="comment", text="Dank je wel."
    )
    return request, conversation
