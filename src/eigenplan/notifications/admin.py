from django.contrib import admin

from eigenplan.notifications.models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Read-only: the administrator sees what went out and what failed, not the secret parts."""

    list_display = ("created_at", "kind", "channel", "status", "attempts", "last_error")
    list_filter = ("status", "kind", "channel")
    fields = (
        "kind",
        "channel",
        "status",
        "attempts",
        "last_error",
        "language",
        "household",
        "created_at",
        "next_attempt_at",
        "sent_at",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
