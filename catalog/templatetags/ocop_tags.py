"""OCOP facts for templates: the six product groups for the shop's navigation."""

from django import template

from catalog.ocop import OcopGroup

register = template.Library()


@register.simple_tag
def ocop_groups():
    """The OCOP product groups (Decision 148/QĐ-TTg) as (number, label) pairs, in order."""
    return OcopGroup.choices
