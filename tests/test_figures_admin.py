"""The figures page and CSV exports in Wagtail's admin: who may see them, the period filter, the output."""

import csv
import io
from datetime import date

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.figures.forms import PeriodForm
from marketplace.figures.periods import Period
from tests import figures_fixtures
from tests.figures_fixtures import local

pytestmark = pytest.mark.django_db
figures_market = figures_fixtures.figures_market

PAGE = "/cms-admin/figures/"
OCTOBER = {"start": "2026-10-01", "end": "2026-10-31"}


def csv_url(slug):
    return f"{PAGE}csv/{slug}/"


@pytest.fixture
def wagtail_editor(django_user_model):
    """Someone in Wagtail's admin for other work (editing pages), not province staff."""
    user = django_user_model.objects.create_user("bientap@example.vn", "mat-khau-bien-tap")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_the_staff_group_may_view_figures_from_the_data_migration():
    group = Group.objects.get(name="Cán bộ tỉnh")

    assert group.permissions.filter(content_type__app_label="figures", codename="view_figures").exists()


def test_staff_see_every_figure_of_the_period_as_chart_and_table(client, province_staff, figures_market):
    client.force_login(province_staff)

    response = client.get(PAGE, OCTOBER)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Kỳ số liệu: 01/10/2026 – 31/10/2026" in page
    for slug in ("nguoi-ban-theo-loai-hinh", "nguoi-ban-theo-xa", "san-pham-ocop-theo-sao", "san-pham-ocop-theo-nhom",
                 "don-hang-theo-thang", "doanh-so-theo-xa", "doanh-so-theo-nhom-ocop", "phuong-thuc-thanh-toan",
                 "san-pham-tang-truong-nhanh"):
        assert f'id="table-{slug}"' in page, slug
        assert f'<svg id="chart-{slug}" class="figures-chart" role="img"' in page, slug
        assert f'href="{csv_url(slug)}?start=2026-10-01&amp;end=2026-10-31"' in page, slug
    # October's paid goods in đồng as Vietnamese read them: the month's row, and the totals of the
    # month, commune, group and payment-method tables, which all add up to the same sales.
    assert page.count("<td class=\"num\">1.000.000\u00a0₫</td>") == 5
    assert '<th scope="row">Chè búp Tân Cương</th><td>HTX Chè Tân Cương Xanh</td>' in page
    assert ('<th scope="row">Chuyển khoản ngân hàng bằng VietQR</th><td class="num">2</td>'
            '<td class="num">50,0</td>') in page


def test_superusers_see_the_figures_too(admin_client, figures_market):
    assert admin_client.get(PAGE, OCTOBER).status_code == 200
    assert admin_client.get(csv_url("doanh-so-theo-xa"), OCTOBER).status_code == 200


def test_sellers_buyers_and_visitors_are_kept_out_of_page_and_csv(client, seller_user, django_user_model):
    buyer = django_user_model.objects.create_user("nguoimua@example.vn", "mat-khau-nguoi-mua")
    for user in (seller_user, buyer, None):
        client.logout()
        if user:
            client.force_login(user)
        for url in (PAGE, csv_url("doanh-so-theo-xa")):
            response = client.get(url)
            assert response.status_code == 302, (user, url)
            assert response["Location"].startswith("/cms-admin/login/"), (user, url)


def test_admin_users_without_the_permission_are_refused_and_see_no_menu_item(client, wagtail_editor, province_staff):
    client.force_login(wagtail_editor)

    # Wagtail answers a refused admin page by sending the user back to the admin's home with a message.
    for url in (PAGE, csv_url("doanh-so-theo-xa")):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/cms-admin/"), url
    assert PAGE not in client.get("/cms-admin/").content.decode()

    client.force_login(province_staff)
    assert PAGE in client.get("/cms-admin/").content.decode()


def test_granting_the_permission_lets_another_admin_user_in(client, wagtail_editor):
    wagtail_editor.user_permissions.add(Permission.objects.get(codename="view_figures"))
    client.force_login(wagtail_editor)

    assert client.get(PAGE).status_code == 200


def test_no_period_means_this_month_and_presets_fill_the_dates(client, province_staff, figures_market):
    client.force_login(province_staff)

    default = client.get(PAGE)
    preset = client.get(PAGE, {"preset": "this_year"})

    today = timezone.localdate()
    assert default.context["period"] == Period(today.replace(day=1), today)
    assert preset.context["period"] == Period(date(today.year, 1, 1), today)
    assert f'value="{today.year}-01-01"' in preset.content.decode()


@pytest.mark.parametrize("params, message", [
    ({"start": "2026-02-30", "end": "2026-03-01"}, "Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm"),
    ({"start": "hôm qua", "end": "2026-03-01"}, "Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm"),
    ({"start": "2026-03-02", "end": "2026-03-01"}, "Ngày bắt đầu phải trước hoặc trùng ngày kết thúc."),
    ({"start": "2026-03-01"}, "Hãy nhập cả ngày bắt đầu và ngày kết thúc."),
    ({"start": "1999-12-31", "end": "2026-03-01"}, "Chỉ có số liệu từ ngày 01/01/2000 trở đi."),
    ({"start": "2026-03-01", "end": "9999-12-31"}, "Ngày kết thúc không được sau hôm nay"),
    ({"preset": "ca-doi"}, "Khoảng thời gian có sẵn không hợp lệ."),
])
def test_bad_periods_are_answered_in_vietnamese_on_the_page_and_for_csv(client, province_staff, params, message):
    client.force_login(province_staff)

    page = client.get(PAGE, params)
    export = client.get(csv_url("doanh-so-theo-xa"), params)

    assert page.status_code == 400
    assert message in page.content.decode()
    assert page.context["tables"] == []
    assert export.status_code == 400
    assert message in export.content.decode()


def test_period_form_presets_and_dates_in_either_format():
    today = date(2026, 11, 23)

    def period(data):
        form = PeriodForm(data, today=today)
        assert form.is_valid(), form.errors
        return form.period

    assert period({}) == Period(date(2026, 11, 1), today)
    assert period({"preset": "last_3_months"}) == Period(date(2026, 9, 1), today)
    assert period({"preset": "this_year"}) == Period(date(2026, 1, 1), today)
    assert period({"preset": "this_month", "start": "2020-01-01", "end": "2020-01-02"}) == Period(
        date(2026, 11, 1), today
    )
    assert period({"start": "01/10/2026", "end": "2026-10-31"}) == Period(date(2026, 10, 1), date(2026, 10, 31))
    assert period({"start": "2026-11-23", "end": "2026-11-23"}).days == 1


def test_csv_is_utf8_with_a_bom_and_plain_numbers(client, province_staff, figures_market):
    client.force_login(province_staff)

    response = client.get(csv_url("doanh-so-theo-xa"), OCTOBER)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="so-lieu-doanh-so-theo-xa-20261001-20261031.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Xã/phường", "Đơn đã thanh toán", "Số lượng bán", "Doanh số (đồng)"],
        ["Xã Tân Cương", "4", "7", "720000"],
        ["Xã Đại Từ", "1", "1", "200000"],
        ["Phường Gia Sàng", "1", "1", "80000"],
    ]


def test_csv_of_months_shares_and_growth_keeps_raw_values(client, province_staff, figures_market):
    client.force_login(province_staff)

    def rows(slug):
        response = client.get(csv_url(slug), OCTOBER)
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    assert rows("don-hang-theo-thang")[1] == ["2026-10", "5", "4", "1000000"]
    assert rows("phuong-thuc-thanh-toan")[1] == ["Chuyển khoản ngân hàng bằng VietQR", "2", "50.0", "650000", "65.0"]
    assert rows("san-pham-tang-truong-nhanh")[2] == ["Trà túi lọc", "Hộ Trà Gia Sàng", "150000", "0", "150000", ""]


def test_an_unknown_table_is_not_found(client, province_staff):
    client.force_login(province_staff)

    assert client.get(csv_url("khong-co")).status_code == 404


def test_names_are_escaped_in_tables_and_charts(client, province_staff, figures_market):
    p1 = figures_market["products"]["P1"]
    p1.title = "Chè <script>alert(1)</script>"
    p1.save()
    client.force_login(province_staff)

    page = client.get(PAGE, OCTOBER).content.decode()

    assert "<script>alert(1)" not in page
    assert "Chè &lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_page_answers_in_the_same_number_of_queries_whatever_the_data(client, province_staff, figures_market):
    client.force_login(province_staff)
    client.get(PAGE, OCTOBER)  # warm what a running server keeps warm (site, templates, icons)
    with CaptureQueriesContext(connection) as small:
        client.get(PAGE, OCTOBER)
    p1, p3 = figures_market["products"]["P1"], figures_market["products"]["P3"]
    for day in range(1, 29):
        figures_market["order"](local(2026, 10, day, 10), [(p1, 1), (p3, 2)], method=figures_market["vietqr"])

    with CaptureQueriesContext(connection) as large:
        client.get(PAGE, OCTOBER)

    assert len(small) == len(large)
    assert len(large) <= 20


def test_bars_are_proportional_and_long_tables_chart_only_their_first_rows():
    from marketplace.figures import display
    from marketplace.figures.queries import COUNT, Column, Figure

    short = display.table(Figure("a", "Ba xã", [Column("Xã"), Column("Người bán", COUNT)],
                                 [("Xã A", 10), ("Xã B", 5), ("Xã <C>", 0)]))
    long = display.table(Figure("b", "Hai mươi xã", [Column("Xã"), Column("Người bán", COUNT)],
                                [(f"Xã {i}", 20 - i) for i in range(20)]))

    svg = str(short["chart"])
    assert [part.split('"')[0] for part in svg.split('width="')[2:]] == ["300", "150", "0"]
    assert "<title>Xã &lt;C&gt;</title>" in svg
    assert (short["chart_cut"], long["chart_cut"]) == (False, True)
    assert str(long["chart"]).count("<g data-row=") == 15
    assert len(long["rows"]) == 20
