"""OCOP facts (Decision 148/QĐ-TTg, 2023; Decision 1489/QĐ-TTg, 2025) as plain values and functions."""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

CERTIFICATE_VALIDITY_MONTHS = 36
CERTIFIED_STARS = (3, 4, 5)


class OcopGroup(models.IntegerChoices):
    FOOD = 1, _("Thực phẩm")
    DRINKS = 2, _("Đồ uống")
    HERBAL = 3, _("Thảo dược")
    TEXTILES = 4, _("Vải và may mặc")
    SOUVENIRS = 5, _("Lưu niệm, nội thất và trang trí")
    TOURISM = 6, _("Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch")


def stars_for_score(score: int) -> int | None:
    """The star rating a score out of 100 earns; None below 50, where nothing is certified."""
    if not 0 <= score <= 100:
        raise ValueError(f"OCOP score must be between 0 and 100, got {score}")
    if score >= 90:
        return 5
    if score >= 70:
        return 4
    if score >= 50:
        return 3
    return None


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")


def certificate_expiry(decision_date: date) -> date:
    return add_months(decision_date, CERTIFICATE_VALIDITY_MONTHS)
