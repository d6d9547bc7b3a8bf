"""Oscar's checkout session mixin (loaded through get_class("checkout.session", …)), with the
basket's lines read with their products' pictures: every checkout page shows the order's contents,
each line with its picture, and the basket itself no longer loads them (the header needs none)."""

from oscar.apps.checkout import session


class CheckoutSessionMixin(session.CheckoutSessionMixin):
    def get_context_data(self, **kwargs):
        self.request.basket.all_lines_with_images()
        return super().get_context_data(**kwargs)
