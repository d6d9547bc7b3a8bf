"""Search, browse, category and OCOP group pages: filters in the URL, facets, sorting, bad params."""

import pytest

from catalog.search import params

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.search_catalogue"]


def shown(response):
    return [p.title for p in response.context["products"]]


def test_search_page_finds_without_diacritics(client, search_catalogue):
    response = client.get("/search/", {"q": "che tan cuong", "sort": "price"})
    assert response.status_code == 200
    assert shown(response) == ["Hồng trà Tân Cương", "Chè nõn tôm Tân Cương"]
    assert response.context["paginator"].count == 2


def test_filters_come_from_the_url(client, search_catalogue):
    response = client.get("/catalogue/", {"stars": "4", "seller_type": "hkd"})
    assert shown(response) == ["Miến dong Côn Minh đặc biệt"]
    stars = next(g for g in response.context["facet_groups"] if g["name"] == "stars")
    assert [(v["label"], v["count"], v["selected"]) for v in stars["values"]] == [
        ("4★", 1, True)]
    assert stars["values"][0]["url"] == "?seller_type=hkd"


def test_facet_links_add_their_filter_and_drop_the_page(client, search_catalogue):
    response = client.get("/catalogue/", {"page": "1"})
    kinds = next(g for g in response.context["facet_groups"] if g["name"] == "seller_type")
    assert [(v["label"], v["count"], v["url"]) for v in kinds["values"]] == [
        ("Hợp tác xã", 2, "?seller_type=htx"),
        ("Doanh nghiệp nhỏ và vừa", 2, "?seller_type=dn"),
        ("Hộ kinh doanh", 1, "?seller_type=hkd"),
    ]


def test_bad_parameters_are_ignored_with_a_message(client, search_catalogue):
    response = client.get("/catalogue/", {"stars": "9", "sort": "zzz", "page": "abc", "min_price": "x"})
    assert response.status_code == 200
    assert len(shown(response)) == 5
    assert [str(m) for m in response.context["messages"]] == [
        "Giá trị «9» của «stars» không hợp lệ.",
        "Giá trị «x» của «min_price» không hợp lệ.",
        "Cách sắp xếp «zzz» không hợp lệ.",
        "Giá trị «abc» của «page» không hợp lệ.",
    ]


def test_a_page_past_the_end_shows_the_last_page(client, search_catalogue):
    response = client.get("/catalogue/", {"page": "999"})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    assert len(shown(response)) == 5


def test_category_page_lists_its_products_with_facets(client, search_catalogue):
    response = client.get(search_catalogue["tea_category"].get_absolute_url(), {"sort": "-price"})
    assert shown(response) == ["Chè nõn tôm Tân Cương", "Hồng trà Tân Cương"]
    assert "data-facet=\"gi\"" in response.content.decode()


def test_ocop_group_page_does_not_offer_its_own_group_as_a_facet(client, search_catalogue):
    response = client.get("/catalogue/nhom-ocop/1/", {"sort": "price"})
    assert shown(response) == ["Lạc rang húng lìu", "Miến dong Côn Minh đặc biệt", "Thịt lợn gác bếp"]
    assert "group" not in [g["name"] for g in response.context["facet_groups"]]


def test_empty_results_suggest_the_spelling_and_categories(client, search_catalogue):
    response = client.get("/search/", {"q": "mien dongg xyz"})
    assert shown(response) == []
    assert response.context["spelling_suggestion"] == "mien dong xyz"
    assert [c.name for c in response.context["popular_categories"]] == ["Đồ uống", "Thực phẩm"]
    assert "Có phải bạn muốn tìm" in response.content.decode()


def test_search_without_words_shows_a_prompt(client, search_catalogue):
    response = client.get("/search/")
    assert response.status_code == 200
    assert shown(response) == []
    assert "Hãy nhập tên sản phẩm" in response.content.decode()


def test_header_box_loads_the_suggestions_script(client, search_catalogue):
    content = client.get("/catalogue/").content.decode()
    assert 'data-suggest-url="/search/suggest"' in content
    assert "/static/catalog/js/search-suggest.js" in content


def test_suggest_endpoint(client, search_catalogue):
    response = client.get("/search/suggest", {"q": "mien"})
    assert response.status_code == 200
    assert response.json()["suggestions"] == [
        {"kind": "product", "label": "Miến dong Côn Minh đặc biệt",
         "url": search_catalogue["mien"].get_absolute_url()},
        {"kind": "producer", "label": "Hộ kinh doanh Miến dong Côn Minh",
         "url": "/sellers/ho-kinh-doanh-mien-dong-con-minh/"},
    ]
    assert client.get("/search/suggest").json() == {"q": "", "suggestions": []}


def test_parse_reads_every_parameter():
    query, errors = params.parse({
        "q": " chè ", "stars": "4", "group": "2", "gi": "che-tan-cuong", "province": "19",
        "commune": "5500", "seller_type": "htx", "seller": "htx-a", "min_price": "100.000",
        "max_price": "200000", "in_stock": "1", "sort": "price", "page": "2",
    })
    assert errors == []
    assert (query.q, query.sort, query.page) == ("chè", "price", 2)
    f = query.filters
    assert (f.stars, f.group, f.gi, f.province, f.commune, f.seller_type, f.seller, f.min_price,
            f.max_price, f.in_stock) == (4, 2, "che-tan-cuong", 19, 5500, "htx", "htx-a", 100000, 200000, True)


def test_parse_refuses_a_reversed_price_range():
    query, errors = params.parse({"min_price": "500", "max_price": "100"})
    assert errors == ["Giá thấp nhất không được lớn hơn giá cao nhất."]
    assert (query.filters.min_price, query.filters.max_price) == (None, None)


def test_numbers_int_cannot_read_are_a_message_not_a_server_error(client, search_catalogue):
    # "²" and "³" pass str.isdigit() but not int(); a number of 5,000 digits is past int()'s limit.
    response = client.get("/search/", {"q": "chè", "stars": "²", "page": "³", "min_price": "¹²",
                                       "province": "9" * 5000})
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "Giá trị «²» của «stars» không hợp lệ.",
        f"Giá trị «{'9' * 5000}» của «province» không hợp lệ.",
        "Giá trị «¹²» của «min_price» không hợp lệ.",
        "Giá trị «³» của «page» không hợp lệ.",
    ]
    assert client.get("/catalogue/", {"page": "³"}).status_code == 200


@pytest.mark.usefixtures("kept_fragments")
def test_a_kept_category_and_its_subtree_follow_a_move_as_the_dashboard_saves_it(client, search_catalogue):
    from catalog.models import Category

    drinks, food, tea = (Category.objects.get(slug=slug) for slug in ("do-uong", "thuc-pham", "che"))
    teas = ["Chè nõn tôm Tân Cương", "Hồng trà Tân Cương"]
    assert sorted(shown(client.get(drinks.get_absolute_url()))) == teas

    # Treebeard's MoveNodeForm: the node saved, moved by SQL, saved again.
    tea.save()
    tea.move(food, pos="last-child")
    tea.refresh_from_db()
    tea.save()

    assert shown(client.get(drinks.get_absolute_url())) == []
    assert set(teas) <= set(shown(client.get(food.get_absolute_url())))
    drinks.refresh_from_db()
    drinks.is_public = False
    drinks.save()
    assert client.get(drinks.get_absolute_url()).status_code == 302
    assert client.get("/catalogue/category/khong-co_9999/").status_code == 404
