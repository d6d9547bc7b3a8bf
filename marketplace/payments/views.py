import hmac
import json
import logging

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.payments.bank_transfers import Notification, NotificationError, record

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
