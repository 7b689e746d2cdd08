from django import template

register = template.Library()


@register.filter
def small_number(value, suppress=True):
    """Show a count of 1 to 4 as "<5" so that no one can be singled out; zero stays zero."""
    if suppress and isinstance(value, int) and 1 <= value <= 4:
        return "<5"
    return value


@register.filter
def get_item(mapping, key):
    return mapping.get(key)
