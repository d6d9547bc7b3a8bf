"""A buyer's query turned into clauses of folded alternatives, the same for every backend.

`chè Tân Cương` → [["che", "tra"], ["tan"], ["cuong"]]: a product matches when every clause has one
alternative that starts a word of its folded search text.
"""

import re

from catalog.search.synonyms import SYNONYMS
from marketplace.text import fold

MAX_WORDS = 8  # longer queries are cut: each word is a condition in SQL
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Lower-cased words with diacritics kept (`Chè-Tân` → ["chè", "tân"])."""
    return _WORD.findall((text or "").lower())


def folded_words(text: str) -> list[str]:
    return words(fold(text))


def _synonym_index():
    exact, folded = {}, {}
    for synonym in SYNONYMS:
        alternatives = tuple(fold(term) for term in synonym.terms)
        for term in synonym.terms:
            exact[tuple(words(term))] = alternatives
            if synonym.fold_safe:
                folded[tuple(folded_words(term))] = alternatives
    return exact, folded


_EXACT, _FOLDED = _synonym_index()


def clauses(query: str) -> list[list[str]]:
    """Each query word (or two-word synonym) with its alternatives, folded, duplicates removed."""
    raw = words(query)[:MAX_WORDS]
    result, i = [], 0
    while i < len(raw):
        for size in (2, 1):
            chunk = tuple(raw[i:i + size])
            if len(chunk) < size:
                continue
            folded_chunk = tuple(fold(w) for w in chunk)
            alternatives = _EXACT.get(chunk) or _FOLDED.get(folded_chunk)
            if alternatives:
                # What was typed first: relevance gives a bonus to the typed phrase.
                result.append(list(dict.fromkeys((" ".join(folded_chunk), *alternatives))))
                i += size
                break
        else:
            result.append([fold(raw[i])])
            i += 1
    return result


def within_one_edit(a: str, b: str) -> bool:
    """True when `b` is `a` with at most one letter inserted, deleted, replaced or two swapped."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [k for k in range(la) if a[k] != b[k]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if la < lb else (b, a)
    k = 0
    while k < len(short) and short[k] == long_[k]:
        k += 1
    return short[k:] == long_[k + 1:]
