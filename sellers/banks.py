"""Vietnamese banks a seller can be paid into, keyed by their NAPAS BIN (the code VietQR carries)."""

# A short list of the banks most producers use; the BIN is what a payout or a VietQR payload needs,
# the name is what the person recognises. Add a bank by adding a line.
BANKS = {
    "970436": "Vietcombank (Ngân hàng TMCP Ngoại thương Việt Nam)",
    "970415": "VietinBank (Ngân hàng TMCP Công thương Việt Nam)",
    "970418": "BIDV (Ngân hàng TMCP Đầu tư và Phát triển Việt Nam)",
    "970405": "Agribank (Ngân hàng Nông nghiệp và Phát triển Nông thôn)",
    "970407": "Techcombank (Ngân hàng TMCP Kỹ thương Việt Nam)",
    "970422": "MB (Ngân hàng TMCP Quân đội)",
    "970416": "ACB (Ngân hàng TMCP Á Châu)",
    "970432": "VPBank (Ngân hàng TMCP Việt Nam Thịnh Vượng)",
    "970403": "Sacombank (Ngân hàng TMCP Sài Gòn Thương Tín)",
    "970423": "TPBank (Ngân hàng TMCP Tiên Phong)",
}

BANK_CHOICES = list(BANKS.items())


def bank_name(bin_code: str) -> str:
    return BANKS.get(bin_code, bin_code)
