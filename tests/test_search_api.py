"""The public JSON API at /api/v1/: search with facets, provenance, a schema, and clean 400s."""

import pytest

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.search_catalogue"]


def test_products_with_facets(client, search_catalogue):
    response = client.get("/api/v1/products", {"q": "tan cuong", "sort": "price"})
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["page"], body["num_pages"]) == (2, 1, 1)
    first = body["results"][0]
    product = search_catalogue["hong_tra"]
    assert first == {
        "id": product.pk, "title": "Hồng trà Tân Cương", "url": product.get_absolute_url(),
        "price": 180000,
        "seller": {"name": "HTX Chè Tân Cương Xanh", "slug": "htx-che-tan-cuong-xanh", "kind": "htx",
                   "url": "/sellers/htx-che-tan-cuong-xanh/"},
        "origin": {"commune": "Xã Tân Cương", "commune_code": 5500, "province": "Tỉnh Thái Nguyên",
                   "province_code": 19},
        "stars": 4, "gi": {"slug": "che-tan-cuong", "name": "Tân Cương"},
    }
    assert body["facets"]["stars"] == [
        {"value": "5", "label": "5★", "count": 1, "selected": False},
        {"value": "4", "label": "4★", "count": 1, "selected": False},
    ]


def test_filters(client, search_catalogue):
    body = client.get("/api/v1/products", {"gi": "che-tan-cuong", "in_stock": "1"}).json()
    assert [r["title"] for r in body["results"]] == ["Chè nõn tôm Tân Cương"]
    body = client.get("/api/v1/products", {"seller": "cong-ty-nong-san-pho-yen", "sort": "price"}).json()
    assert [r["title"] for r in body["results"]] == ["Lạc rang húng lìu", "Thịt lợn gác bếp"]


@pytest.mark.parametrize("query, message", [
    ({"stars": "abc"}, "Tham số không hợp lệ: stars."),
    ({"stars": "9"}, "Giá trị «9» của «stars» không hợp lệ."),
    ({"sort": "cheap"}, "Cách sắp xếp «cheap» không hợp lệ."),
    ({"page": "0"}, "Giá trị «0» của «page» không hợp lệ."),
    ({"in_stock": "maybe"}, "Tham số không hợp lệ: in_stock."),
    ({"seller_type": "xyz"}, "Loại người bán «xyz» không hợp lệ (htx, tht, dn hoặc hkd)."),
    ({"min_price": "5", "max_price": "1"}, "Giá thấp nhất không được lớn hơn giá cao nhất."),
    ({"group": "7"}, "Giá trị «7» của «group» không hợp lệ."),
    ({"gi": "<script>"}, "Giá trị «<script>» của «gi» không hợp lệ."),
    ({"seller": "Ngô Gia"}, "Giá trị «Ngô Gia» của «seller» không hợp lệ."),
    ({"province": "0"}, "Giá trị «0» của «province» không hợp lệ."),
    ({"commune": "²"}, "Tham số không hợp lệ: commune."),
    ({"min_price": "nhiều"}, "Tham số không hợp lệ: min_price."),
    ({"page": "1001"}, "Giá trị «1001» của «page» không hợp lệ."),
    ({"page": "9" * 5000}, "Tham số không hợp lệ: page."),
])
def test_bad_parameters_are_a_400_with_a_message(client, search_catalogue, query, message):
    response = client.get("/api/v1/products", query)
    assert response.status_code == 400
    assert response.json()["detail"] == message


def test_product_with_provenance(client, search_catalogue):
    product = search_catalogue["non_tom"]
    response = client.get(f"/api/v1/products/{product.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["price"] == 350000
    certificate = body["provenance"]["ocop_certificate"]
    assert (certificate["stars"], certificate["issuer"]) == (5, "UBND tỉnh Thái Nguyên")
    assert body["provenance"]["gi"] == {"slug": "che-tan-cuong", "name": "Tân Cương"}
    assert body["provenance"]["gi_right"]["valid_from"] == "2024-01-01"
    assert body["provenance"]["origin"]["commune"] == "Xã Tân Cương"


def test_missing_product_is_a_404(client, search_catalogue):
    response = client.get("/api/v1/products/987654")
    assert response.status_code == 404
    assert response.json()["detail"] == "Không có sản phẩm này."


def test_openapi_schema(client):
    response = client.get("/api/v1/schema")
    assert response.status_code == 200
    schema = response.json()
    assert sorted(schema["paths"]) == ["/api/v1/products", "/api/v1/products/{product_id}"]
    names = [p["name"] for p in schema["paths"]["/api/v1/products"]["get"]["parameters"]]
    assert names == ["q", "stars", "group", "gi", "province", "commune", "seller", "seller_type",
                     "min_price", "max_price", "in_stock", "sort", "page"]
