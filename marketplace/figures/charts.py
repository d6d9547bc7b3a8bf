"""Bar charts drawn on the server as inline SVG: no JavaScript, nothing to download, readable on a phone.

Horizontal bars, one per row, so long Vietnamese labels fit on a narrow screen. The chart is a
picture of the table printed beside it, which carries the numbers for screen readers and copying.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

WIDTH = 640
LABEL_WIDTH = 230
VALUE_WIDTH = 110
ROW_HEIGHT = 28
BAR_HEIGHT = 18
MAX_LABEL_CHARS = 32


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def bar_chart(title: str, bars: list[tuple[str, int, str]], chart_id: str) -> SafeString:
    """An SVG of `bars` as (label, value, value as displayed); values below zero are drawn as zero."""
    if not bars:
        return SafeString("")
    largest = max(max(value, 0) for _label, value, _shown in bars) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = ROW_HEIGHT * len(bars) + 8
    rows = []
    for index, (label, value, shown) in enumerate(bars):
        top = 4 + index * ROW_HEIGHT
        length = round(span * max(value, 0) / largest)
        rows.append((
            index, label, top + ROW_HEIGHT / 2 + 5, _short(label),
            LABEL_WIDTH, top + (ROW_HEIGHT - BAR_HEIGHT) / 2, length, BAR_HEIGHT,
            LABEL_WIDTH + length + 6, top + ROW_HEIGHT / 2 + 5, shown,
        ))
    body = format_html_join(
        "",
        '<g data-row="{}"><title>{}</title>'
        '<text x="0" y="{}" font-size="13" fill="currentColor">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" rx="2" fill="#2e7d32"></rect>'
        '<text x="{}" y="{}" font-size="13" fill="currentColor">{}</text></g>',
        rows,
    )
    return format_html(
        '<svg id="{}" class="figures-chart" role="img" aria-label="{}" viewBox="0 0 {} {}" width="100%" '
        'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">{}</svg>',
        chart_id, _("Biểu đồ: %(title)s (số liệu ở bảng bên cạnh)") % {"title": title}, WIDTH, height, body,
    )
