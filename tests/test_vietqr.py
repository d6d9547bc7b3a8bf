"""VietQR payloads: exact bytes, a CRC any banking app accepts, and a clean refusal of bad input."""

import pytest

from marketplace.payments.vietqr import VietQR, VietQRError, crc16_ccitt_false, decode, parse_tlv


def test_crc16_ccitt_false_check_value():
    # The published check value of CRC-16/CCITT-FALSE for the ASCII string "123456789".
    assert crc16_ccitt_false(b"123456789") == 0x29B1


def test_dynamic_payload_has_every_field_in_order():
    payload = VietQR("970436", "0011001234567", amount=150000, purpose="OCOP 100023").payload()
    assert payload.startswith(
        "000201"
        "010212"
        "3857" "0010A000000727" "0127" "0006970436" "01130011001234567" "0208QRIBFTTA"
        "5303704"
        "5406150000"
        "5802VN"
        "6215" "0811OCOP 100023"
        "6304"
    )
    assert payload[-4:] == f"{crc16_ccitt_false(payload[:-4].encode()):04X}"


def test_a_payload_decodes_back_to_what_was_encoded():
    qr = VietQR("970415", "123456789", amount=2_450_000, purpose="OCOP-100024")
    assert decode(qr.payload()) == qr


def test_a_static_code_has_no_amount():
    payload = VietQR("970436", "0011001234567").payload()
    root = parse_tlv(payload)
    assert root["01"] == "11" and "54" not in root and "62" not in root


def test_a_changed_amount_fails_the_crc():
    payload = VietQR("970436", "0011001234567", amount=150000, purpose="OCOP 1").payload()
    tampered = payload.replace("5406150000", "5406015000")
    with pytest.raises(VietQRError, match="CRC"):
        decode(tampered)


@pytest.mark.parametrize(
    "qr",
    [
        VietQR("97043", "0011001234567", amount=1),
        VietQR("970436", "001-100", amount=1),
        VietQR("970436", "0011001234567", amount=0),
        VietQR("970436", "0011001234567", amount=-5),
        VietQR("970436", "0011001234567", amount=10.5),
        VietQR("970436", "0011001234567", amount=1, purpose="Thanh toán đơn"),
        VietQR("970436", "0011001234567", amount=1, purpose="X" * 26),
    ],
    ids=["short-bin", "dash-account", "zero", "negative", "float", "diacritics", "long-purpose"],
)
def test_bad_inputs_are_refused(qr):
    with pytest.raises(VietQRError):
        qr.payload()


@pytest.mark.django_db
def test_the_order_page_shows_a_vietqr_for_the_exact_amount_with_the_reference(
    client, settings, make_seller, make_product, place_order
):
    from tests.qr_decoding import decode_svg_qr

    order = place_order((make_product(make_seller(), price="150000"), 3))
    session = client.session
    session["checkout_order_id"] = order.pk
    session.save()
    page = client.get("/checkout/thank-you/").content.decode()
    svg = page[page.index("<svg") : page.index("</svg>") + 6]
    qr = decode(decode_svg_qr(svg))
    assert (qr.bank_bin, qr.account_number) == (settings.VIETQR_BANK_BIN, settings.VIETQR_ACCOUNT_NUMBER)
    assert qr.amount == 450000
    assert qr.purpose == f"OCOP{order.number}"
    assert "450.000\u00a0₫" in page and f"OCOP{order.number}" in page
