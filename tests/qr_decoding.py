"""Reading back the QR codes the site serves: the SVG is drawn with Pillow, then decoded by zxing."""

import re

import zxingcpp
from PIL import Image, ImageDraw


def decode_svg_qr(svg: str) -> str:
    """Decode a segno SVG (one horizontal-line path, relative moves) into the text it carries."""
    width = int(re.search(r'width="(\d+)"', svg).group(1))
    scale = int(re.search(r"scale\((\d+)\)", svg).group(1))
    path = re.search(r'class="qrline"[^>]* d="([^"]+)"', svg).group(1)
    image = Image.new("L", (width, width), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:\s(-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:  # h: a dark run of modules on row y (the stroke is centred on y)
            top = int((y - 0.5) * scale)
            draw.rectangle([int(x * scale), top, int((x + float(a)) * scale) - 1, top + scale - 1], fill=0)
            x += float(a)
    results = zxingcpp.read_barcodes(image)
    assert len(results) == 1, f"expected one QR code, found {len(results)}"
    return results[0].text
