"""What sends products to the index: saves and deletes of everything a search document copies.

Within one transaction the ids are collected and sent as a single task on commit, so saving a
hundred stock records enqueues one task, not a hundred (Saleor's dirty-flag idea, per transaction).
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from oscar.core.loading import get_model

from marketplace.background import enqueue_on_commit

MAX_BATCH = 500


def schedule(product_ids, using="default"):
    """Index these products once the transaction commits, adding them to the batch already waiting
    for this transaction if there is one."""
    ids = {pk for pk in product_ids if pk}
    if not ids:
        return
    from catalog.search.tasks import index_products

    if getattr(settings, "SEARCH_INDEX_EAGERLY", False):
        # Tests run inside a transaction that never commits: index at once so pages see changes.
        index_products(sorted(ids))
        return
    conn = transaction.get_connection(using)
    if not conn.in_atomic_block:
        enqueue_on_commit(index_products, sorted(ids))
        return
    # Django replaces `run_on_commit` with a new list on commit and on rollback: a batch is only
    # reused while the list it was registered in is still the current one.
    hooks, batch = getattr(conn, "_search_batch", (None, None))
    if hooks is conn.run_on_commit and len(batch) < MAX_BATCH:
        batch.extend(sorted(ids - set(batch)))
        return
    batch = sorted(ids)
    conn._search_batch = (conn.run_on_commit, batch)
    # The task receives the list object itself, so ids added before the commit go with it.
    enqueue_on_commit(index_products, batch)


def _product_saved(sender, instance, using="default", **kwargs):
    schedule([instance.pk, instance.parent_id], using)


def _stockrecord_changed(sender, instance, using="default", signal=None, **kwargs):
    # A document copies whether a product is in stock, not how many: an order that leaves some in
    # stock changes no document.
    if signal is post_save and instance.only_count_moved():
        return
    schedule([instance.product_id], using)


def _certificate_changed(sender, instance, using="default", **kwargs):
    schedule([instance.product_id], using)


def _seller_saved(sender, instance, using="default", **kwargs):
    Product = get_model("catalogue", "Product")
    schedule(Product.objects.filter(seller=instance).values_list("pk", flat=True), using)


def _gi_right_changed(sender, instance, using="default", **kwargs):
    Product = get_model("catalogue", "Product")
    schedule(
        Product.objects.filter(
            seller_id=instance.seller_id, geographic_indication_id=instance.geographic_indication_id
        ).values_list("pk", flat=True),
        using,
    )


def _categories_changed(sender, instance, action, pk_set=None, using="default", **kwargs):
    if action.startswith("post_"):
        Product = get_model("catalogue", "Product")
        schedule([instance.pk] if isinstance(instance, Product) else pk_set or (), using)


def _gi_area_or_types_changed(sender, instance, action, pk_set=None, using="default", **kwargs):
    """A GI's protected area or product types decide which of its products show it (the GI facet)."""
    if not action.startswith("post_"):
        return
    Product = get_model("catalogue", "Product")
    GeographicIndication = get_model("geo_indications", "GeographicIndication")
    gis = [instance.pk] if isinstance(instance, GeographicIndication) else pk_set or ()
    schedule(Product.objects.filter(geographic_indication__in=gis).values_list("pk", flat=True), using)


# Names a document copies from rows other than the product's own (its text and, for Elasticsearch,
# the GI's name and slug), and the GI's status, which decides whether its products show it:
# changing one of these reindexes the products that show it.
RENAMEABLE = {
    ("catalogue", "Category"): ("name",),
    ("geo_indications", "Province"): ("name",),
    ("geo_indications", "Commune"): ("name",),
    ("geo_indications", "GeographicIndication"): ("name_vi", "slug", "status"),
}


def _names(instance):
    # Read from __dict__: a deferred field must not cost a query for every instance loaded.
    fields = RENAMEABLE[(instance._meta.app_label, instance._meta.object_name)]
    return tuple(instance.__dict__.get(field) for field in fields)


def _remember_names(sender, instance, **kwargs):
    instance._search_names = _names(instance)


def _products_showing(instance):
    """The products whose documents copy this row's name."""
    Product = get_model("catalogue", "Product")
    label = instance._meta.object_name
    if label == "Category":
        # A document holds each of its categories' names with their ancestors' (catalog/search/documents.py).
        ProductCategory = get_model("catalogue", "ProductCategory")
        return ProductCategory.objects.filter(category__path__startswith=instance.path).values_list(
            "product_id", flat=True
        )
    if label == "GeographicIndication":
        return Product.objects.filter(geographic_indication=instance).values_list("pk", flat=True)
    # A product's place is its origin commune, or its seller's when it names none.
    field = "commune" if label == "Commune" else "commune__province"
    return Product.objects.filter(
        Q(**{f"origin_{field}": instance}) | Q(origin_commune__isnull=True, **{f"seller__{field}": instance})
    ).values_list("pk", flat=True)


def _renamed(sender, instance, created=False, using="default", **kwargs):
    before, now = getattr(instance, "_search_names", None), _names(instance)
    instance._search_names = now
    if created or before is None or before == now:
        return
    # A category or province can hold tens of thousands of products: tasks of MAX_BATCH ids each,
    # which workers share, rather than one message with every id.
    ids = sorted(_products_showing(instance))
    for start in range(0, len(ids), MAX_BATCH):
        schedule(ids[start:start + MAX_BATCH], using)


def connect():
    Product = get_model("catalogue", "Product")
    for app_label, model_name in RENAMEABLE:
        model = get_model(app_label, model_name)
        post_init.connect(_remember_names, sender=model, dispatch_uid=f"search-{model_name}-names")
        post_save.connect(_renamed, sender=model, dispatch_uid=f"search-{model_name}-renamed")
    for model, handler in [
        (Product, _product_saved),
        (get_model("partner", "StockRecord"), _stockrecord_changed),
        (get_model("catalogue", "OcopCertificate"), _certificate_changed),
        (get_model("partner", "Partner"), _seller_saved),
        (get_model("geo_indications", "GIRight"), _gi_right_changed),
    ]:
        post_save.connect(handler, sender=model, dispatch_uid=f"search-{model.__name__}-save")
        post_delete.connect(handler, sender=model, dispatch_uid=f"search-{model.__name__}-delete")
    m2m_changed.connect(_categories_changed, sender=Product.categories.through,
                        dispatch_uid="search-product-categories")
    GeographicIndication = get_model("geo_indications", "GeographicIndication")
    for through in (GeographicIndication.categories.through, GeographicIndication.protected_communes.through):
        m2m_changed.connect(_gi_area_or_types_changed, sender=through, dispatch_uid=f"search-{through.__name__}")

