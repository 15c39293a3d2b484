"""The status bar's path label: shortened in the middle when narrow, whole when there is room, the whole
text always in text() and the tooltip."""

from PySide6.QtWidgets import QHBoxLayout, QWidget

from chemcluster_desktop.ui.widgets.eliding_label import ElidingLabel

PATH = "База данных (файл): C:/Users/lab/Documents/ChemCluster/очень/длинная/папка/кластера/chemcluster.sqlite3"


def test_long_text_is_shortened_in_the_middle_and_whole_again_when_wide(qtbot):
    host = QWidget()
    lay = QHBoxLayout(host)
    label = ElidingLabel(PATH)
    lay.addWidget(label, 1)
    qtbot.addWidget(host)
    host.resize(300, 40)
    host.show()
    qtbot.waitExposed(host)
    shown = label.shown_text()
    assert "…" in shown and shown != PATH
    assert shown.startswith("База") and shown.endswith("sqlite3")  # the middle goes, both ends stay
    assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
    assert label.text() == PATH and label.toolTip() == PATH
    host.resize(label.fontMetrics().horizontalAdvance(PATH) + 80, 40)
    qtbot.waitUntil(lambda: label.shown_text() == PATH)
    label.setText("короткий")
    assert label.shown_text() == "короткий" and label.text() == "короткий"
