"""The one text-folding helper: Vietnamese compared without diacritics or case."""

import unicodedata

from django.utils.text import slugify

_D = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """`Chè Tân Cương` → `che tan cuong`; `Đại Từ` → `dai tu`. Spaces are collapsed."""
    decomposed = unicodedata.normalize("NFD", (text or "").translate(_D))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def slugify_vi(value, allow_unicode=False) -> str:
    """Oscar's slug function (OSCAR_SLUG_FUNCTION): `Chè đặc biệt` → `che-dac-biet`, not `u0111`."""
    return slugify(fold(str(value)))


def unique_slug(instance, text: str, max_length: int = 120) -> str:
    """An ASCII slug for `text` (`HTX Chè Tân Cương` → `htx-che-tan-cuong`), unique among the rows
    of the instance's model, with `-2`, `-3`… added where needed."""
    base = slugify_vi(text)[:max_length] or "muc"
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    slug, n = base, 1
    while others.filter(slug=slug).exists():
        n += 1
        slug = f"{base[: max_length - len(str(n)) - 1]}-{n}"
    return slug
