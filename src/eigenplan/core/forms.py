"""Form plumbing shared by every app: services validate, forms only carry what was typed."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from eigenplan.core.errors import ConflictError


class RevisionForm(forms.Form):
    """A form for an object that others may change at the same time."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    conflict = False

    def expected_revision(self) -> int | None:
        return self.cleaned_data.get("revision")


def apply_service(form: forms.Form, service, /, **kwargs):
    """Call a service with the form's data; turn its refusals into form errors so the page can
    show them next to the fields, with everything the user typed still in place.

    Returns the service's result, or None when the form now carries errors."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        messages = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
        for field, field_messages in messages.items():
            target = field if field in form.fields else None
            for message in field_messages:
                form.add_error(target, message)
    except ConflictError as conflict:
        form.conflict = True
        form.add_error(None, conflict.message)
        current = conflict.current
        if current is not None and "revision" in form.fields:
            # The next save is a deliberate choice to overwrite what the user has now seen.
            form.data = form.data.copy()
            form.data["revision"] = current.revision
            form.conflict_current = current
    return None


BLANK_CHOICE = [("", _("— Kies —"))]
