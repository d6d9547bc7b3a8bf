"""Periodic work for the figures page."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone, translation

from marketplace.figures import caching
from marketplace.figures.periods import PRESETS


@shared_task(name="figures.keep_presets_computed")
def keep_presets_computed() -> int:
    """Compute the preset periods' figures (this month, the last three months, this year) before
    anyone asks, so the page opens at once on them; other periods are computed when asked for.

    Run a little more often than FIGURES_CACHE_SECONDS (the beat schedule), so that kept figures
    are replaced before they expire. Returns how many periods were computed.
    """
    if not settings.FIGURES_CACHE_SECONDS:
        return 0
    today = timezone.localdate()
    # The admin's language by default: the staff's, unless one chose another in their profile.
    with translation.override(settings.LANGUAGE_CODE):
        for _label, period_of in PRESETS.values():
            caching.all_figures(period_of(today), today, fresh=True)
    return len(PRESETS)
