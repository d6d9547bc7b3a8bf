"""The period filter of the figures page: a preset, or a first and a last day."""

from datetime import date
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.figures.periods import DEFAULT_PRESET, PRESETS, Period

# Before this the marketplace had no orders; it also keeps "the previous period" a real date.
EARLIEST = date(2000, 1, 1)
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
INVALID_DATE = _("Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 23/11/2026.")


class PeriodForm(forms.Form):
    """Chooses the period; `period` is set once the form is valid.

    Nothing given means the default preset; a preset wins over dates given with it.
    """

    preset = forms.ChoiceField(
        label=_("Khoảng có sẵn"), required=False, choices=[("", "—")] + [(k, v[0]) for k, v in PRESETS.items()],
        error_messages={"invalid_choice": _("Khoảng thời gian có sẵn không hợp lệ.")},
    )
    start = forms.DateField(
        label=_("Từ ngày"), required=False, input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": INVALID_DATE},
    )
    end = forms.DateField(
        label=_("Đến ngày"), required=False, input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": INVALID_DATE},
    )

    def __init__(self, data=None, *, today=None, **kwargs):
        self.today = today or timezone.localdate()
        super().__init__(data, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        start, end, preset = cleaned.get("start"), cleaned.get("end"), cleaned.get("preset")
        if preset or (start is None and end is None):
            self.period = PRESETS[preset or DEFAULT_PRESET][1](self.today)
            return cleaned
        if start is None or end is None:
            raise ValidationError(_("Hãy nhập cả ngày bắt đầu và ngày kết thúc."))
        if start > end:
            raise ValidationError(_("Ngày bắt đầu phải trước hoặc trùng ngày kết thúc."))
        if start < EARLIEST:
            raise ValidationError(
                _("Chỉ có số liệu từ ngày %(day)s trở đi.") % {"day": EARLIEST.strftime("%d/%m/%Y")}
            )
        if end > self.today:
            raise ValidationError(
                _("Ngày kết thúc không được sau hôm nay (%(day)s).") % {"day": self.today.strftime("%d/%m/%Y")}
            )
        self.period = Period(start, end)
        return cleaned

    def query_string(self) -> str:
        """The chosen period as URL parameters, for the CSV links (the same days as the page)."""
        return urlencode({"start": self.period.start.isoformat(), "end": self.period.end.isoformat()})
