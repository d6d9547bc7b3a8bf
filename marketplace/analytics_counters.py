"""Oscar's analytics, trimmed to what is worth its writes on the busiest paths.

Product views are not counted: Oscar writes one row per product page view (three for a signed-in
buyer), a write on the busiest read page, and pages served from the page cache were never counted
anyway, so the counts would be wrong as well as costly. Basket additions are counted by one upsert
per counter instead of Oscar's UPDATE and then, for a first addition, INSERT. Purchases are counted
by Oscar's own receiver, once per order.
"""

from django.db import connection
from oscar.core.loading import get_model


def connect():
    from oscar.apps.analytics import receivers  # connects them, if Oscar's app has not yet
    from oscar.apps.basket.signals import basket_addition
    from oscar.apps.catalogue.signals import product_viewed

    product_viewed.disconnect(receivers.receive_product_view)
    basket_addition.disconnect(receivers.receive_basket_addition)
    basket_addition.connect(count_basket_addition, dispatch_uid="marketplace-basket-addition")


def count_basket_addition(sender, product, user, **kwargs):
    if kwargs.get("raw", False):
        return
    add_one(get_model("analytics", "ProductRecord"), "product", product.pk, "num_basket_additions")
    if user and user.is_authenticated:
        add_one(get_model("analytics", "UserRecord"), "user", user.pk, "num_basket_additions")


def add_one(model, key, key_value, counter):
    """Add one to `counter` of the row whose one-to-one `key` is `key_value`, creating the row (with
    its fields' defaults) if there is none: one statement, and no race between two first additions."""
    quote = connection.ops.quote_name
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        value = key_value if field.name == key else 1 if field.name == counter else field.get_default()
        values[field.column] = field.get_db_prep_save(value, connection)
    table, column = quote(model._meta.db_table), quote(model._meta.get_field(counter).column)
    sql = (
        f"INSERT INTO {table} ({', '.join(quote(name) for name in values)}) VALUES ({', '.join(['%s'] * len(values))}) "
        f"ON CONFLICT ({quote(model._meta.get_field(key).column)}) DO UPDATE SET {column} = {table}.{column} + 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, list(values.values()))
