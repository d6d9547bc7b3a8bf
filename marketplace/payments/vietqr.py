"""VietQR (NAPAS 247) payloads: EMVCo merchant-presented QR, tag-length-value with a CRC.

Any Vietnamese banking app scans one and pre-fills the transfer: bank, account, amount and the
purpose line where the order reference goes, so the bank notification can be matched back.
"""

import re
from dataclasses import dataclass

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
COUNTRY = "VN"
MAX_PURPOSE = 25
_PURPOSE_ALLOWED = re.compile(r"^[A-Za-z0-9 .\-]*$")


class VietQRError(ValueError):
    """A payload that cannot be built or does not read back."""


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def _tlv(tag: str, value: str) -> str:
    if len(value) > 99:
        raise VietQRError(f"Field {tag} is {len(value)} characters long; at most 99 fit")
    return f"{tag}{len(value):02d}{value}"


@dataclass(frozen=True)
class VietQR:
    bank_bin: str
    account_number: str
    amount: int | None = None  # whole đồng; None makes a static code the payer fills in
    purpose: str = ""

    def payload(self) -> str:
        if not re.fullmatch(r"\d{6}", self.bank_bin):
            raise VietQRError("The bank BIN must be 6 digits")
        if not re.fullmatch(r"[0-9A-Za-z]{1,19}", self.account_number):
            raise VietQRError("The account number must be 1 to 19 letters or digits")
        if self.amount is not None and (not isinstance(self.amount, int) or self.amount <= 0):
            raise VietQRError("The amount must be a positive whole number of đồng")
        if len(self.purpose) > MAX_PURPOSE or not _PURPOSE_ALLOWED.match(self.purpose):
            raise VietQRError("The purpose must be at most 25 ASCII letters, digits, spaces, dots or dashes")

        beneficiary = _tlv("00", self.bank_bin) + _tlv("01", self.account_number)
        merchant = _tlv("00", NAPAS_GUID) + _tlv("01", beneficiary) + _tlv("02", SERVICE_TO_ACCOUNT)
        body = (
            _tlv("00", "01")
            + _tlv("01", "12" if self.amount is not None else "11")
            + _tlv("38", merchant)
            + _tlv("53", CURRENCY_VND)
            + (_tlv("54", str(self.amount)) if self.amount is not None else "")
            + _tlv("58", COUNTRY)
            + (_tlv("62", _tlv("08", self.purpose)) if self.purpose else "")
            + "6304"
        )
        return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"


def parse_tlv(data: str) -> dict[str, str]:
    """Split one level of tag-length-value fields; raise VietQRError when lengths do not add up."""
    fields, i = {}, 0
    while i < len(data):
        if i + 4 > len(data):
            raise VietQRError(f"Truncated field at position {i}")
        tag, length = data[i : i + 2], data[i + 2 : i + 4]
        if not length.isdigit():
            raise VietQRError(f"Field {tag} has a bad length {length!r}")
        end = i + 4 + int(length)
        if end > len(data):
            raise VietQRError(f"Field {tag} runs past the end")
        fields[tag] = data[i + 4 : end]
        i = end
    return fields


def decode(payload: str) -> VietQR:
    """Read a payload back, checking its CRC: what a banking app does when it scans the code."""
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise VietQRError("No CRC field at the end")
    expected = f"{crc16_ccitt_false(payload[:-4].encode('ascii')):04X}"
    if payload[-4:].upper() != expected:
        raise VietQRError(f"CRC {payload[-4:]} does not match {expected}")
    root = parse_tlv(payload)
    merchant = parse_tlv(root["38"])
    if merchant.get("00") != NAPAS_GUID or merchant.get("02") != SERVICE_TO_ACCOUNT:
        raise VietQRError("Not a NAPAS transfer-to-account code")
    beneficiary = parse_tlv(merchant["01"])
    purpose = parse_tlv(root["62"]).get("08", "") if "62" in root else ""
    return VietQR(
        bank_bin=beneficiary["00"], account_number=beneficiary["01"],
        amount=int(root["54"]) if "54" in root else None, purpose=purpose,
    )
