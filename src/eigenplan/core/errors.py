from django.utils.translation import gettext_lazy as _


class ConflictError(Exception):
    """Someone else changed the same thing since the form was opened. The caller keeps what the
    user typed and shows this message."""

    default_message = _(
        "Iemand anders heeft dit net veranderd. Wat u typte staat nog in het formulier. "
        "Kijk naar de nieuwe versie hieronder en sla daarna opnieuw op."
    )

    def __init__(self, message=None, *, current=None):
        self.message = message or self.default_message
        self.current = current
        super().__init__(str(self.message))
