"""Writing a checked plan for one seller, all of it or nothing.

Products are saved through the model, so descriptions are sanitised and the search signals collect
every changed product into the per-transaction batch that catalog.search.signals sends on commit:
a few index tasks for thousands of rows, none on rollback. The stock records, weights and category
links of products created here are inserted in bulk: their product is already in that batch, and
nobody can yet have asked to be alerted about a product that did not exist (Oscar's stock alerts
cost a few queries per saved stock record). Changes to existing products go through the models.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.text import slugify_vi
from sellers.imports.checking import WEIGHT_ATTRIBUTE, Item, changes

Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")

PROGRESS_EVERY = 50
BULK_SIZE = 500


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class Writer:
    def __init__(self, seller, weights, categories):
        self.seller = seller
        self.weights = weights
        self.categories = categories
        self.weight_attributes = {}
        self.counts = Counts()
        self.new_records, self.new_weights, self.new_links = [], [], []

    def weight_attribute(self, product_class):
        if product_class.pk not in self.weight_attributes:
            # The same attribute the demo loader and the dashboard use (marketplace.shipping.charges).
            self.weight_attributes[product_class.pk], _created = ProductAttribute.objects.get_or_create(
                product_class=product_class, code=WEIGHT_ATTRIBUTE,
                defaults={"name": _("Khối lượng (g)"), "type": ProductAttribute.INTEGER},
            )
        return self.weight_attributes[product_class.pk]

    def save(self, listing, structure, parent=None):
        product = listing.existing
        changed = changes(listing, self.weights, self.categories) if product is not None else None
        if product is None:
            product = Product(structure=structure, upc=listing.sku, seller=self.seller, parent=parent, is_public=True)
        if changed is None or set(changed) - {"categories", "weight", "stockrecord", "stock"}:
            if product.title != listing.title:
                product.title = listing.title
                product.slug = slugify_vi(listing.title)
            if structure == Product.CHILD:
                # A pack size shares its parent's provenance (catalog.models.Product.provenance_source).
                product.origin_commune = parent.origin_commune
                product.geographic_indication = parent.geographic_indication
            else:
                product.product_class = listing.product_class
                if listing.origin is not None:
                    product.origin_commune = listing.origin
                elif product.origin_commune_id is None:
                    product.origin_commune = self.seller.commune
                if listing.gi is not None:
                    product.geographic_indication = listing.gi
            if listing.description is not None:
                product.description = listing.description
            product.save()
        if structure != Product.CHILD and listing.category is not None:
            if changed is None:
                self.new_links.append(ProductCategory(product=product, category=listing.category))
            elif listing.category.pk not in self.categories.get(product.pk, set()):
                # Through the relation, so that m2m_changed sends the product to the search index.
                product.categories.add(listing.category)
        if isinstance(listing, Item):
            if changed is None:
                self.add_stock(listing, product)
            else:
                self.save_stock(listing, product)
        if changed is None:
            self.counts.created += 1
        elif changed:
            self.counts.updated += 1
        else:
            self.counts.unchanged += 1
        return product

    def add_stock(self, item, product):
        if item.grams is not None:
            self.new_weights.append(ProductAttributeValue(
                product=product, attribute=self.weight_attribute(item.product_class), value_integer=item.grams,
            ))
        self.new_records.append(StockRecord(
            product=product, partner=self.seller, partner_sku=item.sku, price=Decimal(item.price),
            price_currency="VND", num_in_stock=item.stock,
        ))
        if len(self.new_records) >= BULK_SIZE:
            self.flush()

    def flush(self):
        for model, pending in (
            (StockRecord, self.new_records), (ProductAttributeValue, self.new_weights),
            (ProductCategory, self.new_links),
        ):
            model.objects.bulk_create(pending, batch_size=BULK_SIZE)
            pending.clear()

    def save_stock(self, item, product):
        if item.grams is not None and self.weights.get(product.pk) != item.grams:
            ProductAttributeValue.objects.update_or_create(
                product=product, attribute=self.weight_attribute(item.product_class),
                defaults={"value_integer": item.grams},
            )
        record = item.stockrecord
        price = Decimal(item.price)
        if record is None:
            StockRecord.objects.create(
                product=product, partner=self.seller, partner_sku=item.sku, price=price,
                price_currency="VND", num_in_stock=item.stock,
            )
        elif record.price != price or record.num_in_stock != item.stock:
            record.price, record.num_in_stock = price, item.stock
            record.save(update_fields=["price", "num_in_stock", "date_updated"])


def write(plan, seller, progress=None) -> Counts:
    """Create and update the plan's products for `seller`; raises (and writes nothing) on any failure.

    `progress(done)` is called every few rows with the number of rows written.
    """
    writer = Writer(seller, plan.weights, plan.categories)
    with transaction.atomic():
        parents = {
            sku: writer.save(listing, Product.PARENT) for sku, listing in plan.parents.items()
        }
        for done, item in enumerate(plan.items, start=1):
            if item.parent_sku:
                writer.save(item, Product.CHILD, parent=parents[item.parent_sku])
            else:
                writer.save(item, Product.STANDALONE)
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done)
        writer.flush()
    return writer.counts
