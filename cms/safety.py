"""What staff type is shown safely: links that cannot run script, rich text through the sanitiser."""

from urllib.parse import urlsplit

from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from marketplace.sanitise import clean_html


def is_safe_link(url: str) -> bool:
    """A path on this site or an http(s) address; never `javascript:`, `data:` or `//other-host`."""
    url = (url or "").strip()
    if url.startswith("/"):
        return not url.startswith("//") and "\\" not in url
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def safe_rich_text(value) -> str:
    """Wagtail rich text (a RichText, or its stored HTML) expanded and sanitised for the page.

    The editor only produces safe markup, but rows also arrive through imports, the API and
    migrations: whatever reached the database, no script leaves it.
    """
    source = getattr(value, "source", value) or ""
    return mark_safe(clean_html(expand_db_html(source)))  # noqa: S308 - clean_html is the sanitiser
