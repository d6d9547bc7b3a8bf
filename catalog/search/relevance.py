"""Relevance measures over judged queries: precision@k and nDCG@k with binary judgements."""

import math
from dataclasses import dataclass

from catalog.search.backends.base import SearchQuery


def precision_at(ranked, relevant, k=5) -> float:
    """Share of the first k results that are relevant, out of what is achievable: a query with two
    relevant products scores 1.0 when both come first (plain P@5 would cap it at 0.4)."""
    if not relevant:
        return 1.0
    hits = sum(1 for item in ranked[:k] if item in relevant)
    return hits / min(k, len(relevant))


def ndcg_at(ranked, relevant, k=10) -> float:
    dcg = sum(1 / math.log2(rank + 2) for rank, item in enumerate(ranked[:k]) if item in relevant)
    ideal = sum(1 / math.log2(rank + 2) for rank in range(min(k, len(relevant))))
    return dcg / ideal if ideal else 1.0


@dataclass
class QueryScore:
    query: str
    precision: float
    ndcg: float
    found: list


def evaluate(backend, judgements, upc_of) -> list[QueryScore]:
    """Score each (query, relevant UPCs) pair; `upc_of` maps product ids to UPCs."""
    scores = []
    for query, relevant in judgements:
        ranked = [upc_of.get(pk) for pk in backend.search(SearchQuery(q=query, per_page=10)).product_ids]
        scores.append(QueryScore(query, precision_at(ranked, set(relevant)), ndcg_at(ranked, set(relevant)),
                                 ranked))
    return scores


def mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0
