import hmac
import json
import logging

import stripe
from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.payments import stripe_gateway
from marketplace.payments.bank_transfers import Notification, NotificationError, record
from marketplace.payments.card_payments import handle_event

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024


def _authorised(request) -> bool:
    expected = settings.BANK_TRANSFER_WEBHOOK_API_KEY
    if not expected:
        logger.error("Bank-transfer webhook called but BANK_TRANSFER_WEBHOOK_API_KEY is not set")
        return False
    scheme, _, key = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "apikey" and hmac.compare_digest(key.strip().encode(), expected.encode())


def _refuse(status, message):
    return JsonResponse({"success": False, "message": message}, status=status)


# Authenticated by the API key, not a session: the bank-notification service has no CSRF token.
@csrf_exempt
@require_POST
def bank_transfer_webhook(request):
    """SePay-style notification of an incoming transfer; answers `{"success": true}` once stored."""
    if not _authorised(request):
        return _refuse(401, "Khóa API không đúng.")
    if len(request.body) > MAX_BODY_BYTES:
        return _refuse(413, "Dữ liệu quá lớn.")
    try:
        data = json.loads(request.body)
        notification = Notification.from_sepay(data)
    except (ValueError, NotificationError) as error:
        message = str(error) if isinstance(error, NotificationError) else "Dữ liệu không phải JSON hợp lệ."
        logger.warning("Bank-transfer notification refused: %s; body=%r", message, request.body[:2000])
        return _refuse(400, message)
    transfer, created = record(notification)
    logger.info(
        "Bank transfer %s %s: %s", transfer.provider_id, "recorded" if created else "repeated", transfer.outcome
    )
    return JsonResponse({"success": True})


# Authenticated by Stripe's signature over the raw body, not a session.
@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe events, acted on only once their signature checks out against the endpoint secret."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        logger.error("Stripe webhook called but STRIPE_WEBHOOK_SECRET is not set")
        return _refuse(503, "Thanh toán thẻ chưa được cấu hình.")
    try:
        event = stripe_gateway.parse_webhook(request.body, request.headers.get("Stripe-Signature", ""))
    except ValueError:
        return _refuse(400, "Dữ liệu không phải sự kiện Stripe hợp lệ.")
    except stripe.SignatureVerificationError:
        return _refuse(400, "Chữ ký Stripe không hợp lệ hoặc đã quá hạn.")
    outcome = handle_event(event)
    logger.info("Stripe event %s %s: %s", event.id, event.type, outcome)
    return JsonResponse({"success": True})
