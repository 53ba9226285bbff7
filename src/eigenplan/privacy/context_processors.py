from django.utils.functional import SimpleLazyObject

from eigenplan.privacy.selectors import correction_counts


def corrections(request):
    """Open and overdue correction requests for a coordinator's or team lead's navigation.
    Lazy: the one query runs only when a page shows the count."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"correction_counts": SimpleLazyObject(lambda: correction_counts(user))}
