"""The parts of the read pages that are each signed-in visitor's own: the header's account links,
and on a product page the wish lists, the stock alert, the invitation to review and the review votes.

A template marks each with `{% personal "name" args… %}` (marketplace/templatetags/personal_parts.py),
which draws it for the current visitor between two comments. A page stored from an anonymous
visitor's request (marketplace/caching.py) holds the anonymous drawing; served to a signed-in
buyer, each marked part is drawn again for them (`redraw`), the parts of one kind together so that
they share their queries. Drawing needs no context processor: each part's template gets what it
shows and nothing else.
"""

import re
from collections import defaultdict

from django.db.models import Exists, OuterRef
from django.middleware.csrf import get_token
from django.template.loader import get_template
from oscar.core.loading import get_model

from marketplace.auth_backends import shows_permission

PART = re.compile(rb"<!--personal:([a-z-]+):([^>]*?)-->.*?<!--/personal-->", re.DOTALL)
SEPARATOR = ":"


ARGUMENT = re.compile(r"[A-Za-z0-9_-]*")


def mark(name: str, args: tuple, drawn: str) -> str:
    return f"<!--personal:{name}:{SEPARATOR.join(args)}-->{drawn}<!--/personal-->"


def draw(request, user, name: str, args: tuple) -> str:
    """One part for `user`, marked so that a stored page can have it drawn again."""
    args = tuple(str(arg) for arg in args)
    # Ids and slugs, which the page shows anyway: nothing that could end the comment or be private.
    if not all(ARGUMENT.fullmatch(arg) for arg in args):
        raise ValueError(f"personal part {name}: arguments must be ids or slugs, not {args!r}")
    return mark(name, args, DRAWERS[name](request, user, [args])[0])


def redraw(content: bytes, request) -> bytes:
    """A stored page with every marked part drawn for the signed-in visitor of `request`."""
    found = PART.findall(content)
    if not found:
        return content
    calls = defaultdict(list)
    for name, args in found:
        calls[name.decode()].append(tuple(args.decode().split(SEPARATOR)))
    drawn = {}
    for name, args_list in calls.items():
        unique = list(dict.fromkeys(args_list))
        drawn[name] = dict(zip(unique, DRAWERS[name](request, request.user, unique), strict=True))

    def replace(match):
        name, args = match.group(1).decode(), tuple(match.group(2).decode().split(SEPARATOR))
        return mark(name, args, drawn[name][args]).encode()

    return PART.sub(replace, content)


def _render(template_name: str, request, context: dict) -> str:
    context = {"request": request, "csrf_token": get_token(request) if request is not None else "", **context}
    return get_template(template_name).render(context)


# --- the header ---------------------------------------------------------------------------------


def _account(request, user, args_list):
    from marketplace import caching

    context = {"user": user}
    if user.is_authenticated:
        Notification = get_model("communication", "Notification")
        # Kept until a notification is written: read, archived, deleted or sent (all through save()).
        context["num_unread_notifications"] = caching.kept(
            f"unread-notifications:{user.pk}",
            lambda: Notification.objects.filter(recipient=user, date_read=None).count(),
            reads=["communication.Notification"],
        )
        context["may_use_dashboard"] = user.is_staff or shows_permission(user, "partner.dashboard_access")
    return [_render("personal/account.html", request, context)] * len(args_list)


# --- the product page ---------------------------------------------------------------------------


def _wishlist(request, user, args_list):
    """The wish-list button of each product (by pk): the user's lists, those holding it marked."""
    if not user.is_authenticated:
        return [_render("personal/wishlist.html", request, {"user": user})] * len(args_list)
    Line = get_model("wishlists", "Line")
    drawn = []
    for (product_pk,) in args_list:
        wishlists = list(user.wishlists.annotate(
            has_product=Exists(Line.objects.filter(wishlist=OuterRef("pk"), product_id=product_pk))
        ).order_by("pk"))
        drawn.append(_render("personal/wishlist.html", request,
                             {"user": user, "product_pk": product_pk, "wishlists": wishlists}))
    return drawn


def _stock_alert(request, user, args_list):
    """The "tell me when it is back" form of each unavailable product (by pk)."""
    from oscar.apps.customer.forms import ProductAlertForm

    ProductAlert = get_model("customer", "ProductAlert")
    active = set()
    if user.is_authenticated:
        active = {str(pk) for pk in ProductAlert.objects.filter(
            user=user, status=ProductAlert.ACTIVE, product_id__in=[int(pk) for (pk,) in args_list],
        ).values_list("product_id", flat=True)}
    return [
        _render("personal/stock_alert.html", request, {
            "product_pk": pk, "has_active_alert": pk in active, "alert_form": ProductAlertForm(user=user, product=None),
        })
        for (pk,) in args_list
    ]


def _review_invitation(request, user, args_list):
    """The invitation to review a product (slug, pk, pk of the reviewed product, style), for a buyer
    who may review it: a sentence where it has no review yet ("first"), a button above its reviews."""
    from catalog.reviews.eligibility import may_review

    allowed = {}
    drawn = []
    for slug, pk, reviewed_pk, style in args_list:
        if reviewed_pk not in allowed:
            allowed[reviewed_pk] = may_review(int(reviewed_pk), user)
        drawn.append(_render("personal/review_invitation.html", request, {
            "allowed": allowed[reviewed_pk], "product_slug": slug, "product_pk": pk, "style": style,
        }))
    return drawn


def _review_votes(request, user, args_list):
    """The "is this review helpful?" buttons of each review (product slug, product pk, review pk),
    for a signed-in buyer who has not written it nor voted on it yet; "your review" on their own."""
    if not user.is_authenticated:
        return [""] * len(args_list)
    ProductReview = get_model("reviews", "ProductReview")
    Vote = get_model("reviews", "Vote")
    reviews = {
        str(review.pk): review
        for review in ProductReview.objects.filter(pk__in=[int(pk) for (_, _, pk) in args_list]).annotate(
            voted=Exists(Vote.objects.filter(review=OuterRef("pk"), user=user))
        ).only("pk", "user_id")
    }
    drawn = []
    for slug, product_pk, review_pk in args_list:
        review = reviews.get(review_pk)
        drawn.append("" if review is None else _render("personal/review_votes.html", request, {
            "own": review.user_id == user.pk, "may_vote": review.user_id != user.pk and not review.voted,
            "product_slug": slug, "product_pk": product_pk, "review_pk": review_pk,
        }))
    return drawn


DRAWERS = {
    "account": _account,
    "wishlist": _wishlist,
    "stock-alert": _stock_alert,
    "review-invitation": _review_invitation,
    "review-votes": _review_votes,
}
