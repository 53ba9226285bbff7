"""Template tags that render form fields the NL Design System way, with labels, descriptions,
errors and aria attributes kept right in one place."""

from django import forms, template

register = template.Library()


def _kind(widget) -> str:
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "input"


@register.inclusion_tag("core/_field.html")
def field(bound_field, autofocus=False):
    widget = bound_field.field.widget
    kind = _kind(widget)
    value = bound_field.value()
    if kind == "checkboxes":
        selected = {str(v) for v in (value or [])}
    else:
        selected = {"" if value is None else str(value)}
    input_type = getattr(widget, "input_type", "text")
    if kind == "input" and widget.attrs.get("type"):
        input_type = widget.attrs["type"]
    return {
        "f": bound_field,
        "kind": kind,
        "id": bound_field.auto_id,
        "name": bound_field.html_name,
        # A typed password is never sent back to the browser.
        "value": "" if value is None or kind == "checkboxes" or input_type == "password" else value,
        "selected": selected,
        "checked": bool(value) if kind == "checkbox" else False,
        "input_type": input_type,
        "rows": widget.attrs.get("rows", 4),
        "choices": [(str(k), v) for k, v in getattr(bound_field.field, "choices", [])],
        "errors": bound_field.errors,
        "help_text": bound_field.help_text,
        "autofocus": autofocus,
        "maxlength": getattr(bound_field.field, "max_length", None),
    }


@register.inclusion_tag("core/_error_summary.html")
def error_summary(form):
    return {"form": form}
