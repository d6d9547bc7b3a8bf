"""Demo content for `manage.py load_demo`: producers, products, certificates and GIs of Thái Nguyên.

Producers, people, tax codes, phone numbers and decision numbers of certificates and GI rights are
fictional. GI facts come from public sources (IP Office decisions as reported by provincial and
trade press); where a fact could not be confirmed, the text says so. Places are the communes and
wards in force since 1 July 2025, named as in the `vietnam-provinces` data (Thái Nguyên = 19).
Every record carries its natural key (slug, e-mail, UPC, decision number) so the loader can rerun.
"""

from datetime import date

PROVINCE_CODE = 19
DEMO_PASSWORD = "ocop-demo-2026"
STAFF_GROUP = "Cán bộ tỉnh"

# One product class per OCOP group (Decision 148/QĐ-TTg). Group 6 is booked, not shipped.
PRODUCT_CLASSES = {
    1: "Thực phẩm",
    2: "Đồ uống",
    3: "Thảo dược",
    4: "Vải và may mặc",
    5: "Lưu niệm, nội thất và trang trí",
    6: "Du lịch cộng đồng và điểm du lịch",
}

CATEGORIES = [
    "Đồ uống > Chè",
    "Đồ uống > Rượu",
    "Đồ uống > Nước giải khát",
    "Thực phẩm > Miến",
    "Thực phẩm > Trái cây",
    "Thực phẩm > Gạo",
    "Thực phẩm > Thịt và đặc sản khô",
    "Thực phẩm > Bánh",
    "Thực phẩm > Mật ong và lâm sản",
    "Thảo dược > Trà thảo dược",
    "Thảo dược > Tinh bột và cao dược liệu",
    "Thảo dược > Tinh dầu",
    "Vải và may mặc > Thổ cẩm",
    "Vải và may mặc > Trang phục",
    "Lưu niệm, nội thất và trang trí > Mây tre đan",
    "Lưu niệm, nội thất và trang trí > Đồ gỗ",
    "Du lịch cộng đồng và điểm du lịch > Trải nghiệm làng nghề",
    "Du lịch cộng đồng và điểm du lịch > Lưu trú homestay",
    "Du lịch cộng đồng và điểm du lịch > Tham quan",
]

# `categories` limits each GI to its product type (see geo_indications.rules).
GEOGRAPHIC_INDICATIONS = [
    {
        "slug": "che-tan-cuong",
        "categories": ["Đồ uống > Chè"],
        "name_vi": "Chè Tân Cương",
        "name_en": "Tan Cuong tea",
        "certificate_number": "00013",
        "grant_decision": "1144/QĐ-SHTT",
        "granted_on": date(2007, 9, 20),
        "product_type": "Chè",
        "managing_organisation": "Sở Khoa học và Công nghệ tỉnh Thái Nguyên",
        "communes": ["Xã Tân Cương", "Xã Đại Phúc", "Phường Quyết Thắng"],
        "area_description": (
            "Sáu xã cũ của thành phố Thái Nguyên: Tân Cương, Thịnh Đức, Phúc Xuân, Phúc Trìu, "
            "Phúc Hà và Quyết Thắng, hơn 1.300 ha chè. Từ ngày 1/7/2025 các xã này thuộc Xã Tân "
            "Cương, Xã Đại Phúc và Phường Quyết Thắng theo bảng chuyển đổi đơn vị hành chính; một "
            "số xã cũ chỉ nhập một phần, nên danh sách xã/phường mới chỉ mang tính minh họa."
        ),
        "description": (
            "Chè Tân Cương được bảo hộ chỉ dẫn địa lý từ ngày 20/9/2007 và được Liên minh châu Âu "
            "bảo hộ theo Hiệp định EVFTA. Nước chè xanh trong, vị chát dịu, hậu ngọt sâu."
        ),
    },
    {
        "slug": "quyt-bac-kan",
        "categories": ["Thực phẩm > Trái cây"],
        "name_vi": "Quýt Bắc Kạn",
        "name_en": "Bac Kan mandarin",
        "certificate_number": "00033",
        "grant_decision": "2839/QĐ-SHTT",
        "granted_on": date(2012, 11, 14),
        "product_type": "Quýt",
        "managing_organisation": "Sở Khoa học và Công nghệ tỉnh Bắc Kạn (cũ), nay thuộc tỉnh Thái Nguyên",
        "communes": ["Xã Bạch Thông", "Xã Phong Quang", "Xã Chợ Đồn", "Xã Đồng Phúc", "Xã Ba Bể"],
        "area_description": (
            "Vùng trồng quýt của các huyện cũ Bạch Thông, Chợ Đồn và Ba Bể (tỉnh Bắc Kạn cũ). "
            "Danh sách xã/phường mới chỉ mang tính minh họa, cần đối chiếu bản đồ khu vực bảo hộ."
        ),
        "description": (
            "Quả tròn dẹt, vỏ nhẵn màu vàng tươi, dễ bóc; múi mọng nước, vị chua dịu, thơm đặc trưng."
        ),
    },
    {
        "slug": "mien-dong-bac-kan",
        "categories": ["Thực phẩm > Miến"],
        "name_vi": "Miến dong Bắc Kạn",
        "name_en": "Bac Kan canna-starch noodles",
        "certificate_number": "00106",
        "grant_decision": "1253/QĐ-SHTT",
        "granted_on": date(2021, 4, 29),
        "product_type": "Miến dong",
        "managing_organisation": "Sở Khoa học và Công nghệ tỉnh Bắc Kạn (cũ), nay thuộc tỉnh Thái Nguyên",
        "communes": [
            "Xã Côn Minh", "Xã Na Rì", "Xã Trần Phú", "Xã Văn Lang", "Xã Ba Bể", "Xã Chợ Đồn",
            "Xã Bạch Thông", "Xã Ngân Sơn", "Phường Bắc Kạn", "Phường Đức Xuân",
        ],
        "area_description": (
            "Các vùng trồng dong riềng và làm miến của tỉnh Bắc Kạn cũ, tập trung ở Na Rì, Ba Bể, "
            "Chợ Đồn, Bạch Thông và Ngân Sơn. Danh sách xã/phường mới chỉ mang tính minh họa."
        ),
        "description": (
            "Sợi miến màu trắng xám, hơi ánh vàng, khô dai; nấu không nát. Sản phẩm miến dong đầu "
            "tiên của Việt Nam được bảo hộ chỉ dẫn địa lý."
        ),
    },
    {
        "slug": "hong-khong-hat-bac-kan",
        "categories": ["Thực phẩm > Trái cây"],
        "name_vi": "Hồng không hạt Bắc Kạn",
        "name_en": "Bac Kan seedless persimmon",
        "certificate_number": "",
        "grant_decision": "",
        "granted_on": None,
        "product_type": "Hồng không hạt",
        "managing_organisation": "Sở Khoa học và Công nghệ tỉnh Bắc Kạn (cũ), nay thuộc tỉnh Thái Nguyên",
        "communes": [
            "Xã Quảng Bạch", "Xã Chợ Đồn", "Xã Ba Bể", "Xã Phúc Lộc", "Xã Chợ Rã", "Xã Ngân Sơn",
            "Xã Thượng Quan",
        ],
        "area_description": (
            "Quanh hồ Ba Bể và các huyện cũ Chợ Đồn, Ba Bể, Ngân Sơn, ở độ cao dưới 800 m. "
            "Danh sách xã/phường mới chỉ mang tính minh họa."
        ),
        "description": (
            "Chỉ dẫn địa lý đầu tiên của tỉnh Bắc Kạn cũ; chưa xác nhận số văn bằng và ngày cấp. "
            "Quả không hạt, giòn, ngọt đậm sau khi ngâm."
        ),
    },
]

# Tax codes are valid (check digit over weights 31 29 23 19 17 13 7 5 3) but made up, drawn at
# random in the "4699" block rather than copied from any business. Phone numbers are made up too.
SELLERS = [
    {
        "slug": "htx-che-tan-cuong-xanh", "name": "HTX Chè Tân Cương Xanh", "kind": "htx",
        "commune": "Xã Tân Cương", "street_address": "Xóm Nam Đồng", "tax_code": "4699158810",
        "representative": "Nguyễn Thị Hạnh", "phone": "0912458310",
        "story": (
            "Hai mươi ba hộ trồng chè trên những đồi thấp quanh hồ Núi Cốc góp vốn lập hợp tác xã. "
            "Chè được hái một tôm hai lá vào sáng sớm, sao tay trên chảo gang để giữ hương cốm."
        ),
    },
    {
        "slug": "tht-che-bup-dai-phuc", "name": "Tổ hợp tác Chè búp Đại Phúc", "kind": "tht",
        "commune": "Xã Đại Phúc", "street_address": "Xóm Hồng Thái", "tax_code": "4699399862",
        "representative": "Trần Văn Toàn", "phone": "0985216447",
        "story": (
            "Tám gia đình ở Phúc Trìu và Phúc Xuân cũ cùng chăm vùng chè an toàn, chung một lò sao "
            "và một con tem truy xuất nguồn gốc."
        ),
    },
    {
        "slug": "hkd-che-nha-lan", "name": "Hộ kinh doanh Chè Nhà Lan", "kind": "hkd",
        "commune": "Phường Quyết Thắng", "street_address": "Tổ dân phố 7", "tax_code": "4699987977",
        "representative": "Đỗ Thị Lan", "phone": "0368127904",
        "story": "Ba thế hệ làm chè trên nửa héc-ta đồi nhà, bán cho khách quen từ thập niên 1990.",
    },
    {
        "slug": "cong-ty-tra-doi-nang", "name": "Công ty TNHH Trà Đồi Nắng", "kind": "dn",
        "commune": "Xã Tân Cương", "street_address": "Xóm 5", "tax_code": "4699309114",
        "representative": "Lê Minh Đức", "phone": "0976340215",
        "story": (
            "Doanh nghiệp trẻ làm trà ô long, bạch trà và hồng trà từ giống chè trung du, "
            "hướng tới khách du lịch và quà tặng doanh nghiệp."
        ),
    },
    {
        "slug": "htx-che-nui-bang", "name": "HTX Chè Núi Bằng", "kind": "htx",
        "commune": "Xã La Bằng", "street_address": "Xóm Lưu Nhất", "tax_code": "4699417078",
        "representative": "Hoàng Văn Sơn", "phone": "0913672085",
        "story": (
            "Vùng chè dưới chân dãy Tam Đảo, sương sớm và đất feralit cho búp chè dày, nước xanh "
            "vàng. Hợp tác xã làm chè theo tiêu chuẩn VietGAP."
        ),
    },
    {
        "slug": "tht-che-doi-co-trai-cau", "name": "Tổ hợp tác Chè Đồi Cọ Trại Cau", "kind": "tht",
        "commune": "Xã Trại Cau", "street_address": "Xóm Đồi Cọ", "tax_code": "4699536452",
        "representative": "Ngô Thị Thu", "phone": "0397451620",
        "story": "Mười hai hộ trồng chè xen cọ trên đồi, cùng sao chè bằng tôn quay điện.",
    },
    {
        "slug": "cong-ty-duoc-lieu-phu-luong", "name": "Công ty TNHH Dược liệu Đồi Sim Phú Lương",
        "kind": "dn", "commune": "Xã Phú Lương", "street_address": "Xóm Làng Hin",
        "tax_code": "4699568158", "representative": "Phạm Quang Huy", "phone": "0868245139",
        "story": (
            "Liên kết với hơn 60 hộ trồng giảo cổ lam, nghệ và quế dưới tán rừng, chế biến tại "
            "xưởng đạt chứng nhận an toàn thực phẩm."
        ),
    },
    {
        "slug": "htx-quyt-vang-bach-thong", "name": "HTX Quýt Vàng Bạch Thông", "kind": "htx",
        "commune": "Xã Bạch Thông", "street_address": "Thôn Nà Pài", "tax_code": "4699188445",
        "representative": "Ma Văn Thắng", "phone": "0989137406",
        "story": "Những vườn quýt trên đồi đất đỏ vàng, thu hoạch từ tháng Mười một đến trước Tết.",
    },
    {
        "slug": "hkd-mien-dong-con-minh", "name": "Hộ kinh doanh Miến dong Côn Minh", "kind": "hkd",
        "commune": "Xã Côn Minh", "street_address": "Thôn Nà Làng", "tax_code": "4699729408",
        "representative": "Hoàng Thị Mai", "phone": "0334906172",
        "story": (
            "Tinh bột dong riềng đỏ lọc bằng nước suối, tráng bánh, phơi nắng trên giàn tre và cắt "
            "sợi thủ công: không chất tẩy trắng, không phụ gia."
        ),
    },
    {
        "slug": "cong-ty-dac-san-ho-xanh-ba-be", "name": "Công ty TNHH Đặc sản Hồ Xanh Ba Bể",
        "kind": "dn", "commune": "Xã Ba Bể", "street_address": "Thôn Nà Hai",
        "tax_code": "4699557614", "representative": "Triệu Văn Lâm", "phone": "0358420967",
        "story": "Thu mua hồng không hạt của các hộ quanh hồ Ba Bể, sơ chế và ngâm theo cách truyền thống.",
    },
    {
        "slug": "tht-det-tho-cam-dinh-hoa", "name": "Tổ hợp tác Dệt thổ cẩm Định Hóa", "kind": "tht",
        "commune": "Xã Định Hóa", "street_address": "Thôn Bản Lanh", "tax_code": "4699698710",
        "representative": "Lường Thị Hoa", "phone": "0829316540",
        "story": "Phụ nữ Tày dệt khung gỗ, nhuộm chàm lá và giữ những hoa văn của bà, của mẹ.",
    },
    {
        "slug": "hkd-may-tre-dan-phu-binh", "name": "Hộ kinh doanh Mây tre đan Phú Bình", "kind": "hkd",
        "commune": "Xã Phú Bình", "street_address": "Xóm Đông Hòa", "tax_code": "4699689762",
        "representative": "Vũ Văn Khải", "phone": "0971584203",
        "story": "Nan tre ngâm bùn, hun khói bếp củi chống mối mọt, đan tay từng sản phẩm.",
    },
    {
        "slug": "htx-du-lich-ban-may-ba-be", "name": "HTX Du lịch cộng đồng Bản Mây Ba Bể",
        "kind": "htx", "commune": "Xã Ba Bể", "street_address": "Thôn Bản Mây",
        "tax_code": "4699846976", "representative": "Nông Văn Tuấn", "phone": "0946218735",
        "story": "Bảy nhà sàn đón khách, chèo thuyền độc mộc và nấu cơm lam bên hồ Ba Bể.",
    },
    {
        "slug": "hkd-ruou-men-la-cho-don", "name": "Hộ kinh doanh Rượu men lá Chợ Đồn", "kind": "hkd",
        "commune": "Xã Chợ Đồn", "street_address": "Thôn Bản Tàn", "tax_code": "4699880938",
        "representative": "Bế Văn Hưng", "phone": "0385290416",
        "story": "Men lá từ hơn hai mươi loại lá rừng, nấu rượu bằng nồi đồng và hạ thổ trong chum sành.",
    },
    {
        "slug": "cong-ty-nong-san-sach-pho-yen", "name": "Công ty TNHH Nông sản Sạch Phổ Yên",
        "kind": "dn", "commune": "Phường Phổ Yên", "street_address": "Tổ dân phố Thanh Xuyên",
        "tax_code": "4699208194", "representative": "Đặng Thu Trang", "phone": "0904173562",
        "story": "Bao tiêu lúa đặc sản của nông dân trung du, xay xát và đóng gói hút chân không.",
    },
    {
        "slug": "hkd-gac-bep-ngan-son", "name": "Hộ kinh doanh Đặc sản Gác bếp Ngân Sơn", "kind": "hkd",
        "commune": "Xã Ngân Sơn", "street_address": "Thôn Nà Phặc", "tax_code": "4699672737",
        "representative": "Lục Thị Duyên", "phone": "0392607184",
        "story": "Thịt tẩm mắc khén, hạt dổi rồi hun khói trên gác bếp nhà sàn suốt hai tuần.",
    },
    {
        "slug": "htx-nong-lam-san-vo-nhai", "name": "HTX Nông lâm sản Võ Nhai", "kind": "htx",
        "commune": "Xã Võ Nhai", "street_address": "Xóm Cúc Đường", "tax_code": "4699177845",
        "representative": "La Văn Phong", "phone": "0915046328",
        "story": "Na trên núi đá vôi, mật ong hoa rừng và măng khô của bà con Võ Nhai.",
    },
]

GI_RIGHTS = [
    {
        "seller": "htx-che-tan-cuong-xanh", "gi": "che-tan-cuong", "document_number": "112/QĐ-SKHCN",
        "valid_from": date(2024, 3, 15), "valid_until": None,
    },
    {
        "seller": "tht-che-bup-dai-phuc", "gi": "che-tan-cuong", "document_number": "287/QĐ-SKHCN",
        "valid_from": date(2023, 9, 1), "valid_until": date(2028, 8, 31),
    },
    # Withdrawn by the managing body: the seller's listings lose their GI badge.
    {
        "seller": "hkd-che-nha-lan", "gi": "che-tan-cuong", "document_number": "064/QĐ-SKHCN",
        "valid_from": date(2022, 4, 20), "valid_until": None,
        "revoked_at": date(2026, 5, 12),
        "revoked_reason": "Dùng chỉ dẫn địa lý cho chè thu mua ngoài khu vực bảo hộ.",
    },
    # Expired and not yet renewed.
    {
        "seller": "cong-ty-tra-doi-nang", "gi": "che-tan-cuong", "document_number": "095/QĐ-SKHCN",
        "valid_from": date(2021, 6, 1), "valid_until": date(2026, 5, 31),
    },
    {
        "seller": "htx-quyt-vang-bach-thong", "gi": "quyt-bac-kan", "document_number": "41/QĐ-SKHCN",
        "valid_from": date(2023, 10, 2), "valid_until": None,
    },
    {
        "seller": "hkd-mien-dong-con-minh", "gi": "mien-dong-bac-kan", "document_number": "18/QĐ-SKHCN",
        "valid_from": date(2022, 2, 14), "valid_until": None,
    },
    {
        "seller": "cong-ty-dac-san-ho-xanh-ba-be", "gi": "hong-khong-hat-bac-kan",
        "document_number": "73/QĐ-SKHCN", "valid_from": date(2024, 8, 5), "valid_until": None,
    },
]

# Issuers as they stood on the decision date: districts issued 3★ until July 2025, provinces 4★,
# the ministry 5★ (Bộ Nông nghiệp và Phát triển nông thôn before the 2025 merger of ministries).
_PROVINCE_2024 = {
    "decision_number": "2451/QĐ-UBND", "decision_date": date(2024, 10, 8),
    "issuer": "province", "issuer_name": "UBND tỉnh Thái Nguyên",
}
_PROVINCE_2025 = {
    "decision_number": "2893/QĐ-UBND", "decision_date": date(2025, 11, 25),
    "issuer": "province", "issuer_name": "UBND tỉnh Thái Nguyên",
}
_BAC_KAN_2024 = {
    "decision_number": "1990/QĐ-UBND", "decision_date": date(2024, 11, 5),
    "issuer": "province", "issuer_name": "UBND tỉnh Bắc Kạn (cũ)",
}
_CITY_2024 = {
    "decision_number": "1876/QĐ-UBND", "decision_date": date(2024, 5, 16),
    "issuer": "district", "issuer_name": "UBND thành phố Thái Nguyên (cũ)",
}
_DINH_HOA_2024 = {
    "decision_number": "1207/QĐ-UBND", "decision_date": date(2024, 4, 18),
    "issuer": "district", "issuer_name": "UBND huyện Định Hóa (cũ)",
}


def _cert(stars, base, status="verified", **overrides):
    return {"stars": stars, "status": status, **base, **overrides}


# Tea is priced by the 100 g: each pack size (grams) becomes a child product, priced at this
# percentage of the 100 g price per 100 g, so larger packs are a little cheaper.
TEA_PACKS = {100: 100, 200: 95, 500: 90}

PRODUCTS = [
    # Đồ uống > Chè (group 2): the largest group.
    {
        "upc": "TN-CHE-0001", "seller": "htx-che-tan-cuong-xanh", "title": "Chè nõn tôm Tân Cương",
        "category": "Đồ uống > Chè", "group": 2, "tea": True, "price": 350000, "gi": "che-tan-cuong",
        "description": "Chỉ hái phần nõn non nhất, cánh chè nhỏ, xoăn chặt, phủ lớp tuyết trắng. "
        "Nước xanh ánh vàng, hương cốm non, hậu ngọt kéo dài.",
        "certificates": [_cert(5, {
            "decision_number": "1815/QĐ-BNN-KTHT", "decision_date": date(2024, 6, 14),
            "issuer": "ministry", "issuer_name": "Bộ Nông nghiệp và Phát triển nông thôn (cũ)",
        })],
    },
    {
        "upc": "TN-CHE-0002", "seller": "htx-che-tan-cuong-xanh",
        "title": "Chè móc câu Tân Cương đặc biệt", "category": "Đồ uống > Chè", "group": 2,
        "tea": True, "price": 250000, "gi": "che-tan-cuong",
        "description": "Búp một tôm hai lá, sao hai lửa, cánh cong như lưỡi câu. Vị chát dịu, "
        "ngọt hậu, hợp pha ấm buổi sáng.",
        "certificates": [_cert(4, _PROVINCE_2024)],
    },
    {
        "upc": "TN-CHE-0003", "seller": "htx-che-tan-cuong-xanh", "title": "Chè búp Tân Cương loại 1",
        "category": "Đồ uống > Chè", "group": 2, "tea": True, "price": 150000, "gi": "che-tan-cuong",
        "description": "Chè búp dùng hằng ngày, nước xanh sáng, hương thơm nhẹ, giá vừa phải.",
        "certificates": [_cert(4, _PROVINCE_2024)],
    },
    {
        "upc": "TN-CHE-0004", "seller": "htx-che-tan-cuong-xanh", "title": "Chè đinh Tân Cương",
        "category": "Đồ uống > Chè", "group": 2, "tea": True, "price": 400000, "gi": "che-tan-cuong",
        "description": "Chỉ lấy phần đỉnh búp chưa nở, cánh nhỏ như chiếc đinh. Hương thơm "
        "sâu, vị ngọt thanh, loại chè biếu quý.",
        "certificates": [_cert(5, {
            "decision_number": "3120/QĐ-BNNMT", "decision_date": date(2025, 10, 20),
            "issuer": "ministry", "issuer_name": "Bộ Nông nghiệp và Môi trường",
        })],
    },
    {
        "upc": "TN-CHE-0005", "seller": "htx-che-tan-cuong-xanh", "title": "Hồng trà Tân Cương",
        "category": "Đồ uống > Chè", "group": 2, "tea": True, "price": 180000, "gi": "che-tan-cuong",
        "description": "Búp chè trung du lên men toàn phần, nước đỏ hổ phách, hương mật ong. "
        "Uống nóng hoặc pha trà sữa.",
    },
    {
        "upc": "TN-CHE-0006", "seller": "tht-che-bup-dai-phuc", "title": "Chè búp Phúc Trìu",
        "category": "Đồ uống > Chè", "group": 2, "tea": True, "price": 120000, "gi": "che-tan-cuong",
        "description": "Chè búp từ vùng Phúc Trìu cũ, sao bằng tôn quay, nước xanh, vị đậm.",
        "certificates": [_cert(4, _PROVINCE_2024)],
    },
    {
        "upc": "TN-CHE-0007", "seller": "tht-che-bup-dai-phuc", "title": "Chè nõn tôm Phúc Xuân",
        "category": "Đồ uống > Chè", "group": 2, "tea": True, "price": 300000, "gi": "che-tan-cuong",
        "description": "Nõn chè hái tay ở sườn đồi Phúc Xuân cũ, sao thủ công, hương cốm rõ.",
        "certificates": [_cert(3, _CITY_2024)],
    },
    {
        "upc": "TN-CHE-0008", "seller": "tht-che-bup-dai-phuc", "title": "Chè móc câu Đại Phúc",
        "category": "Đồ uống > Chè", "group": 2, "tea": True, "price": 180000, "gi": "che-tan-cuong",
        "description": "Cánh chè đều, xoăn, màu xanh đen. Pha được ba, bốn nước vẫn giữ vị.",
    },
    # Bought in from outside the protected area: the seller's GI right does not cover it.
    {
        "upc": "TN-CHE-0009", "seller": "tht-che-bup-dai-phuc", "title": "Chè xanh sao suốt",
        "category": "Đồ uống > Chè", "group": 2, "tea": True, "price": 90000, "gi": "che-tan-cuong",
        "origin": "Xã Phú Lương",
        "description": "Chè búp thu mua từ các hộ ở Phú Lương, sao suốt cho cánh săn, nước vàng xanh.",
    },
    {
        "upc": "TN-CHE-0010", "seller": "hkd-che-nha-lan", "title": "Chè móc câu Quyết Thắng",
        "category": "Đồ uống > Chè", "group": 2, "tea": True, "price": 160000, "gi": "che-tan-cuong",
        "description": "Chè nhà làm, hái buổi sớm, sao chảo gang trên bếp củi.",
        "certificates": [_cert(3, _CITY_2024, status="revoked")],
    },
    {
        "upc": "TN-CHE-0011", "seller": "hkd-che-nha-lan", "title": "Chè búp gia đình nhà Lan",
        "category": "Đồ uống > Chè", "group": 2, "tea": True, "price": 90000,
        "description": "Chè búp uống hằng ngày, đóng túi zip, hợp pha ấm to tiếp khách.",
    },
    {
        "upc": "TN-CHE-0012", "seller": "hkd-che-nha-lan", "title": "Chè nõn tôm nhà Lan",
        "category": "Đồ uống > Chè", "group": 2, "tea": True, "price": 280000, "stock": 0,
        "description": "Mỗi vụ chỉ làm vài chục cân; hết hàng chờ vụ chè xuân.",
    },
    {
        "upc": "TN-CHE-0013", "seller": "cong-ty-tra-doi-nang", "title": "Trà Kim Tuyên Tân Cương",
        "category": "Đồ uống > Chè", "group": 2, "tea": True, "price": 220000, "gi": "che-tan-cuong",
        "description": "Giống Kim Tuyên trồng ở Tân Cương, làm theo kiểu chè xanh, hương hoa nhẹ.",
        "certificates": [_cert(4, _PROVINCE_2025)],
    },
    {
        "upc": "TN-CHE-0014", "seller": "cong-ty-tra-doi-nang", "title": "Bạch trà búp non Đồi Nắng",
        "category": "Đồ uống > Chè", "group": 2, "tea": True, "price": 380000,
        "description": "Búp non phủ lông tơ, làm héo tự nhiên, không vò. Nước vàng nhạt, vị thanh.",
        "certificates": [_cert(4, {
            "decision_number": "3472/QĐ-UBND", "decision_date": date(2026, 10, 15),
            "issuer": "province", "issuer_name": "UBND tỉnh Thái Nguyên",
        }, status="pending")],
    },
    {
        "upc": "TN-CHE-0015", "seller": "cong-ty-tra-doi-nang", "title": "Trà ô long Đồi Nắng",
        "category": "Đồ uống > Chè", "group": 2, "tea": True, "price": 260000,
        "description": "Lên men một phần, vo viên, hương hoa quả chín, nước vàng mật ong.",
    },
    {
        "upc": "TN-CHE-0016", "seller": "cong-ty-tra-doi-nang", "title": "Hồng trà Đồi Nắng",
        "category": "Đồ uống > Chè", "group": 2, "tea": True, "price": 170000,
        "description": "Hồng trà cánh dài, hợp pha lạnh và làm trà chanh.",
    },
    {
        "upc": "TN-CHE-0017", "seller": "htx-che-nui-bang", "title": "Chè móc câu La Bằng",
        "category": "Đồ uống > Chè", "group": 2, "tea": True, "price": 150000,
        "description": "Chè của vùng chân núi Tam Đảo, nước xanh vàng, vị đậm, hậu ngọt.",
        "certificates": [_cert(3, {
            "decision_number": "4521/QĐ-UBND", "decision_date": date(2024, 9, 12),
            "issuer": "district", "issuer_name": "UBND huyện Đại Từ (cũ)",
        })],
    },
    {
        "upc": "TN-CHE-0018", "seller": "htx-che-nui-bang", "title": "Chè búp La Bằng",
        "category": "Đồ uống > Chè", "group": 2, "tea": True, "price": 100000,
        "description": "Chè búp VietGAP, đóng gói hút chân không giữ màu xanh.",
    },
    {
        "upc": "TN-CHE-0019", "seller": "htx-che-nui-bang", "title": "Chè nõn tôm Núi Bằng",
        "category": "Đồ uống > Chè", "group": 2, "tea": True, "price": 260000,
        "description": "Nõn chè hái vụ xuân, sao tay, hương cốm xen mùi hoa rừng.",
    },
    {
        "upc": "TN-CHE-0020", "seller": "tht-che-doi-co-trai-cau", "title": "Chè móc câu Trại Cài",
        "category": "Đồ uống > Chè", "group": 2, "tea": True, "price": 140000,
        "description": "Chè vùng Trại Cài, sao tôn quay, cánh nhỏ, nước xanh trong.",
        "certificates": [_cert(3, {
            "decision_number": "3307/QĐ-UBND", "decision_date": date(2024, 8, 30),
            "issuer": "district", "issuer_name": "UBND huyện Đồng Hỷ (cũ)",
        })],
    },
    {
        "upc": "TN-CHE-0021", "seller": "tht-che-doi-co-trai-cau", "title": "Chè xanh Trại Cau",
        "category": "Đồ uống > Chè", "group": 2, "tea": True, "price": 85000,
        "description": "Chè xanh phổ thông, vị chát đậm, hợp người uống chè đặc.",
    },
    {
        "upc": "TN-CHE-0022", "seller": "tht-che-doi-co-trai-cau", "title": "Chè búp Đồi Cọ",
        "category": "Đồ uống > Chè", "group": 2, "tea": True, "price": 110000, "stock": 0,
        "description": "Chè búp trồng xen cọ, hái lứa hè, hương thơm nhẹ.",
    },
    # Đồ uống khác (group 2).
    {
        "upc": "TN-RUOU-0001", "seller": "hkd-ruou-men-la-cho-don",
        "title": "Rượu men lá Chợ Đồn (chai 500 ml)", "category": "Đồ uống > Rượu", "group": 2,
        "price": 120000,
        "description": "Rượu gạo nếp nương ủ men lá, 29 độ, êm, không gắt. Sản phẩm dành cho người "
        "trên 18 tuổi.",
        "certificates": [_cert(3, {
            "decision_number": "2210/QĐ-UBND", "decision_date": date(2024, 12, 10),
            "issuer": "district", "issuer_name": "UBND huyện Chợ Đồn (cũ)",
        })],
    },
    {
        "upc": "TN-RUOU-0002", "seller": "hkd-ruou-men-la-cho-don",
        "title": "Rượu ngô men lá (bình 2 lít)", "category": "Đồ uống > Rượu", "group": 2,
        "price": 250000,
        "description": "Ngô bản địa nấu với men lá, hạ thổ sáu tháng. Sản phẩm dành cho người "
        "trên 18 tuổi.",
    },
    {
        "upc": "TN-RUOU-0003", "seller": "hkd-ruou-men-la-cho-don",
        "title": "Rượu nếp cẩm Chợ Đồn (chai 500 ml)", "category": "Đồ uống > Rượu", "group": 2,
        "price": 150000,
        "description": "Rượu nếp cẩm màu tím đỏ, thơm ngọt. Sản phẩm dành cho người trên 18 tuổi.",
    },
    {
        "upc": "TN-NUOC-0001", "seller": "htx-quyt-vang-bach-thong",
        "title": "Nước cốt quýt Bắc Kạn (chai 330 ml)", "category": "Đồ uống > Nước giải khát",
        "group": 2, "price": 35000,
        "description": "Quýt chín ép nguyên chất, thanh trùng nhẹ, không thêm đường.",
    },
    # Thực phẩm (group 1).
    {
        "upc": "TN-MIEN-0001", "seller": "hkd-mien-dong-con-minh",
        "title": "Miến dong Côn Minh đặc biệt (gói 500 g)", "category": "Thực phẩm > Miến",
        "group": 1, "price": 55000, "gi": "mien-dong-bac-kan",
        "description": "Sợi miến dai, trong, nấu không nát, thơm mùi dong riềng.",
        "certificates": [_cert(4, _BAC_KAN_2024)],
    },
    {
        "upc": "TN-MIEN-0002", "seller": "hkd-mien-dong-con-minh",
        "title": "Miến dong sợi nhỏ Côn Minh (gói 1 kg)", "category": "Thực phẩm > Miến", "group": 1,
        "price": 100000, "gi": "mien-dong-bac-kan",
        "description": "Sợi nhỏ hợp xào, trộn và nấu canh.",
        "certificates": [_cert(4, _BAC_KAN_2024)],
    },
    {
        "upc": "TN-MIEN-0003", "seller": "hkd-mien-dong-con-minh",
        "title": "Hộp quà miến dong Côn Minh (3 gói)", "category": "Thực phẩm > Miến", "group": 1,
        "price": 180000, "gi": "mien-dong-bac-kan",
        "description": "Ba gói miến 500 g trong hộp giấy kraft, làm quà Tết.",
    },
    {
        "upc": "TN-MIEN-0004", "seller": "hkd-mien-dong-con-minh",
        "title": "Bún dong riềng khô (gói 500 g)", "category": "Thực phẩm > Miến", "group": 1,
        "price": 50000,
        "description": "Bún làm từ tinh bột dong riềng, sợi tròn, ăn kèm thịt nướng.",
    },
    {
        "upc": "TN-QUYT-0001", "seller": "htx-quyt-vang-bach-thong",
        "title": "Quýt Bắc Kạn (thùng 5 kg)", "category": "Thực phẩm > Trái cây", "group": 1,
        "price": 250000, "gi": "quyt-bac-kan",
        "description": "Quýt chín cây, vỏ vàng tươi, múi mọng, vị chua ngọt. Giao từ tháng 11.",
        "certificates": [_cert(4, _BAC_KAN_2024)],
    },
    {
        "upc": "TN-QUYT-0002", "seller": "htx-quyt-vang-bach-thong",
        "title": "Quýt Bắc Kạn loại 1 (thùng 10 kg)", "category": "Thực phẩm > Trái cây",
        "group": 1, "price": 450000, "gi": "quyt-bac-kan", "stock": 0,
        "description": "Quả to đều, chọn lọc từ vườn già. Hết hàng cho đến vụ thu hoạch sau.",
    },
    {
        "upc": "TN-HONG-0001", "seller": "cong-ty-dac-san-ho-xanh-ba-be",
        "title": "Hồng không hạt Bắc Kạn (hộp 3 kg)", "category": "Thực phẩm > Trái cây",
        "group": 1, "price": 210000, "gi": "hong-khong-hat-bac-kan",
        "description": "Hồng ngâm giòn, ngọt đậm, không hạt; vụ tháng 8 đến tháng 10.",
        "certificates": [_cert(3, {
            "decision_number": "1562/QĐ-UBND", "decision_date": date(2024, 7, 22),
            "issuer": "district", "issuer_name": "UBND huyện Ba Bể (cũ)",
        })],
    },
    {
        "upc": "TN-HONG-0002", "seller": "cong-ty-dac-san-ho-xanh-ba-be",
        "title": "Hồng không hạt sấy dẻo (hộp 500 g)", "category": "Thực phẩm > Trái cây",
        "group": 1, "price": 160000,
        "description": "Hồng chín sấy lạnh, dẻo, ngọt tự nhiên, không đường.",
    },
    {
        "upc": "TN-GAO-0001", "seller": "cong-ty-nong-san-sach-pho-yen",
        "title": "Gạo Bao thai Định Hóa (túi 5 kg)", "category": "Thực phẩm > Gạo", "group": 1,
        "price": 120000, "origin": "Xã Định Hóa",
        "description": "Hạt nhỏ, cơm mềm, thơm, để nguội không cứng.",
        "certificates": [_cert(3, _DINH_HOA_2024)],
    },
    {
        "upc": "TN-GAO-0002", "seller": "cong-ty-nong-san-sach-pho-yen",
        "title": "Gạo nếp vải Phổ Yên (túi 2 kg)", "category": "Thực phẩm > Gạo", "group": 1,
        "price": 90000,
        "description": "Nếp hạt tròn, dẻo thơm, hợp đồ xôi và gói bánh chưng.",
    },
    {
        "upc": "TN-GAO-0003", "seller": "cong-ty-nong-san-sach-pho-yen",
        "title": "Gạo lứt đỏ trung du (túi 2 kg)", "category": "Thực phẩm > Gạo", "group": 1,
        "price": 80000,
        "description": "Gạo lứt giữ cám, giàu chất xơ, nấu nồi áp suất cho mềm.",
    },
    {
        "upc": "TN-BANH-0001", "seller": "cong-ty-nong-san-sach-pho-yen",
        "title": "Bánh chưng nếp nương (cặp 2 chiếc)", "category": "Thực phẩm > Bánh", "group": 1,
        "price": 120000,
        "description": "Nếp nương, đỗ xanh, thịt ba chỉ, gói lá dong, luộc mười tiếng.",
    },
    {
        "upc": "TN-THIT-0001", "seller": "hkd-gac-bep-ngan-son",
        "title": "Thịt trâu gác bếp Ngân Sơn (gói 500 g)",
        "category": "Thực phẩm > Thịt và đặc sản khô", "group": 1, "price": 450000,
        "description": "Thịt trâu tẩm mắc khén, hun khói trên gác bếp; xé sợi chấm chẩm chéo.",
        "certificates": [_cert(3, {
            "decision_number": "1933/QĐ-UBND", "decision_date": date(2024, 10, 28),
            "issuer": "district", "issuer_name": "UBND huyện Ngân Sơn (cũ)",
        })],
    },
    {
        "upc": "TN-THIT-0002", "seller": "hkd-gac-bep-ngan-son",
        "title": "Lạp sườn gác bếp (gói 500 g)", "category": "Thực phẩm > Thịt và đặc sản khô",
        "group": 1, "price": 180000,
        "description": "Thịt lợn bản địa, ướp rượu ngô và hạt dổi, hun khói nhẹ.",
    },
    {
        "upc": "TN-THIT-0003", "seller": "hkd-gac-bep-ngan-son",
        "title": "Thịt lợn gác bếp (gói 500 g)", "category": "Thực phẩm > Thịt và đặc sản khô",
        "group": 1, "price": 320000,
        "description": "Thịt lợn mán hun khói, hấp lại là ăn được.",
    },
    {
        "upc": "TN-NA-0001", "seller": "htx-nong-lam-san-vo-nhai", "title": "Na dai Võ Nhai (thùng 3 kg)",
        "category": "Thực phẩm > Trái cây", "group": 1, "price": 180000,
        "description": "Na trên núi đá vôi, cùi dày, ít hạt, ngọt sắc. Vụ tháng 7 đến tháng 9.",
        # Decided in mid-2023: past its 36 months, so no longer a badge.
        "certificates": [_cert(4, {
            "decision_number": "1290/QĐ-UBND", "decision_date": date(2023, 6, 12),
            "issuer": "province", "issuer_name": "UBND tỉnh Thái Nguyên",
        })],
    },
    {
        "upc": "TN-MAT-0001", "seller": "htx-nong-lam-san-vo-nhai",
        "title": "Mật ong hoa rừng Võ Nhai (chai 500 ml)", "category": "Thực phẩm > Mật ong và lâm sản",
        "group": 1, "price": 250000,
        "description": "Mật ong khai thác một vụ mỗi năm từ đàn ong nội nuôi dưới tán rừng.",
    },
    {
        "upc": "TN-MANG-0001", "seller": "htx-nong-lam-san-vo-nhai",
        "title": "Măng khô Võ Nhai (gói 500 g)", "category": "Thực phẩm > Mật ong và lâm sản",
        "group": 1, "price": 120000,
        "description": "Măng nứa rừng luộc, phơi nắng, không lưu huỳnh.",
    },
    # Thảo dược (group 3).
    {
        "upc": "TN-DL-0001", "seller": "cong-ty-duoc-lieu-phu-luong",
        "title": "Trà giảo cổ lam túi lọc (hộp 30 túi)", "category": "Thảo dược > Trà thảo dược",
        "group": 3, "price": 95000,
        "description": "Giảo cổ lam trồng dưới tán rừng, sấy lạnh, đóng túi lọc.",
        "certificates": [_cert(3, {
            "decision_number": "402/QĐ-UBND", "decision_date": date(2025, 3, 4),
            "issuer": "district", "issuer_name": "UBND huyện Phú Lương (cũ)",
        })],
    },
    {
        "upc": "TN-DL-0002", "seller": "cong-ty-duoc-lieu-phu-luong",
        "title": "Tinh bột nghệ nếp (hũ 500 g)", "category": "Thảo dược > Tinh bột và cao dược liệu",
        "group": 3, "price": 280000,
        "description": "Nghệ nếp vàng tách tinh dầu, lọc nhiều lần, sấy thấp nhiệt.",
    },
    {
        "upc": "TN-DL-0003", "seller": "cong-ty-duoc-lieu-phu-luong",
        "title": "Cao xạ đen (hũ 200 g)", "category": "Thảo dược > Tinh bột và cao dược liệu",
        "group": 3, "price": 350000,
        "description": "Cao cô đặc từ thân lá xạ đen, dùng pha nước uống.",
    },
    {
        "upc": "TN-DL-0004", "seller": "cong-ty-duoc-lieu-phu-luong",
        "title": "Tinh dầu quế (chai 50 ml)", "category": "Thảo dược > Tinh dầu", "group": 3,
        "price": 120000,
        "description": "Chưng cất hơi nước từ lá và vỏ quế, dùng xông phòng.",
    },
    {
        "upc": "TN-DL-0005", "seller": "cong-ty-duoc-lieu-phu-luong",
        "title": "Tinh dầu sả chanh (chai 50 ml)", "category": "Thảo dược > Tinh dầu", "group": 3,
        "price": 90000, "stock": 0,
        "description": "Sả chanh trồng hữu cơ, chưng cất mẻ nhỏ, hương tươi, đuổi muỗi.",
    },
    # Vải và may mặc (group 4).
    {
        "upc": "TN-DET-0001", "seller": "tht-det-tho-cam-dinh-hoa", "title": "Khăn thổ cẩm Tày dệt tay",
        "category": "Vải và may mặc > Thổ cẩm", "group": 4, "price": 180000,
        "description": "Sợi bông nhuộm chàm và vỏ cây, dệt hoa văn trám, dài 1,6 m.",
        "certificates": [_cert(3, _DINH_HOA_2024)],
    },
    {
        "upc": "TN-DET-0002", "seller": "tht-det-tho-cam-dinh-hoa", "title": "Túi đeo thổ cẩm",
        "category": "Vải và may mặc > Thổ cẩm", "group": 4, "price": 250000,
        "description": "Túi vải thổ cẩm lót vải bố, quai chỉnh được, có ngăn khóa kéo.",
    },
    {
        "upc": "TN-DET-0003", "seller": "tht-det-tho-cam-dinh-hoa", "title": "Áo chàm Tày may tay",
        "category": "Vải và may mặc > Trang phục", "group": 4, "price": 650000,
        "description": "Áo năm thân nhuộm chàm lá, may tay theo số đo.",
    },
    {
        "upc": "TN-DET-0004", "seller": "tht-det-tho-cam-dinh-hoa", "title": "Khăn trải bàn thổ cẩm",
        "category": "Vải và may mặc > Thổ cẩm", "group": 4, "price": 320000, "stock": 0,
        "description": "Khổ 1,2 × 1,8 m, hoa văn sao tám cánh.",
    },
    # Lưu niệm, nội thất và trang trí (group 5).
    {
        "upc": "TN-MTD-0001", "seller": "hkd-may-tre-dan-phu-binh", "title": "Giỏ mây đan quai xách",
        "category": "Lưu niệm, nội thất và trang trí > Mây tre đan", "group": 5, "price": 150000,
        "description": "Giỏ mây đan tay, đựng đồ đi chợ hoặc làm giỏ quà.",
        "certificates": [_cert(3, {
            "decision_number": "512/QĐ-UBND", "decision_date": date(2025, 2, 20),
            "issuer": "district", "issuer_name": "UBND huyện Phú Bình (cũ)",
        })],
    },
    {
        "upc": "TN-MTD-0002", "seller": "hkd-may-tre-dan-phu-binh", "title": "Khay tre đựng ấm chén",
        "category": "Lưu niệm, nội thất và trang trí > Mây tre đan", "group": 5, "price": 220000,
        "description": "Khay tre hun khói, phủ sơn ta, vừa bộ ấm sáu chén.",
    },
    {
        "upc": "TN-MTD-0003", "seller": "hkd-may-tre-dan-phu-binh", "title": "Đèn lồng tre trang trí",
        "category": "Lưu niệm, nội thất và trang trí > Mây tre đan", "group": 5, "price": 280000,
        "description": "Đèn tre đan mắt cáo, kèm đui và dây điện.",
    },
    {
        "upc": "TN-MTD-0004", "seller": "hkd-may-tre-dan-phu-binh", "title": "Hộp quà tre đựng chè",
        "category": "Lưu niệm, nội thất và trang trí > Mây tre đan", "group": 5, "price": 160000,
        "description": "Hộp tre có nắp, vừa hai gói chè 200 g.",
    },
    {
        "upc": "TN-GO-0001", "seller": "htx-du-lich-ban-may-ba-be",
        "title": "Mô hình thuyền độc mộc Ba Bể", "category": "Lưu niệm, nội thất và trang trí > Đồ gỗ",
        "group": 5, "price": 350000,
        "description": "Thuyền độc mộc thu nhỏ, khoét từ một khúc gỗ, dài 40 cm.",
    },
    # Du lịch cộng đồng (group 6): booked, not shipped.
    {
        "upc": "TN-DLCD-0001", "seller": "htx-che-tan-cuong-xanh",
        "title": "Trải nghiệm hái và sao chè Tân Cương (nửa ngày, 1 người)",
        "category": "Du lịch cộng đồng và điểm du lịch > Trải nghiệm làng nghề", "group": 6,
        "price": 350000,
        "description": "Hái chè cùng nông dân, sao chè trên chảo gang và thưởng trà bên đồi.",
        "certificates": [_cert(4, _PROVINCE_2025)],
    },
    {
        "upc": "TN-DLCD-0002", "seller": "htx-du-lich-ban-may-ba-be",
        "title": "Homestay nhà sàn hồ Ba Bể (1 đêm, phòng 2 người)",
        "category": "Du lịch cộng đồng và điểm du lịch > Lưu trú homestay", "group": 6,
        "price": 600000,
        "description": "Phòng riêng trên nhà sàn, bữa tối cơm lam, cá nướng và bữa sáng.",
        "certificates": [_cert(4, _BAC_KAN_2024)],
    },
    {
        "upc": "TN-DLCD-0003", "seller": "htx-du-lich-ban-may-ba-be",
        "title": "Chèo thuyền độc mộc hồ Ba Bể (1 người)",
        "category": "Du lịch cộng đồng và điểm du lịch > Tham quan", "group": 6, "price": 250000,
        "description": "Hai giờ chèo thuyền cùng người bản địa, ghé hang Puông và ao Tiên.",
    },
    {
        "upc": "TN-DLCD-0004", "seller": "tht-det-tho-cam-dinh-hoa",
        "title": "Học dệt thổ cẩm cùng nghệ nhân (1 người)",
        "category": "Du lịch cộng đồng và điểm du lịch > Trải nghiệm làng nghề", "group": 6,
        "price": 200000,
        "description": "Ba giờ học se sợi, nhuộm chàm và dệt một dải khăn nhỏ mang về.",
    },
]

# Stems for `load_demo --products N`: title, OCOP group, category, price in đồng.
GENERATED_STEMS = [
    ("Chè búp Thái Nguyên", 2, "Đồ uống > Chè", 120000),
    ("Chè móc câu", 2, "Đồ uống > Chè", 180000),
    ("Miến dong", 1, "Thực phẩm > Miến", 60000),
    ("Gạo đặc sản", 1, "Thực phẩm > Gạo", 95000),
    ("Thịt gác bếp", 1, "Thực phẩm > Thịt và đặc sản khô", 350000),
    ("Trà thảo dược", 3, "Thảo dược > Trà thảo dược", 90000),
    ("Khăn thổ cẩm", 4, "Vải và may mặc > Thổ cẩm", 200000),
    ("Giỏ mây tre", 5, "Lưu niệm, nội thất và trang trí > Mây tre đan", 170000),
]

ACCOUNTS = [
    {"email": "nguoimua@ocop.local", "first_name": "Minh Anh", "last_name": "Phạm", "role": "Người mua"},
    {
        "email": "htx.tancuong@ocop.local", "first_name": "Hạnh", "last_name": "Nguyễn Thị",
        "role": "Người bán (HTX Chè Tân Cương Xanh)", "seller": "htx-che-tan-cuong-xanh",
    },
    {
        "email": "hkd.mien@ocop.local", "first_name": "Mai", "last_name": "Hoàng Thị",
        "role": "Người bán (Hộ kinh doanh Miến dong Côn Minh)", "seller": "hkd-mien-dong-con-minh",
    },
    {
        "email": "canbo@ocop.local", "first_name": "Quang", "last_name": "Trịnh Văn",
        # The group's permissions open Wagtail's admin; no is_staff, which would open Oscar's dashboard.
        "role": "Cán bộ tỉnh", "group": STAFF_GROUP,
    },
    {
        "email": "admin@ocop.local", "first_name": "Quản trị", "last_name": "",
        "role": "Quản trị hệ thống", "superuser": True,
    },
]

HOME_PAGE = {
    "title": "Sàn OCOP Thái Nguyên",
    "slug": "trang-chu",
    "hero": {
        "heading": "Đặc sản OCOP Thái Nguyên",
        "text": (
            "Chè Tân Cương, miến dong, quýt và hồng không hạt Bắc Kạn cùng hàng trăm sản phẩm OCOP, "
            "mua thẳng từ hợp tác xã và hộ sản xuất, có chứng nhận được tỉnh xác minh."
        ),
        "link_text": "Xem sản phẩm",
        "link_url": "/catalogue/",
    },
    "paragraph": (
        "<h2>Mua tận gốc, tin từng huy hiệu</h2>"
        "<p>Mỗi sao OCOP và mỗi chỉ dẫn địa lý trên sàn đều được cán bộ tỉnh đối chiếu với quyết "
        "định công nhận và quyền sử dụng còn hiệu lực. Người bán là hợp tác xã, tổ hợp tác, doanh "
        "nghiệp nhỏ và hộ kinh doanh ở khắp các xã, phường của Thái Nguyên.</p>"
        "<p>Thanh toán bằng mã VietQR hoặc thẻ; đặc sản được gửi thẳng từ nơi sản xuất, còn các "
        "trải nghiệm du lịch cộng đồng được đặt chỗ trực tuyến.</p>"
    ),
    # Holders of a verified right to the Tân Cương GI.
    "featured_producers": {
        "title": "Nhà chè Tân Cương",
        "sellers": ["htx-che-tan-cuong-xanh", "tht-che-bup-dai-phuc"],
    },
    # A saved filter: whatever carries the Tân Cương GI badge today.
    "collection": {
        "title": "Trà Tân Cương",
        "intro": (
            "Búp chè hái một tôm hai lá trên những đồi quanh hồ Núi Cốc, sao tay trên chảo gang: "
            "chỉ những sản phẩm có quyền sử dụng chỉ dẫn địa lý Tân Cương còn hiệu lực."
        ),
        "gi": "che-tan-cuong",
        "limit": 8,
    },
    "stories_title": "Câu chuyện nhà sản xuất",
}

STORY_INDEX = {"title": "Câu chuyện nhà sản xuất", "slug": "cau-chuyen"}
STORIES = [
    {
        "slug": "hai-muoi-ba-ho-mot-lo-sao", "title": "Hai mươi ba hộ, một lò sao chè",
        "seller": "htx-che-tan-cuong-xanh",
        "intro": (
            "Ở xóm Nam Đồng, các hộ trồng chè góp vốn lập hợp tác xã để cùng giữ hương cốm "
            "của chè Tân Cương và bán thẳng cho người mua."
        ),
        "body": (
            "<p>Trước khi lập hợp tác xã, mỗi nhà tự sao chè và bán cho thương lái với giá do người "
            "mua quyết định. Nay búp chè được hái vào sáng sớm, đưa về lò sao chung ngay trong ngày.</p>"
            "<h2>Giữ vùng chè trong khu vực bảo hộ</h2>"
            "<p>Hợp tác xã chỉ thu mua chè trồng trong xã, ghi sổ từng lứa hái để mỗi gói chè mang "
            "chỉ dẫn địa lý Tân Cương đều truy được về đồi chè đã làm ra nó.</p>"
        ),
    },
]

# The English translations of the home page and the stories (Wagtail's i18n: served under /en/),
# made once with simple_translation's copy and then the editor's own; keyed like their originals.
HOME_PAGE_EN = {
    "title": "Thái Nguyên OCOP Marketplace",
    "hero": {
        "heading": "OCOP specialities of Thái Nguyên",
        "text": (
            "Tân Cương tea, canna-starch noodles, Bắc Kạn mandarins and seedless persimmons, and hundreds "
            "more OCOP products, bought straight from cooperatives and household producers, with "
            "certificates verified by the province."
        ),
        "link_text": "See the products",
        "link_url": "/catalogue/",
    },
    "paragraph": (
        "<h2>Buy from the source, trust every badge</h2>"
        "<p>Every OCOP star and every geographic indication on the marketplace is checked by province "
        "staff against the recognition decision and a usage right in force. Sellers are cooperatives, "
        "cooperative groups, small businesses and household businesses in communes and wards across "
        "Thái Nguyên.</p>"
        "<p>Pay by VietQR or card; specialities are sent straight from where they are made, and "
        "community tourism experiences are booked online.</p>"
    ),
    "featured_producers_title": "Tân Cương tea houses",
    "collection": {
        "title": "Tân Cương tea",
        "intro": (
            "One bud and two leaves picked on the hills around Núi Cốc lake and roasted by hand in iron "
            "pans: only products whose producer holds a Tân Cương GI usage right in force."
        ),
    },
    "stories_title": "Producers' stories",
}
STORY_INDEX_EN = {"title": "Producers' stories", "slug": "stories"}
STORIES_EN = {
    "hai-muoi-ba-ho-mot-lo-sao": {
        "slug": "twenty-three-households-one-kiln", "title": "Twenty-three households, one tea kiln",
        "intro": (
            "In Nam Đồng hamlet, tea-growing households pooled their savings into a cooperative to keep "
            "the young-rice scent of Tân Cương tea and sell straight to buyers."
        ),
        "body": (
            "<p>Before the cooperative, each family roasted its own tea and sold it to traders at the "
            "price the traders set. Now the buds are picked early in the morning and taken to the shared "
            "kiln the same day.</p>"
            "<h2>Keeping the tea inside the protected area</h2>"
            "<p>The cooperative buys only tea grown in the commune and records every picking, so that each "
            "pack carrying the Tân Cương geographic indication can be traced back to the hill it came "
            "from.</p>"
        ),
    },
}

# Specifications shown on the product page, per OCOP group: (code, label, default value).
# A product's own "attributes" dict overrides a default.
PRODUCT_ATTRIBUTES = {
    1: [("thanh_phan", "Thành phần", "Nguyên liệu địa phương, không chất bảo quản"),
        ("khoi_luong", "Khối lượng tịnh", "500 g"),
        ("han_su_dung", "Hạn sử dụng", "12 tháng kể từ ngày sản xuất"),
        ("bao_quan", "Bảo quản", "Nơi khô ráo, thoáng mát, tránh ánh nắng trực tiếp")],
    2: [("thanh_phan", "Thành phần", "100% búp chè trung du Thái Nguyên"),
        ("han_su_dung", "Hạn sử dụng", "18 tháng kể từ ngày sản xuất"),
        ("bao_quan", "Bảo quản", "Đóng kín túi sau khi dùng, để nơi khô ráo, tránh mùi lạ"),
        ("cach_dung", "Cách pha", "5 g chè cho ấm 150 ml, nước 80–85 °C, tráng chè rồi hãm 2–3 phút")],
    3: [("thanh_phan", "Thành phần", "Dược liệu trồng và sơ chế tại địa phương"),
        ("han_su_dung", "Hạn sử dụng", "24 tháng kể từ ngày sản xuất"),
        ("bao_quan", "Bảo quản", "Nơi khô ráo, thoáng mát")],
    4: [("chat_lieu", "Chất liệu", "Sợi bông và lanh dệt thủ công"),
        ("kich_thuoc", "Kích thước", "Theo mô tả sản phẩm")],
    5: [("chat_lieu", "Chất liệu", "Tre, gỗ và vật liệu tự nhiên địa phương"),
        ("kich_thuoc", "Kích thước", "Theo mô tả sản phẩm")],
    6: [("thoi_luong", "Thời lượng", "Nửa ngày"),
        ("bao_gom", "Bao gồm", "Hướng dẫn viên người địa phương, nước uống")],
}

# Shipping rules per seller (see marketplace.shipping): within the province, then everywhere
# else (province None). Amounts in đồng, weights in grams; a seller may override the defaults.
SHIPPING_RULES = [
    {"province": PROVINCE_CODE, "first_weight": 1000, "first_charge": 20_000, "step_weight": 500,
     "step_charge": 5_000, "free_from": 300_000},
    {"province": None, "first_weight": 1000, "first_charge": 35_000, "step_weight": 500,
     "step_charge": 8_000, "free_from": 1_000_000},
]
SHIPPING_RULES_BY_SELLER = {
    # A household business that cannot afford free shipping.
    "hkd-mien-dong-con-minh": [
        {"province": PROVINCE_CODE, "first_weight": 2000, "first_charge": 25_000, "step_weight": 1000,
         "step_charge": 7_000, "free_from": None},
        {"province": None, "first_weight": 2000, "first_charge": 40_000, "step_weight": 1000,
         "step_charge": 12_000, "free_from": None},
    ],
}
