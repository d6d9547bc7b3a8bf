from django.db.models import Prefetch
from django.forms.utils import ErrorDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView
from oscar.core.loading import get_model

from cms.showcase import stories_for_seller
from marketplace import ratelimit
from sellers import applications
from sellers.forms import SellerApplicationForm

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
GIRight = get_model("geo_indications", "GIRight")

PRODUCTS_SHOWN = 48


class ProducerView(DetailView):
    """A producer's page: story, place, verified certificates and GI rights, products."""

    template_name = "sellers/producer.html"
    context_object_name = "producer"

    def get_queryset(self):
        return Partner.objects.filter(is_active=True).select_related("commune__province").prefetch_related(
            Prefetch(
                "gi_rights",
                queryset=GIRight.objects.valid_on().select_related("geographic_indication"),
                to_attr="valid_gi_rights",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Read only when the page's kept fragment is not there (templates/sellers/producer.html): what
        # the certificates' list shows; cached_cards draws the cards, loading only those not kept.
        products = SimpleLazyObject(lambda: list(
            Product.objects.browsable().filter(seller=self.object).order_by("-date_created")
            .only("pk", "title", "slug", "structure", "parent_id").with_valid_certificates()[:PRODUCTS_SHOWN]
        ))
        context["products"] = products
        context["certificates"] = SimpleLazyObject(lambda: [
            (product, product.ocop_badge) for product in products if product.ocop_badge
        ])
        context["stories"] = stories_for_seller(self.object)
        return context


# Every POST counts, valid or not: invalid posts with large files are the costly ones. Ten leaves
# room for a farmer correcting mistakes; households behind one mobile-network address share it.
APPLY_POSTS_PER_HOUR = 10


class ApplyView(FormView):
    """The public "apply to sell" form."""

    template_name = "sellers/apply.html"
    form_class = SellerApplicationForm

    def post(self, request, *args, **kwargs):
        if not ratelimit.hit("seller-apply", ratelimit.client_ip(request), APPLY_POSTS_PER_HOUR, 3600):
            # Keep what was typed but skip validation (the uploads are not even read): the only
            # message is this one.
            form = self.form_class(data=request.POST)
            form.cleaned_data, form._errors = {}, ErrorDict()
            form.add_error(None, _(
                "Đã có quá nhiều lần gửi hồ sơ từ mạng của bạn trong một giờ qua (tối đa %(n)s lần). "
                "Thông tin bạn nhập vẫn còn trên trang: hãy đợi khoảng một giờ rồi bấm gửi lại."
            ) % {"n": APPLY_POSTS_PER_HOUR})
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        applications.submit(form.application_fields(), form.cleaned_data["documents"])
        return redirect(reverse("sellers:apply-done"))


class ApplyDoneView(TemplateView):
    template_name = "sellers/apply_done.html"
