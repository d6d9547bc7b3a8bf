"""QR codes as inline-safe SVG, made offline with segno."""

import io

import segno


def qr_svg(data: str, *, title: str = "", scale: int = 4) -> str:
    """An SVG QR code for `data` (error correction M: readable when printed small on packaging)."""
    qr = segno.make(data, error="m", micro=False)
    out = io.BytesIO()
    qr.save(out, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True, title=title or None,
            dark="#14361f", light="#ffffff")
    return out.getvalue().decode()
