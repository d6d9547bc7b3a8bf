"""The one text-folding helper: Vietnamese compared without diacritics or case."""

import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """`Chè Tân Cương` → `che tan cuong`; `Đại Từ` → `dai tu`. Spaces are collapsed."""
    decomposed = unicodedata.normalize("NFD", (text or "").translate(_D))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())
