from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    """Money coming in: bank transfers (VietQR), cards (Stripe), and how they meet orders."""

    name = "marketplace.payments"
    label = "payments"
    verbose_name = "Thanh toán"
