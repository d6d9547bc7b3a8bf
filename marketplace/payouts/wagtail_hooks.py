from wagtail import hooks

from marketplace.payouts.admin_views import PayoutsViewSet


@hooks.register("register_admin_viewset")
def register_payouts():
    return PayoutsViewSet()
