"""The computed figures, kept a few minutes so that the page and its CSV exports answer at once.

Each section's queries read every order line of the period: seconds on 200,000 lines
(bench/figures.py), while staff open the page, switch periods and download CSVs for the same
period again and again. A section's tables are kept under a key of the section, its period (none
for sellers and products online, which are today's state), the day badges are judged on and the
language, for FIGURES_CACHE_SECONDS. The page says when its figures were computed and offers to
compute them again; the preset periods are computed ahead by a periodic task (tasks.py), so the
page opens at once on them.

Kept for a stated time rather than dropped on every change: with orders placed and paid all day,
figures dropped at each order would hardly ever be read twice, and queryset updates (how payments
and stock change) send no signal to drop them by.
"""

from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from marketplace.figures import queries
from marketplace.figures.periods import Period

# Sections whose figures are today's state, the same whatever period is chosen.
TODAYS_STATE = {queries.sellers, queries.ocop_products}


def section_key(section, period: Period, day: date) -> str:
    span = "" if section in TODAYS_STATE else f"{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    return f"figures:{section.__name__}:{span}:{day:%Y%m%d}:{get_language()}"


def figures_of(sections, period: Period, day: date = None, *, fresh=False) -> tuple[list, datetime]:
    """The tables of `sections` in their order, and when the oldest of them was computed.

    Sections kept in the cache are reused unless `fresh`; the others are computed and kept.
    """
    day = day or timezone.localdate()
    seconds = settings.FIGURES_CACHE_SECONDS
    keys = {section: section_key(section, period, day) for section in sections}
    kept = cache.get_many(keys.values()) if seconds and not fresh else {}
    figures, computed, oldest = [], {}, None
    for section in sections:
        entry = kept.get(keys[section])
        if entry is None:
            entry = computed[keys[section]] = (timezone.now(), section(period, day))
        at, tables = entry
        oldest = at if oldest is None else min(oldest, at)
        figures += tables
    if computed and seconds:
        cache.set_many(computed, seconds)
    return figures, oldest


def all_figures(period: Period, day: date = None, *, fresh=False) -> tuple[list, datetime]:
    """Every table, in page order (queries.all_figures, kept)."""
    return figures_of(queries.SECTIONS, period, day, fresh=fresh)


def figure(slug: str, period: Period, day: date = None) -> "queries.Figure":
    """One table by its slug (KeyError for an unknown one), from its section's kept tables."""
    tables, _at = figures_of([queries.SECTION_OF[slug]], period, day)
    return next(table for table in tables if table.slug == slug)
