"""{% personal "name" args… %}: a part of a read page that is each visitor's own, drawn for the
current one and marked so that a stored page can have it drawn again (marketplace/personal_parts.py)."""

from django import template
from django.contrib.auth.models import AnonymousUser
from django.utils.safestring import mark_safe

from marketplace import personal_parts

register = template.Library()


@register.simple_tag(takes_context=True)
def personal(context, name, *args):
    request = context.get("request")
    # Oscar's error pages render the header without a request: they show it signed out.
    user = getattr(request, "user", None) or context.get("user") or AnonymousUser()
    return mark_safe(personal_parts.draw(request, user, name, args))
