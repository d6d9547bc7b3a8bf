"""The XSS corpus (tests/xss_payloads.py), typed through the real forms by the real roles: sellers
(application, products and their SEO and SKU, photo captions, certificates, shipping and cancelling
their part of an order), buyers (reviews, reports, profile, address book, checkout address and e-mail,
wish lists, refund account), staff (decision reasons, CMS pages, the home page's blocks, images, GI
introductions, producers' stories, refund transfers). Then every page that can show that text, public
or back office, is parsed like a browser would: no payload may have become markup."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.rich_text import RichText

from catalog.models import Category, OcopCertificate, ProductClass
from catalog.reviews.models import ProductReview, ReviewReport
from cms.models import GIIntroduction, NewsIndexPage, NewsPage, ProducerStoryPage, StoryIndexPage
from sellers.models import SellerApplication
from tests import dashboard_sellers
from tests.dashboard_sellers import PASSWORD
from tests.seller_fixtures import pdf_upload, png_upload
from tests.xss_payloads import PAYLOADS, Corpus, html_problems, response_problems

seller_account, seller_a = dashboard_sellers.seller_account, dashboard_sellers.seller_a
pytest_plugins = ["tests.seller_import_fixtures"]

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")
ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")

CERTIFICATES = "/cms-admin/ocop-certificates/"
REVIEWS = "/cms-admin/product-reviews/"
APPLICATIONS = "/cms-admin/seller-applications/"


@pytest.fixture
def corpus():
    return Corpus()


def check(client, urls, corpus, *, expect_markers=True, fields=()):
    """Fetch each URL; return what let a payload through. The text must still be shown (escaped):
    some of it, and some of what was typed into each of `fields`."""
    problems, shown = [], set()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        problems += [f"{url}: {problem}" for problem in response_problems(response, corpus)]
        shown.update(corpus.markers_in(response.content.decode()))
    if expect_markers:
        assert shown, "no page showed any of the text typed: the check saw nothing"
    assert sorted(set(fields) - {corpus.meaning[marker][0] for marker in shown}) == [], "fields never shown"
    return problems


def product_post(category, index, corpus):
    return {
        "title": corpus.value("product title", index, 255),
        "description": corpus.value("product description", index),
        "is_public": "on", "structure": "standalone", "upc": "", "slug": "",
        "meta_title": corpus.value("product meta title", index, 255),
        "meta_description": corpus.value("product meta description", index),
        "origin_commune": "", "geographic_indication": "",
        "productcategory_set-TOTAL_FORMS": "1", "productcategory_set-INITIAL_FORMS": "0",
        "productcategory_set-MIN_NUM_FORMS": "0", "productcategory_set-MAX_NUM_FORMS": "1000",
        "productcategory_set-0-category": str(category.pk),
        "images-TOTAL_FORMS": "1", "images-INITIAL_FORMS": "0", "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
        "images-0-original": png_upload(f"anh-{index}.png"),
        "images-0-caption": corpus.value("photo alt text", index, 200),
        "images-0-display_order": "0",
        "stockrecords-TOTAL_FORMS": "1", "stockrecords-INITIAL_FORMS": "0", "stockrecords-MIN_NUM_FORMS": "0",
        "stockrecords-MAX_NUM_FORMS": "1", "stockrecords-0-partner_sku": corpus.value("stock SKU", index, 128),
        "stockrecords-0-price": "150000", "stockrecords-0-num_in_stock": "25",
        "stockrecords-0-low_stock_threshold": "3",
        "action": "save",
    }


@pytest.fixture
def seller_products(client, seller_a, corpus):
    """The corpus typed by a seller into the product form: one product per payload."""
    seller, user = seller_a
    product_class, _ = ProductClass.objects.get_or_create(name="Đồ uống", defaults={"ocop_group": 2})
    category = Category.add_root(name="Chè")
    client.login(username=user.email, password=PASSWORD)
    url = reverse("dashboard:catalogue-product-create", kwargs={"product_class_slug": product_class.slug})
    for index in range(len(PAYLOADS)):
        response = client.post(url, product_post(category, index, corpus))
        assert response.status_code == 302, response.context and response.context["form"].errors
    products = list(Product.objects.filter(seller=seller).order_by("pk"))
    assert len(products) == len(PAYLOADS)
    return seller, category, products


def test_a_sellers_products_photos_and_certificates(client, seller_products, corpus, province_staff, home_page):
    seller, category, products = seller_products
    # Certificates, typed by the seller: one per product.
    for index, product in enumerate(products):
        response = client.post(reverse("dashboard:seller-ocop-certificate-create"), {
            "product": str(product.pk), "stars": "4", "group": "2",
            "decision_number": corpus.value("certificate decision number", index, 100),
            "decision_date": (timezone.localdate() - timedelta(days=30)).isoformat(), "issuer": "district",
            "issuer_name": corpus.value("certificate issuer", index, 200),
            "document": pdf_upload(f"chung-nhan-{index}.pdf"),
        })
        assert response.status_code == 302, response.context and response.context["form"].errors
    seller_pages = [reverse("dashboard:catalogue-product-list"), reverse("dashboard:seller-certificate-list")]
    seller_pages += [reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}) for product in products]
    # A SKU already taken is refused with the SKU in the message: escaped too.
    taken = products[3].stockrecords.get().partner_sku
    refused = client.post(reverse("dashboard:catalogue-product-create", kwargs={
        "product_class_slug": products[0].get_product_class().slug}),
        {**product_post(category, 0, corpus), "stockrecords-0-partner_sku": taken})
    assert refused.status_code == 200
    assert corpus.markers_in(taken)[0] in refused.content.decode()
    assert response_problems(refused, corpus) == []

    # Staff verify half and reject the rest with a reason typed from the corpus.
    staff = Client()
    staff.force_login(province_staff)
    certificates = list(OcopCertificate.objects.order_by("pk"))
    for index, certificate in enumerate(certificates):
        if index % 2:
            reason = corpus.value("certificate rejection reason", index)
            assert staff.post(f"{CERTIFICATES}reject/{certificate.pk}/", {"reason": reason}).status_code == 302
        else:
            assert staff.post(f"{CERTIFICATES}verify/{certificate.pk}/").status_code == 302
    assert OcopCertificate.objects.filter(status=OcopCertificate.Status.VERIFIED).count() == 9
    staff_pages = [CERTIFICATES] + [f"{CERTIFICATES}inspect/{c.pk}/" for c in certificates]

    public = Client()
    public_pages = ["/", "/catalogue/", category.get_absolute_url(), "/catalogue/nhom-ocop/2/",
                    f"/sellers/{seller.slug}/", "/search/?q=xss", "/api/v1/products",
                    "/sitemap.xml", "/search/suggest?q=xss"]
    for product in products:
        public_pages += [product.get_absolute_url(), f"/catalogue/truy-xuat/{product.pk}/",
                         f"/api/v1/products/{product.pk}"]
    problems = check(public, public_pages, corpus, fields=["product meta title", "product meta description"])
    problems += check(client, seller_pages, corpus, fields=["stock SKU", "product meta title"])
    problems += check(staff, staff_pages, corpus)
    assert problems == []


def test_a_buyers_reviews_reports_profile_and_address(client, seller_products, corpus, deliver_to,
                                                       province_staff, django_user_model):
    seller, _category, products = seller_products
    buyer = django_user_model.objects.create_user("nguoimua@example.vn", "mat-khau-mua")
    buyer_client = Client()
    buyer_client.force_login(buyer)
    # Profile: the name shown beside the buyer's reviews.
    response = buyer_client.post("/accounts/profile/edit/", {
        "first_name": corpus.value("buyer first name", 1, 150), "last_name": corpus.value("buyer last name", 3, 150),
        "email": "nguoimua@example.vn",
    })
    assert response.status_code == 302, response.context and response.context["form"].errors
    orders = []
    for index, product in enumerate(products):
        orders.append(deliver_to(buyer, product))
        response = buyer_client.post(f"/catalogue/{product.slug}_{product.pk}/reviews/add/", {
            "title": corpus.value("review title", index, 255), "score": "4",
            "body": corpus.value("review body", index),
        })
        assert response.status_code == 302, response.context and response.context["form"].errors
    # The address the seller ships to, as checkout saves it, with the buyer's delivery notes.
    country, _ = Country.objects.get_or_create(
        iso_3166_1_a2="VN", defaults={"name": "Việt Nam", "printable_name": "Việt Nam", "is_shipping_country": True}
    )
    for index, order in enumerate(orders):
        order.refresh_from_db()  # deliver_to set its buyer and payment in the database
        order.shipping_address = ShippingAddress.objects.create(
            first_name=corpus.value("shipping first name", index, 255),
            last_name=corpus.value("shipping last name", index, 255),
            line1=corpus.value("shipping line1", index, 255), line4=corpus.value("shipping line4", index, 255),
            state="Tỉnh Thái Nguyên", country=country, phone_number="+84912345678",
            notes=corpus.value("shipping notes", index),
        )
        order.save()

    staff = Client()
    staff.force_login(province_staff)
    reviews = list(ProductReview.objects.order_by("pk"))
    assert len(reviews) == len(PAYLOADS)
    for review in reviews:
        assert staff.post(f"{REVIEWS}approve/{review.pk}/").status_code == 302
    # Another buyer reports each review, with a reason from the corpus.
    reporter = django_user_model.objects.create_user("baocao@example.vn", "x")
    reporter_client = Client()
    reporter_client.force_login(reporter)
    reasons = [corpus.value("report reason", index, 1000) for index in range(len(reviews))]
    for review, reason in zip(reviews, reasons, strict=True):
        response = reporter_client.post(review.get_absolute_url() + "report/", {"reason": reason})
        assert response.status_code == 302, response.context and response.context["report_form"].errors
    assert list(ReviewReport.objects.order_by("pk").values_list("review_id", "user_id", "reason")) == [
        (review.pk, reporter.pk, reason) for review, reason in zip(reviews, reasons, strict=True)]

    # Staff hide the first reported reviews, with a reason from the corpus.
    for index, review in enumerate(reviews[:5]):
        response = staff.post(f"{REVIEWS}reject/{review.pk}/", {"reason": corpus.value("review hiding reason", index)})
        assert response.status_code == 302
    public_pages = [product.get_absolute_url() for product in products]
    public_pages += [review.get_absolute_url() for review in reviews[5:]]
    public_pages += [f"/catalogue/{p.slug}_{p.pk}/reviews/" for p in products[:3]]
    # The province's figures name products and sellers in server-drawn SVG charts and tables.
    staff_pages = [REVIEWS] + [f"{REVIEWS}inspect/{review.pk}/" for review in reviews]
    seller_pages = [reverse("dashboard:seller-order-list")] + [
        reverse("dashboard:seller-order-detail", kwargs={"pk": order.parts.get().pk}) for order in orders
    ]
    buyer_pages = ["/accounts/profile/", "/accounts/orders/"] + [
        f"/accounts/orders/{order.number}/" for order in orders]
    problems = check(Client(), public_pages, corpus) + check(staff, staff_pages, corpus)
    problems += check(staff, ["/cms-admin/figures/"], corpus)
    problems += check(client, seller_pages, corpus, fields=["stock SKU"]) + check(buyer_client, buyer_pages, corpus)
    assert problems == []


def test_a_buyers_address_book(client, corpus, thai_nguyen, django_user_model):
    province, communes = thai_nguyen
    buyer = django_user_model.objects.create_user("an@example.vn", "mat-khau-an")
    client.force_login(buyer)
    for index in range(len(PAYLOADS)):
        response = client.post("/accounts/addresses/add/", {
            "last_name": corpus.value("address name", index, 255), "phone_number": "0912 345 678",
            "province": str(province.pk), "commune": str(communes["Phường Gia Sàng"].pk),
            "line1": corpus.value("address line1", index, 255), "notes": corpus.value("address notes", index),
        })
        assert response.status_code == 302, response.context and response.context["form"].errors
    addresses = list(buyer.addresses.order_by("pk"))
    assert len(addresses) == len(PAYLOADS)
    pages = ["/accounts/addresses/"] + [f"/accounts/addresses/{address.pk}/" for address in addresses]
    assert check(client, pages, corpus) == []


def test_an_application_to_sell(client, application_data, corpus, province_staff):
    for index in range(len(PAYLOADS)):
        data = application_data(
            name=corpus.value("applicant name", index, 200),
            representative=corpus.value("applicant representative", index, 120),
            street_address=corpus.value("applicant street address", index, 200),
            email=f"htx{index}@example.vn", registration_number=f"46001234{index:02d}",
        )
        response = client.post(reverse("sellers:apply"), data, REMOTE_ADDR=f"192.0.2.{index}")
        assert response.status_code == 302, response.context and response.context["form"].errors
    # A field whose check refuses the text echoes it in its error message: escaped too.
    refused = client.post(reverse("sellers:apply"), application_data(
        bank_account_name=corpus.value("applicant bank account name", 3, 120)), REMOTE_ADDR="192.0.2.200")
    assert refused.status_code == 200
    assert corpus.markers_in(refused.content.decode())
    assert response_problems(refused, corpus) == []
    applications = list(SellerApplication.objects.order_by("pk"))
    assert len(applications) == len(PAYLOADS)
    staff = Client()
    staff.force_login(province_staff)
    for index, application in enumerate(applications[:4]):
        reason = corpus.value("application rejection reason", index)
        assert staff.post(f"{APPLICATIONS}reject/{application.pk}/", {"reason": reason}).status_code == 302
    for application in applications[4:]:
        assert staff.post(f"{APPLICATIONS}approve/{application.pk}/").status_code == 302
    producers = [f"/sellers/{partner.slug}/" for partner in Partner.objects.all()]
    assert len(producers) == len(PAYLOADS) - 4
    staff_pages = [APPLICATIONS] + [f"{APPLICATIONS}inspect/{a.pk}/" for a in applications]
    problems = check(staff, staff_pages, corpus) + check(Client(), producers + ["/search/?q=xss"], corpus)
    assert problems == []


def test_staff_pages_stories_news_and_gi_introductions(corpus, home_page, make_seller, tan_cuong_gi):
    seller = make_seller()
    stories = home_page.add_child(instance=StoryIndexPage(
        title=corpus.value("story index title", 0, 255), slug="cau-chuyen",
        intro=corpus.value("story index intro", 2)))
    news = home_page.add_child(instance=NewsIndexPage(
        title=corpus.value("news index title", 4, 255), slug="tin-tuc", intro=corpus.value("news index intro", 7)))
    pages = []
    for index in range(len(PAYLOADS)):
        pages.append(stories.add_child(instance=ProducerStoryPage(
            title=corpus.value("story title", index, 255), slug=f"chuyen-{index}", seller=seller,
            intro=corpus.value("story intro", index),
            search_description=corpus.value("story search description", index),
            body=[("paragraph", RichText(corpus.value("story paragraph", index)))],
        )))
        pages.append(news.add_child(instance=NewsPage(
            title=corpus.value("news title", index, 255), slug=f"tin-{index}", intro=corpus.value("news intro", index),
            body=[("paragraph", RichText(corpus.value("news paragraph", index)))],
        )))
    GIIntroduction.objects.create(geographic_indication=tan_cuong_gi, locale=home_page.locale,
                                  body="".join(corpus.values("GI introduction")))
    type(tan_cuong_gi).objects.filter(pk=tan_cuong_gi.pk).update(
        description=corpus.value("GI description", 5), area_description=corpus.value("GI area", 9),
        managing_organisation=corpus.value("GI managing organisation", 10, 300),
    )
    urls = ["/", stories.url, news.url, f"/gi/{tan_cuong_gi.slug}/", f"/sellers/{seller.slug}/", "/sitemap.xml"]
    urls += [page.url for page in pages]
    assert check(Client(), urls, corpus) == []


# --- the check itself -----------------------------------------------------------------------------

# Payloads that are not markup in HTML text even when output raw: entity text shows as text, a JSON
# escape matters only inside a script, template syntax only if a template evaluates it.
INERT_IN_HTML = {11, 12, 14}


def contexts(text):
    """Where templates put typed text: element text, quoted attribute values."""
    return f"<p>{text}</p><input value=\"{text}\"><b title='{text}'>x</b>"


@pytest.mark.parametrize("index", range(len(PAYLOADS)))
def test_the_check_finds_each_payload_output_unescaped_and_passes_it_escaped(index):
    from django.template import Context, Template
    from django.utils.html import escape

    from tests.xss_payloads import html_problems

    corpus = Corpus()
    text = corpus.value("field", index)
    assert html_problems(contexts(escape(text)), corpus) == []
    found = html_problems(contexts(text) + f'<a href="{text}">x</a>', corpus)
    if index in INERT_IN_HTML:
        assert html_problems(f"<p>{text}</p>", corpus) == []
    else:
        assert found, PAYLOADS[index]
        assert all("field ←" not in problem or problem.endswith(f"field ← {PAYLOADS[index]!r}")
                   for problem in found), found
    if "{{" in text:
        evaluated = Template(text).render(Context())
        assert html_problems(f"<p>{evaluated}</p>", corpus) == [
            f"template evaluated: ('field', {PAYLOADS[index]!r})"]


def test_a_javascript_url_is_found_even_escaped():
    """Escaping is not enough for a link: a typed URL needs its scheme checked."""
    from django.utils.html import escape

    from tests.xss_payloads import html_problems

    corpus = Corpus()
    text = corpus.value("website", 6)
    assert html_problems(f'<a href="{escape(text)}">x</a>', corpus) == [
        f"javascript: URL in href of <a>: website ← {PAYLOADS[6]!r}"]


# --- more of what sellers and staff type --------------------------------------------------------


def test_variants_and_gi_rights(client, seller_products, corpus, province_staff, tan_cuong_gi):
    seller, category, products = seller_products
    parent_data = product_post(category, 0, corpus)
    parent_data["action"] = "create-child"
    response = client.post(reverse("dashboard:catalogue-product-create", kwargs={
        "product_class_slug": products[0].get_product_class().slug}), parent_data)
    assert response.status_code == 302
    child_url = response["Location"]
    for index in range(len(PAYLOADS)):
        data = product_post(category, index, corpus)
        data.update(title=corpus.value("variant title", index, 255), structure="child",
                    **{"images-0-original": "", "images-0-caption": "", "productcategory_set-0-category": ""})
        response = client.post(child_url, data)
        assert response.status_code == 302, response.context and response.context["form"].errors
    parent = Product.objects.get(structure=Product.PARENT, seller=seller)
    assert parent.children.count() == len(PAYLOADS)

    numbers = [corpus.value("GI right document number", index, 100) for index in range(4)]
    for index, number in enumerate(numbers):
        response = client.post(reverse("dashboard:seller-gi-right-create"), {
            "geographic_indication": str(tan_cuong_gi.pk), "document_number": number,
            "valid_from": (timezone.localdate() - timedelta(days=10)).isoformat(), "valid_until": "",
            "document": pdf_upload(f"quyen-{index}.pdf"),
        })
        assert response.status_code == 302, response.context and response.context["form"].errors
    rights = list(seller.gi_rights.order_by("pk"))
    assert [right.document_number for right in rights] == numbers
    staff = Client()
    staff.force_login(province_staff)
    for index, right in enumerate(rights):
        response = staff.post(f"/cms-admin/gi-rights/reject/{right.pk}/",
                              {"reason": corpus.value("GI right rejection reason", index)})
        assert response.status_code == 302
    problems = check(Client(), [parent.get_absolute_url(), f"/api/v1/products/{parent.pk}",
                                f"/catalogue/truy-xuat/{parent.pk}/"], corpus)
    problems += check(client, [reverse("dashboard:catalogue-product", kwargs={"pk": parent.pk}),
                               reverse("dashboard:seller-certificate-list")], corpus)
    problems += check(staff, ["/cms-admin/gi-rights/"] + [f"/cms-admin/gi-rights/inspect/{r.pk}/" for r in rights],
                      corpus)
    assert problems == []


def test_payout_notes(client, two_seller_order, pay_by_transfer, sellers, province_staff, admin_user, corpus):
    from sellers.models import SellerBankAccount

    SellerBankAccount.objects.create(seller=sellers["tea"], bank_bin="970405", account_number="8800205012345",
                                     account_name="HOP TAC XA CHE TAN CUONG XANH")
    pay_by_transfer(two_seller_order)
    staff = Client()
    staff.force_login(province_staff)
    for index in range(len(PAYLOADS)):
        response = staff.post(f"/cms-admin/seller-payouts/record/{sellers['tea'].pk}/", {
            "amount": "1.000", "bank_reference": f"FT{index:011d}", "note": corpus.value("payout note", index, 200),
        })
        assert response.status_code == 302, response.content.decode()[:300]
    # The note is shown nowhere but in Django's admin (read-only), to administrators.
    from marketplace.payouts.models import Payout

    payouts = list(Payout.objects.order_by("pk"))
    assert len(payouts) == len(PAYLOADS)
    administrator = Client()
    administrator.force_login(admin_user)
    client.force_login(sellers["tea"].users.get())
    problems = check(administrator, ["/django-admin/payouts/payout/"] + [
        f"/django-admin/payouts/payout/{payout.pk}/change/" for payout in payouts], corpus)
    problems += check(staff, ["/cms-admin/seller-payouts/"], corpus, expect_markers=False)
    problems += check(client, [reverse("seller-revenue")], corpus, expect_markers=False)
    assert problems == []


def test_content_pages_and_home_blocks_in_rich_text(corpus, home_page):
    from cms.models import ContentPage

    page = home_page.add_child(instance=ContentPage(
        title=corpus.value("content page title", 3, 255), slug="gioi-thieu",
        intro="".join(corpus.values("content page intro")),
        body=[("paragraph", RichText("".join(corpus.values("content paragraph"))))],
    ))
    home_page.search_description = corpus.value("home search description", 4)
    home_page.save()
    assert check(Client(), ["/", page.url, "/sitemap.xml"], corpus) == []


def test_spreadsheet_import_cells(seller_client, corpus, eager_celery, django_capture_on_commit_callbacks):
    from sellers.imports.models import ImportJob
    from tests.seller_import_files import csv_bytes, row, upload

    rows = []
    for index in range(len(PAYLOADS)):
        rows.append(row(sku=f"XSS-{index}", name=corpus.value("import name", index, 255),
                        description=corpus.value("import description", index)))
        rows.append(row(sku=f"XSS-{index}-V", parent_sku=f"XSS-P{index}",
                        name=corpus.value("import parent", index, 255),
                        variant=corpus.value("import variant", index, 100)))
    response = upload(seller_client, csv_bytes(rows))
    assert response.status_code == 302, response.content.decode()[-2000:]
    job = ImportJob.objects.get(seller=seller_client.seller)
    # The preview shows counts, not the cells: checked all the same.
    problems = check(seller_client, [reverse("seller_import:job", kwargs={"pk": job.pk})], corpus,
                     expect_markers=False)
    with django_capture_on_commit_callbacks(execute=True):
        seller_client.post(reverse("seller_import:confirm", kwargs={"pk": job.pk}))
    products = list(Product.objects.filter(seller=seller_client.seller, parent__isnull=True))
    assert len(products) == 2 * len(PAYLOADS)
    problems += check(Client(), [product.get_absolute_url() for product in products] + ["/search/?q=xss"], corpus)
    assert problems == []


def test_bank_transfer_memos_and_settlement_notes(client, corpus, province_staff, settings):
    """A transfer's memo is typed by whoever sends money to the marketplace's account: the bank's
    notification brings it to the staff's queue of unmatched transfers."""
    import json

    from marketplace.payments.models import BankTransfer

    settings.BANK_TRANSFER_WEBHOOK_API_KEY = "sepay-test-key"
    for index in range(len(PAYLOADS)):
        notification = {
            "id": 9000 + index, "gateway": corpus.value("transfer gateway", index, 100),
            "transactionDate": "2026-11-23 15:02:00", "accountNumber": settings.VIETQR_ACCOUNT_NUMBER,
            "content": corpus.value("transfer memo", index), "transferType": "in", "transferAmount": 150000,
            "referenceCode": f"FT{index:010d}",
        }
        response = client.post("/payments/bank-transfer/webhook/", json.dumps(notification),
                               content_type="application/json", HTTP_AUTHORIZATION="Apikey sepay-test-key")
        assert response.status_code == 200, response.content
    transfers = list(BankTransfer.objects.order_by("pk"))
    assert len(transfers) == len(PAYLOADS)
    staff = Client()
    staff.force_login(province_staff)
    for index, transfer in enumerate(transfers[:5]):
        response = staff.post(f"/cms-admin/unmatched-transfers/settle/{transfer.pk}/",
                              {"reason": corpus.value("settlement note", index)})
        assert response.status_code == 302
    pages = ["/cms-admin/unmatched-transfers/", "/cms-admin/reports/site-history/"] + [
        f"/cms-admin/unmatched-transfers/inspect/{transfer.pk}/" for transfer in transfers]
    assert check(staff, pages, corpus) == []


def draftail(texts, link=None):
    """Wagtail's rich-text editor's POST value: one paragraph per text, the first one a link."""
    import json

    blocks = [{"key": f"k{i}", "type": "unstyled", "text": text, "depth": 0, "inlineStyleRanges": [],
               "entityRanges": [{"offset": 0, "length": len(text), "key": 0}] if link and i == 0 else []}
              for i, text in enumerate(texts)]
    entities = {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": link}}} if link else {}
    return json.dumps({"blocks": blocks, "entityMap": entities})


def test_staff_type_into_wagtails_own_forms(client, admin_user, corpus, home_page, tan_cuong_gi):
    """Through the admin's forms, as staff do: a GI introduction (a snippet) and news pages, with
    rich text whose links point at javascript: URLs."""
    from wagtail.models import Locale

    client.force_login(admin_user)
    response = client.post("/cms-admin/snippets/cms/giintroduction/add/", {
        "geographic_indication": tan_cuong_gi.pk, "locale": Locale.get_default().pk,
        "body": draftail(corpus.values("GI introduction (admin)"), link=corpus.value("GI introduction link", 6)),
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    news = home_page.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    for index in range(len(PAYLOADS)):
        response = client.post(f"/cms-admin/pages/add/cms/newspage/{news.pk}/", {
            "title": corpus.value("news title (admin)", index, 255), "slug": f"tin-{index}",
            "date": "2026-11-01", "intro": corpus.value("news intro (admin)", index),
            "body-count": "1", "body-0-type": "paragraph", "body-0-deleted": "", "body-0-order": "0",
            "body-0-id": "", "body-0-value": draftail([corpus.value("news paragraph (admin)", index)],
                                                      link=corpus.value("news link (admin)", 6)),
            "seo_title": corpus.value("news SEO title (admin)", index, 255),
            "search_description": corpus.value("news search description (admin)", index),
            "action-publish": "action-publish",
        })
        assert response.status_code == 302, response.content.decode()[:3000]
    pages = list(NewsPage.objects.live().order_by("pk"))
    assert len(pages) == len(PAYLOADS)
    urls = ["/", news.url, f"/gi/{tan_cuong_gi.slug}/", "/sitemap.xml"] + [page.url for page in pages]
    problems = check(Client(), urls, corpus)
    problems += check(client, ["/cms-admin/snippets/cms/giintroduction/", f"/cms-admin/pages/{news.pk}/"] + [
        f"/cms-admin/pages/{page.pk}/edit/" for page in pages[:3]], corpus)
    assert problems == []


# --- what visitors type into addresses: reflected, never stored ---------------------------------------


@pytest.mark.parametrize("index", range(len(PAYLOADS)))
def test_query_strings_and_paths_are_reflected_escaped(client, corpus, index, home_page, make_seller, make_product):
    from urllib.parse import quote

    make_product(make_seller(), corpus.value("product title", index, 255))
    text = corpus.value("query", index)
    q = quote(text, safe="")
    urls = [f"/search/?q={q}&sort={q}&stars={q}&{q}={q}", f"/catalogue/?q={q}&sort={q}&page={q}",
            f"/search/suggest?q={q}", f"/api/v1/products?q={q}", f"/accounts/login/?next={q}"]
    problems = []
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 422), url
        problems += [f"{url}: {problem}" for problem in response_problems(response, corpus)]
    not_found = client.get(f"/{q}/")
    assert not_found.status_code == 404
    problems += response_problems(not_found, corpus)
    assert problems == []


# --- what sellers type into their part of an order, and buyers into checkout and wish lists ----------


def part_url(order):
    return reverse("dashboard:seller-order-detail", kwargs={"pk": order.parts.get().pk})


def test_a_sellers_shipping_and_cancellation_of_its_part_of_an_order(
    client, seller_products, corpus, deliver_to, django_user_model, django_capture_on_commit_callbacks,
    mailoutbox, eager_celery,
):
    seller, _category, products = seller_products
    buyer = django_user_model.objects.create_user("nguoimua@example.vn", "mat-khau-mua")
    to_ship = [deliver_to(buyer, product, status="accepted") for product in products]
    to_cancel = [deliver_to(buyer, product, status="new") for product in products]
    typed = []
    for index, order in enumerate(to_ship):
        typed.append((corpus.value("carrier", index, 100), corpus.value("tracking number", index, 100)))
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(part_url(order), {
                "action": "ship", "carrier": typed[-1][0], "tracking_number": typed[-1][1]})
        assert response.status_code == 302, response.context and response.context["ship_form"].errors
    reasons = [corpus.value("cancel reason", index, 1000) for index in range(len(to_cancel))]
    for order, reason in zip(to_cancel, reasons, strict=True):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(part_url(order), {"action": "cancel", "cancel_reason": reason})
        assert response.status_code == 302, response.context and response.context["cancel_form"].errors
    # fulfilment strips what is typed: the payloads have nothing to strip.
    assert [(o.parts.get().carrier, o.parts.get().tracking_number) for o in to_ship] == typed
    assert [o.parts.get().cancel_reason for o in to_cancel] == reasons
    # The buyer hears of each step by e-mail in plain text only: no HTML part to escape.
    assert {(type(message).__name__, message.content_subtype) for message in mailoutbox} == {("EmailMessage", "plain")}

    buyer_client = Client()
    buyer_client.force_login(buyer)
    orders = to_ship + to_cancel
    buyer_pages = ["/accounts/orders/"] + [f"/accounts/orders/{order.number}/" for order in orders]
    seller_pages = [reverse("dashboard:seller-order-list")] + [part_url(order) for order in orders]
    fields = ["carrier", "tracking number", "cancel reason"]
    problems = check(buyer_client, buyer_pages, corpus, fields=fields)
    problems += check(client, seller_pages, corpus, fields=fields)
    assert problems == []


def quoted_email(text):
    """The text as the quoted local part of an address: valid to Django's EmailValidator whatever it holds
    (a backslash before each backslash, quote and space)."""
    return '"' + re.sub(r'([\\" ])', r"\\\1", text) + '"@example.vn'


def test_a_guests_checkout_address_and_email(
    client, corpus, seller_a, make_product, make_rule, thai_nguyen, admin_user,
    django_capture_on_commit_callbacks, mailoutbox, eager_celery,
):
    """Through the checkout's own forms, one guest per payload; then every page that shows where to ship."""
    province, communes = thai_nguyen
    seller, seller_user = seller_a
    make_rule(seller, province, first_charge=20000)
    product = make_product(seller, price="150000", stock=100)
    problems, emails = [], []
    for index in range(len(PAYLOADS)):
        guest = Client()
        assert guest.post(f"/basket/add/{product.pk}/", {"quantity": 1}).status_code == 302
        emails.append(quoted_email(corpus.value("guest e-mail", index, 200)))
        response = guest.post("/checkout/", {"username": emails[-1], "options": "anonymous"})
        assert response.status_code == 302, response.context and response.context["form"].errors
        response = guest.post("/checkout/shipping-address/", {
            "last_name": corpus.value("checkout name", index, 255), "phone_number": "0912345678",
            "province": str(province.pk), "commune": str(communes["Phường Gia Sàng"].pk),
            "line1": corpus.value("checkout line1", index, 255), "notes": corpus.value("checkout notes", index),
        })
        assert response.status_code == 302, response.context and response.context["form"].errors
        assert guest.get("/checkout/shipping-method/").url == "/checkout/payment-method/"
        assert guest.post("/checkout/payment-method/", {"method": "vietqr"}).url == "/checkout/preview/"
        problems += check(guest, ["/checkout/shipping-address/", "/checkout/preview/"], corpus)
        with django_capture_on_commit_callbacks(execute=True):
            response = guest.post("/checkout/preview/", {"action": "place_order"})
        assert response.url == "/checkout/thank-you/"
        problems += check(guest, ["/checkout/thank-you/"], corpus)
        # The order's status page, once the guest has given the e-mail again (the form echoes it).
        kwargs = {"order_number": Order.objects.latest("pk").number}
        kwargs["hash"] = Order.objects.get(number=kwargs["order_number"]).verification_hash()
        response = guest.post(reverse("customer:anon-order-form", kwargs=kwargs), {"email": emails[-1]})
        assert response.status_code == 302, response.context and response.context["form"].errors
        problems += check(guest, [reverse("customer:anon-order", kwargs=kwargs)], corpus,
                          fields=["checkout name", "checkout line1"])
    orders = list(Order.objects.order_by("pk"))
    assert [order.guest_email for order in orders] == emails
    assert {(type(message).__name__, message.content_subtype) for message in mailoutbox} == {("EmailMessage", "plain")}

    fields = ["guest e-mail", "checkout name", "checkout line1", "checkout notes"]
    client.force_login(seller_user)
    # The seller is shown the e-mail only for an order with nothing to ship.
    problems += check(client, [reverse("dashboard:seller-order-list")] + [part_url(order) for order in orders],
                      corpus, fields=fields[1:])
    administrator = Client()
    administrator.force_login(admin_user)
    problems += check(administrator, ["/dashboard/orders/"] + [f"/dashboard/orders/{o.number}/" for o in orders],
                      corpus, fields=fields)
    assert problems == []


def test_a_buyers_wish_lists(seller_products, corpus, django_user_model):
    _seller, _category, products = seller_products
    buyer = django_user_model.objects.create_user("nguoimua@example.vn", "mat-khau-mua")
    buyer_client = Client()
    buyer_client.force_login(buyer)
    names = [corpus.value("wish-list name", index, 255) for index in range(len(PAYLOADS))]
    formset = {"shared_emails-TOTAL_FORMS": "0", "shared_emails-INITIAL_FORMS": "0",
               "shared_emails-MIN_NUM_FORMS": "0", "shared_emails-MAX_NUM_FORMS": "1000"}
    for index, (name, product) in enumerate(zip(names, products, strict=True)):
        response = buyer_client.post(reverse("customer:wishlists-create-with-product", kwargs={
            "product_pk": product.pk}), {"name": name, "visibility": "Public" if index % 2 else "Private", **formset})
        assert response.status_code == 302, response.context and response.context["form"].errors
    wishlists = list(buyer.wishlists.order_by("pk"))
    assert [wishlist.name for wishlist in wishlists] == names
    # Renamed: the message that says so names it.
    renamed = buyer_client.post(reverse("customer:wishlists-update", kwargs={"key": wishlists[0].key}), {
        "name": corpus.value("wish-list new name", 3, 255), "visibility": "Private", **formset}, follow=True)
    assert renamed.status_code == 200
    problems = response_problems(renamed, corpus)
    own_pages = [reverse("customer:wishlists-list")] + [product.get_absolute_url() for product in products[:3]]
    for wishlist in wishlists:
        own_pages += [reverse("customer:wishlists-detail", kwargs={"key": wishlist.key}),
                      reverse("customer:wishlists-update", kwargs={"key": wishlist.key})]
    public = [reverse("wishlists:detail", kwargs={"key": w.key}) for w in wishlists if w.visibility == "Public"]
    problems += check(buyer_client, own_pages, corpus, fields=["wish-list name", "wish-list new name"])
    problems += check(Client(), public, corpus, fields=["wish-list name"])
    assert problems == []


# --- what buyers and staff type about refunds, producers' stories, images and the home page ----------


def test_refund_accounts_and_the_transfers_that_paid_them(
    corpus, sellers, make_product, place_order, pay_by_transfer, admin_user, eager_celery,
):
    from marketplace.order.fulfilment import cancel_part
    from marketplace.payouts.models import Refund

    tea = make_product(sellers["tea"], "Chè búp Tân Cương", price="150000", stock=100)
    orders = []
    for index in range(len(PAYLOADS)):
        order = place_order((tea, 1))
        Order.objects.filter(pk=order.pk).update(guest_email=f"khach{index}@example.vn")
        pay_by_transfer(order)
        cancel_part(order.parts.get(), reason="Hết hàng")
        orders.append(order)
    # The holder's name may hold letters and spaces only: each payload is refused, its text echoed.
    problems = []
    for index, order in enumerate(orders):
        buyer = Client()
        response = buyer.post(f"/don-hang/{order.number}/tai-khoan-hoan-tien/?h={order.verification_hash()}", {
            "bank_bin": "970436", "bank_account_number": "0123456789",
            "bank_account_name": corpus.value("refund account holder", index, 100),
        })
        assert response.status_code == 400
        assert corpus.markers_in(response.content.decode())
        problems += response_problems(response, corpus)
    refunds = list(Refund.objects.order_by("pk"))
    assert [(refund.order_id, refund.account_given) for refund in refunds] == [(o.pk, False) for o in orders]

    staff = Client()
    staff.force_login(admin_user)
    references = [corpus.value("refund bank reference", index, 100) for index in range(len(refunds))]
    for refund, reference in zip(refunds, references, strict=True):
        response = staff.post(f"/cms-admin/seller-payouts/refunds/{refund.pk}/paid/", {"bank_reference": reference})
        assert response.status_code == 302, response.content.decode()[:2000]
    assert list(Refund.objects.order_by("pk").values_list("status", "bank_reference")) == [
        ("paid", reference) for reference in references]
    problems += check(staff, ["/cms-admin/seller-payouts/refunds/", "/cms-admin/reports/site-history/"], corpus,
                      fields=["refund bank reference"])
    buyer_pages = [f"/don-hang/{o.number}/tai-khoan-hoan-tien/?h={o.verification_hash()}" for o in orders]
    problems += check(Client(), buyer_pages, corpus, fields=["refund bank reference"])
    assert problems == []


def admin_change_data(response, **changes):
    """What Django admin's change form posts back unchanged, with `changes`."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        data[name] = ["" if v is None else v for v in value] if isinstance(value, list) else (
            "" if value is None else value)
    data = {name: value for name, value in data.items() if value is not False}  # an unticked box is absent
    return {**data, **changes}


def test_staff_tell_producers_stories(corpus, make_seller, admin_user):
    """Partner.story is edited in Django admin only (neither the seller's dashboard nor Oscar's
    partner pages offer it); the producer page shows it, and in its <head> and Open Graph tags."""
    sellers = [make_seller(name=f"HTX Chè số {index}") for index in range(len(PAYLOADS))]
    staff = Client()
    staff.force_login(admin_user)
    stories = []
    for index, seller in enumerate(sellers):
        url = f"/django-admin/partner/partner/{seller.pk}/change/"
        stories.append("\n\n".join([corpus.value("producer story", index), corpus.value("producer story", 16 - index)]))
        response = staff.post(url, admin_change_data(staff.get(url), story=stories[-1]))
        assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    assert [seller.story for seller in Partner.objects.filter(pk__in=[s.pk for s in sellers]).order_by("pk")] == stories
    problems = check(Client(), [f"/sellers/{seller.slug}/" for seller in sellers], corpus, fields=["producer story"])
    problems += check(staff, [f"/django-admin/partner/partner/{seller.pk}/change/" for seller in sellers], corpus)
    assert problems == []


def test_staff_type_image_titles_and_alt_text_and_the_home_pages_blocks_in_wagtails_forms(
    client, admin_user, corpus, home_page, make_seller, make_product,
):
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    Image = get_image_model()
    make_product(make_seller(), "Chè búp Tân Cương")  # OCOP group 2: what the collections' filter finds
    client.force_login(admin_user)
    for index in range(len(PAYLOADS)):
        response = client.post("/cms-admin/images/add/", {
            "title": corpus.value("image title", index, 255), "description": corpus.value("image alt text", index, 255),
            "file": png_upload(f"anh-{index}.png"), "collection": Collection.get_first_root_node().pk, "tags": "",
        })
        assert response.status_code == 302, response.context and response.context["form"].errors
    images = list(Image.objects.order_by("pk"))
    assert len(images) == len(PAYLOADS)

    # The home page's hero and collection blocks, typed in the page editor, one of each per payload.
    data = {"title": home_page.title, "slug": home_page.slug, "seo_title": "", "search_description": "",
            "body-count": str(2 * len(PAYLOADS)), "action-publish": "action-publish"}
    for index, image in enumerate(images):
        hero, collection = f"body-{2 * index}", f"body-{2 * index + 1}"
        data.update({
            f"{hero}-type": "hero", f"{hero}-deleted": "", f"{hero}-order": str(2 * index), f"{hero}-id": "",
            f"{hero}-value-heading": corpus.value("hero heading", index, 120),
            f"{hero}-value-text": corpus.value("hero text", index, 400), f"{hero}-value-image": str(image.pk),
            f"{hero}-value-link_text": corpus.value("hero button text", index, 40),
            f"{hero}-value-link_url": "/catalogue/",
            f"{collection}-type": "collection", f"{collection}-deleted": "", f"{collection}-order": str(2 * index + 1),
            f"{collection}-id": "", f"{collection}-value-title": corpus.value("collection title", index, 120),
            f"{collection}-value-intro": corpus.value("collection intro", index, 600),
            f"{collection}-value-products-count": "0", f"{collection}-value-gi": "",
            f"{collection}-value-group": "2", f"{collection}-value-stars": "", f"{collection}-value-limit": "4",
        })
    response = client.post(f"/cms-admin/pages/{home_page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    home_page.refresh_from_db()
    assert [block.block_type for block in home_page.body] == ["hero", "collection"] * len(PAYLOADS)
    # A button to a javascript: address is refused by the editor (and would not be drawn: is_safe_link).
    refused = client.post(f"/cms-admin/pages/{home_page.pk}/edit/", {
        **data, "body-0-value-link_url": corpus.value("hero button link", 6, 200)})
    assert refused.status_code == 200
    assert corpus.markers_in(refused.content.decode())
    assert response_problems(refused, corpus) == []
    home_page.refresh_from_db()
    assert home_page.body[0].value["link_url"] == "/catalogue/"

    # The images in an article's blocks: a cover, a gallery and single images with captions.
    news = home_page.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    article = news.add_child(instance=NewsPage(
        title="Mùa chè mới", slug="mua-che-moi", cover_image=images[0],
        body=[("gallery", {"images": [{"image": image, "caption": corpus.value("gallery caption", index, 200)}
                                      for index, image in enumerate(images)]})]
        + [("image", {"image": image, "caption": corpus.value("image caption", index, 200)})
           for index, image in enumerate(images)],
    ))
    fields = ["hero heading", "hero text", "hero button text", "collection title", "collection intro"]
    problems = check(Client(), ["/"], corpus, fields=fields)
    problems += check(Client(), [news.url, article.url], corpus, fields=["gallery caption", "image caption"])
    problems += check(client, ["/cms-admin/images/", f"/cms-admin/pages/{home_page.pk}/edit/",
                               f"/cms-admin/pages/{article.pk}/edit/"] + [
        f"/cms-admin/images/{image.pk}/" for image in images], corpus, fields=["image title", "image alt text"])
    chooser = client.get("/cms-admin/images/chooser/")
    assert chooser.status_code == 200
    problems += html_problems(chooser.json()["html"], corpus)
    assert problems == []
