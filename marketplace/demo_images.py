"""Demo product photos drawn offline with Pillow: a soft gradient per OCOP group, a motif, the name."""

import math
import textwrap
from functools import cache
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = 800
JPEG_QUALITY = 80
# DejaVu draws every Vietnamese diacritic; Pillow's built-in font misses many of them.
FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
)

# Per OCOP group: gradient top, gradient bottom, motif colour.
PALETTES = {
    1: ((255, 241, 214), (242, 178, 102), (176, 84, 28)),
    2: ((232, 246, 220), (128, 184, 104), (40, 104, 46)),
    3: ((240, 246, 228), (176, 196, 120), (92, 112, 36)),
    4: ((236, 232, 250), (120, 112, 186), (54, 44, 120)),
    5: ((250, 238, 222), (196, 150, 100), (112, 72, 34)),
    6: ((222, 240, 250), (96, 164, 200), (24, 86, 124)),
}


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONT_PATHS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def _gradient(top, bottom) -> Image.Image:
    mask = Image.linear_gradient("L").resize((SIZE, SIZE))
    return Image.composite(Image.new("RGB", (SIZE, SIZE), bottom), Image.new("RGB", (SIZE, SIZE), top), mask)


def _leaf(draw, cx, cy, length, angle, fill):
    """A leaf as a lens of two arcs, pointing at `angle` degrees."""
    points = []
    for step in range(41):
        t = step / 40
        along, across = length * (t - 0.5), length * 0.22 * math.sin(math.pi * t)
        points.append((along, across))
    points += [(x, -y) for x, y in reversed(points)]
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    draw.polygon([(cx + x * cos - y * sin, cy + x * sin + y * cos) for x, y in points], fill=fill)


def _draw_motif(draw, group: int, colour):
    soft = (*colour, 170)
    if group == 1:  # a bowl with steam
        draw.pieslice((230, 160, 570, 500), 0, 180, fill=soft)
        draw.rectangle((220, 322, 580, 338), fill=soft)
        for x in (330, 400, 470):
            draw.arc((x - 20, 170, x + 20, 290), 100, 260, fill=soft, width=8)
    elif group == 2:  # two tea leaves on a stem
        draw.line((400, 480, 400, 150), fill=soft, width=10)
        _leaf(draw, 320, 280, 260, -35, soft)
        _leaf(draw, 480, 220, 240, 215, soft)
    elif group == 3:  # a sprig of herbs
        draw.line((400, 500, 400, 130), fill=soft, width=8)
        for y, side in ((440, 1), (370, -1), (300, 1), (230, -1)):
            _leaf(draw, 400 + side * 80, y, 170, 90 - side * 60, soft)
    elif group == 4:  # a woven band of diamonds
        for row, y in enumerate(range(170, 470, 100)):
            for x in range(100 + (row % 2) * 50, 720, 100):
                draw.polygon([(x, y - 45), (x + 45, y), (x, y + 45), (x - 45, y)], fill=soft)
    elif group == 5:  # a basket
        draw.rounded_rectangle((230, 260, 570, 480), radius=40, fill=soft)
        draw.arc((290, 120, 510, 380), 180, 360, fill=soft, width=14)
        for x in range(270, 560, 40):
            draw.line((x, 270, x, 470), fill=(255, 255, 255, 90), width=4)
    else:  # mountains, a lake and the sun
        draw.ellipse((520, 110, 640, 230), fill=(*colour, 110))
        draw.polygon([(120, 470), (330, 170), (540, 470)], fill=soft)
        draw.polygon([(360, 470), (520, 250), (690, 470)], fill=(*colour, 130))


def _fit(draw, name: str, max_width: int = 640):
    """The name on at most two lines, in the largest size that fits the label."""
    for size, width in ((52, 20), (46, 24), (40, 28)):
        font = _font(size)
        text = "\n".join(textwrap.wrap(name, width=width, max_lines=2, placeholder="…"))
        left, _, right, _ = draw.multiline_textbbox((0, 0), text, font=font, spacing=10)
        if right - left <= max_width:
            break
    return text, font


def product_photo(name: str, group: int) -> bytes:
    """An 800×800 JPEG for a product called `name` in OCOP group `group`."""
    top, bottom, colour = PALETTES[group]
    image = _gradient(top, bottom).convert("RGBA")
    overlay = Image.new("RGBA", image.size)
    draw = ImageDraw.Draw(overlay)
    _draw_motif(draw, group, colour)
    draw.rounded_rectangle((60, 540, 740, 740), radius=28, fill=(255, 255, 255, 200))
    text, font = _fit(draw, name)
    draw.multiline_text(
        (SIZE / 2, 640), text, font=font, fill=colour, anchor="mm", align="center", spacing=10
    )
    image.alpha_composite(overlay)
    buffer = BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()
