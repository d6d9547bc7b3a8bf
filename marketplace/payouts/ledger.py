"""Each seller's ledger: what it sold, the marketplace's commission, refunds and payouts.

Every amount is whole đồng; an entry is positive when the marketplace owes the seller more. What a
seller is due is the sum of its entries, so the figures can always be traced back entry by entry
(each to an order part, or to a payout).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace import audit_log
from marketplace.money import format_vnd, to_dong
from marketplace.payouts.models import CommissionRate, LedgerEntry, Payout

Partner = get_model("partner", "Partner")
Kind = LedgerEntry.Kind


def goods_amount(part) -> int:
    """What the buyer paid for the part's lines (after discounts), in whole đồng."""
    return to_dong(sum((line.line_price_incl_tax for line in part.lines), Decimal(0)))


def part_amount(part) -> int:
    """What the buyer paid for the part: its lines plus its shipping, in whole đồng."""
    return goods_amount(part) + to_dong(part.shipping_charge)


def commission_percent(seller) -> Decimal:
    rate = CommissionRate.objects.filter(seller=seller).values_list("percent", flat=True).first()
    return Decimal(settings.MARKETPLACE_COMMISSION_PERCENT) if rate is None else rate


def commission(goods: int, percent: Decimal) -> int:
    """The marketplace's commission on `goods` đồng, rounded to whole đồng half away from zero
    (marketplace.money.to_dong). Half-up is the ordinary commercial rule sellers check by hand, and
    it is computed once per part, the unit that is refunded, so a reversal cancels it exactly.
    Shipping is not commissioned: it passes through to the carrier."""
    return to_dong(Decimal(goods) * Decimal(percent) / 100)


def record_sale(part) -> bool:
    """Book a paid part: its sale and the commission on it; booking twice changes nothing."""
    if LedgerEntry.objects.filter(part=part, kind=Kind.SALE).exists():
        return False
    percent = commission_percent(part.seller)
    with transaction.atomic():
        LedgerEntry.objects.create(seller_id=part.seller_id, part=part, kind=Kind.SALE, amount=part_amount(part))
        LedgerEntry.objects.create(
            seller_id=part.seller_id, part=part, kind=Kind.COMMISSION,
            amount=-commission(goods_amount(part), percent), commission_percent=percent,
        )
    return True


def record_reversal(part) -> bool:
    """Undo a refunded part's sale and commission, to the đồng of what was booked."""
    booked = dict(LedgerEntry.objects.filter(part=part).values_list("kind", "amount"))
    if Kind.SALE not in booked or Kind.REFUND in booked:
        return False
    with transaction.atomic():
        LedgerEntry.objects.create(seller_id=part.seller_id, part=part, kind=Kind.REFUND, amount=-booked[Kind.SALE])
        LedgerEntry.objects.create(
            seller_id=part.seller_id, part=part, kind=Kind.COMMISSION_REVERSAL,
            amount=-booked.get(Kind.COMMISSION, 0),
        )
    return True


def balance(seller) -> int:
    """What the marketplace owes the seller now (negative if the seller owes the marketplace)."""
    return LedgerEntry.objects.filter(seller=seller).aggregate(total=Sum("amount"))["total"] or 0


@transaction.atomic
def record_payout(seller, amount, bank_reference, by, note="") -> Payout:
    """Record money staff transferred to the seller; never more than it is due."""
    Partner.objects.select_for_update().get(pk=seller.pk)  # one payout at a time per seller
    errors = {}
    try:
        amount = to_dong(amount)
    except (TypeError, ValueError):
        errors["amount"] = _("Số tiền phải là số nguyên đồng.")
    else:
        due = balance(seller)
        if amount <= 0:
            errors["amount"] = _("Số tiền chi trả phải lớn hơn 0 ₫.")
        elif amount > due:
            errors["amount"] = _("Số tiền chi trả (%(amount)s) vượt quá số sàn đang nợ người bán (%(due)s).") % {
                "amount": format_vnd(amount), "due": format_vnd(due)}
    bank_reference = (bank_reference or "").strip()
    if not bank_reference:
        errors["bank_reference"] = _("Hãy ghi mã giao dịch ngân hàng của lần chuyển tiền này.")
    if errors:
        raise ValidationError(errors)
    payout = Payout.objects.create(
        seller=seller, amount=amount, bank_reference=bank_reference[:100], note=(note or "").strip()[:200],
        recorded_by=by,
    )
    LedgerEntry.objects.create(seller=seller, kind=Kind.PAYOUT, amount=-amount, payout=payout)
    audit_log.record(payout, audit_log.PAYOUT_RECORDED, by, payout.bank_reference, amount=amount,
                     seller_id=seller.pk)
    return payout


@dataclass
class Totals:
    """A seller's figures over some entries: sales, commission, refunds (net of the commission
    given back), paid out and the balance; all whole đồng, shown as positive numbers."""

    sales: int = 0
    commission: int = 0
    refunds: int = 0
    paid_out: int = 0
    due: int = 0

    def add(self, kind, amount):
        if kind == Kind.SALE:
            self.sales += amount
        elif kind in (Kind.COMMISSION, Kind.COMMISSION_REVERSAL):
            self.commission -= amount
        elif kind == Kind.REFUND:
            self.refunds -= amount
        elif kind == Kind.PAYOUT:
            self.paid_out -= amount
        self.due += amount


@dataclass
class Statement:
    """A seller's ledger by month (newest first) and in total."""

    months: list = field(default_factory=list)  # [(first day of the month, Totals)]
    total: Totals = field(default_factory=Totals)


def statement(seller) -> Statement:
    rows = (
        LedgerEntry.objects.filter(seller=seller)
        .annotate(month=TruncMonth("created_at"))
        .values("month", "kind")
        .annotate(amount=Sum("amount"))
        .order_by("-month")
    )
    result, by_month = Statement(), {}
    for row in rows:
        month = row["month"].date() if hasattr(row["month"], "date") else row["month"]
        if month not in by_month:
            by_month[month] = Totals()
            result.months.append((month, by_month[month]))
        by_month[month].add(row["kind"], row["amount"])
        result.total.add(row["kind"], row["amount"])
    return result


def payouts_due():
    """Sellers the marketplace owes money to, with their payout account, most owed first."""
    dues = (
        LedgerEntry.objects.values("seller").annotate(due=Sum("amount")).filter(due__gt=0).order_by("-due")
    )
    sellers = Partner.objects.select_related("bank_account").in_bulk([row["seller"] for row in dues])
    return [(sellers[row["seller"]], row["due"]) for row in dues]
