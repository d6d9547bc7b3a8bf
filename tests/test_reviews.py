"""Buyers who received a product review it once; staff moderate reviews (and reported ones); approved
reviews set the product's rating, which the search "rating" sort uses."""

import pytest
from django.conf import settings
from wagtail.models import ModelLogEntry

from catalog.reviews import moderation, tasks
from catalog.reviews.models import ProductReview, ReviewReport
from catalog.search.models import ProductSearchDocument

QUEUE = "/cms-admin/product-reviews/"
REVIEW = {"title": "Chè thơm, nước xanh", "score": "5", "body": "Pha 85 độ rất ngon, sẽ mua lại."}


@pytest.fixture
def tea(seller_with_login, make_product):
    return make_product(seller_with_login)


@pytest.fixture
def buyer(django_user_model):
    return django_user_model.objects.create_user("nguoimua@example.vn", "mat-khau", first_name="Minh Anh")


def add_url(product):
    return f"/catalogue/{product.slug}_{product.pk}/reviews/add/"


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def review_of(product, user, score=5, status=ProductReview.APPROVED, title="Ngon"):
    return ProductReview.objects.create(product=product, user=user, score=score, title=title, body="…",
                                        status=status)


# --- who may review -------------------------------------------------------------------------------------


def test_anonymous_visitors_are_asked_to_sign_in(client, tea):
    response = client.get(add_url(tea), follow=True)
    assert response.redirect_chain[0][0].startswith(f"{settings.LOGIN_URL}?next=")
    assert "Hãy đăng nhập để đánh giá sản phẩm bạn đã mua." in messages_of(response)


@pytest.mark.parametrize("status", [None, "new", "accepted", "shipped"])
def test_a_buyer_whose_part_was_not_delivered_cannot_review(client, buyer, tea, deliver_to, status):
    if status:
        deliver_to(buyer, tea, status=status)
    client.force_login(buyer)

    response = client.post(add_url(tea), REVIEW, follow=True)

    assert response.redirect_chain[0][0] == tea.get_absolute_url()
    assert messages_of(response) == [
        "Chỉ người mua đã nhận được sản phẩm này mới đánh giá được: hãy chờ đơn hàng được giao rồi quay lại."]
    assert not ProductReview.objects.exists()


def test_another_buyers_delivery_does_not_count(client, buyer, tea, deliver_to, django_user_model):
    deliver_to(django_user_model.objects.create_user("khac@example.vn", "x"), tea)
    client.force_login(buyer)
    assert client.get(add_url(tea))["Location"] == tea.get_absolute_url()


def test_a_buyer_who_received_the_product_reviews_it_once_and_it_waits_for_moderation(
    client, buyer, tea, deliver_to
):
    deliver_to(buyer, tea)
    client.force_login(buyer)
    assert client.get(add_url(tea)).status_code == 200

    response = client.post(add_url(tea), REVIEW, follow=True)

    review = ProductReview.objects.get()
    assert (review.user, review.score, review.title, review.status) == (
        buyer, 5, "Chè thơm, nước xanh", ProductReview.FOR_MODERATION)
    assert messages_of(response) == ["Cảm ơn bạn! Đánh giá sẽ hiện sau khi cán bộ tỉnh duyệt."]
    tea.refresh_from_db()
    assert tea.rating is None
    assert "Chè thơm, nước xanh" not in client.get(tea.get_absolute_url()).content.decode()
    assert client.get(f"/catalogue/{tea.slug}_{tea.pk}/reviews/{review.pk}/").status_code == 404

    again = client.post(add_url(tea), {**REVIEW, "title": "Lần hai"}, follow=True)
    assert messages_of(again) == ["Bạn đã đánh giá sản phẩm này rồi: mỗi người mua đánh giá một lần."]
    assert ProductReview.objects.count() == 1


@pytest.mark.parametrize("field, value, error", [
    ("score", "0", "Hãy chọn từ 1 đến 5 sao."),
    ("score", "6", "Hãy chọn từ 1 đến 5 sao."),
    ("score", "", "Hãy chọn từ 1 đến 5 sao."),
    ("title", "   ", "Hãy đặt tiêu đề cho đánh giá."),
    ("body", "  ", "Hãy viết vài dòng về sản phẩm."),
])
def test_bad_review_input_is_refused_with_a_message(client, buyer, tea, deliver_to, field, value, error):
    deliver_to(buyer, tea)
    client.force_login(buyer)
    response = client.post(add_url(tea), {**REVIEW, field: value})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [error]
    assert not ProductReview.objects.exists()


def test_review_text_is_escaped(client, buyer, tea):
    review_of(tea, buyer, title="<script>alert(1)</script>")
    page = client.get(tea.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# --- moderation -------------------------------------------------------------------------------------------


def test_staff_approve_a_new_review_which_then_shows_and_sets_the_rating(
    client, staff_post, province_staff, buyer, tea
):
    review = review_of(tea, buyer, score=4, status=ProductReview.FOR_MODERATION)
    listing = client.get(QUEUE)
    assert [r.pk for r in listing.context["object_list"]] == [review.pk]

    response = staff_post(f"{QUEUE}approve/{review.pk}/")

    assert response["Location"] == f"{QUEUE}inspect/{review.pk}/"
    review.refresh_from_db()
    tea.refresh_from_db()
    assert (review.status, tea.rating) == (ProductReview.APPROVED, 4.0)
    assert ProductSearchDocument.objects.get(product=tea).rating == 4.0
    assert "Ngon" in client.get(tea.get_absolute_url()).content.decode()
    assert list(client.get(QUEUE).context["object_list"]) == []
    entry = ModelLogEntry.objects.for_instance(review).get()
    assert (entry.action, entry.user, entry.data) == (
        "marketplace.review.approve", province_staff, {"reason": "", "product_id": tea.pk})


def test_rejecting_a_review_needs_a_reason_and_keeps_it_out_of_the_rating(
    staff_post, province_staff, buyer, tea, django_user_model
):
    review_of(tea, django_user_model.objects.create_user("a@example.vn", "x"), score=2)
    review = review_of(tea, buyer, score=5, status=ProductReview.FOR_MODERATION)

    refused = staff_post(f"{QUEUE}reject/{review.pk}/", {"reason": ""})
    assert refused.context["form"].errors["reason"] == ["Hãy ghi lý do ẩn đánh giá này."]
    staff_post(f"{QUEUE}reject/{review.pk}/", {"reason": "Quảng cáo sản phẩm khác."})

    review.refresh_from_db()
    tea.refresh_from_db()
    assert (review.status, review.rejection_reason, tea.rating) == (
        ProductReview.REJECTED, "Quảng cáo sản phẩm khác.", 2.0)
    assert ModelLogEntry.objects.for_instance(review).get().data["reason"] == "Quảng cáo sản phẩm khác."
    # Decided: no second decision.
    assert staff_post(f"{QUEUE}approve/{review.pk}/")["Location"] == f"{QUEUE}inspect/{review.pk}/"
    review.refresh_from_db()
    assert review.status == ProductReview.REJECTED


def test_the_rating_is_the_mean_of_approved_reviews(buyer, tea, django_user_model):
    others = [django_user_model.objects.create_user(f"b{i}@example.vn", "x") for i in range(3)]
    review_of(tea, buyer, score=5)
    review_of(tea, others[0], score=3)
    review_of(tea, others[1], score=1, status=ProductReview.FOR_MODERATION)
    review_of(tea, others[2], score=1, status=ProductReview.REJECTED)
    tea.refresh_from_db()
    assert tea.rating == 4.0


# --- reports ----------------------------------------------------------------------------------------------


def report_url(review):
    return f"/catalogue/{review.product.slug}_{review.product_id}/reviews/{review.pk}/report/"


def test_a_buyer_reports_a_review_which_returns_to_the_queue_and_staff_hide_it(
    client, staff_post, province_staff, buyer, tea, django_user_model
):
    author = django_user_model.objects.create_user("tacgia@example.vn", "x")
    review = review_of(tea, author, score=1)
    client.logout()
    detail = client.get(review.get_absolute_url())
    assert "Đăng nhập để báo cáo đánh giá này." in detail.content.decode()
    client.force_login(buyer)

    blank = client.post(report_url(review), {"reason": " "})
    assert blank.context["report_form"].errors["reason"] == [
        "Hãy cho biết đánh giá này sai ở đâu (ví dụ: quảng cáo, xúc phạm, không liên quan đến sản phẩm)."]
    done = client.post(report_url(review), {"reason": "Nội dung xúc phạm người bán."}, follow=True)
    assert messages_of(done) == ["Cảm ơn bạn: cán bộ tỉnh sẽ xem lại đánh giá này."]
    twice = client.post(report_url(review), {"reason": "Lần nữa"})
    assert twice.context["report_form"].non_field_errors() == [
        "Bạn đã báo cáo đánh giá này rồi; cán bộ tỉnh sẽ xem xét."]
    assert ReviewReport.objects.get().user == buyer

    client.force_login(province_staff)
    assert [r.pk for r in client.get(QUEUE).context["object_list"]] == [review.pk]
    assert "Nội dung xúc phạm người bán." in client.get(f"{QUEUE}inspect/{review.pk}/").content.decode()
    staff_post(f"{QUEUE}reject/{review.pk}/", {"reason": "Xúc phạm."})

    review.refresh_from_db()
    tea.refresh_from_db()
    assert (review.status, tea.rating) == (ProductReview.REJECTED, None)
    assert ReviewReport.objects.open().count() == 0
    assert list(client.get(QUEUE).context["object_list"]) == []


def test_approving_a_reported_review_dismisses_the_reports(staff_post, buyer, tea, django_user_model):
    review = review_of(tea, django_user_model.objects.create_user("tacgia@example.vn", "x"), score=4)
    moderation.report(review, buyer, "Không đúng")
    staff_post(f"{QUEUE}approve/{review.pk}/")
    review.refresh_from_db()
    assert review.status == ProductReview.APPROVED
    assert not moderation.awaiting_moderation().exists()


def test_authors_cannot_report_their_own_review_and_anonymous_visitors_sign_in_first(client, buyer, tea):
    review = review_of(tea, buyer)
    anonymous = client.post(report_url(review), {"reason": "x"})
    assert anonymous["Location"].startswith(f"{settings.LOGIN_URL}?next=")
    client.force_login(buyer)
    own = client.post(report_url(review), {"reason": "x"})
    assert own.context["report_form"].non_field_errors() == ["Bạn không thể báo cáo đánh giá của chính mình."]
    assert not ReviewReport.objects.exists()


def test_only_shown_reviews_can_be_reported(client, buyer, tea, django_user_model):
    hidden = review_of(tea, django_user_model.objects.create_user("x@example.vn", "x"),
                       status=ProductReview.FOR_MODERATION)
    client.force_login(buyer)
    assert client.post(report_url(hidden), {"reason": "x"}).status_code == 404


# --- who is told -------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("eager_celery")
def test_the_reviewer_is_told_once_why_a_review_was_hidden(staff_post, buyer, tea, mailoutbox):
    review = review_of(tea, buyer, status=ProductReview.FOR_MODERATION, title="Mua ở chỗ khác rẻ hơn")

    staff_post(f"{QUEUE}reject/{review.pk}/", {"reason": "Quảng cáo sản phẩm khác."})

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["nguoimua@example.vn"]
    assert message.subject == "Sàn OCOP Thái Nguyên: đánh giá của bạn về Chè búp Tân Cương đã bị ẩn"
    assert message.body.startswith(
        "Kính gửi Minh Anh,\n\nĐánh giá «Mua ở chỗ khác rẻ hơn» của bạn về sản phẩm Chè búp Tân Cương đã bị cán bộ "
        "tỉnh ẩn khỏi trang sản phẩm, vì lý do sau:\n\nQuảng cáo sản phẩm khác.\n\n")
    assert tasks.send_review_decision(review.pk) is False
    assert len(mailoutbox) == 1


@pytest.mark.usefixtures("eager_celery")
def test_the_seller_is_told_once_that_a_new_review_is_shown(staff_post, buyer, tea, mailoutbox):
    review = review_of(tea, buyer, score=4, status=ProductReview.FOR_MODERATION, title="Nước xanh, thơm cốm")

    staff_post(f"{QUEUE}approve/{review.pk}/")

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["htx.tancuong@example.vn"]
    assert message.subject == "Sàn OCOP Thái Nguyên: có đánh giá mới về Chè búp Tân Cương"
    assert "Sản phẩm Chè búp Tân Cương có một đánh giá mới (4★), đã được cán bộ tỉnh duyệt" in message.body
    assert f"{settings.SITE_URL}/catalogue/{tea.slug}_{tea.pk}/reviews/{review.pk}/\n" in message.body
    assert "«Nước xanh, thơm cốm»" in message.body
    assert tasks.send_review_decision(review.pk) is False
    assert len(mailoutbox) == 1


@pytest.mark.usefixtures("eager_celery")
def test_dismissing_reports_of_a_shown_review_tells_no_one_and_hiding_it_tells_its_author(
    staff_post, buyer, tea, django_user_model, mailoutbox
):
    review = review_of(tea, django_user_model.objects.create_user("tacgia@example.vn", "x"), score=1)
    moderation.report(review, buyer, "Không đúng")

    staff_post(f"{QUEUE}approve/{review.pk}/")
    assert mailoutbox == []

    moderation.report(review, django_user_model.objects.create_user("khac@example.vn", "x"), "Xúc phạm")
    staff_post(f"{QUEUE}reject/{review.pk}/", {"reason": "Xúc phạm người bán."})
    assert [(message.to, message.subject) for message in mailoutbox] == [
        (["tacgia@example.vn"], "Sàn OCOP Thái Nguyên: đánh giá của bạn về Chè búp Tân Cương đã bị ẩn")]
    assert "Xin chào,\n\n" in mailoutbox[0].body


# --- search -----------------------------------------------------------------------------------------------


def test_the_rating_sort_follows_approved_reviews(client, staff_post, seller_with_login, make_product, buyer,
                                                  django_user_model):
    plain = make_product(seller_with_login, "Chè xanh")
    loved = make_product(seller_with_login, "Chè đinh")
    liked = make_product(seller_with_login, "Chè móc câu")
    review_of(liked, buyer, score=3)
    pending = review_of(loved, buyer, score=5, status=ProductReview.FOR_MODERATION)

    def by_rating():
        return [p.pk for p in client.get("/catalogue/", {"sort": "rating"}).context["products"]]

    assert by_rating()[0] == liked.pk
    staff_post(f"{QUEUE}approve/{pending.pk}/")
    assert by_rating() == [loved.pk, liked.pk, plain.pk]
