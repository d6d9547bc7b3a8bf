"""The embedded backend: search documents in the database.

PostgreSQL matches with full-text search over the already folded text ('simple' configuration, so no
language stemming mangles Vietnamese syllables) and corrects typos with trigram similarity; SQLite
matches word prefixes in the folded text. Both compute every facet count from one grouped query.
"""

import hashlib
from collections import Counter
from contextlib import contextmanager

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import BooleanField, Case, Count, F, Q, Value, When
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalog.ocop import OcopGroup
from catalog.search import documents
from catalog.search.backends.base import (
    PRICE_RANGES,
    FacetValue,
    SearchBackend,
    SearchQuery,
    SearchResult,
    Suggestion,
)
from catalog.search.documents import index_generation
from catalog.search.models import FacetCombination, ProductSearchDocument, SearchWord
from catalog.search.query_text import clauses, within_one_edit
from marketplace import caching
from marketplace.text import fold

Commune = get_model("geo_indications", "Commune")
GeographicIndication = get_model("geo_indications", "GeographicIndication")
Partner = get_model("partner", "Partner")
ProductCategory = get_model("catalogue", "ProductCategory")
Province = get_model("geo_indications", "Province")

TYPO_MIN_LENGTH = 5
COMBOS_CACHE_SECONDS = 300
EXACT_MAX_LENGTH = 2
SUGGEST_EXTRA = 6  # producers and GIs suggested beyond the products
COMBO_FIELDS = ("current_stars", "ocop_group", "current_gi", "province", "commune", "seller_kind",
                "in_stock", "price_range")


def is_prefix(alternative: str, position: int) -> bool:
    """Whether an alternative matches the start of a word or only a whole word: words of one or two
    letters are whole (so "mì" does not find "miến"), and so are synonyms, which were not typed
    (the synonym "tra" of "chè" must not find "trai")."""
    return position == 0 and len(alternative) > EXACT_MAX_LENGTH


def pattern(alternative: str, position: int = 0) -> str:
    """What a folded alternative must be found as in the padded text."""
    return f" {alternative}" if is_prefix(alternative, position) else f" {alternative} "


def matches_all(name: str, clause_list) -> bool:
    """Whether a name (a producer's, a GI's) holds every clause, as the database would match it."""
    text = documents.padded(name)
    return all(
        any(pattern(alternative, position) in text for position, alternative in enumerate(alternatives))
        for alternatives in clause_list
    )


def is_postgresql():
    return connection.vendor == "postgresql"


@contextmanager
def matched_through_index(has_words: bool):
    """Queries matching words read the documents through the full-text index on PostgreSQL.

    The planner prices `vector @@ tsquery` per row at one operator, so for a word found in most
    documents ("chè", "trà") a sequential scan looks as cheap as the index. It is not: reading the
    vector of every row costs about twice what the index and the matched rows cost, on each of a
    search's two queries. SET LOCAL, so the setting ends with the transaction whatever ends it and
    no later query on the connection plans without sequential scans; one statement, as Django sends
    no BEGIN or COMMIT as a query. Inside a transaction already (a test's, a view's), it lasts until
    that one ends or rolls back to before it.
    """
    if not (has_words and is_postgresql()):
        yield
        return
    with transaction.atomic(savepoint=False):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield


class DatabaseBackend(SearchBackend):
    name = "database"

    # --- matching -------------------------------------------------------------------------------
    def corrected_clauses(self, q: str) -> tuple[list[list[str]], str]:
        """The query's clauses with one-typo corrections added for unknown words of 5+ letters, and
        the corrected query as text ("" when nothing was corrected)."""
        result, corrected, changed = [], [], False
        for alternatives in clauses(q):
            word = alternatives[0]
            if len(alternatives) == 1 and len(word) >= TYPO_MIN_LENGTH and " " not in word:
                # The answer changes only when the vocabulary grows, not with every product's edit.
                fixes = caching.kept(f"search-word-fixes:{word}", lambda word=word: self.fixes_for(word),
                                     reads=["search.SearchWord"])
                if fixes:
                    alternatives = fixes
                    changed = True
            result.append(alternatives)
            corrected.append(alternatives[0])
        return result, " ".join(corrected) if changed else ""

    def fixes_for(self, word: str) -> list[str]:
        """Known words one edit away from `word`, alphabetically; none when a known word starts with
        it (it is a word being typed, or one the index has). One query either way."""
        known = Q(word__startswith=word)
        near = Q(length__gte=len(word) - 1, length__lte=len(word) + 1)
        candidates = SearchWord.objects.annotate(
            length=Length("word"),
            known=Case(When(known, then=Value(True)), default=Value(False), output_field=BooleanField()),
        )
        if is_postgresql():
            from django.contrib.postgres.search import TrigramSimilarity

            # pg_trgm narrows the vocabulary; the edit distance decides. One edit in a word of five
            # letters leaves a trigram similarity of at least 1/3, hence the 0.25 floor.
            candidates = candidates.annotate(similarity=TrigramSimilarity("word", word))
            near &= Q(similarity__gt=0.25)
        else:
            # One edit keeps either the first or the last letter of a word of five letters or more.
            near &= Q(word__startswith=word[0]) | Q(word__endswith=word[-1])
        rows = list(candidates.filter(known | near).order_by("-known").values_list("word", "known")[:2000])
        if rows and rows[0][1]:
            return []
        return sorted(w for w, _known in rows if within_one_edit(word, w))

    def match(self, queryset, clause_list):
        if is_postgresql():
            from django.contrib.postgres.search import SearchQuery as PgQuery

            def term(alternative, position):
                return " <-> ".join(
                    f"{part}:*" if is_prefix(part, position) else part for part in alternative.split()
                )

            tsquery = " & ".join(
                "(" + " | ".join(term(a, i) for i, a in enumerate(alternatives)) + ")"
                for alternatives in clause_list
            )
            return queryset.filter(vector=PgQuery(tsquery, config="simple", search_type="raw"))
        for alternatives in clause_list:
            condition = Q()
            for position, alternative in enumerate(alternatives):
                condition |= Q(text__contains=pattern(alternative, position))
            queryset = queryset.filter(condition)
        return queryset

    def relevance(self, clause_list):
        """Points per query word: 3 when it starts a word of the title, 1 otherwise (it matched the
        seller, place, GI, category or description); 1 more when the title holds the words as typed,
        in order, and 2 when the title starts with the first word (Vietnamese titles start with
        what the product is: "Chè …", "Miến …")."""
        score = Value(0)
        for alternatives in clause_list:
            in_title = Q()
            for position, alternative in enumerate(alternatives):
                in_title |= Q(title__contains=pattern(alternative, position))
            score = score + Case(When(in_title, then=Value(3)), default=Value(1))
        if len(clause_list) > 1:
            phrase = " ".join(alternatives[0] for alternatives in clause_list)
            score = score + Case(When(title__contains=f" {phrase}", then=Value(1)), default=Value(0))
        starts = Q()
        for position, alternative in enumerate(clause_list[0]):
            starts |= Q(title__startswith=pattern(alternative, position))
        return score + Case(When(starts, then=Value(2)), default=Value(0))

    # --- filtering ------------------------------------------------------------------------------
    def scoped(self, query: SearchQuery):
        """Documents in the page's scope and the price range: what facet counts are computed over."""
        f = query.filters
        queryset = ProductSearchDocument.objects.current(timezone.localdate())
        if f.category_ids is not None:
            queryset = queryset.filter(
                product_id__in=ProductCategory.objects.filter(category_id__in=f.category_ids).values(
                    "product_id"
                )
            )
        if f.seller:
            queryset = queryset.filter(seller__slug=f.seller)
        if f.min_price is not None:
            queryset = queryset.filter(price__gte=f.min_price)
        if f.max_price is not None:
            queryset = queryset.filter(price__lte=f.max_price)
        return queryset

    def facet_conditions(self, filters, gi_id):
        """Each active facet filter as (name, document field, value)."""
        conditions = [
            ("stars", "current_stars", filters.stars),
            ("group", "ocop_group", filters.group),
            ("gi", "current_gi", gi_id if filters.gi else None),
            ("province", "province", filters.province),
            ("commune", "commune", filters.commune),
            ("seller_type", "seller_kind", filters.seller_type),
            ("in_stock", "in_stock", True if filters.in_stock else None),
        ]
        return [(name, field, value) for name, field, value in conditions if value is not None]

    # --- the contract ---------------------------------------------------------------------------
    def search(self, query: SearchQuery) -> SearchResult:
        queryset = self.scoped(query)
        clause_list, suggestion = self.corrected_clauses(query.q) if query.q.strip() else ([], "")
        if clause_list:
            queryset = self.match(queryset, clause_list)
        gi_id = None
        if query.filters.gi:
            gi_id = caching.kept(
                f"gi-id:{query.filters.gi}",
                lambda: GeographicIndication.objects.filter(slug=query.filters.gi).values_list("pk", flat=True).first(),
                reads=["geo_indications.GeographicIndication"],
            ) or -1  # an unknown GI matches nothing
        conditions = self.facet_conditions(query.filters, gi_id)
        start = (max(query.page, 1) - 1) * query.per_page
        hits = queryset.filter(**{field: value for _, field, value in conditions})
        if clause_list:
            hits = hits.annotate(score=self.relevance(clause_list))
        with matched_through_index(bool(clause_list)):
            ids = list(
                hits.order_by(*self.ordering(query.sort, bool(clause_list)))
                .values_list("product_id", flat=True)[start:start + query.per_page]
            )
            if not query.counted:
                return SearchResult(product_ids=ids, total=None, facets={}, suggestion=suggestion)
            key = self.combos_key(clause_list, query.filters)
            combos = cache.get(key)
            if combos is None:
                combos = self.combos(queryset)
                cache.set(key, combos, COMBOS_CACHE_SECONDS)
        facets = self.facets(combos, conditions, query)
        total = sum(c["n"] for c in combos if all(c[field] == value for _, field, value in conditions))
        return SearchResult(product_ids=ids, total=total, facets=facets, suggestion=suggestion)

    @staticmethod
    def combos_key(clause_list, filters):
        """Facet counts depend only on the words and the page's scope, not on the facets picked, so
        they are cached until the index next changes: a buyer clicking through facets reuses them."""
        scope = (filters.category_ids, filters.seller, filters.min_price, filters.max_price)
        return "search:combos:" + hashlib.sha1(
            repr((clause_list, scope, timezone.localdate(), index_generation())).encode()
        ).hexdigest()

    @staticmethod
    def combos(queryset):
        """How many documents share each combination of facet values (COMBO_FIELDS as of today):
        the documents grouped by their combination's id, joined to the combinations in one query.
        COUNT(*), not of a column: without words PostgreSQL then counts from the index on facets_id
        alone (an index-only scan), not from every row of the table."""
        try:
            grouped, params = queryset.order_by().values("facets_id").annotate(n=Count("*")).query.sql_with_params()
        except EmptyResultSet:  # a scope that holds nothing (no categories): the ORM would answer no rows
            return []
        combination = FacetCombination._meta.db_table
        columns = ", ".join(f'c."{f}"' for f in FacetCombination.FIELDS)
        with connection.cursor() as cursor:
            cursor.execute(
                f'SELECT {columns}, g."n" FROM ({grouped}) g JOIN "{combination}" c ON c."id" = g."facets_id"',
                params,
            )
            rows = cursor.fetchall()
        day = timezone.localdate()
        combos = []
        for *values, n in rows:
            c = dict(zip(FacetCombination.FIELDS, values, strict=True))
            combos.append({
                # As ProductSearchDocumentQuerySet.current() decides it in SQL.
                "current_stars": c["stars"] if c["stars_until"] is not None and c["stars_until"] >= day else None,
                "current_gi": c["gi"] if c["gi_until"] is None or c["gi_until"] >= day else None,
                **{f: c[f] for f in COMBO_FIELDS if not f.startswith("current_")},
                "n": n,
            })
        return combos

    @staticmethod
    def ordering(sort, has_query):
        return {
            "price": (F("price").asc(nulls_last=True), "product_id"),
            "-price": (F("price").desc(nulls_last=True), "-product_id"),
            "newest": ("-date_created", "-product_id"),
            "rating": (F("rating").desc(nulls_last=True), "-date_created", "-product_id"),
        }.get(sort) or (
            ("-score", F("current_stars").desc(nulls_last=True), "-date_created", "-product_id")
            if has_query else ("-date_created", "-product_id")
        )

    def facets(self, combos, conditions, query):
        """Counts per facet value among the documents that pass every *other* active filter, so a
        buyer who picked 4★ still sees how many 3★ and 5★ products there are."""
        counts = {name: Counter() for name in ("stars", "group", "gi", "province", "commune",
                                               "seller_type", "in_stock", "price")}
        field_of = {"stars": "current_stars", "group": "ocop_group", "gi": "current_gi",
                    "province": "province", "commune": "commune", "seller_type": "seller_kind",
                    "in_stock": "in_stock", "price": "price_range"}
        for combo in combos:
            for name, field in field_of.items():
                if combo[field] in (None, "", False):
                    continue
                if all(combo[f] == v for other, f, v in conditions if other != name):
                    counts[name][combo[field]] += combo["n"]
        return labelled(counts, query.filters)

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        clause_list = suggestion_clauses(prefix)
        if not clause_list:
            return []
        title_match = Q()
        for alternatives in clause_list:
            one = Q()
            for position, alternative in enumerate(alternatives):
                one |= Q(title__contains=pattern(alternative, position))
            title_match &= one
        products = (
            ProductSearchDocument.objects.filter(title_match)
            .order_by(F("stars").desc(nulls_last=True), "title")
            .values_list("product_id", "product__title", "product__slug")[:limit]
        )
        suggestions = [
            Suggestion("product", title, reverse("catalogue:detail", kwargs={"product_slug": slug, "pk": pk}))
            for pk, title, slug in products
        ]
        seller_ids = self.match(ProductSearchDocument.objects.all(), clause_list).values("seller_id")
        for name, slug in Partner.objects.filter(pk__in=seller_ids).values_list("name", "slug")[:50]:
            if matches_all(name, clause_list):
                suggestions.append(Suggestion("producer", name, reverse("sellers:producer", kwargs={"slug": slug})))
        suggestions += gi_suggestions(clause_list)
        return suggestions[: limit + SUGGEST_EXTRA]

    def index(self, product_ids) -> None:
        documents.index_products(product_ids)

    def rebuild(self) -> int:
        return documents.rebuild_all()


# --- shared with the Elasticsearch backend, so both answer alike ------------------------------------

def suggestion_clauses(prefix: str) -> list[list[str]]:
    """What is typed in the search box as clauses; none (no suggestions) for less than two letters."""
    return clauses(prefix) if len(fold(prefix)) >= 2 else []


def gi_suggestions(clause_list) -> list[Suggestion]:
    """GIs whose name holds every clause, products or not. Some hundred GIs nationally: folding their
    names here is cheaper than storing them folded, and no backend needs an index of them."""
    return [
        Suggestion("gi", name, reverse("geo_indications:detail", kwargs={"slug": slug}))
        for name, slug in GeographicIndication.objects.values_list("name_vi", "slug")
        if matches_all(name, clause_list)
    ]


def labelled(counts, f) -> dict[str, list[FacetValue]]:
    """Facet counts by value (GI, province and commune by id) as labelled, ordered values: every
    backend calls this, so the sidebar reads the same whichever answered."""
    gis, provinces, communes = {}, {}, {}
    for kind, pk, slug, name in names_of(counts):
        if kind == "gi":
            gis[pk] = (slug, name)
        else:
            (provinces if kind == "province" else communes)[pk] = name
    kinds = dict(Partner.Kind.choices)

    def values(name, label, selected, order=None):
        items = [FacetValue(str(key), label(key), n, selected(key)) for key, n in counts[name].items()]
        return sorted(items, key=order or (lambda v: (-v.count, v.label)))

    price_order = [key for key, *_bounds in PRICE_RANGES]
    return {
        "stars": values("stars", lambda s: f"{s}★", lambda s: s == f.stars, lambda v: -int(v.value)),
        "group": values("group", lambda g: str(OcopGroup(g).label), lambda g: g == f.group,
                        lambda v: int(v.value)),
        "gi": sorted((FacetValue(gis[k][0], gis[k][1], n, gis[k][0] == f.gi)
                      for k, n in counts["gi"].items() if k in gis), key=lambda v: (-v.count, v.label)),
        "province": values("province", lambda p: provinces.get(p, str(p)), lambda p: p == f.province),
        "commune": values("commune", lambda c: communes.get(c, str(c)), lambda c: c == f.commune),
        "seller_type": values("seller_type", lambda k: str(kinds.get(k, k)),
                              lambda k: k == f.seller_type,
                              lambda v: list(kinds).index(v.value) if v.value in kinds else 99),
        "price": values("price", price_label, lambda k: False,
                        lambda v: price_order.index(v.value)),
        "in_stock": [FacetValue("1", _("Còn hàng"), n, bool(f.in_stock))
                     for key, n in counts["in_stock"].items() if key],
    }


def names_of(counts) -> list:
    """(kind, id, slug, name) of the counted GIs, provinces and communes: one query, as a page's
    queries are counted (tests/test_query_bounds.py), kept until a GI or a place is written: the
    counts change with every product's edit, their names seldom."""
    ids = tuple(tuple(sorted(counts[kind], key=str)) for kind in ("gi", "province", "commune"))
    return caching.kept(f"facet-names:{ids}", lambda: list(_names_query(counts)), reads=["geo_indications"])


def _names_query(counts):
    def named(model, kind, ids, slug, name):
        return model.objects.filter(pk__in=list(ids)).order_by().values_list(
            Value(kind), "pk", slug, name
        )

    return named(GeographicIndication, "gi", counts["gi"], "slug", "name_vi").union(
        named(Province, "province", counts["province"], Value(""), "name"),
        named(Commune, "commune", counts["commune"], Value(""), "name"),
        all=True,
    )


def price_label(key: str) -> str:
    from marketplace.money import format_vnd

    low, _sep, high = key.partition("-")
    if not high:
        return _("Từ %(low)s") % {"low": format_vnd(int(low))}
    if int(low) == 0:
        return _("Dưới %(high)s") % {"high": format_vnd(int(high))}
    return f"{format_vnd(int(low))} – {format_vnd(int(high))}"
