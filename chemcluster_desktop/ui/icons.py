"""Icons from one consistent set: Material Design Icons 6.9.96, shipped as SVG files in
``resources/icons/mdi/`` (rendered once from the icon font by ``resources/icons/render_mdi.py``;
Apache 2.0 / SIL OFL 1.1, see the About dialog). Loading an icon font at start (qtawesome) cost
~0.2 s of every start; an SVG is read and drawn only when a button or list item is painted.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap

from chemcluster_desktop import paths

ACCENT = "#1f6fb2"
DEFAULT_COLOR = "#37474f"
DISABLED_OPACITY = 0.38
log = logging.getLogger(__name__)


def svg_path(name: str):
    return paths.resource("icons", "mdi", f"{name}.svg")


@lru_cache(maxsize=256)
def _svg(name: str) -> bytes | None:
    try:
        return svg_path(name).read_bytes()
    except OSError:
        log.warning("icon %s not found in %s", name, svg_path(name).parent)
        return None


class _SvgIconEngine(QIconEngine):
    """Draws one coloured SVG at whatever size a widget asks for; disabled icons faded."""

    def __init__(self, data: bytes):
        super().__init__()
        self._data = data
        self._renderer = None
        self._cache: dict[tuple, QPixmap] = {}

    def _render(self):
        if self._renderer is None:
            from PySide6.QtSvg import QSvgRenderer

            self._renderer = QSvgRenderer(QByteArray(self._data))
        return self._renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(painter.opacity() * DISABLED_OPACITY)
        side = min(rect.width(), rect.height())
        target = QRectF(rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side, side)
        self._render().render(painter, target)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        key = (size.width(), size.height(), mode)
        pm = self._cache.get(key)
        if pm is None:
            pm = QPixmap(size)
            pm.fill(Qt.GlobalColor.transparent)
            p = QPainter(pm)
            try:
                p.setRenderHint(QPainter.RenderHint.Antialiasing)
                self.paint(p, QRect(0, 0, size.width(), size.height()), mode, state)
            finally:
                p.end()
            self._cache[key] = pm
        return pm

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        pm = self.pixmap(QSize(round(size.width() * scale), round(size.height() * scale)), mode, state)
        pm.setDevicePixelRatio(scale)
        return pm

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def clone(self) -> QIconEngine:
        return _SvgIconEngine(self._data)

    def key(self) -> str:
        return "chemcluster-svg"

    def isNull(self) -> bool:
        return False


@lru_cache(maxsize=256)
def icon(name: str, color: str = DEFAULT_COLOR) -> QIcon:
    """The MDI icon ``name`` (e.g. ``"plus-circle-outline"``) in ``color``; an empty icon (the text
    stays) when the file is missing."""
    data = _svg(name)
    if data is None:
        return QIcon()
    return QIcon(_SvgIconEngine(data.replace(b'fill="#000000"', f'fill="{color}"'.encode("ascii"))))
