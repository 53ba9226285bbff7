from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ConversationsConfig(AppConfig):
    name = "eigenplan.conversations"
    label = "conversations"

    def ready(self) -> None:
        post_migrate.connect(_seed_when_empty, sender=self)


def _seed_when_empty(sender, using="default", **kwargs) -> None:
    """The data migration seeds the legal periods; a flushed database (the test runner's
    transactional tests) gets them back here. Only into an empty table: a municipality's own
    changes are never overwritten."""
    from eigenplan.conversations.deadlines import ensure_defaults

    ensure_defaults(using=using)
