"""How a figure's raw values are shown: on the page (Vietnamese grouping, đồng) and in CSV (plain)."""

from babel.numbers import format_decimal
from django.utils.translation import get_language

from marketplace.figures.charts import bar_chart
from marketplace.figures.queries import COUNT, DONG, MONTH, PERCENT, Figure
from marketplace.money import format_vnd

# More bars than this are unreadable on a phone; the table beside the chart keeps every row.
CHART_BARS = 15


def _locale():
    return (get_language() or "vi").split("-")[0]


def shown(value, kind: str) -> str:
    """A value as the page shows it: `1.234`, `150.000 ₫`, `12,0`, `11/2026`, `—` for none."""
    if value is None:
        return "—"
    if kind == DONG:
        return format_vnd(value, locale=_locale())
    if kind == COUNT:
        return format_decimal(value, locale=_locale())
    if kind == PERCENT:
        return format_decimal(value, format="#,##0.0", locale=_locale())
    if kind == MONTH:
        return value.strftime("%m/%Y")
    return str(value)


def plain(value, kind: str) -> str:
    """A value as CSV holds it, for spreadsheets to compute with: `1234`, `150000`, `12.5`, `2026-11`."""
    if value is None:
        return ""
    if kind == MONTH:
        return value.strftime("%Y-%m")
    return str(value)


def table(figure: Figure) -> dict:
    """What the template needs to draw one figure: headers, shown rows, totals and the chart."""
    kinds = [column.kind for column in figure.columns]
    numeric = [kind in (COUNT, DONG, PERCENT) for kind in kinds]
    rows = [[(shown(value, kind), right) for value, kind, right in zip(row, kinds, numeric, strict=True)]
            for row in figure.rows]
    totals = None
    if figure.totals:
        totals = [
            ("" if value is None else (value if index == 0 else shown(value, kind)), right)
            for index, (value, kind, right) in enumerate(zip(figure.totals, kinds, numeric, strict=True))
        ]
    chart = ""
    if figure.chart and figure.rows:
        label_at, value_at = figure.chart
        bars = [(shown(row[label_at], kinds[label_at]), row[value_at] or 0, shown(row[value_at], kinds[value_at]))
                for row in figure.rows[:CHART_BARS]]
        chart = bar_chart(figure.title, bars, chart_id=f"chart-{figure.slug}")
    return {"figure": figure, "headers": list(zip([c.title for c in figure.columns], numeric, strict=True)),
            "rows": rows, "totals": totals, "chart": chart,
            "chart_cut": len(figure.rows) > CHART_BARS and bool(chart), "chart_bars": CHART_BARS}
