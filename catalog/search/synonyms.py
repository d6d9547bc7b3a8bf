"""Regional synonyms: the same thing called differently in the North and the South.

One list for every backend (the database backend expands queries with it; Elasticsearch builds its
synonym filter from it). Only pairs that name exactly the same thing are listed. `fold_safe` says
whether the pair may also fire when the buyer typed without diacritics: it is False where a folded
word means something else too (``lon`` is lợn "pig" but also lon "can" and lớn "big").

Deliberately left out: mì/miến (wheat noodles and canna-starch glass noodles are different foods);
dứa/thơm (thơm mostly means "fragrant": "chè thơm" is not pineapple); bắp/ngô in the fold-only
form would be fine but ``bap`` alone also starts "bắp cải" (cabbage), so only the exact pair fires.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Synonym:
    terms: tuple[str, ...]
    fold_safe: bool
    why: str


SYNONYMS = (
    # Tea is "chè" in the North and "trà" in the South (and in names such as "hồng trà", "bạch trà").
    Synonym(("chè", "trà"), True, "tea: northern chè, southern and Sino-Vietnamese trà"),
    # Peanut: "lạc" (North), "đậu phộng" (South).
    Synonym(("lạc", "đậu phộng"), False, "peanut: northern lạc, southern đậu phộng; 'lac' also means lost"),
    # Maize: "ngô" (North), "bắp" (South); "ngo" folded is also ngõ (alley), "bap" starts bắp cải.
    Synonym(("ngô", "bắp"), False, "maize: northern ngô, southern bắp"),
    # Pork: "lợn" (North), "heo" (South); "lon" folded is also lon (can) and lớn (big).
    Synonym(("lợn", "heo"), False, "pig/pork: northern lợn, southern heo"),
    # Bitter melon: "mướp đắng" (North), "khổ qua" (South).
    Synonym(("mướp đắng", "khổ qua"), True, "bitter melon: northern mướp đắng, southern khổ qua"),
    # Sesame: "vừng" (North), "mè" (South); "me" folded is also me (tamarind).
    Synonym(("vừng", "mè"), False, "sesame: northern vừng, southern mè"),
)
