"""Make the program's icon: the MDI «flask-outline» (the inventory's icon) in white on a rounded square
of the program's accent colour, as ``resources/icons/chemcluster.png`` (256 px, the window icon) and
``resources/icons/chemcluster.ico`` (16–256 px, the Windows executables, shortcuts and installer).

    QT_QPA_PLATFORM=offscreen python installer/make_icon.py      # needs PySide6 and Pillow

Both files are committed; run it again only to change the icon.
"""

from __future__ import annotations

import io
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
ACCENT = "#1f6fb2"
SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256]


def render_png(size: int = 256) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication([])  # noqa: F841 - QPainter needs it
    svg = (ICONS / "mdi" / "flask-outline.svg").read_bytes().replace(b'fill="#000000"', b'fill="#ffffff"')
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    try:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(ACCENT))
        r = size * 0.2
        p.drawRoundedRect(QRectF(0, 0, size, size), r, r)
        m = size * 0.14
        QSvgRenderer(QByteArray(svg)).render(p, QRectF(m, m, size - 2 * m, size - 2 * m))
    finally:
        p.end()
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    return bytes(buf.data())


def main() -> int:
    from PIL import Image

    png = render_png(256)
    (ICONS / "chemcluster.png").write_bytes(png)
    Image.open(io.BytesIO(png)).save(ICONS / "chemcluster.ico", format="ICO", sizes=[(s, s) for s in SIZES])
    print(f"written {ICONS / 'chemcluster.png'} and {ICONS / 'chemcluster.ico'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
