"""{% storefront_cache "name" value… [reads="app.Model …"] %}…{% endstorefront_cache %}: a fragment kept
until what it shows changes (marketplace/caching.py), safe around CSRF tokens and CSP nonces. With
`reads`, the models it is drawn from, it is kept until one of those changes, not the storefront."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe

from marketplace import caching

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on, reads):
        self.nodelist, self.name, self.vary_on, self.reads = nodelist, name, vary_on, reads

    def render(self, context):
        request = context.get("request")
        # A CMS preview shows an editor's unsaved draft of the page the fragment is kept for.
        if request is None or not settings.FRAGMENT_CACHE_SECONDS or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        key = caching.scoped_key("fragment", self.name.resolve(context),
                                 *(value.resolve(context) for value in self.vary_on), reads=self.reads)
        stored = cache.get(key)
        if stored is not None:
            return mark_safe(caching.unmask_personal(stored, request).decode())
        content = self.nodelist.render(context)
        cache.set(key, caching.mask_personal(content.encode(), request), settings.FRAGMENT_CACHE_SECONDS)
        return content


@register.tag
def storefront_cache(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("storefront_cache cần tên của đoạn trang")
    reads = ()
    if bits[-1].startswith("reads="):
        reads = tuple(bits.pop()[len("reads="):].strip("\"'").split())
    nodelist = parser.parse(("endstorefront_cache",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[1]),
                        [parser.compile_filter(bit) for bit in bits[2:]], reads)
