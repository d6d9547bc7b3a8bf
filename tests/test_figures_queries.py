"""The province's figures against hand-computed data (tests/figures_fixtures.py), without a request."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.figures import queries
from marketplace.figures.periods import Period
from tests import figures_fixtures
from tests.figures_fixtures import OCTOBER, local

pytestmark = pytest.mark.django_db
figures_market = figures_fixtures.figures_market

october = Period(*OCTOBER)


def rows_of(figures, slug):
    return next(f for f in figures if f.slug == slug).rows


def test_active_sellers_by_kind_and_commune_leave_out_the_inactive_one(figures_market):
    figures = queries.sellers()

    assert rows_of(figures, "nguoi-ban-theo-loai-hinh") == [
        ("Hợp tác xã", 1), ("Tổ hợp tác", 0), ("Doanh nghiệp nhỏ và vừa", 0), ("Hộ kinh doanh", 2),
    ]
    assert rows_of(figures, "nguoi-ban-theo-xa") == [
        ("Phường Gia Sàng", 1), ("Xã Đại Từ", 1), ("Xã Tân Cương", 1),
    ]
    assert figures[0].totals == ("Tổng", 3)


def test_products_online_count_only_verified_unexpired_unrevoked_stars(figures_market):
    figures = queries.ocop_products()

    assert rows_of(figures, "san-pham-ocop-theo-sao") == [
        ("5★", 0), ("4★", 2), ("3★", 1), ("Chưa có chứng nhận OCOP còn hiệu lực", 2),
    ]
    assert rows_of(figures, "san-pham-ocop-theo-nhom") == [
        ("1. Thực phẩm", 1, 1), ("2. Đồ uống", 2, 4), ("3. Thảo dược", 0, 0), ("4. Vải và may mặc", 0, 0),
        ("5. Lưu niệm, nội thất và trang trí", 0, 0),
        ("6. Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch", 0, 0),
        ("Chưa xếp nhóm OCOP", 0, 0),
    ]
    assert figures[1].totals == ("Tổng", 3, 5)


def test_stars_are_judged_on_the_day_given(figures_market):
    p1 = figures_market["products"]["P1"]
    certificate = p1.ocop_certificates.get(stars=4)

    figures = queries.ocop_products(day=certificate.valid_until)
    after = queries.ocop_products(day=date.fromordinal(certificate.valid_until.toordinal() + 1))

    assert rows_of(figures, "san-pham-ocop-theo-sao")[1] == ("4★", 2)
    # The day after P1's 4★ expires, its 3★ (issued the same day) has expired too; P4's was issued with it.
    assert rows_of(after, "san-pham-ocop-theo-sao") == [
        ("5★", 0), ("4★", 0), ("3★", 0), ("Chưa có chứng nhận OCOP còn hiệu lực", 5),
    ]


def test_orders_and_sales_by_month_fill_empty_months_and_respect_local_day_bounds(figures_market):
    (figure,) = queries.sales_by_month(Period(date(2026, 7, 1), date(2026, 11, 30)))

    assert figure.rows == [
        (date(2026, 7, 1), 0, 0, 0),
        (date(2026, 8, 1), 2, 2, 620_000),
        (date(2026, 9, 1), 1, 1, 550_000),
        (date(2026, 10, 1), 5, 4, 1_000_000),
        (date(2026, 11, 1), 1, 1, 200_000),
    ]
    assert figure.totals == ("Tổng", 9, 8, 2_370_000)


def test_sales_of_a_period_are_its_paid_goods_without_shipping(figures_market):
    (figure,) = queries.sales_by_month(october)

    assert figure.rows == [(date(2026, 10, 1), 5, 4, 1_000_000)]


def test_sales_by_commune_of_origin_use_the_parent_then_the_seller(figures_market):
    (figure,) = queries.sales_by_commune(october)

    # Tân Cương: P1 ×2 and ×1, the P4 box (its parent grows in Tân Cương although D is in Gia Sàng),
    # P2 (no origin: its seller A is in Tân Cương). Gia Sàng: P5 (no origin: seller D).
    assert figure.rows == [
        ("Xã Tân Cương", 4, 7, 720_000),
        ("Xã Đại Từ", 1, 1, 200_000),
        ("Phường Gia Sàng", 1, 1, 80_000),
    ]
    assert figure.totals == ("Tổng", None, 9, 1_000_000)


def test_sales_by_ocop_group_follow_the_product_class_of_variants_parents(figures_market):
    (figure,) = queries.sales_by_group(october)

    assert figure.rows[:3] == [("1. Thực phẩm", 1, 1, 200_000), ("2. Đồ uống", 4, 8, 800_000),
                               ("3. Thảo dược", 0, 0, 0)]
    assert figure.rows[-1] == ("Chưa xếp nhóm OCOP", 0, 0, 0)
    assert figure.totals == ("Tổng", None, 9, 1_000_000)


def test_payment_methods_share_with_unrecorded_methods_counted_as_unknown(figures_market):
    (figure,) = queries.payment_methods(october)

    assert figure.rows == [
        ("Chuyển khoản ngân hàng bằng VietQR", 2, Decimal("50.0"), 650_000, Decimal("65.0")),
        ("Thẻ quốc tế (Visa, Mastercard…) qua Stripe", 1, Decimal("25.0"), 150_000, Decimal("15.0")),
        ("Chưa ghi nhận phương thức", 1, Decimal("25.0"), 200_000, Decimal("20.0")),
    ]
    assert figure.totals == ("Tổng", 4, None, 1_000_000, None)


def test_an_other_method_code_is_shown_as_it_is_and_an_order_with_two_sources_counts_once(figures_market):
    from tests.figures_fixtures import Source, SourceType

    o2 = figures_market["orders"]["O2"]
    Source.objects.create(order=o2, source_type=figures_market["vietqr"], amount_allocated=1)
    momo = SourceType.objects.create(name="MoMo", code="momo")
    Source.objects.create(order=figures_market["orders"]["O3"], source_type=momo, amount_allocated=1)

    (figure,) = queries.payment_methods(october)

    assert [row[:2] for row in figure.rows] == [
        ("Chuyển khoản ngân hàng bằng VietQR", 2), ("Thẻ quốc tế (Visa, Mastercard…) qua Stripe", 1),
        ("momo", 1), ("Chưa ghi nhận phương thức", 0),
    ]


def test_no_paid_orders_give_zero_shares_not_an_error(figures_market):
    (figure,) = queries.payment_methods(Period(date(2025, 1, 1), date(2025, 1, 31)))

    assert figure.rows[0] == ("Chuyển khoản ngân hàng bằng VietQR", 0, Decimal("0.0"), 0, Decimal("0.0"))


def test_fastest_growing_products_against_the_previous_period_of_the_same_length(figures_market):
    (figure,) = queries.fastest_growing(october)

    # Previous period: 31 Aug – 30 Sep. P3 fell (400 000 → 200 000), P2 stayed (120 000): not listed.
    assert figure.rows == [
        ("Chè búp Tân Cương", "HTX Chè Tân Cương Xanh", 450_000, 150_000, 300_000, Decimal("200.0")),
        ("Trà túi lọc", "Hộ Trà Gia Sàng", 150_000, 0, 150_000, None),
        ("Trà sen", "Hộ Trà Gia Sàng", 80_000, 0, 80_000, None),
    ]
    assert "31/08/2026 – 30/09/2026" in figure.note


def test_fastest_growing_keeps_only_the_limit(figures_market):
    (figure,) = queries.fastest_growing(october, limit=1)

    assert [row[0] for row in figure.rows] == ["Chè búp Tân Cương"]


def test_every_figure_comes_from_one_query_per_section_whatever_the_data(figures_market):
    with CaptureQueriesContext(connection) as small:
        queries.all_figures(october)
    p1, p3 = figures_market["products"]["P1"], figures_market["products"]["P3"]
    for day in range(1, 29):
        figures_market["order"](local(2026, 10, day, 10), [(p1, 1), (p3, 1)], method=figures_market["card"])
    with CaptureQueriesContext(connection) as large:
        figures = queries.all_figures(october)

    assert len(small) == len(large) == len(queries.SECTIONS) == 7
    assert rows_of(figures, "don-hang-theo-thang") == [(date(2026, 10, 1), 33, 32, 1_000_000 + 28 * 350_000)]


def test_one_table_runs_only_its_own_query(figures_market):
    with CaptureQueriesContext(connection) as captured:
        figure = queries.figure("doanh-so-theo-xa", october)

    assert figure.slug == "doanh-so-theo-xa"
    assert len(captured) == 1


def test_periods_know_their_length_previous_period_and_months():
    period = Period(date(2026, 1, 31), date(2026, 3, 1))

    assert period.days == 30
    assert period.previous() == Period(date(2026, 1, 1), date(2026, 1, 30))
    assert period.months() == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    start, end = period.bounds()
    assert (start.isoformat(), end.isoformat()) == ("2026-01-31T00:00:00+07:00", "2026-03-02T00:00:00+07:00")
    with pytest.raises(ValueError):
        Period(date(2026, 3, 2), date(2026, 3, 1))
