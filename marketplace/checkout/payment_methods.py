"""Which payment methods the checkout offers: the PAYMENT_METHODS setting, less any not configured.

An order records its method as an Oscar payment Source whose SourceType code is the method's code.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

VIETQR = "vietqr"
CARD = "card"

LABELS = {
    VIETQR: _("Chuyển khoản ngân hàng bằng VietQR"),
    CARD: _("Thẻ quốc tế (Visa, Mastercard…) qua Stripe"),
}
DESCRIPTIONS = {
    VIETQR: _("Quét mã QR bằng ứng dụng ngân hàng bất kỳ; đơn được xác nhận ngay khi tiền về."),
    CARD: _("Thanh toán trên trang bảo mật của Stripe."),
}
SOURCE_TYPE_NAMES = {VIETQR: "VietQR", CARD: "Thẻ (Stripe)"}


def _configured(code: str) -> bool:
    if code == CARD:
        return bool(settings.STRIPE_SECRET_KEY)
    return code == VIETQR


def offered_methods() -> list[str]:
    """Codes of the methods a buyer may choose now, in the order the setting lists them."""
    return [code for code in dict.fromkeys(settings.PAYMENT_METHODS) if code in LABELS and _configured(code)]


def is_offered(code) -> bool:
    return code in offered_methods()
