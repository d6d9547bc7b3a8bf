"""An XSS corpus and the HTML check that none of it became markup (used by test_xss_corpus.py).

Each payload holds MARK, replaced by a marker unique to the field and payload it was typed into, so
a finding names both. Payloads that would introduce an element give it a `data-xss` attribute or a
marker in an event handler, script text or URL, which the check looks for after the page has been
parsed the way a browser parses it (entities decoded).
"""

import json
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

PAYLOADS = (
    '<script>alert("MARK")</script>',
    "<img src=x onerror=alert('MARK') data-xss>",
    "<svg onload=alert('MARK') data-xss><circle r=1 /></svg>",
    '"><script>alert("MARK")</script>',
    "' onmouseover='alert(\"MARK\")' data-xss='",
    '" onfocus="alert(\'MARK\')" autofocus data-xss="',
    "javascript:alert('MARK')",
    "<a href=\"javascript:alert('MARK')\" data-xss>MARK</a>",
    "<a href=\"&#106;avascript&#58;alert('MARK')\">MARK</a>",
    "<iframe src=\"data:text/html,<script>alert('MARK')</script>\" data-xss></iframe>",
    "</textarea></title><script>alert('MARK')</script>",
    "&lt;script&gt;alert('MARK')&lt;/script&gt;",
    "\\u003cscript\\u003ealert('MARK')\\u003c/script\\u003e",
    "<details open ontoggle=alert('MARK') data-xss>",
    "MARK{{ 7|add:42 }}{% now 'Y' %}",
    "<style data-xss>body{background:url('MARK')}</style>",
    "<ScRiPt>alert('MARK')</sCrIpT>",
)

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}
EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}


class Corpus:
    """Markers handed out per (field, payload), and what each stands for."""

    def __init__(self):
        self.meaning = {}

    def value(self, field: str, index: int, limit: int | None = None) -> str:
        marker = f"xss{len(self.meaning):03d}q"
        self.meaning[marker] = (field, PAYLOADS[index])
        text = PAYLOADS[index].replace("MARK", marker)
        return text[:limit] if limit else text

    def values(self, field: str, limit: int | None = None) -> list[str]:
        return [self.value(field, index, limit) for index in range(len(PAYLOADS))]

    def markers_in(self, text: str) -> list[str]:
        return [marker for marker in re.findall(r"xss\d{3}q", text or "") if marker in self.meaning]


class _Finder(HTMLParser):
    def __init__(self, corpus: Corpus):
        super().__init__(convert_charrefs=True)
        self.corpus = corpus
        self.problems = []
        self.script_type = None  # inside a <script> (its type) or a <style> ("style")

    def _problem(self, what, text):
        for marker in self.corpus.markers_in(text) or ["?"]:
            field, payload = self.corpus.meaning.get(marker, ("?", "?"))
            self.problems.append(f"{what}: {field} ← {payload!r}")

    def handle_starttag(self, tag, attrs):
        whole = " ".join([tag, *(f"{name}={value}" for name, value in attrs)])
        for name, value in attrs:
            value = value or ""
            if name == "data-xss" or self.corpus.markers_in(name) or self.corpus.markers_in(tag):
                self._problem(f"element <{tag}> introduced", whole)
            elif name.startswith("on") and self.corpus.markers_in(value):
                self._problem(f"event handler {name} on <{tag}>", value)
            elif name in URL_ATTRIBUTES and self.corpus.markers_in(value):
                scheme = re.sub(r"[\x00-\x20]", "", value).lower()
                if scheme.startswith(("javascript:", "data:", "vbscript:")):
                    self._problem(f"{scheme.split(':')[0]}: URL in {name} of <{tag}>", value)
        if tag == "script":
            self.script_type = (dict(attrs).get("type") or "").strip().lower()
        elif tag == "style":
            self.script_type = "style"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self.script_type = None

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.script_type = None

    def handle_data(self, data):
        if self.script_type is None or not self.corpus.markers_in(data):
            return
        if self.script_type == "style":
            self._problem("marker inside a <style>", data)
        elif self.script_type in EXECUTABLE_SCRIPT_TYPES:
            self._problem("marker inside an executable <script>", data)
        elif "</script" in data.lower():  # a data block (JSON-LD) must not be able to close itself
            self._problem("script end inside a data block", data)


def html_problems(html: str, corpus: Corpus) -> list[str]:
    finder = _Finder(corpus)
    finder.feed(html)
    finder.close()
    problems = finder.problems
    # Template syntax typed by someone must be shown, never evaluated.
    for marker in corpus.markers_in(html):
        if re.search(rf"{marker}(49|\d{{4}})", html):
            problems.append(f"template evaluated: {corpus.meaning[marker]}")
    return problems


def response_problems(response, corpus: Corpus) -> list[str]:
    """What a response of any kind (HTML, JSON, XML) let through."""
    content_type = response.headers.get("Content-Type", "")
    body = response.content.decode()
    if content_type.startswith("application/json"):
        json.loads(body)  # well-formed: every value stayed a string
        return []
    if "xml" in content_type:
        root = ElementTree.fromstring(body)  # a payload that became markup breaks the XML or adds tags
        tags = {element.tag.split("}")[-1] for element in root.iter()}
        allowed = {"urlset", "url", "loc", "lastmod", "changefreq", "priority", "sitemapindex", "sitemap",
                   "link", "alternate", "image", "title", "caption"}
        return [f"element <{tag}> in the sitemap" for tag in tags - allowed]
    return html_problems(body, corpus)
