"""Load the demo marketplace from `marketplace.demo_data`; safe to run any number of times.

Records are matched on natural keys (slugs, e-mails, UPCs, decision numbers), so a rerun updates
the demo content in place, adds what is missing and deletes nothing. Stock levels, passwords and
the home page are only set when first created: by then they belong to the people using the demo.
"""

import logging
import zlib
from collections import Counter
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.blocks import StreamValue
from wagtail.models import Locale, Page
from wagtail.models import Site as WagtailSite
from wagtail.rich_text import RichText

from catalog.ocop import OcopGroup, certificate_expiry
from cms.blocks import HomeBodyBlock
from cms.models import HomePage, ProducerStoryPage, StoryIndexPage
from geo_indications.models import Commune, GeographicIndication, GIRight
from geo_indications.rules import gi_claim_errors
from marketplace import demo_data
from marketplace.demo_images import product_photo
from marketplace.money import to_dong
from marketplace.text import slugify_vi

Category = get_model("catalogue", "Category")
Country = get_model("address", "Country")
OcopCertificate = get_model("catalogue", "OcopCertificate")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
SellerShippingRule = get_model("shipping", "SellerShippingRule")
StockRecord = get_model("partner", "StockRecord")
User = get_user_model()

GENERATED_UPC_PREFIX = "GEN-"
BATCH_SIZE = 2000


def shelf_price(amount: Decimal) -> Decimal:
    """A price rounded to the nearest 1.000 đồng: whole đồng, as every VND amount must be."""
    return Decimal(to_dong(amount / 1000) * 1000)


def at_nine(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9)))


def default_stock(sku: str) -> int:
    # Deterministic so that two fresh loads look the same; products marked "stock": 0 are sold out.
    return 5 + zlib.crc32(sku.encode()) % 60


def load_shop_basics():
    Site.objects.update_or_create(
        id=settings.SITE_ID, defaults={"domain": "127.0.0.1:8000", "name": settings.OSCAR_SHOP_NAME}
    )
    Site.objects.clear_cache()
    Country.objects.update_or_create(
        iso_3166_1_a2="VN",
        defaults={
            "iso_3166_1_a3": "VNM", "iso_3166_1_numeric": "704", "printable_name": "Việt Nam",
            "name": "Việt Nam", "is_shipping_country": True,
        },
    )


def load_product_classes() -> dict[int, "ProductClass"]:
    classes = {}
    for group, name in demo_data.PRODUCT_CLASSES.items():
        is_service = group == OcopGroup.TOURISM  # booked, not shipped
        classes[group], _ = ProductClass.objects.update_or_create(
            ocop_group=group,
            defaults={
                "name": name, "slug": slugify_vi(name),
                "requires_shipping": not is_service, "track_stock": not is_service,
            },
        )
        if not is_service:  # shipping charges read it (marketplace.shipping.charges)
            ProductAttribute.objects.get_or_create(
                product_class=classes[group], code="weight",
                defaults={"name": "Khối lượng (g)", "type": ProductAttribute.INTEGER},
            )
    return classes


def load_categories() -> dict[str, "Category"]:
    """Categories keyed by breadcrumb ("Đồ uống > Chè"), with readable ASCII slugs."""
    categories = {}
    for breadcrumb in demo_data.CATEGORIES:
        parent = None
        for name in breadcrumb.split(" > "):
            siblings = parent.get_children() if parent else Category.get_root_nodes()
            node = siblings.filter(name=name).first()
            if node is None:
                add = parent.add_child if parent else Category.add_root
                node = add(name=name, slug=slugify_vi(name))
            parent = node
        categories[breadcrumb] = parent
    return categories


def load_geographic_indications(communes, categories) -> dict[str, GeographicIndication]:
    gis = {}
    for item in demo_data.GEOGRAPHIC_INDICATIONS:
        fields = {key: value for key, value in item.items() if key not in ("slug", "communes", "categories")}
        gi, _ = GeographicIndication.objects.update_or_create(slug=item["slug"], defaults=fields)
        gi.protected_communes.add(*(communes[name] for name in item["communes"]))
        gi.categories.add(*(categories[breadcrumb] for breadcrumb in item["categories"]))
        gis[gi.slug] = gi
    return gis


def load_accounts() -> dict[str, "User"]:
    """Demo accounts: created with the demo password when missing, otherwise left as they are."""
    users = {}
    for account in demo_data.ACCOUNTS:
        user = User.objects.filter(email=account["email"]).first()
        if user is None:
            create = User.objects.create_superuser if account.get("superuser") else User.objects.create_user
            user = create(
                account["email"], demo_data.DEMO_PASSWORD,
                first_name=account["first_name"], last_name=account["last_name"],
            )
        if account.get("group"):
            group, _ = Group.objects.get_or_create(name=account["group"])
            user.groups.add(group)
        users[user.email] = user
    return users


def load_sellers(communes, users) -> dict[str, "Partner"]:
    sellers = {}
    for item in demo_data.SELLERS:
        fields = {key: value for key, value in item.items() if key not in ("slug", "commune")}
        sellers[item["slug"]], _ = Partner.objects.update_or_create(
            slug=item["slug"],
            defaults={**fields, "commune": communes[item["commune"]]},
            create_defaults={**fields, "code": item["slug"], "commune": communes[item["commune"]]},
        )
    # Oscar's dashboard lets partner users in with this permission, limited to their own stock.
    dashboard_access = Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    for account in demo_data.ACCOUNTS:
        if "seller" in account:
            user = users[account["email"]]
            sellers[account["seller"]].users.add(user)
            user.user_permissions.add(dashboard_access)
    return sellers


def load_shipping_rules(sellers):
    """Each seller's shipping rules, unless the seller has already written its own."""
    for slug, seller in sellers.items():
        if seller.shipping_rules.exists():
            continue
        for rule in demo_data.SHIPPING_RULES_BY_SELLER.get(slug, demo_data.SHIPPING_RULES):
            SellerShippingRule.objects.create(
                seller=seller, **{key: value for key, value in rule.items() if key != "province"},
                province_id=rule["province"],
            )


def load_gi_rights(sellers, gis, staff):
    for item in demo_data.GI_RIGHTS:
        revoked_on = item.get("revoked_at")
        GIRight.objects.update_or_create(
            seller=sellers[item["seller"]],
            geographic_indication=gis[item["gi"]],
            document_number=item["document_number"],
            defaults={
                "valid_from": item["valid_from"], "valid_until": item["valid_until"],
                "verified_at": at_nine(item["valid_from"] + timedelta(days=7)), "verified_by": staff,
                "revoked_at": at_nine(revoked_on) if revoked_on else None,
                "revoked_reason": item.get("revoked_reason", ""),
            },
        )


def allowed_gi(gi, seller, origin, category):
    """The claimed GI if the listing may carry it today (a right in force, origin in the area)."""
    if gi is None or gi_claim_errors(
        seller=seller, geographic_indication=gi, origin_commune=origin, categories=[category]
    ):
        return None
    return gi


def upsert_stockrecord(product, seller, sku, price, in_stock):
    fields = {"product": product, "price": price, "price_currency": "VND"}
    StockRecord.objects.update_or_create(
        partner=seller, partner_sku=sku, defaults=fields,
        create_defaults={**fields, "num_in_stock": in_stock},
    )


def load_products(sellers, communes, gis, classes, categories) -> list["Product"]:
    """Parent and standalone products; tea gets one child per pack size, each with its stock."""
    products = []
    for item in demo_data.PRODUCTS:
        seller = sellers[item["seller"]]
        origin = communes[item["origin"]] if "origin" in item else seller.commune
        category = categories[item["category"]]
        shared = {
            "seller": seller, "origin_commune": origin, "is_public": True,
            "geographic_indication": allowed_gi(gis.get(item.get("gi")), seller, origin, category),
        }
        product, _ = Product.objects.update_or_create(
            upc=item["upc"],
            defaults={
                **shared, "title": item["title"], "slug": slugify_vi(item["title"]),
                "description": f"<p>{item['description']}</p>",
                "structure": Product.PARENT if item.get("tea") else Product.STANDALONE,
                "product_class": classes[item["group"]],
            },
        )
        product.categories.add(category)
        if item.get("tea"):
            for grams, percent in demo_data.TEA_PACKS.items():
                sku = f"{item['upc']}-{grams}G"
                title = f"{item['title']} – gói {grams} g"
                child, _ = Product.objects.update_or_create(
                    upc=sku,
                    defaults={
                        **shared, "parent": product, "structure": Product.CHILD,
                        "title": title, "slug": slugify_vi(title),
                    },
                )
                price = shelf_price(Decimal(item["price"] * grams * percent) / 10_000)
                upsert_stockrecord(child, seller, sku, price, item.get("stock", default_stock(sku)))
                child.attr.weight = grams + 50  # the tea and its packaging
                child.attr.save()
        else:
            sku, price = item["upc"], shelf_price(Decimal(item["price"]))
            upsert_stockrecord(product, seller, sku, price, item.get("stock", default_stock(sku)))
        products.append(product)
    return products


def load_attributes(classes, products):
    """Specifications (ingredients, shelf life, storage…) as Oscar product attributes."""
    for group, specs in demo_data.PRODUCT_ATTRIBUTES.items():
        for code, name, _default in specs:
            ProductAttribute.objects.update_or_create(
                product_class=classes[group], code=code, defaults={"name": name, "type": ProductAttribute.TEXT}
            )
    items = {item["upc"]: item for item in demo_data.PRODUCTS}
    for product in products:
        item = items[product.upc]
        values = {code: default for code, _name, default in demo_data.PRODUCT_ATTRIBUTES[item["group"]]}
        values.update(item.get("attributes", {}))
        for code, value in values.items():
            setattr(product.attr, code, value)
        product.attr.save()


def load_certificates(products, staff):
    by_upc = {product.upc: product for product in products}
    for item in demo_data.PRODUCTS:
        for cert in item.get("certificates", []):
            is_checked = cert["status"] != OcopCertificate.Status.PENDING
            checked_at = at_nine(cert["decision_date"] + timedelta(days=14))
            OcopCertificate.objects.update_or_create(
                product=by_upc[item["upc"]],
                decision_number=cert["decision_number"],
                defaults={
                    "stars": cert["stars"], "group": item["group"],
                    "decision_date": cert["decision_date"],
                    "valid_until": certificate_expiry(cert["decision_date"]),
                    "issuer": cert["issuer"], "issuer_name": cert["issuer_name"],
                    "status": cert["status"],
                    "verified_by": staff if is_checked else None,
                    "verified_at": checked_at if is_checked else None,
                },
            )


def load_photos(products, groups_by_upc) -> int:
    """One generated photo per product that has none; photos added by sellers are kept."""
    missing = Product.objects.filter(pk__in=[p.pk for p in products]).annotate(
        image_count=Count("images")
    ).filter(image_count=0)
    added = 0
    for product in missing:
        name = product.title.split(" (")[0]
        image = ProductImage(product=product, caption=product.title, display_order=0)
        image.original.save(
            f"{product.upc.lower()}.jpg",
            ContentFile(product_photo(name, groups_by_upc[product.upc])),
            save=True,
        )
        added += 1
    return added


def home_body(sellers, gis, stories):
    """The demo home page, built from the CMS blocks."""
    content = demo_data.HOME_PAGE
    producers = content["featured_producers"]
    collection = content["collection"]
    return StreamValue(HomeBodyBlock(), [
        ("hero", {**content["hero"], "image": None}),
        ("featured_producers", {"title": producers["title"],
                                "producers": [sellers[slug] for slug in producers["sellers"]]}),
        ("collection", {"title": collection["title"], "intro": collection["intro"], "products": [],
                        "gi": gis[collection["gi"]], "group": "", "stars": "", "limit": collection["limit"]}),
        ("stories", {"title": content["stories_title"], "stories": stories}),
        ("paragraph", RichText(content["paragraph"])),
    ])


def load_stories(home, sellers) -> list[ProducerStoryPage]:
    """The producer stories under their index page, matched on slugs."""
    index = StoryIndexPage.objects.child_of(home).filter(slug=demo_data.STORY_INDEX["slug"]).first()
    if index is None:
        index = home.add_child(instance=StoryIndexPage(**demo_data.STORY_INDEX))
        index.save_revision().publish()
    stories = []
    for item in demo_data.STORIES:
        story = ProducerStoryPage.objects.child_of(index).filter(slug=item["slug"]).first()
        if story is None:
            story = index.add_child(instance=ProducerStoryPage(
                slug=item["slug"], title=item["title"], seller=sellers[item["seller"]], intro=item["intro"],
                body=[("paragraph", RichText(item["body"]))],
            ))
            story.save_revision().publish()
        stories.append(story)
    return stories


# The body the loader wrote before the home page had curated blocks: still the demo's, not an editor's.
FIRST_DEMO_BODY = ["hero", "paragraph"]


def load_home_page(sellers, gis) -> HomePage:
    """The Wagtail home page, replacing Wagtail's welcome page as the default site's root, with its
    producer stories. Its body is written when the page is created (or still holds the first
    demo's body); after that it belongs to the editors."""
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    created = home is None
    if created:
        content = demo_data.HOME_PAGE
        home = HomePage(title=content["title"], slug=content["slug"])
        Page.get_first_root_node().add_child(instance=home)
    stories = load_stories(home, sellers)
    if created or [block.block_type for block in home.body] == FIRST_DEMO_BODY:
        home.body = home_body(sellers, gis, stories)
        home.save_revision().publish()
    site = WagtailSite.objects.filter(is_default_site=True).first() or WagtailSite(
        hostname="localhost", is_default_site=True
    )
    site.root_page = home
    site.site_name = settings.OSCAR_SHOP_NAME
    site.save()
    # The welcome page is a plain Page at depth 2; nothing links to it once the site has moved.
    Page.objects.filter(depth=2, content_type=ContentType.objects.get_for_model(Page)).delete()
    load_english_pages(home, stories)
    return home


def _translate_once(page, locale, **fields):
    """The page's translation into `locale`, made and published the first time only (as an editor
    would with simple_translation); after that it is the editors'."""
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale)
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
    return translation


def load_english_pages(home, stories):
    """English translations of the home page and the producer stories, served under /en/."""
    english = Locale.objects.filter(language_code="en").first()
    if english is None:
        return
    content = demo_data.HOME_PAGE_EN
    body = []
    for block in home.body:
        value = block.value
        if block.block_type == "hero":
            value = {**dict(value), **content["hero"]}
        elif block.block_type == "featured_producers":
            value = {**dict(value), "title": content["featured_producers_title"]}
        elif block.block_type == "collection":
            value = {**dict(value), **content["collection"]}
        elif block.block_type == "stories":
            value = {**dict(value), "title": content["stories_title"]}
        elif block.block_type == "paragraph":
            value = RichText(content["paragraph"])
        body.append((block.block_type, value))
    _translate_once(home, english, title=content["title"], body=StreamValue(HomeBodyBlock(), body))
    for story in stories:
        index = story.get_parent().specific
        _translate_once(index, english, **demo_data.STORY_INDEX_EN)
        item = demo_data.STORIES_EN[story.slug]
        _translate_once(story, english, slug=item["slug"], title=item["title"], intro=item["intro"],
                        body=[("paragraph", RichText(item["body"]))])


def add_generated_products(count: int, sellers, classes, categories) -> int:
    """Benchmark products GEN-000001…GEN-{count}, bulk-inserted; those already present are skipped."""
    existing = set(
        Product.objects.filter(upc__startswith=GENERATED_UPC_PREFIX).values_list("upc", flat=True)
    )
    numbers = [n for n in range(1, count + 1) if f"{GENERATED_UPC_PREFIX}{n:06d}" not in existing]
    sellers = sorted(sellers.values(), key=lambda seller: seller.slug)
    stems = demo_data.GENERATED_STEMS
    for start in range(0, len(numbers), BATCH_SIZE):
        batch = numbers[start:start + BATCH_SIZE]
        with transaction.atomic():
            products, stockrecords, links = [], [], []
            for n in batch:
                stem, group, _, _ = stems[n % len(stems)]
                seller = sellers[n % len(sellers)]
                products.append(Product(
                    upc=f"{GENERATED_UPC_PREFIX}{n:06d}", title=f"{stem} (lô {n:06d})",
                    slug=f"{slugify_vi(stem)}-{n:06d}", structure=Product.STANDALONE,
                    product_class=classes[group], seller=seller, origin_commune_id=seller.commune_id,
                    is_public=True,
                ))
            Product.objects.bulk_create(products)
            for n, product in zip(batch, products, strict=True):
                _, _, category, price = stems[n % len(stems)]
                stockrecords.append(StockRecord(
                    product=product, partner=product.seller, partner_sku=product.upc,
                    price_currency="VND", price=shelf_price(Decimal(price * (80 + n % 9 * 5)) / 100),
                    num_in_stock=n % 50,
                ))
                links.append(ProductCategory(product=product, category=categories[category]))
            StockRecord.objects.bulk_create(stockrecords)
            ProductCategory.objects.bulk_create(links)
    return len(numbers)


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu cho sàn OCOP Thái Nguyên (chạy lại nhiều lần không tạo bản trùng)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--products", type=int, default=0, metavar="N",
            help="Thêm N sản phẩm sinh tự động (GEN-000001…) để đo hiệu năng.",
        )

    def handle(self, *args, products, **options):
        # Oscar logs a line per saved stockrecord while checking stock alerts; that buries the summary.
        logging.getLogger("oscar.alerts").setLevel(logging.WARNING)
        with transaction.atomic():
            call_command("load_admin_units", stdout=self.stdout)
            communes = {c.name: c for c in Commune.objects.filter(province_id=demo_data.PROVINCE_CODE)}
            load_shop_basics()
            classes = load_product_classes()
            categories = load_categories()
            gis = load_geographic_indications(communes, categories)
            users = load_accounts()
            staff = next(users[a["email"]] for a in demo_data.ACCOUNTS if a.get("group") == demo_data.STAFF_GROUP)
            sellers = load_sellers(communes, users)
            load_shipping_rules(sellers)
            load_gi_rights(sellers, gis, staff)
            demo_products = load_products(sellers, communes, gis, classes, categories)
            load_attributes(classes, demo_products)
            load_certificates(demo_products, staff)
            photos = load_photos(demo_products, {item["upc"]: item["group"] for item in demo_data.PRODUCTS})
            load_home_page(sellers, gis)
        self.stdout.write(f"Ảnh sản phẩm mới: {photos}.")
        if products:
            added = add_generated_products(products, sellers, classes, categories)
            self.stdout.write(f"Sản phẩm sinh tự động: thêm {added}, đã có {products - added}.")
        # Bulk-created products send no signals: the search index is rebuilt once at the end.
        call_command("search_index", "--rebuild", stdout=self.stdout)
        self.print_summary()

    def print_summary(self):
        stars = Counter(OcopCertificate.objects.values_list("stars", flat=True))
        write = self.stdout.write
        write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
        write(f"  Người bán: {Partner.objects.count()}")
        write(f"  Sản phẩm (không tính biến thể): {Product.objects.exclude(structure=Product.CHILD).count()}")
        write("  Chứng nhận OCOP: " + ", ".join(f"{s}★: {stars[s]}" for s in (3, 4, 5)))
        write(f"  Chỉ dẫn địa lý: {GeographicIndication.objects.count()}")
        write(f"  Tài khoản mẫu (mật khẩu {demo_data.DEMO_PASSWORD}):")
        for account in demo_data.ACCOUNTS:
            write(f"    {account['email']:<26} {account['role']}")
