"""Judged Vietnamese queries over the demo catalogue (`manage.py load_demo`): each query with the
UPCs of the products a buyer typing it wants. With and without diacritics, regional synonyms,
typos, producers, communes and GI names. Used by bench/search_relevance.py and
tests/test_search_relevance.py.
"""

TAN_CUONG_TEA = [
    "TN-CHE-0001", "TN-CHE-0002", "TN-CHE-0003", "TN-CHE-0004", "TN-CHE-0005", "TN-CHE-0006",
    "TN-CHE-0007", "TN-CHE-0008", "TN-CHE-0013", "TN-CHE-0014", "TN-CHE-0015", "TN-CHE-0016",
]
NON_TOM = ["TN-CHE-0001", "TN-CHE-0007", "TN-CHE-0012", "TN-CHE-0019"]
MOC_CAU = ["TN-CHE-0002", "TN-CHE-0008", "TN-CHE-0010", "TN-CHE-0017", "TN-CHE-0020"]
MIEN_DONG = ["TN-MIEN-0001", "TN-MIEN-0002", "TN-MIEN-0003"]
QUYT = ["TN-QUYT-0001", "TN-QUYT-0002", "TN-NUOC-0001"]
PERSIMMON = ["TN-HONG-0001", "TN-HONG-0002"]
VO_NHAI = ["TN-NA-0001", "TN-MAT-0001", "TN-MANG-0001"]
BROCADE = ["TN-DET-0001", "TN-DET-0002", "TN-DET-0004", "TN-DLCD-0004"]
GREEN_TEA = ["TN-CHE-0009", "TN-CHE-0021"]

JUDGEMENTS = [
    # GI names, with and without diacritics and in capitals; trà ↔ chè.
    ("chè tân cương", TAN_CUONG_TEA),
    ("che tan cuong", TAN_CUONG_TEA),
    ("CHÈ TÂN CƯƠNG", TAN_CUONG_TEA),
    ("trà tân cương", TAN_CUONG_TEA),
    ("tra tan cuong", TAN_CUONG_TEA),
    ("miến dong bắc kạn", MIEN_DONG),
    ("quýt bắc kạn", QUYT),
    ("hồng không hạt", PERSIMMON),
    ("hong khong hat", PERSIMMON),
    # Kinds of tea.
    ("chè nõn tôm", NON_TOM),
    ("che non tom", NON_TOM),
    ("trà nõn tôm", NON_TOM),
    ("chè móc câu", MOC_CAU),
    ("moc cau", MOC_CAU),
    ("hồng trà", ["TN-CHE-0005", "TN-CHE-0016"]),
    ("hong tra", ["TN-CHE-0005", "TN-CHE-0016"]),
    ("bạch trà", ["TN-CHE-0014"]),
    ("trà ô long", ["TN-CHE-0015"]),
    ("chè xanh", GREEN_TEA),
    ("trà xanh", GREEN_TEA),
    # Foods and drinks; regional synonyms.
    ("miến dong", MIEN_DONG),
    ("mien dong", MIEN_DONG),
    ("quyt", QUYT),
    ("gạo nếp", ["TN-GAO-0002"]),
    ("gao", ["TN-GAO-0001", "TN-GAO-0002", "TN-GAO-0003"]),
    ("rượu", ["TN-RUOU-0001", "TN-RUOU-0002", "TN-RUOU-0003"]),
    ("ruou ngo", ["TN-RUOU-0002"]),
    ("rượu bắp", ["TN-RUOU-0002"]),
    ("thịt heo gác bếp", ["TN-THIT-0003"]),
    ("thit trau gac bep", ["TN-THIT-0001"]),
    ("gác bếp", ["TN-THIT-0001", "TN-THIT-0002", "TN-THIT-0003"]),
    ("lap suon", ["TN-THIT-0002"]),
    ("mật ong", ["TN-MAT-0001"]),
    ("mat ong rung", ["TN-MAT-0001"]),
    ("măng khô", ["TN-MANG-0001"]),
    ("na dai", ["TN-NA-0001"]),
    ("bánh chưng", ["TN-BANH-0001"]),
    ("tinh dầu", ["TN-DL-0004", "TN-DL-0005"]),
    ("giảo cổ lam", ["TN-DL-0001"]),
    ("tinh bột nghệ", ["TN-DL-0002"]),
    # Crafts and tourism.
    ("thổ cẩm", BROCADE),
    ("tho cam", BROCADE),
    ("khăn thổ cẩm", ["TN-DET-0001", "TN-DET-0004"]),
    ("đèn lồng", ["TN-MTD-0003"]),
    ("thuyen doc moc", ["TN-DLCD-0003", "TN-GO-0001"]),
    ("homestay", ["TN-DLCD-0002"]),
    ("du lịch", ["TN-DLCD-0001", "TN-DLCD-0002", "TN-DLCD-0003", "TN-DLCD-0004"]),
    # Typos (one edit in a word of five letters or more).
    ("mien dongg", MIEN_DONG),
    ("che tan cuongg", TAN_CUONG_TEA),
    ("quytt bac kan", QUYT),
    ("mat ong rưng", ["TN-MAT-0001"]),
    ("thit trauu gac bep", ["TN-THIT-0001"]),
    # Producers and communes.
    ("htx chè tân cương xanh", ["TN-CHE-0001", "TN-CHE-0002", "TN-CHE-0003", "TN-CHE-0004",
                                "TN-CHE-0005", "TN-DLCD-0001"]),
    ("đồi nắng", ["TN-CHE-0013", "TN-CHE-0014", "TN-CHE-0015", "TN-CHE-0016"]),
    ("nhà lan", ["TN-CHE-0010", "TN-CHE-0011", "TN-CHE-0012"]),
    ("la bằng", ["TN-CHE-0017", "TN-CHE-0018", "TN-CHE-0019"]),
    ("côn minh", ["TN-MIEN-0001", "TN-MIEN-0002", "TN-MIEN-0003", "TN-MIEN-0004"]),
    ("chợ đồn", ["TN-RUOU-0001", "TN-RUOU-0002", "TN-RUOU-0003"]),
    ("võ nhai", VO_NHAI),
    ("vo nhai", VO_NHAI),
    ("ba bể", ["TN-DLCD-0002", "TN-DLCD-0003", "TN-GO-0001", "TN-HONG-0001", "TN-HONG-0002"]),
    ("phổ yên", ["TN-GAO-0001", "TN-GAO-0002", "TN-GAO-0003", "TN-BANH-0001"]),
]
