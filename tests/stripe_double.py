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
import urllib.request
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
        # Checkout Sessions and their hosted page: paying there sends checkout.session.completed,
        # signed with webhook_secret, to webhook_url (the marketplace's endpoint), as Stripe does.
        self.sessions = {}
        self.webhook_url = None
        self.webhook_secret = None
        self.webhook_responses = []
        self.now = time.time  # tests move Stripe's clock to see sessions expire
        double = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(parse_qsl(self.rfile.read(length).decode()))
                if self.path.startswith("/pay/"):
                    self.send_response(303)
                    self.send_header("Location", double.hosted_pay(self.path.removeprefix("/pay/")))
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self._answer(*double.post(self.path, form, dict(self.headers)))

            def do_GET(self):
                if self.path.startswith("/pay/"):
                    status, page = double.hosted_page(self.path.removeprefix("/pay/"))
                    data = page.encode()
                    self.send_response(status)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
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
            if path == "/v1/checkout/sessions":
                return self._create_session(form, headers)
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
            if path.startswith("/v1/checkout/sessions/"):
                session = self.sessions.get(path.removeprefix("/v1/checkout/sessions/"))
                if session is None:
                    return 404, {"error": {"type": "invalid_request_error", "message": "No such checkout.session"}}
                self._close_if_expired(session)
                return 200, session
            intent = self.intents.get(path.removeprefix("/v1/payment_intents/"))
            if intent is None:
                return 404, {"error": {"type": "invalid_request_error", "message": "No such payment_intent"}}
            return 200, intent

    def _create_session(self, form, headers):
        key = headers.get("Idempotency-Key")
        if key in self._by_idempotency_key:
            earlier_form, session_id = self._by_idempotency_key[key]
            if earlier_form != form:
                return 400, {"error": {"type": "idempotency_error", "message": "Keys for idempotent requests "
                                       "can only be used with the same parameters they were first used with."}}
            return 200, self.sessions[session_id]
        if form.get("line_items[0][price_data][currency]") != "vnd" or form.get("mode") != "payment":
            return 400, {"error": {"type": "invalid_request_error", "message": "The double takes VND payments"}}
        expires_at = int(form.get("expires_at") or self.now() + 24 * 3600)
        if not self.now() + 30 * 60 <= expires_at <= self.now() + 24 * 3600:
            return 400, {"error": {"type": "invalid_request_error", "param": "expires_at",
                                   "message": "The `expires_at` timestamp must be between 30 minutes and "
                                              "24 hours from Checkout Session creation."}}
        session_id = f"cs_double_{next(self._ids)}"
        amount = int(form["line_items[0][price_data][unit_amount]"]) * int(form.get("line_items[0][quantity]", 1))
        self.sessions[session_id] = {
            "id": session_id, "object": "checkout.session", "mode": "payment", "status": "open",
            "payment_status": "unpaid", "amount_total": amount, "currency": "vnd", "payment_intent": None,
            "client_reference_id": form.get("client_reference_id"), "url": f"{self.url}/pay/{session_id}",
            "success_url": form["success_url"], "cancel_url": form["cancel_url"], "expires_at": expires_at,
            "metadata": {k[9:-1]: v for k, v in form.items() if k.startswith("metadata[")},
        }
        if key:
            self._by_idempotency_key[key] = (form, session_id)
        return 200, self.sessions[session_id]

    def _close_if_expired(self, session):
        """Stripe expires an open session at its `expires_at`: it can no longer be paid."""
        if session["status"] == "open" and self.now() >= session["expires_at"]:
            session["status"] = "expired"

    def hosted_page(self, session_id):
        """Stripe's hosted payment page, reduced to the amount and one button."""
        session = self.sessions.get(session_id)
        if session is None:
            return 404, "<h1>No such session</h1>"
        return 200, (
            f"<!DOCTYPE html><html><head><title>Stripe double</title></head><body>"
            f"<h1>Pay {session['amount_total']} VND</h1>"
            f"<form method='post' action='/pay/{session_id}'><button type='submit'>Pay</button></form>"
            f"</body></html>"
        )

    def hosted_pay(self, session_id) -> str:
        """The buyer pays on the hosted page: the session completes once (a second click changes
        nothing), the signed event goes to the webhook, and the buyer is sent to the success URL."""
        with self._lock:
            session = self.sessions[session_id]
            self._close_if_expired(session)
            completed_now = session["status"] == "open"
            if completed_now:
                intent_id = f"pi_double_{next(self._ids)}"
                self.intents[intent_id] = {
                    "id": intent_id, "object": "payment_intent", "amount": session["amount_total"],
                    "amount_received": session["amount_total"], "currency": session["currency"],
                    "status": "succeeded", "client_secret": f"{intent_id}_secret_double",
                    "metadata": dict(session["metadata"]),
                }
                session.update(status="complete", payment_status="paid", payment_intent=intent_id)
            snapshot = dict(session)
        if completed_now and self.webhook_url:
            payload, signature = signed_event(snapshot, self.webhook_secret, event_type="checkout.session.completed")
            request = urllib.request.Request(
                self.webhook_url, data=payload.encode(), method="POST",
                headers={"Content-Type": "application/json", "Stripe-Signature": signature},
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                self.webhook_responses.append(response.status)
        return snapshot["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id)

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
