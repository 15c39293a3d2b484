"""Issue 16: on a 1366×768 screen the main window and the long dialogs open inside the available
geometry (the status bar with the user and «Сохранить»/«Отмена» stay reachable)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QApplication

from chemcluster_desktop.settings import settings


def _inside(w) -> None:
    av = w.screen().availableGeometry()
    assert av.width() == 1366 and av.height() == 768  # the test screen (tests/ui/screen_1366x768.json)
    assert av.contains(w.frameGeometry()), (w.objectName(), w.frameGeometry(), av)


def test_main_window_and_status_bar_inside_the_screen(window):
    _inside(window)
    sb = window.statusBar()
    bottom = sb.mapToGlobal(sb.rect().bottomRight())
    assert window.screen().availableGeometry().contains(bottom)


def test_geometry_saved_on_a_larger_screen_is_fitted(qtbot, db):
    from chemcluster_desktop.app import create_application
    from chemcluster_desktop.ui.main_window import MainWindow

    create_application()
    big = MainWindow()
    qtbot.addWidget(big)
    big.setMinimumSize(0, 0)
    big.setGeometry(0, 0, 1900, 1000)
    settings().set("window/geometry", bytes(big.saveGeometry().data()), save=False)
    big.close()
    w = MainWindow()
    qtbot.addWidget(w)
    assert QByteArray(settings().get("window/geometry"))
    w.show()
    qtbot.waitExposed(w)
    _inside(w)


def test_new_workshop_dialog_fits_and_buttons_reachable(window, qtbot):
    from chemcluster_desktop.ui.dialogs.workshop_dialog import WorkshopDialog

    dlg = WorkshopDialog(window)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    _inside(dlg)
    assert dlg.minimumHeight() <= dlg.screen().availableGeometry().height()
    assert dlg.minimumSizeHint().height() <= 768
    save = dlg.buttons.buttons()[0]
    assert dlg.rect().contains(save.mapTo(dlg, save.rect().bottomRight()))
    dlg.reject()


def test_pdf_preview_fits(window, qtbot, tmp_path):
    from reportlab.pdfgen import canvas

    from chemcluster_desktop.ui.dialogs.pdf_preview import PdfPreviewDialog

    pdf = tmp_path / "a.pdf"
    c = canvas.Canvas(str(pdf))
    c.drawString(100, 700, "test")
    c.save()
    dlg = PdfPreviewDialog(pdf, "Предпросмотр", window)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    _inside(dlg)
    for w in QApplication.topLevelWidgets():
        if w.isVisible():
            _inside(w)
    dlg.reject()


def test_a_dialog_shown_while_the_start_builds_the_window_is_fitted_when_the_filter_resumes(qtbot, db, monkeypatch):
    """The start takes the fitting filter off while it builds and first paints the main window (it made
    PySide6 create Python types for every object that got an event); a dialog shown in that moment (the
    demo offer, a network-share warning) is fitted when the filter comes back, and later dialogs as always."""
    from PySide6.QtWidgets import QDialog

    from chemcluster_desktop.app import create_application
    from chemcluster_desktop.ui import screen, startup

    app = create_application()
    monkeypatch.setattr(startup, "offer_demo", lambda w: None)
    monkeypatch.setattr(startup, "FIT_RESUME_MS", 50)
    w = startup.after_open(app)
    qtbot.addWidget(w)
    assert screen._paused  # the window is being built and painted
    w.show()
    qtbot.waitExposed(w)
    big = QDialog(w)
    qtbot.addWidget(big)
    big.setMinimumSize(0, 0)
    big.setGeometry(0, 0, 1900, 1000)  # larger than the 1366×768 screen
    big.show()
    qtbot.waitExposed(big)
    qtbot.waitUntil(lambda: not screen._paused, timeout=3000)
    _inside(big)
    _inside(w)
    later = QDialog(w)
    qtbot.addWidget(later)
    later.setMinimumSize(0, 0)
    later.resize(1900, 1000)
    later.show()
    qtbot.waitExposed(later)
    _inside(later)
