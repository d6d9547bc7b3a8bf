"""Periods the figures cover: whole local days, from a first to a last day inclusive."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.ocop import add_months


@dataclass(frozen=True)
class Period:
    """The days from `start` to `end`, both included, in the marketplace's time zone."""

    start: date
    end: date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(f"Period ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period of the same length just before this one, to compare with."""
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def bounds(self) -> tuple[datetime, datetime]:
        """[first instant, instant after the last day): orders are timestamps, days are local."""
        zone = timezone.get_current_timezone()
        return (
            timezone.make_aware(datetime.combine(self.start, time.min), zone),
            timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min), zone),
        )

    def months(self) -> list[date]:
        """The first day of every month the period touches, so months without orders show as 0."""
        month, months = self.start.replace(day=1), []
        while month <= self.end:
            months.append(month)
            month = add_months(month, 1)
        return months


def this_month(today: date) -> Period:
    return Period(today.replace(day=1), today)


def last_3_months(today: date) -> Period:
    """This month and the two before it, whole calendar months, so each shows as a full bar."""
    return Period(add_months(today.replace(day=1), -2), today)


def this_year(today: date) -> Period:
    return Period(today.replace(month=1, day=1), today)


PRESETS = {
    "this_month": (_("Tháng này"), this_month),
    "last_3_months": (_("3 tháng gần đây"), last_3_months),
    "this_year": (_("Năm nay"), this_year),
}
DEFAULT_PRESET = "this_month"
