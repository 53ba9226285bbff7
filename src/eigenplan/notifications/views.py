from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from eigenplan.notifications import selectors


def _local_link(secret: str) -> str:
    """The path of a link in a message, so the demo can open it on this server whatever
    EIGENPLAN_SITE_URL says. Empty for a code."""
    parts = urlsplit(secret)
    if parts.scheme in ("http", "https") and parts.path.startswith("/"):
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return ""


@login_required
def outbox(request):
    """Demo only: the messages eigenplan would have sent, so someone trying the demo can open an
    invitation link. Any logged-in demo user may read it (all demo people are invented); in
    production this page does not exist."""
    if not settings.DEMO_MODE:
        raise Http404
    messages = [
        {"message": message, "link": _local_link(message.secret)}
        for message in selectors.outbox_messages()
    ]
    return render(request, "notifications/outbox.html", {"messages_out": messages})
