from django import template

from marketplace.shipping.charges import quote_basket

register = template.Library()


@register.simple_tag
def basket_by_seller(basket, formset=None, shipping_method=None):
    """The basket's lines grouped by seller, each group with its subtotal and shipping quote, and
    each line with its basket form and that form's index (the basket's scripts address forms by it)."""
    province_id = getattr(shipping_method, "province_id", None)
    forms = {form.instance.pk: (index, form) for index, form in enumerate(formset or [])}
    groups = []
    for quote in quote_basket(basket, province_id):
        groups.append({
            "quote": quote,
            "lines": [(line, *forms.get(line.pk, (None, None))) for line in quote.lines],
        })
    return groups
