from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


FIELD_TEMPLATES = {
    "RadioSelect": "govuk/fields/radios.html",
    "CheckboxSelectMultiple": "govuk/fields/checkboxes.html",
    "CheckboxInput": "govuk/fields/checkbox.html",
    "Textarea": "govuk/fields/textarea.html",
    "Select": "govuk/fields/select.html",
    "SelectMultiple": "govuk/fields/select.html",
    "HiddenInput": "govuk/fields/hidden.html",
}


def character_count_messages() -> list[tuple[str, str]]:
    """GOV.UK Frontend's character count texts, as its ``data-i18n.*`` attributes. Written here
    rather than in the template: a template's translated literal may not hold ``%``."""
    return [
        ("characters-under-limit.one", gettext("You have %{count} character remaining")),
        ("characters-under-limit.other", gettext("You have %{count} characters remaining")),
        ("characters-at-limit", gettext("You have 0 characters remaining")),
        ("characters-over-limit.one", gettext("You have %{count} character too many")),
        ("characters-over-limit.other", gettext("You have %{count} characters too many")),
    ]


@register.inclusion_tag("govuk/fields/field.html")
def govuk_field(field, width=""):
    """Render one form field with GOV.UK Frontend markup: label, hint, error, control; a
    textarea with a limit gets GOV.UK's character count."""
    widget = type(field.field.widget).__name__
    limited = widget == "Textarea" and getattr(field.field, "max_length", None)
    return {
        "field": field,
        "template": FIELD_TEMPLATES.get(widget, "govuk/fields/input.html"),
        "input_type": getattr(field.field.widget, "input_type", "text"),
        "width": width,
        "count_messages": character_count_messages() if limited else [],
    }


@register.filter
def display_name(person):
    """A person's name, masked when their identity is protected."""
    from brytupp.people.presentation import person_display_name

    return person_display_name(person)


@register.simple_tag
def govuk_select(field):
    """A select with the GOV.UK error class when the field has an error."""
    css = "govuk-select govuk-select--error" if field.errors else "govuk-select"
    attrs = {"class": css}
    described = [f"{field.auto_id}-hint"] if field.help_text else []
    described += [f"{field.auto_id}-error"] if field.errors else []
    if described:
        # The ids the field templates give the hint and the error message.
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


class _NavIfAnyNode(template.Node):
    def __init__(self, nodelist, label):
        self.nodelist = nodelist
        self.label = label

    def render(self, context):
        inside = self.nodelist.render(context)
        if not inside.strip():
            return ""
        # The nodelist renders safe text (autoescaped), which format_html keeps as it is.
        return format_html('<nav aria-label="{}">{}</nav>', self.label.resolve(context), inside)


@register.tag
def nav_if_any(parser, token):
    """``{% nav_if_any label %}…{% end_nav_if_any %}``: what is inside, in a navigation
    landmark named LABEL, or nothing when it renders empty. The back link before ``<main>``
    is so inside a landmark (axe's rule "region") without an empty landmark on other pages."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("nav_if_any takes one argument: the label")
    nodelist = parser.parse(("end_nav_if_any",))
    parser.delete_first_token()
    return _NavIfAnyNode(nodelist, parser.compile_filter(bits[1]))
