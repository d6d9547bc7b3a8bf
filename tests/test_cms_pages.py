"""Page types live where they belong; producer stories reach the producer's page; GI pages carry
an introduction staff write."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.rich_text import RichText

from cms.models import (
    ContentPage,
    GIIntroduction,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ProducerStoryPage,
    StoryIndexPage,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller(make_seller):
    return make_seller()


@pytest.fixture
def story_index(home_page):
    return home_page.add_child(instance=StoryIndexPage(title="Câu chuyện", slug="cau-chuyen"))


@pytest.fixture
def news_index(home_page):
    return home_page.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))


def test_page_types_say_where_they_may_live():
    assert HomePage.allowed_parent_page_models() == [Page]
    assert set(HomePage.allowed_subpage_models()) == {ContentPage, StoryIndexPage, NewsIndexPage}
    assert StoryIndexPage.allowed_parent_page_models() == [HomePage]
    assert StoryIndexPage.allowed_subpage_models() == [ProducerStoryPage]
    assert ProducerStoryPage.allowed_parent_page_models() == [StoryIndexPage]
    assert ProducerStoryPage.allowed_subpage_models() == []
    assert NewsIndexPage.allowed_parent_page_models() == [HomePage]
    assert NewsIndexPage.allowed_subpage_models() == [NewsPage]
    assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
    assert NewsPage.allowed_subpage_models() == []


def test_a_story_cannot_be_created_under_the_home_page_or_a_news_index(home_page, news_index):
    assert not ProducerStoryPage.can_create_at(home_page)
    assert not ProducerStoryPage.can_create_at(news_index)
    assert not NewsPage.can_create_at(home_page)


def test_there_is_one_home_page(home_page):
    assert not HomePage.can_create_at(Page.get_first_root_node())


def test_story_and_news_pages_are_searchable_by_their_text():
    for model in (ProducerStoryPage, NewsPage):
        names = {field.field_name for field in model.search_fields}
        assert {"title", "intro", "body"} <= names, model
    assert "seller" in {field.field_name for field in ProducerStoryPage.search_fields}


def test_a_story_page_shows_its_text_gallery_and_producer(client, story_index, seller):
    story = story_index.add_child(instance=ProducerStoryPage(
        title="Ba thế hệ sao chè", slug="ba-the-he", seller=seller, intro="Từ đồi chè Tân Cương.",
        body=[("paragraph", RichText("<p>Ông nội trồng chè từ năm 1960.</p>"))],
    ))

    response = client.get(story.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Ba thế hệ sao chè</h1>" in html
    assert "Ông nội trồng chè từ năm 1960." in html
    assert f'href="/sellers/{seller.slug}/"' in html


def test_the_producer_page_lists_its_live_stories_only(client, story_index, seller, make_seller):
    story_index.add_child(instance=ProducerStoryPage(
        title="Ba thế hệ sao chè", slug="ba-the-he", seller=seller, intro="Từ đồi chè Tân Cương.",
    ))
    story_index.add_child(instance=ProducerStoryPage(
        title="Bản nháp", slug="ban-nhap", seller=seller, live=False,
    ))
    other = make_seller(name="HTX Khác")
    story_index.add_child(instance=ProducerStoryPage(title="Chuyện người khác", slug="khac", seller=other))

    html = client.get(f"/sellers/{seller.slug}/").content.decode()

    assert "Câu chuyện của nhà sản xuất" in html
    assert 'href="/cau-chuyen/ba-the-he/"' in html
    assert "Bản nháp" not in html
    assert "Chuyện người khác" not in html


def test_a_producer_without_stories_shows_no_story_section(client, seller):
    html = client.get(f"/sellers/{seller.slug}/").content.decode()

    assert "Câu chuyện của nhà sản xuất" not in html


def test_a_story_whose_seller_was_deleted_still_renders(client, story_index, make_seller):
    gone = make_seller(name="HTX Đã Giải Thể")
    story = story_index.add_child(instance=ProducerStoryPage(title="Chuyện cũ", slug="chuyen-cu", seller=gone))
    gone.delete()

    response = client.get(story.url)

    assert response.status_code == 200
    assert "HTX Đã Giải Thể" not in response.content.decode()


def test_news_index_lists_live_news_newest_first(client, news_index):
    news_index.add_child(instance=NewsPage(title="Hội chợ OCOP 2026", slug="hoi-cho", date="2026-10-01"))
    news_index.add_child(instance=NewsPage(title="Tập huấn bán hàng", slug="tap-huan", date="2026-11-01"))
    news_index.add_child(instance=NewsPage(title="Tin nháp", slug="nhap", live=False))

    html = client.get("/tin-tuc/").content.decode()

    assert html.index("Tập huấn bán hàng") < html.index("Hội chợ OCOP 2026")
    assert "Tin nháp" not in html


def test_a_news_page_shows_its_date(client, news_index):
    news = news_index.add_child(instance=NewsPage(title="Hội chợ OCOP 2026", slug="hoi-cho", date="2026-10-01"))

    html = client.get(news.url).content.decode()

    assert '<time datetime="2026-10-01">01/10/2026</time>' in html


def test_the_gi_page_shows_the_staff_introduction(client, tan_cuong_gi):
    GIIntroduction.objects.create(
        geographic_indication=tan_cuong_gi, locale=Locale.get_default(),
        body="<p>Vùng chè <b>Tân Cương</b> nằm ở phía tây thành phố.</p>",
    )

    html = client.get("/gi/che-tan-cuong/").content.decode()

    assert "Vùng chè <b>Tân Cương</b> nằm ở phía tây thành phố." in html


def test_the_gi_page_shows_the_english_introduction_to_english_visitors(client, tan_cuong_gi):
    vietnamese = GIIntroduction.objects.create(
        geographic_indication=tan_cuong_gi, locale=Locale.get_default(), body="<p>Vùng chè Tân Cương.</p>",
    )
    english = vietnamese.copy_for_translation(Locale.objects.get(language_code="en"))
    english.body = "<p>The Tan Cuong tea area.</p>"
    english.save()
    client.post("/i18n/setlang/", {"language": "en", "next": "/gi/che-tan-cuong/"})

    html = client.get("/gi/che-tan-cuong/").content.decode()

    assert "The Tan Cuong tea area." in html
    assert "Vùng chè Tân Cương." not in html


def test_english_visitors_read_the_vietnamese_introduction_until_it_is_translated(client, tan_cuong_gi):
    GIIntroduction.objects.create(
        geographic_indication=tan_cuong_gi, locale=Locale.get_default(), body="<p>Vùng chè Tân Cương.</p>",
    )
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    html = client.get("/gi/che-tan-cuong/").content.decode()

    assert "Vùng chè Tân Cương." in html


def test_a_gi_page_without_an_introduction_still_renders(client, tan_cuong_gi):
    response = client.get("/gi/che-tan-cuong/")

    assert response.status_code == 200
    assert "gi__introduction" not in response.content.decode()


def test_script_in_a_gi_introduction_does_not_reach_the_page(client, tan_cuong_gi):
    GIIntroduction.objects.create(
        geographic_indication=tan_cuong_gi, locale=Locale.get_default(),
        body='<p>Chè<script>alert(1)</script><img src=x onerror="steal()"></p>',
    )

    html = client.get("/gi/che-tan-cuong/").content.decode()

    assert "Chè" in html
    assert "alert(1)" not in html
    assert "steal()" not in html


def test_a_gi_has_one_introduction_per_language(tan_cuong_gi):
    GIIntroduction.objects.create(geographic_indication=tan_cuong_gi, locale=Locale.get_default(), body="<p>A</p>")
    second = GIIntroduction(geographic_indication=tan_cuong_gi, locale=Locale.get_default(), body="<p>B</p>")

    with pytest.raises(ValidationError) as error:
        second.full_clean()

    assert "Chỉ dẫn địa lý này đã có lời giới thiệu bằng ngôn ngữ này." in str(error.value)


def test_staff_edit_gi_introductions_in_the_cms_admin(client, admin_user, tan_cuong_gi):
    client.force_login(admin_user)

    response = client.post("/cms-admin/snippets/cms/giintroduction/add/", {
        "geographic_indication": tan_cuong_gi.pk,
        "body": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Vùng chè nổi tiếng.", '
                '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        "locale": Locale.get_default().pk,
    })

    assert response.status_code == 302, response.content.decode()[:2000]
    introduction = GIIntroduction.objects.get()
    assert introduction.geographic_indication == tan_cuong_gi
    assert "Vùng chè nổi tiếng." in introduction.body


@pytest.mark.parametrize("chooser", ["chon-nguoi-ban", "chon-san-pham", "chon-chi-dan-dia-ly"])
def test_the_choosers_list_live_marketplace_rows(client, admin_user, chooser, make_product, seller, tan_cuong_gi):
    make_product(seller, title="Chè búp Tân Cương")
    client.force_login(admin_user)

    response = client.get(f"/cms-admin/{chooser}/")

    assert response.status_code == 200
    html = response.json()["html"]
    expected = {"chon-nguoi-ban": "HTX Chè Tân Cương Xanh", "chon-san-pham": "Chè búp Tân Cương",
                "chon-chi-dan-dia-ly": "Tân Cương"}[chooser]
    assert expected in html


def chooser_rows(html):
    """Each listed row of a chooser's results as the text of its cells."""
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    return [
        [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


CHOOSER_MAX_QUERIES = 20


def test_the_product_chooser_says_what_buyers_will_see(
    client, admin_user, make_product, seller, certify, django_assert_max_num_queries
):
    shown = make_product(seller, title="Chè búp Tân Cương")
    certify(shown, stars=5)
    hidden = make_product(seller, title="Chè đang ẩn")
    hidden.is_public = False
    hidden.save()
    make_product(seller, title="Chè đã bán hết", stock=0)
    client.force_login(admin_user)
    client.get("/cms-admin/chon-san-pham/results/", {"q": "chè"})  # warm what a running server keeps warm

    with django_assert_max_num_queries(CHOOSER_MAX_QUERIES) as captured:
        html = client.get("/cms-admin/chon-san-pham/results/", {"q": "chè"}).content.decode()
    few = len(captured)

    assert chooser_rows(html) == [
        ["Chè đã bán hết", "HTX Chè Tân Cương Xanh", "—", "Công khai", "Hết hàng"],
        ["Chè đang ẩn", "HTX Chè Tân Cương Xanh", "—", "Đang ẩn: không hiện trên trang", "Còn hàng"],
        ["Chè búp Tân Cương", "HTX Chè Tân Cương Xanh", "OCOP 5★", "Công khai", "Còn hàng"],
    ]
    # Stock is read with the listing, not once per row.
    for n in range(5):
        make_product(seller, title=f"Chè hết hàng {n}", stock=0)
    with django_assert_max_num_queries(few):
        more = client.get("/cms-admin/chon-san-pham/results/", {"q": "chè"}).content.decode()
    assert [row[-1] for row in chooser_rows(more)] == ["Hết hàng"] * 6 + ["Còn hàng"] * 2


def test_sellers_and_buyers_cannot_open_the_choosers(client, django_user_model):
    buyer = django_user_model.objects.create_user(email="mua@example.com", password="x")
    client.force_login(buyer)

    response = client.get("/cms-admin/chon-san-pham/")

    assert response.status_code == 302
    assert response["Location"].startswith("/cms-admin/login/")


def test_staff_with_admin_access_can_open_the_choosers(client, django_user_model):
    staff = django_user_model.objects.create_user(email="canbo@example.com", password="x")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)

    assert client.get("/cms-admin/chon-nguoi-ban/").status_code == 200


@pytest.mark.parametrize("name", ["hero", "featured_producers", "featured_products", "collection", "stories",
                                  "video", "paragraph"])
def test_every_home_block_has_a_preview_in_the_block_picker(client, admin_user, home_page, name, make_product,
                                                             seller):
    make_product(seller, title="Chè búp Tân Cương")
    block = HomePage.body.field.stream_block.child_blocks[name]
    client.force_login(admin_user)

    response = client.get("/cms-admin/block-preview/", {"id": block.definition_prefix})

    assert block.is_previewable
    assert block.get_description()
    assert response.status_code == 200
    assert "marketplace/css/marketplace.css" in response.content.decode()


def test_the_featured_products_preview_shows_real_products(client, admin_user, home_page, make_product, seller):
    make_product(seller, title="Chè búp Tân Cương")
    block = HomePage.body.field.stream_block.child_blocks["featured_products"]
    client.force_login(admin_user)

    html = client.get("/cms-admin/block-preview/", {"id": block.definition_prefix}).content.decode()

    assert "Chè búp Tân Cương" in html


def test_staff_open_the_editors_of_every_page_type(client, admin_user, home_page, story_index, news_index, seller):
    story = story_index.add_child(instance=ProducerStoryPage(title="Chuyện", slug="chuyen", seller=seller))
    news = news_index.add_child(instance=NewsPage(title="Tin", slug="tin"))
    client.force_login(admin_user)

    for page in (home_page, story_index, story, news_index, news):
        response = client.get(f"/cms-admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page
    story_form = client.get(f"/cms-admin/pages/{story.pk}/edit/").content.decode()
    assert "Chọn người bán" in story_form


def test_script_in_a_story_or_content_page_does_not_reach_the_page(client, home_page, story_index, seller):
    story = story_index.add_child(instance=ProducerStoryPage(
        title="Chuyện <script>alert(1)</script>", slug="chuyen", seller=seller,
        intro='<img src=x onerror="steal()">Tóm tắt',
        body=[("paragraph", RichText('<p>Chè<script>alert(2)</script><a href="javascript:alert(3)">x</a></p>'))],
    ))
    page = home_page.add_child(instance=ContentPage(
        title="Giới thiệu", slug="gioi-thieu", intro='<p onclick="steal()">Sàn<script>alert(4)</script></p>',
    ))

    story_html = client.get(story.url).content.decode()
    page_html = client.get(page.url).content.decode()

    assert "Chuyện &lt;script&gt;alert(1)&lt;/script&gt;" in story_html
    for html in (story_html, page_html):
        assert "<script>alert" not in html
        assert "alert(2)" not in html and "alert(3)" not in html and "alert(4)" not in html
        assert 'onerror="steal()"' not in html and 'onclick="steal()"' not in html


def test_province_staff_write_gi_introductions_and_translate(client, django_user_model, tan_cuong_gi, home_page):
    from django.contrib.auth.models import Group

    staff = django_user_model.objects.create_user(email="canbo@example.com", password="x")
    staff.groups.add(Group.objects.get(name="Cán bộ tỉnh"))
    english = Locale.objects.get(language_code="en")
    introduction = GIIntroduction.objects.create(
        geographic_indication=tan_cuong_gi, locale=Locale.get_default(), body="<p>Vùng chè.</p>"
    )
    client.force_login(staff)

    assert client.get("/cms-admin/snippets/cms/giintroduction/add/").status_code == 200
    response = client.post(
        f"/cms-admin/translation/submit/snippet/cms/giintroduction/{introduction.pk}/", {"locales": [english.pk]}
    )
    assert response.status_code == 302
    assert GIIntroduction.objects.filter(locale=english).count() == 1


def test_while_no_page_is_private_none_is_looked_for(client, home_page, kept_fragments):
    page = home_page.add_child(instance=ContentPage(title="Giới thiệu", slug="gioi-thieu"))
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    assert not [q for q in queries.captured_queries if "wagtailcore_pageviewrestriction" in q["sql"]]


def test_a_page_made_private_is_private_at_once(client, home_page, stored_pages, django_user_model):
    page = home_page.add_child(instance=ContentPage(title="Hướng dẫn nội bộ", slug="huong-dan-noi-bo"))
    client.get(page.url)
    assert client.get(page.url)["X-Page-Cache"] == "hit"

    # On its parent: the page's own restrictions and its ancestors' are both looked for.
    restriction = PageViewRestriction.objects.create(page=home_page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302
    assert "next=" in response["Location"]
    assert client.get("/").status_code == 302

    client.force_login(django_user_model.objects.create_user("lan@example.vn", "x"))
    assert client.get(page.url).status_code == 200
    client.logout()

    restriction.delete()
    assert client.get(page.url).status_code == 200
