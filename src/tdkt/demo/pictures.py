"""Photos for the demo's examples, drawn with Pillow from the seed: simple scenes (a meeting hall,
the procuracy's building, a training room, an award ceremony, work against the epidemic, a
courtroom, the citizens' reception room). Nothing is downloaded and no image is committed; the
same seed draws the same pixels."""

from __future__ import annotations

import io
import random
from collections.abc import Callable

from PIL import Image, ImageDraw

W, H = 960, 640
RED, GOLD, CREAM = (165, 28, 28), (226, 178, 36), (246, 238, 222)
Draw = ImageDraw.ImageDraw


def draw(scene: str, variant: int) -> bytes:
    """The scene as JPEG bytes (the photo service re-encodes and resizes it like an upload)."""
    rng = random.Random(f"tdkt-demo-photo-{scene}-{variant}")
    picture = Image.new("RGB", (W, H), CREAM)
    canvas = ImageDraw.Draw(picture)
    SCENES[scene](canvas, rng)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=88)
    return out.getvalue()


def _shade(color: tuple[int, int, int], rng: random.Random, spread: int = 18) -> tuple[int, ...]:
    return tuple(max(0, min(255, c + rng.randint(-spread, spread))) for c in color)


def _star(canvas: Draw, cx: float, cy: float, r: float, color: tuple[int, int, int]) -> None:
    import math

    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.4
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    canvas.polygon(points, fill=color)


def _person(
    canvas: Draw, x: float, y: float, scale: float, rng: random.Random, mask: bool = False
) -> None:
    """A seated or standing figure seen from the front: head and shoulders."""
    skin = _shade((224, 184, 150), rng, 20)
    shirt = rng.choice([(40, 60, 110), (230, 230, 235), (60, 90, 70), (120, 30, 30)])
    head = 18 * scale
    canvas.ellipse((x - head, y - 2 * head, x + head, y), fill=skin)
    canvas.rectangle((x - head, y - 2 * head, x + head, y - 1.6 * head), fill=(40, 32, 28))
    canvas.rounded_rectangle(
        (x - 2.2 * head, y + 2, x + 2.2 * head, y + 3.6 * head), radius=int(head), fill=shirt
    )
    if mask:
        canvas.rectangle(
            (x - 0.8 * head, y - 0.9 * head, x + 0.8 * head, y - 0.2 * head), fill=(150, 200, 235)
        )


def _flag(canvas: Draw, x: float, y: float, w: float) -> None:
    canvas.rectangle((x, y, x + w, y + w * 2 / 3), fill=(218, 37, 29))
    _star(canvas, x + w / 2, y + w / 3, w / 5, (255, 221, 0))


def _hall(canvas: Draw, rng: random.Random) -> None:
    canvas.rectangle((0, 0, W, H * 0.62), fill=_shade(RED, rng))
    canvas.rectangle((W * 0.15, H * 0.08, W * 0.85, H * 0.22), fill=_shade((190, 40, 40), rng))
    for i in range(6):
        canvas.rectangle(
            (W * 0.2 + i * W * 0.1, H * 0.13, W * 0.27 + i * W * 0.1, H * 0.17), fill=GOLD
        )
    _star(canvas, W / 2, H * 0.36, 60, GOLD)
    canvas.rectangle((W * 0.42, H * 0.46, W * 0.58, H * 0.66), fill=(120, 72, 40))
    canvas.rectangle((0, H * 0.62, W, H), fill=(150, 110, 80))
    for row in range(3):
        for col in range(9):
            x = 60 + col * 105 + rng.randint(-8, 8) + (row % 2) * 40
            _person(canvas, x, H * 0.78 + row * 55, 0.9 + row * 0.15, rng)


def _building(canvas: Draw, rng: random.Random) -> None:
    canvas.rectangle((0, 0, W, H), fill=_shade((150, 195, 230), rng, 12))
    canvas.rectangle((0, H * 0.82, W, H), fill=(120, 150, 90))
    left, right, top = W * 0.18, W * 0.82, H * 0.28
    canvas.rectangle((left, top, right, H * 0.82), fill=_shade((238, 222, 180), rng))
    canvas.polygon([(left - 20, top), (W / 2, H * 0.14), (right + 20, top)], fill=_shade(RED, rng))
    for i in range(7):
        x = left + 30 + i * (right - left - 60) / 6
        canvas.rectangle((x - 10, top + 30, x + 10, H * 0.82), fill=(250, 246, 236))
    canvas.rectangle((W * 0.45, H * 0.6, W * 0.55, H * 0.82), fill=(110, 70, 40))
    canvas.line((W * 0.9, H * 0.82, W * 0.9, H * 0.12), fill=(90, 90, 90), width=6)
    _flag(canvas, W * 0.9, H * 0.12, 90)


def _training(canvas: Draw, rng: random.Random) -> None:
    canvas.rectangle((0, 0, W, H * 0.6), fill=_shade((230, 232, 236), rng))
    canvas.rectangle(
        (W * 0.25, H * 0.06, W * 0.75, H * 0.42),
        fill=(255, 255, 255),
        outline=(60, 60, 60),
        width=4,
    )
    for i in range(5):
        height = rng.randint(40, 170)
        x = W * 0.32 + i * 70
        canvas.rectangle((x, H * 0.38 - height, x + 45, H * 0.38), fill=RED if i % 2 else GOLD)
    canvas.rectangle((0, H * 0.6, W, H), fill=(196, 170, 130))
    for row in range(2):
        canvas.rectangle(
            (40, H * 0.7 + row * 110, W - 40, H * 0.74 + row * 110), fill=(120, 80, 50)
        )
        for col in range(7):
            _person(
                canvas,
                110 + col * 125 + rng.randint(-10, 10),
                H * 0.69 + row * 110,
                1.0 + row * 0.2,
                rng,
            )


def _ceremony(canvas: Draw, rng: random.Random) -> None:
    canvas.rectangle((0, 0, W, H), fill=_shade(RED, rng))
    canvas.rectangle((0, H * 0.78, W, H), fill=(110, 60, 40))
    _star(canvas, W * 0.12, H * 0.18, 45, GOLD)
    _star(canvas, W * 0.88, H * 0.18, 45, GOLD)
    count = rng.randint(5, 7)
    for i in range(count):
        x = W * 0.14 + i * (W * 0.72) / (count - 1)
        _person(canvas, x, H * 0.5, 1.9, rng)
        canvas.rectangle(
            (x - 32, H * 0.55, x + 32, H * 0.64), fill=(250, 240, 200), outline=GOLD, width=4
        )


def _epidemic(canvas: Draw, rng: random.Random) -> None:
    canvas.rectangle((0, 0, W, H), fill=_shade((170, 205, 235), rng, 10))
    canvas.rectangle((0, H * 0.7, W, H), fill=(140, 140, 130))
    canvas.polygon(
        [(W * 0.24, H * 0.7), (W * 0.37, H * 0.36), (W * 0.5, H * 0.7)], fill=(40, 110, 70)
    )
    canvas.rectangle((W * 0.55, H * 0.45, W * 0.92, H * 0.52), fill=(250, 250, 250))
    canvas.rectangle((W * 0.55, H * 0.52, W * 0.92, H * 0.7), fill=(230, 230, 230))
    for i in range(4):
        _person(canvas, W * 0.6 + i * 85, H * 0.82, 1.4, rng, mask=True)
    canvas.line((W * 0.2, H * 0.7, W * 0.2, H * 0.12), fill=(90, 90, 90), width=5)
    _flag(canvas, W * 0.2, H * 0.12, 80)


def _courtroom(canvas: Draw, rng: random.Random) -> None:
    canvas.rectangle((0, 0, W, H), fill=_shade((200, 170, 130), rng))
    canvas.rectangle((W * 0.3, H * 0.04, W * 0.7, H * 0.2), fill=_shade(RED, rng))
    canvas.ellipse((W / 2 - 50, H * 0.22, W / 2 + 50, H * 0.22 + 100), fill=GOLD)
    _star(canvas, W / 2, H * 0.22 + 50, 30, (200, 30, 30))
    canvas.rectangle((W * 0.2, H * 0.55, W * 0.8, H * 0.68), fill=(110, 60, 35))
    for i in range(3):
        _person(canvas, W * 0.35 + i * W * 0.15, H * 0.52, 1.3, rng)
    canvas.rectangle((20, H * 0.74, W * 0.3, H * 0.82), fill=(110, 60, 35))
    _person(canvas, W * 0.15, H * 0.72, 1.2, rng)
    canvas.rectangle((0, H * 0.88, W, H), fill=(150, 100, 60))


def _reception(canvas: Draw, rng: random.Random) -> None:
    canvas.rectangle((0, 0, W, H), fill=_shade((236, 230, 214), rng))
    canvas.rectangle(
        (W * 0.06, H * 0.08, W * 0.4, H * 0.4), fill=(170, 210, 240), outline=(90, 90, 90), width=6
    )
    canvas.rectangle((W * 0.55, H * 0.1, W * 0.93, H * 0.3), fill=_shade(RED, rng))
    for i in range(4):
        canvas.rectangle((W * 0.6 + i * 80, H * 0.17, W * 0.64 + i * 80, H * 0.22), fill=GOLD)
    _person(canvas, W * 0.35, H * 0.62, 1.8, rng)
    _person(canvas, W * 0.68, H * 0.62, 1.8, rng)
    canvas.rectangle((W * 0.15, H * 0.7, W * 0.88, H * 0.8), fill=(120, 80, 50))
    canvas.rectangle((W * 0.44, H * 0.64, W * 0.56, H * 0.7), fill=(250, 250, 250))


SCENES: dict[str, Callable[[Draw, random.Random], None]] = {
    "hoi_nghi": _hall,
    "tru_so": _building,
    "tap_huan": _training,
    "trao_thuong": _ceremony,
    "chong_dich": _epidemic,
    "phien_toa": _courtroom,
    "tiep_dan": _reception,
}
