"""A local stand-in for the part of Stripe's HTTP API the marketplace uses.

The official stripe library talks to it over real HTTP on 127.0.0.1, so requests are encoded,
sent and parsed exactly as they would be against Stripe; nothing leaves the machine.
"""

import hashlib
import hmac
import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl


class StripeDouble:
    def __init__(self):
        self.intents = {}
        self.requests = []  # (method, path, form fields, headers)
        self._by_idempotency_key = {}
        self._ids = itertools.count(1)
        self.refunds = {}
        self._refunds_by_key = {}
        self.refunds_to_fail = 0  # the next N refund requests fail, as when Stripe is unavailable
        self._lock = threading.Lock()
        double = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(parse_qsl(self.rfile.read(length).decode()))
                self._answer(*double.post(self.path, form, dict(self.headers)))

            def do_GET(self):
                self._answer(*double.get(self.path, dict(self.headers)))

            def _answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Request-Id", "req_double")
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def post(self, path, form, headers):
        with self._lock:
            self.requests.append(("POST", path, form, headers))
            if path == "/v1/refunds":
                return self._refund(form, headers)
            if path != "/v1/payment_intents":
                return 404, {"error": {"type": "invalid_request_error", "message": f"Unrecognized {path}"}}
            key = headers.get("Idempotency-Key")
            if key in self._by_idempotency_key:
                earlier_form, intent_id = self._by_idempotency_key[key]
                if earlier_form != form:
                    return 400, {"error": {"type": "idempotency_error",
                                           "message": "Keys for idempotent requests can only be used with the "
                                                      "same parameters they were first used with."}}
                return 200, self.intents[intent_id]
            intent_id = f"pi_double_{next(self._ids)}"
            self.intents[intent_id] = {
                "id": intent_id, "object": "payment_intent", "amount": int(form["amount"]),
                "amount_received": 0, "currency": form["currency"], "status": "requires_payment_method",
                "client_secret": f"{intent_id}_secret_double",
                "metadata": {k[9:-1]: v for k, v in form.items() if k.startswith("metadata[")},
            }
            if key:
                self._by_idempotency_key[key] = (form, intent_id)
            return 200, self.intents[intent_id]

    def _refund(self, form, headers):
        if self.refunds_to_fail:
            self.refunds_to_fail -= 1
            return 500, {"error": {"type": "api_error", "message": "Stripe is unavailable (double)."}}
        key = headers.get("Idempotency-Key")
        if key in self._refunds_by_key:
            earlier_form, refund_id = self._refunds_by_key[key]
            if earlier_form != form:
                return 400, {"error": {"type": "idempotency_error", "message": "Keys for idempotent requests "
                                       "can only be used with the same parameters they were first used with."}}
            return 200, self.refunds[refund_id]
        intent = self.intents.get(form.get("payment_intent"))
        if intent is None:
            return 404, {"error": {"type": "invalid_request_error", "message": "No such payment_intent"}}
        amount = int(form.get("amount") or intent["amount_received"])
        refunded = sum(r["amount"] for r in self.refunds.values() if r["payment_intent"] == intent["id"])
        if amount > intent["amount_received"] - refunded:
            return 400, {"error": {"type": "invalid_request_error", "code": "amount_too_large",
                                   "message": "Refund amount is greater than unrefunded amount on charge"}}
        refund_id = f"re_double_{next(self._ids)}"
        self.refunds[refund_id] = {
            "id": refund_id, "object": "refund", "amount": amount, "currency": intent["currency"],
            "payment_intent": intent["id"], "status": "succeeded",
            "metadata": {k[9:-1]: v for k, v in form.items() if k.startswith("metadata[")},
        }
        if key:
            self._refunds_by_key[key] = (form, refund_id)
        return 200, self.refunds[refund_id]

    def get(self, path, headers):
        with self._lock:
            self.requests.append(("GET", path, {}, headers))
            intent = self.intents.get(path.removeprefix("/v1/payment_intents/"))
            if intent is None:
                return 404, {"error": {"type": "invalid_request_error", "message": "No such payment_intent"}}
            return 200, intent

    def pay(self, intent_id, amount_received=None, status="succeeded"):
        """What Stripe does when the buyer's card is charged (or declined)."""
        intent = self.intents[intent_id]
        intent["status"] = status
        intent["amount_received"] = intent["amount"] if amount_received is None else amount_received
        return intent


_event_ids = itertools.count(1)


def signed_event(intent, secret, event_type="payment_intent.succeeded", timestamp=None, event_id=None):
    """An event body and the Stripe-Signature header Stripe would send with it."""
    payload = json.dumps({
        "id": event_id or f"evt_double_{next(_event_ids)}", "object": "event", "type": event_type,
        "data": {"object": dict(intent)}, "api_version": "2025-01-27", "created": int(time.time()),
    })
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return payload, f"t={timestamp},v1={signature}"
