"""Draw the nnsim application icon and write resources/ (run by hand; outputs are committed).

    python packaging/make_icons.py            # PNGs with PySide6 (the project's venv)
    python packaging/make_icons.py --pillow   # also nnsim.ico and nnsim.icns (needs Pillow)

The glyph: a small feed-forward network (3-4-2 neurons, every edge drawn) in white on a
rounded blue square; the output neurons are orange, like an activation lighting up. Each
size is drawn as vectors (not scaled down from 256 px), with thicker strokes and fewer
edges at 16 and 32 px so it stays readable in a task bar.

Pillow is only needed for the .ico/.icns containers; install it in a throwaway venv:
    python3 -m venv /tmp/iconvenv && /tmp/iconvenv/bin/pip install PySide6-Essentials pillow
    /tmp/iconvenv/bin/python packaging/make_icons.py --pillow
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

SIZES = (16, 32, 48, 64, 128, 256, 512)
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources"

BG_TOP = "#2f6fd6"
BG_BOTTOM = "#1a3f8f"
EDGE = "#dce8ff"
NODE = "#ffffff"
OUTPUT = "#ffa23a"
NODE_RIM = "#10285e"


def draw(size: int):
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPen

    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)

    # rounded square background (full bleed at 16 px, a margin above)
    margin = 0.0 if size <= 16 else s * 0.04
    rect = QRectF(margin, margin, s - 2 * margin, s - 2 * margin)
    grad = QLinearGradient(0, 0, 0, s)
    grad.setColorAt(0.0, QColor(BG_TOP))
    grad.setColorAt(1.0, QColor(BG_BOTTOM))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(grad)
    radius = rect.width() * 0.2
    p.drawRoundedRect(rect, radius, radius)

    small = size <= 32
    layers = (2, 3, 1) if small else (3, 4, 2)
    xs = (0.22, 0.5, 0.78)
    spread = 0.56 if small else 0.62

    def ys(n):
        if n == 1:
            return [0.5]
        top = 0.5 - spread / 2
        return [top + i * spread / (n - 1) for i in range(n)]

    pts = [[QPointF(x * s, y * s) for y in ys(n)] for x, n in zip(xs, layers)]

    edge_w = max(1.0, s * (0.045 if small else 0.022))
    pen = QPen(QColor(EDGE))
    pen.setWidthF(edge_w)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    for a, b in zip(pts, pts[1:]):
        for pa in a:
            for pb in b:
                p.drawLine(pa, pb)

    r = s * (0.085 if small else 0.062)
    rim = QPen(QColor(NODE_RIM))
    rim.setWidthF(max(1.0, s * 0.012))
    for li, layer in enumerate(pts):
        color = QColor(OUTPUT if li == len(pts) - 1 else NODE)
        p.setBrush(color)
        p.setPen(Qt.PenStyle.NoPen if small else rim)
        for pt in layer:
            p.drawEllipse(pt, r, r)
    p.end()
    return img


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pillow", action="store_true", help="also write nnsim.ico and nnsim.icns")
    args = ap.parse_args()

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts)
    (OUT / "icons").mkdir(parents=True, exist_ok=True)
    written = []
    for size in SIZES:
        path = OUT / "icons" / f"nnsim-{size}.png"
        if not draw(size).save(str(path), "PNG"):
            raise SystemExit(f"could not write {path}")
        written.append(path)
    main_png = OUT / "nnsim.png"
    draw(256).save(str(main_png), "PNG")
    written.append(main_png)

    if args.pillow:
        from PIL import Image

        images = {n: Image.open(OUT / "icons" / f"nnsim-{n}.png").convert("RGBA") for n in SIZES}
        ico = OUT / "nnsim.ico"
        # Pillow's ICO writer takes the largest image and the wanted sizes; hand it our
        # own small renderings too so 16/32 px are the hand-tuned ones, not downscales.
        images[256].save(
            ico,
            format="ICO",
            sizes=[(n, n) for n in (16, 32, 48, 64, 128, 256)],
            append_images=[images[n] for n in (16, 32, 48, 64, 128)],
        )
        icns = OUT / "nnsim.icns"
        # ICNS wants up to 1024 px (512@2x); draw it rather than let Pillow upscale 512.
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            big = Path(tmp) / "nnsim-1024.png"
            draw(1024).save(str(big), "PNG")
            Image.open(big).convert("RGBA").save(
                icns,
                format="ICNS",
                append_images=[images[n] for n in (16, 32, 64, 128, 256, 512)],
            )
        written += [ico, icns]
    for path in written:
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
