"""Сервис → Настройки (college details and logo used by every report; a non-image refused) and
F1 help shown inside the program."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from chemcluster_desktop.services import database, printing
from tests.cluster.helpers import check_pdf


def _png(path):
    img = QImage(64, 48, QImage.Format.Format_RGB32)
    img.fill(QColor("#1f6fb2"))
    assert img.save(str(path), "PNG")
    return path


def test_settings_dialog_saves_and_refuses_non_image(window, qtbot, tmp_path):
    act = window.act_settings  # Сервис → Настройки… (Ctrl+,)
    assert act in window.menu_tools.actions() and act.text() == "Настройки…"
    act.trigger()
    dlg = window._settings_dialog
    assert dlg.isVisible()
    name = dlg.fields["college.name"]
    name.setText("ГБПОУ «Дзержинский химический техникум» & Co <тест>")
    dlg.fields["college.director"].setText("Смирнова О. В.")
    dlg.fields["college.inn"].clear()
    qtbot.keyClicks(dlg.fields["college.inn"], "123")
    assert dlg.errors["college.inn"].isVisible()
    dlg.fields["college.inn"].clear()
    qtbot.keyClicks(dlg.fields["college.inn"], "5249023823")
    assert not dlg.errors["college.inn"].isVisible()

    fake = tmp_path / "logo.png"
    fake.write_text("это не картинка", encoding="utf-8")
    assert not dlg.choose_logo(str(fake))
    assert "не изображение" in dlg.errors["logo"].text()
    assert dlg.logo == "keep"

    pat = dlg.fields["inventory.number_pattern"]
    pat.setText("ХП-{year}")
    assert dlg.errors["inventory.number_pattern"].isVisible()
    pat.setText("ХП-{year}-{seq:05d}")
    assert "ХП-2026-00001" in dlg.sample.text()

    assert dlg.choose_logo(str(_png(tmp_path / "real.png")))
    qtbot.mouseClick(dlg.buttons.button(dlg.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=3000)
    st = database.get_settings("college.")
    assert st["college.director"] == "Смирнова О. В."
    assert st["college.inn"] == "5249023823"
    assert st["college.logo"]
    assert database.get_setting("inventory.number_pattern") == "ХП-{year}-{seq:05d}"

    res = printing.build("kpi", tmp_path / "kpi.pdf")
    text, _ = check_pdf(res.path, printing.title("kpi"))
    assert "& Co <тест>" in text
    assert "Смирнова О. В." in text
    from pypdf import PdfReader

    assert any(page.images for page in PdfReader(res.path).pages)


def test_settings_service_refuses(db, tmp_path):
    import pytest

    from chemcluster_desktop.services import settings_service
    from chemcluster_desktop.services.errors import PermissionDenied, ValidationError

    with pytest.raises(ValidationError, match="не изображение"):
        settings_service.save({"college.name": "X"}, b"GIF89a-broken")
    with pytest.raises(ValidationError) as e:
        settings_service.save({"college.name": "", "college.inn": "12", "inventory.number_pattern": "{x}"})
    assert {f for f, _m in e.value.errors} == {"college.name", "college.inn", "inventory.number_pattern"}
    from chemcluster_desktop.services import context

    prev = context.actor()
    context.set_actor(context.Actor("viewer", "viewer"))
    try:
        with pytest.raises(PermissionDenied):
            settings_service.save({"college.name": "X"})
    finally:
        context.set_actor(prev)


def test_f1_opens_guide(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dlg = getattr(window, "_help_dialog", None)
    if dlg is None:  # offscreen platforms may not route the shortcut: use the menu action
        window.act_help.trigger()
        dlg = window._help_dialog
    assert dlg.isVisible()
    text = dlg.browser.toPlainText()
    for word in ("Инвентарь", "Аккредитация", "Расписание", "Закупки", "Отчёты", "Кластер", "Ctrl+N", "F5"):
        assert word in text
    dlg.load("en")
    assert "Common keys" in dlg.browser.toPlainText()
    dlg.close()
