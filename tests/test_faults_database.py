"""The database connection drops mid-request: the buyer gets a Vietnamese 503 page with Retry-After,
never a traceback, and no committed order is lost or left half-written.

On PostgreSQL the request's own backend is really terminated (pg_terminate_backend from a second
connection); on SQLite, which has no server to lose, the cursor raises the error the driver would."""

import contextlib

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client, RequestFactory
from oscar.core.loading import get_model

from marketplace.db_unavailable import server_error
from sellers.models import StockRecord

Order = get_model("order", "Order")
Line = get_model("order", "Line")

VIETNAMESE_503 = "Sàn tạm thời bận, xin thử lại sau ít phút"


def drop_connection_at(statement_start: str, stay_down=False):
    """Break this thread's database connection just before the first statement starting with
    `statement_start` runs, so the request fails in the middle of whatever it was doing; with
    `stay_down`, every later statement fails too, as when the server is gone for a while."""
    state = {"dropped": False}

    def wrapper(execute, sql, params, many, context):
        if state["dropped"] and stay_down:
            raise OperationalError("could not connect to server: Connection refused")
        if not state["dropped"] and sql.lstrip().upper().startswith(statement_start.upper()):
            state["dropped"] = True
            if connection.vendor == "postgresql":
                pid = connection.connection.info.backend_pid
                killer = connection.get_new_connection(connection.get_connection_params())
                try:
                    killer.autocommit = True
                    killer.execute("SELECT pg_terminate_backend(%s)", [pid])
                finally:
                    killer.close()
            else:
                raise OperationalError("disk I/O error")
        return execute(sql, params, many, context)

    return state, connection.execute_wrapper(wrapper)


def assert_the_503_page(response):
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert VIETNAMESE_503 in page
    assert "Những đơn hàng đã đặt xong vẫn được giữ nguyên." in page
    assert "Traceback" not in page and "OperationalError" not in page


def at_payment(client, make_seller, make_product, make_rule, thai_nguyen, email):
    """A guest who put two sellers' products in the basket, gave an address and chose VietQR."""
    province, communes = thai_nguyen
    tea = make_seller(f"HTX Chè {email}")
    make_rule(tea, province, first_charge=20000)
    client.post(f"/basket/add/{make_product(tea, price='150000').pk}/", {"quantity": 1})
    client.post("/checkout/", {"username": email, "options": "anonymous"})
    response = client.post("/checkout/shipping-address/", {
        "last_name": "Nguyễn Văn An", "phone_number": "0912345678", "province": "19",
        "commune": str(communes["Phường Gia Sàng"].pk), "line1": "Số 5, đường Z115",
    })
    assert response.status_code == 302
    assert client.get("/checkout/shipping-method/").url == "/checkout/payment-method/"
    assert client.post("/checkout/payment-method/", {"method": "vietqr"}).status_code == 302
    return client


def order_snapshot(order):
    return (
        order.number, order.email, order.total_incl_tax, order.payment_state,
        sorted(order.lines.values_list("title", "quantity", "line_price_incl_tax")),
        sorted(order.parts.values_list("seller__name", "shipping_charge")),
        [(s.source_type.code, s.amount_allocated) for s in order.sources.all()],
    )


@pytest.mark.django_db
def test_a_view_that_loses_the_database_answers_a_vietnamese_503(client, make_seller, make_product):
    product = make_product(make_seller())
    _state, dropping = drop_connection_at('SELECT "catalogue_product"')
    try:
        with dropping:
            response = client.get(product.get_absolute_url())
        assert_the_503_page(response)
    finally:
        connection.close()  # a terminated PostgreSQL backend is reopened on the next query


@pytest.mark.django_db
@pytest.mark.parametrize("error", [OperationalError("server closed the connection unexpectedly"),
                                   InterfaceError("connection already closed")])
def test_a_database_error_raised_outside_a_view_also_answers_503(error):
    # Django hands exceptions from middleware (the session saved on the way out) to handler500.
    request = RequestFactory().get("/basket/")
    try:
        raise error
    except type(error):
        response = server_error(request)
    assert_the_503_page(response)


@pytest.mark.django_db
def test_other_errors_still_answer_500():
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
    assert VIETNAMESE_503 not in response.content.decode()


@pytest.fixture
def committed_order_and_a_second_buyer(make_seller, make_product, make_rule, thai_nguyen):
    """A first guest's order, committed; a second guest at the last step of checkout."""
    first = at_payment(Client(), make_seller, make_product, make_rule, thai_nguyen, "an@example.vn")
    assert first.post("/checkout/preview/", {"action": "place_order"}).url == "/checkout/thank-you/"
    committed = Order.objects.get()
    second = at_payment(Client(raise_request_exception=False), make_seller, make_product, make_rule,
                        thai_nguyen, "binh@example.vn")
    allocated = dict(StockRecord.objects.values_list("partner_sku", "num_allocated"))
    return committed, order_snapshot(committed), allocated, second


def place_while_dropping(client, stay_down):
    state, dropping = drop_connection_at('INSERT INTO "order_line"', stay_down=stay_down)
    try:
        with dropping:
            response = client.post("/checkout/preview/", {"action": "place_order"})
    finally:
        with contextlib.suppress(Exception):
            connection.close()  # a terminated PostgreSQL backend is reopened on the next query
    assert state["dropped"] is True
    return response


def assert_only_the_committed_order(committed, snapshot, allocated_before):
    # The half-placed order rolled back with its transaction; the committed one is untouched.
    assert list(Order.objects.values_list("number", flat=True)) == [committed.number]
    assert Line.objects.count() == 1
    assert order_snapshot(Order.objects.get()) == snapshot
    # Stock the lost order had allocated went back with it.
    assert dict(StockRecord.objects.values_list("partner_sku", "num_allocated")) == allocated_before
    assert sorted(allocated_before.values(), key=str) == [1, None]


# Committed for real: on PostgreSQL the connection is killed, so nothing may rely on the test's own
# transaction. The order touches most apps, so the database is flushed and restored afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_gone_while_placing_an_order_answers_503_and_keeps_the_committed_order(
    committed_order_and_a_second_buyer,
):
    committed, snapshot, allocated, second = committed_order_and_a_second_buyer
    response = place_while_dropping(second, stay_down=True)
    assert_the_503_page(response)
    assert_only_the_committed_order(committed, snapshot, allocated)
    # The basket froze with the order's transaction, so it is open again: once the database is
    # back, the buyer places the order from the same basket.
    assert second.post("/checkout/preview/", {"action": "place_order"}).url == "/checkout/thank-you/"
    assert sorted(Order.objects.values_list("guest_email", flat=True)) == ["an@example.vn", "binh@example.vn"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_connection_dropped_once_while_placing_returns_the_buyer_to_the_preview_with_the_basket(
    committed_order_and_a_second_buyer,
):
    committed, snapshot, allocated, second = committed_order_and_a_second_buyer
    response = place_while_dropping(second, stay_down=False)
    if connection.vendor == "postgresql":
        # The request's connection is gone: nothing more can be read in it.
        assert_the_503_page(response)
    else:
        # The connection survives the failed statement: Oscar's checkout catches the failed
        # placement, thaws the basket and shows the preview again.
        assert response.status_code == 200
        assert response.context["error"]
    assert_only_the_committed_order(committed, snapshot, allocated)
    Basket = get_model("basket", "Basket")
    assert Basket.objects.filter(lines__isnull=False).exclude(status=Basket.SUBMITTED).values_list(
        "status", flat=True).get() == Basket.OPEN
    assert second.post("/checkout/preview/", {"action": "place_order"}).url == "/checkout/thank-you/"
    assert sorted(Order.objects.values_list("guest_email", flat=True)) == ["an@example.vn", "binh@example.vn"]
